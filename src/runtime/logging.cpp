#include "genrekit/runtime/logging.h"

#include <memory>

#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "genrekit/error.h"
#include "genrekit/runtime/progress.h"

namespace genrekit::runtime {

namespace {

// The console sink: each message goes above a progress bar drawn on the terminal, not into it.
class AboveProgressSink : public spdlog::sinks::sink {
 public:
  AboveProgressSink() : console_(std::make_shared<spdlog::sinks::stderr_color_sink_mt>()) {}
  void log(const spdlog::details::log_msg& message) override {
    print_above_progress([&] {
      console_->log(message);
      console_->flush();
    });
  }
  void flush() override { console_->flush(); }
  void set_pattern(const std::string& pattern) override { console_->set_pattern(pattern); }
  void set_formatter(std::unique_ptr<spdlog::formatter> formatter) override { console_->set_formatter(std::move(formatter)); }

 private:
  std::shared_ptr<spdlog::sinks::sink> console_;
};

}  // namespace

void setup_logging(std::string_view level) {
  const auto parsed = spdlog::level::from_str(std::string(level));
  if (parsed == spdlog::level::off && level != "off")
    throw ConfigError("log level '" + std::string(level) + "': expected one of trace|debug|info|warn|error|off");
  auto console = std::make_shared<AboveProgressSink>();
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
