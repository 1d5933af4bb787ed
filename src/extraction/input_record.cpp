#include "genrekit/extraction/input_record.h"

#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <sstream>

#include <spdlog/spdlog.h>

#include "genrekit/error.h"
#include "genrekit/runtime/run_dir.h"
#include "genrekit/runtime/run_layout.h"

namespace genrekit::extraction {

namespace fs = std::filesystem;

namespace {

fs::path record_file(const fs::path& run_dir) { return runtime::RunLayout(run_dir).extract_work() / "inputs.tsv"; }

// "size<TAB>mtime" of a file, "-<TAB>-" when it cannot be read.
std::string size_and_time(const fs::path& path) {
  std::error_code error;
  const auto size = fs::file_size(path, error);
  if (error) return "-\t-";
  const auto time = fs::last_write_time(path, error);
  if (error) return "-\t-";
  return std::to_string(size) + "\t" + std::to_string(time.time_since_epoch().count());
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// A recorded modification time (the file clock's ticks, as compared) as UTC to the nanosecond: two
// versions of a file often differ by less than a second.
std::string utc_text(const std::string& ticks) {
  std::int64_t count = 0;
  const auto [end, error] = std::from_chars(ticks.data(), ticks.data() + ticks.size(), count);
  if (error != std::errc() || end != ticks.data() + ticks.size()) return ticks;
  const auto time = std::chrono::file_clock::to_sys(fs::file_time_type(fs::file_time_type::duration(count)));
  const auto second = std::chrono::floor<std::chrono::seconds>(time);
  const std::time_t whole = std::chrono::system_clock::to_time_t(std::chrono::time_point_cast<std::chrono::system_clock::duration>(second));
  std::tm tm{};
  gmtime_r(&whole, &tm);
  char date[32], fraction[16];
  std::strftime(date, sizeof date, "%Y-%m-%d %H:%M:%S", &tm);
  std::snprintf(fraction, sizeof fraction, ".%09lld", static_cast<long long>(std::chrono::nanoseconds(time - second).count()));
  return std::string(date) + fraction + " UTC";
}

// "key (path, N bytes, modified T)" of a record line, for messages.
std::string describe(const std::string& line) {
  std::vector<std::string> field;
  std::istringstream in(line);
  for (std::string f; std::getline(in, f, '\t');) field.push_back(f);
  if (field.size() < 5) return "'" + line + "'";
  return "'" + field[1] + "' (" + field[2] + ", " + (field[3] == "-" ? std::string("unreadable") : field[3] + " bytes, modified " + utc_text(field[4])) + ")";
}

}  // namespace

std::string input_record(const std::vector<WorkItem>& items) {
  std::string text;
  for (const auto& item : items)
    text += std::to_string(item.position) + "\t" + item.key + "\t" + item.path.string() + "\t" + size_and_time(item.path) + "\n";
  return text;
}

void check_same_inputs(const fs::path& run_dir, const std::vector<WorkItem>& items) {
  if (!fs::exists(record_file(run_dir))) {
    if (fs::exists(runtime::RunLayout(run_dir).extract_journal()))
      spdlog::warn("{}: no record of the inputs (a run started by an older genrekit): resuming without comparing them",
                   run_dir.string());
    return;
  }
  const std::vector<std::string> recorded = lines_of(runtime::read_file(record_file(run_dir)));
  const std::vector<std::string> now = lines_of(input_record(items));
  std::vector<std::string> differences;
  if (recorded.size() != now.size())
    differences.push_back("the run was started on " + std::to_string(recorded.size()) + " items, this command gives " +
                          std::to_string(now.size()));
  std::size_t more = 0;
  for (std::size_t i = 0; i < std::max(recorded.size(), now.size()); ++i) {
    const std::string before = i < recorded.size() ? recorded[i] : "", after = i < now.size() ? now[i] : "";
    if (before == after) continue;
    if (differences.size() >= 10) {
      ++more;
      continue;
    }
    differences.push_back("item " + std::to_string(i + 1) + ": recorded " + (before.empty() ? "none" : describe(before)) +
                          ", now " + (after.empty() ? "none" : describe(after)));
  }
  if (differences.empty()) return;
  std::string list;
  for (const auto& d : differences) list += "\n  " + d;
  if (more > 0) list += "\n  ... and " + std::to_string(more) + " more";
  throw ConfigError("cannot resume in " + run_dir.string() + ": the inputs differ from those it was started on (" +
                    record_file(run_dir).string() + "):" + list +
                    "\nresume with the same inputs, or extract the others into a new run directory");
}

void record_inputs(const fs::path& run_dir, const std::vector<WorkItem>& items) {
  if (fs::exists(record_file(run_dir))) return;
  fs::create_directories(record_file(run_dir).parent_path());
  runtime::write_file_atomically(record_file(run_dir), input_record(items));
}

}  // namespace genrekit::extraction
