#pragma once
// spdlog set-up shared by the tools: messages to stderr, and to the run directory's log file
// once a run directory exists.
#include <filesystem>
#include <string_view>

namespace genrekit::runtime {

// level: trace|debug|info|warn|error|off. Throws ConfigError for anything else.
void setup_logging(std::string_view level);
// Adds `file` (appended) as a second sink of the default logger, at debug level or finer.
void log_to_file(const std::filesystem::path& file);

}  // namespace genrekit::runtime
