#include "genrekit/runtime/run_dir.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <sstream>
#include <unistd.h>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "genrekit/error.h"
#include "genrekit/runtime/logging.h"
#include "genrekit/runtime/versions.h"

namespace genrekit::runtime {

namespace fs = std::filesystem;

std::string read_file(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw DataError(file.string() + ": cannot read");
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

namespace {

std::string utc_now() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

std::string host_name() {
  char buffer[256] = {};
  return gethostname(buffer, sizeof buffer - 1) == 0 ? buffer : "unknown";
}

void append_line(const fs::path& file, const std::string& line) {
  std::ofstream out(file, std::ios::app);
  out << line << "\n";
  if (!out) throw DataError(file.string() + ": cannot write");
}

nlohmann::json manifest(std::string_view tool, const config::Config& config) {
  nlohmann::json libraries = nlohmann::json::object();
  for (const auto& [name, version] : library_versions()) libraries[name] = version;
  return {
      {"tool", tool},
      {"genrekit", genrekit_version()},
      {"seed", config.get_int("run.seed")},
      {"threads", config.get_int("run.threads")},
      {"host", host_name()},
      {"libraries", libraries},
      {"runs", nlohmann::json::array()},
  };
}

}  // namespace

void write_file_atomically(const fs::path& file, std::string_view text) {
  const fs::path temporary = file.string() + ".tmp";
  {
    std::FILE* out = std::fopen(temporary.c_str(), "wb");
    if (!out) throw DataError(temporary.string() + ": cannot create");
    const bool ok = std::fwrite(text.data(), 1, text.size(), out) == text.size() && std::fflush(out) == 0 &&
                    fsync(fileno(out)) == 0;
    std::fclose(out);
    if (!ok) throw DataError(temporary.string() + ": write failed (disk full?)");
  }
  fs::rename(temporary, file);
}

std::string quote_command_line(const std::vector<std::string>& args) {
  std::string out;
  for (const auto& arg : args) {
    if (!out.empty()) out += ' ';
    const bool plain = !arg.empty() && arg.find_first_not_of(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=:,+@%") == std::string::npos;
    if (plain) {
      out += arg;
    } else {
      out += '\'';
      for (char c : arg) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
      out += '\'';
    }
  }
  return out;
}

bool holds_no_finished_work(const fs::path& dir) {
  std::error_code error;
  if (!fs::is_directory(dir, error) || fs::is_empty(dir, error)) return false;
  const auto records = RunLayout(dir).start_records();
  for (const auto& entry : fs::directory_iterator(dir, error))
    if (std::find(records.begin(), records.end(), entry.path()) == records.end()) return false;
  return !error;
}

RunDir RunDir::open(const fs::path& dir, std::string_view tool, const config::Config& config,
                    const std::vector<std::string>& command_line, bool resume) {
  const std::string resolved = config.to_yaml();
  const bool restarting = holds_no_finished_work(dir);
  if (restarting)  // an earlier start stopped before finishing anything: begin again
    for (const auto& record : RunLayout(dir).start_records()) fs::remove(record);
  const bool exists_with_content = fs::exists(dir) && !fs::is_empty(dir);
  if (exists_with_content) {
    if (!resume)
      throw ConfigError("run directory " + dir.string() +
                        " already exists and is not empty; choose another --run-dir, or --resume to continue it");
    const fs::path recorded = RunLayout(dir).config();
    if (!fs::exists(recorded))
      throw ConfigError("cannot resume in " + dir.string() + ": it holds no config.yaml, so it is not a genrekit run");
    config::Config before(config.schema());
    before.merge_file(recorded);
    if (const auto differences = config.differences_affecting_results(before); !differences.empty()) {
      std::string list;
      for (const auto& d : differences) list += "\n  " + d;
      throw ConfigError("cannot resume in " + dir.string() + ": this command's configuration differs from the recorded "
                        "one in keys that change results (recorded -> now):" + list +
                        "\nresume with the same settings, or use a new run directory");
    }
  } else {
    fs::create_directories(dir);
    write_file_atomically(RunLayout(dir).config(), resolved);
    write_file_atomically(RunLayout(dir).manifest(), manifest(tool, config).dump(2) + "\n");
  }
  log_to_file(RunLayout(dir).log());
  append_line(RunLayout(dir).command_line(), quote_command_line(command_line));

  // Every start (first or resumed) is recorded in the manifest's "runs" list.
  nlohmann::json record = nlohmann::json::parse(read_file(RunLayout(dir).manifest()));
  record["runs"].push_back({{"started", utc_now()}, {"command", quote_command_line(command_line)},
                            {"genrekit", genrekit_version()}, {"resumed", exists_with_content}});
  write_file_atomically(RunLayout(dir).manifest(), record.dump(2) + "\n");
  spdlog::info("{} run directory: {}{}", tool, dir.string(),
               exists_with_content ? " (resuming)" : restarting ? " (started again: it held no finished work)" : "");
  return RunDir(dir, exists_with_content);
}

}  // namespace genrekit::runtime
