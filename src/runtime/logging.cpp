#include "genrekit/runtime/logging.h"

#include <memory>

#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "genrekit/error.h"

namespace genrekit::runtime {

void setup_logging(std::string_view level) {
  const auto parsed = spdlog::level::from_str(std::string(level));
  if (parsed == spdlog::level::off && level != "off")
    throw ConfigError("log level '" + std::string(level) + "': expected one of trace|debug|info|warn|error|off");
  auto console = std::make_shared<spdlog::sinks::stderr_color_sink_mt>();
  console->set_level(parsed);
  console->set_pattern("%^[%L]%$ %v");
  auto logger = std::make_shared<spdlog::logger>("genrekit", console);
  logger->set_level(spdlog::level::trace);  // each sink filters for itself
  logger->flush_on(spdlog::level::warn);
  spdlog::set_default_logger(logger);
}

void log_to_file(const std::filesystem::path& file) {
  auto sink = std::make_shared<spdlog::sinks::basic_file_sink_mt>(file.string(), false);
  sink->set_level(spdlog::level::debug);
  sink->set_pattern("%Y-%m-%d %H:%M:%S.%e [%l] %v");
  spdlog::default_logger()->sinks().push_back(sink);
  spdlog::default_logger()->flush_on(spdlog::level::info);
}

}  // namespace genrekit::runtime
