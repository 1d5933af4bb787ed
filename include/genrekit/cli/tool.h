#pragma once
// The argument and config layer shared by extract, train, evaluate and predict (and the corpus
// generator): common options, config resolution, logging, signal handling and exit codes, so that
// each tool's main only declares its own options and calls the library.
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "genrekit/config/config.h"
#include "genrekit/runtime/run_dir.h"

// CLI11 is header-only, and every file that includes it pays for its validators' static objects
// (~7 s of compile, ~30 s under ASan): only tool.cpp includes it, and the tools declare their own
// options through the typed methods below.
namespace CLI {
class App;
}

namespace genrekit::cli {

// The `run` section every tool has: seed and threads.
config::Section run_section();

// What a tool's body receives once the command line and config are valid.
struct Invocation {
  const config::Config& config;
  std::vector<std::string> command_line;
  std::string run_dir;  // -o/--run-dir, "" when not given
  std::string base_run; // --run, "" when not given
  bool resume = false;  // --resume
  // The configuration resolved the same way (-c files, --set, shorthands) over another run's
  // config.yaml instead of --run's: how `evaluate --compare` reads the second run.
  std::function<config::Config(const std::string& run)> config_of_run;

  // Opens -o/--run-dir as this tool's run directory; ConfigError when -o was not given.
  runtime::RunDir open_run_dir(const std::string& tool) const;
  // The same, recording `resolved` (this invocation's config with what the tool adopted from its
  // inputs, such as the log-mel settings of the shards a network trains on).
  runtime::RunDir open_run_dir(const std::string& tool, const config::Config& resolved) const;
  // run.threads with 0 meaning every core.
  unsigned threads() const;
};

class Tool {
 public:
  Tool(std::string name, std::string description, std::vector<config::Section> sections);
  ~Tool();
  Tool(const Tool&) = delete;
  Tool& operator=(const Tool&) = delete;

  // Tool-specific options. `names` as CLI11 takes them: "--name", "-n,--name", or a name without a
  // dash for positional arguments. Bounded and chosen values show their default in --help.
  void add_flag(const std::string& names, bool& value, const std::string& description);
  void add_option(const std::string& names, std::string& value, const std::string& description);
  void add_option(const std::string& names, std::vector<std::string>& values, const std::string& description);
  void add_choice(const std::string& names, std::string& value, const std::vector<std::string>& choices,
                  const std::string& description);
  void add_bounded(const std::string& names, int& value, int min, int max, const std::string& description);
  void add_bounded(const std::string& names, double& value, double min, double max, const std::string& description);
  // A path that must name an existing file when given.
  void add_existing_file(const std::string& names, std::string& value, const std::string& description);

  // An option that is shorthand for `--set key=VALUE` (applied after every --set).
  void add_set_alias(const std::string& flag, const std::string& key, const std::string& description);

  // `--run DIR`: an earlier run whose recorded config.yaml is the base of this tool's configuration
  // (above the defaults, below every -c and --set). Required when `required`.
  void add_base_run_option(bool required);

  // Example command lines shown at the end of --help, each with what it does.
  void set_examples(const std::vector<std::pair<std::string, std::string>>& examples);

  // Parses, validates and runs `body`; returns the process exit code. Never throws.
  int run(int argc, char** argv, const std::function<int(const Invocation&)>& body);

 private:
  // " (--resme: did you mean '--resume'?)" for each unknown flag of argv close to a known one.
  std::string suggestion_for_unknown_flags(int argc, char** argv) const;

  std::string name_;
  config::Schema schema_;
  std::unique_ptr<CLI::App> app_;
  std::vector<std::string> config_files_;
  std::vector<std::string> assignments_;
  std::vector<std::pair<std::string, std::unique_ptr<std::string>>> aliases_;  // key, value given
  std::optional<std::int64_t> threads_;
  std::optional<std::int64_t> seed_;
  std::string run_dir_;
  std::string base_run_;
  std::string log_level_ = "info";
  int verbosity_ = 0;
  bool quiet_ = false;
  bool resume_ = false;
  bool print_config_ = false;
};

}  // namespace genrekit::cli
