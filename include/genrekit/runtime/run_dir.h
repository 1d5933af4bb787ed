#pragma once
// A run directory holds everything needed to reproduce and reuse a run: the resolved config
// (config.yaml), the command lines that worked on it (command.txt), a manifest with seed, versions
// and git revision (manifest.json), the log (log.txt), and the tool's own outputs.
// An existing directory that holds finished work is never silently overwritten: it is reused only
// to resume, and only when its recorded config equals the new one. One that holds nothing but the
// bookkeeping a start writes (a start that stopped before finishing anything) is started afresh.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "genrekit/config/config.h"
#include "genrekit/runtime/run_layout.h"

namespace genrekit::runtime {

class RunDir {
 public:
  // Creates or (resume) reopens `dir` for `tool`; records config, command line and manifest, and
  // starts logging to log.txt. Throws ConfigError when `dir` exists, is not empty and resuming is
  // not allowed, or when the recorded config differs from `config`.
  static RunDir open(const std::filesystem::path& dir, std::string_view tool, const config::Config& config,
                     const std::vector<std::string>& command_line, bool resume);

  const std::filesystem::path& path() const { return dir_; }
  RunLayout layout() const { return RunLayout(dir_); }
  bool resumed() const { return resumed_; }

 private:
  RunDir(std::filesystem::path dir, bool resumed) : dir_(std::move(dir)), resumed_(resumed) {}
  std::filesystem::path dir_;
  bool resumed_;
};

// True when `dir` exists, is not empty, and holds nothing but what RunDir::open writes at a start
// (config.yaml, manifest.json, command.txt, log.txt): no finished work.
bool holds_no_finished_work(const std::filesystem::path& dir);

// The whole file; DataError naming it when it cannot be read.
std::string read_file(const std::filesystem::path& file);

// Writes `text` to `file` atomically: to a temporary beside it, flushed, then renamed over it, so a
// crash leaves either the old or the new content, never a torn file.
void write_file_atomically(const std::filesystem::path& file, std::string_view text);

// Shell-quoted command line, for command.txt and logs.
std::string quote_command_line(const std::vector<std::string>& args);

}  // namespace genrekit::runtime
