#include "genrekit/cli/tool.h"

#include <algorithm>
#include <filesystem>
#include <iostream>

#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include "genrekit/cli/exit_code.h"
#include "genrekit/config/closest.h"
#include "genrekit/error.h"
#include "genrekit/runtime/interrupt.h"
#include "genrekit/runtime/logging.h"
#include "genrekit/runtime/parallel.h"
#include "genrekit/runtime/versions.h"
#include "genrekit/runtime/run_layout.h"

namespace genrekit::cli {

config::Section run_section() {
  using config::ValueType;
  return {"run",
          "Reproducibility and resources of a run.",
          {
              {.path = "run.seed", .type = ValueType::Int, .default_yaml = "42", .min = 0, .max = 4294967295.0,
               .description = "Seed of every random choice (splits, sampling, initialisation)."},
              {.path = "run.threads", .type = ValueType::Int, .default_yaml = "0", .min = 0, .max = 1024,
               .description = "Worker threads; 0 uses every core.", .affects_results = false},
          }};
}

runtime::RunDir Invocation::open_run_dir(const std::string& tool) const { return open_run_dir(tool, config); }

runtime::RunDir Invocation::open_run_dir(const std::string& tool, const config::Config& resolved) const {
  if (run_dir.empty()) throw ConfigError(tool + ": no run directory given; pass -o/--run-dir DIR");
  return runtime::RunDir::open(run_dir, tool, resolved, command_line, resume);
}

unsigned Invocation::threads() const { return runtime::thread_count(config.get_int("run.threads")); }

namespace {

std::vector<config::Section> with_run_section(std::vector<config::Section> sections) {
  sections.insert(sections.begin(), run_section());
  return sections;
}

std::string version_text() {
  std::string text = "genrekit " + runtime::genrekit_version() + "\n";
  for (const auto& [name, version] : runtime::library_versions()) text += "  " + name + " " + version + "\n";
  return text;
}

}  // namespace

std::string Tool::suggestion_for_unknown_flags(int argc, char** argv) const {
  std::vector<std::string> known;
  for (const CLI::Option* option : app_->get_options())
    for (const auto& name : option->get_lnames()) known.push_back("--" + name);
  std::string text;
  for (int i = 1; i < argc; ++i) {
    const std::string word(argv[i]);
    if (!word.starts_with("--")) continue;
    const std::string flag = word.substr(0, word.find('='));
    if (std::find(known.begin(), known.end(), flag) != known.end()) continue;
    if (const std::string guess = config::closest_name(flag, known); !guess.empty())
      text += " (" + flag + ": did you mean '" + guess + "'?)";
  }
  return text;
}

Tool::Tool(std::string name, std::string description, std::vector<config::Section> sections)
    : name_(std::move(name)),
      schema_(with_run_section(std::move(sections))),
      app_(std::make_unique<CLI::App>(std::move(description), name_)) {
  app_->set_help_flag("-h,--help", "Print this help and exit (every configuration key: --config-reference)");
  app_->add_option("-c,--config", config_files_, "YAML config file; repeatable, merged in order")
      ->check(CLI::ExistingFile);
  app_->add_option("--set", assignments_, "Override one key, e.g. --set run.seed=7 (value parsed as YAML); repeatable");
  app_->add_flag("--print-config", print_config_, "Print the resolved configuration and exit");
  app_->add_option("-o,--run-dir", run_dir_, "Run directory for outputs, logs and the resolved config");
  app_->add_flag("--resume", resume_, "Continue the run in an existing --run-dir (same configuration)");
  app_->add_option("--log-level", log_level_, "Log level on stderr")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "off"}))
      ->capture_default_str();
  app_->add_flag("-q,--quiet", quiet_, "Only warnings and errors on stderr");
  app_->add_flag("-v,--verbose", verbosity_, "More detail on stderr (-vv for trace)");
  app_->add_option("--threads", threads_, "Same as --set run.threads=N (0 = every core)");
  app_->add_option("--seed", seed_, "Same as --set run.seed=N");
  app_->add_flag_callback("--version", [] {
    std::cout << version_text();
    throw CLI::Success();
  }, "Print genrekit's and its libraries' versions and exit");
  app_->add_flag_callback("--config-reference", [this] {
    std::cout << "# `" << name_ << "` configuration keys\n\n" << schema_.markdown();
    throw CLI::Success();
  }, "Print the configuration reference (Markdown) and exit");
  set_examples({});
}

void Tool::set_examples(const std::vector<std::pair<std::string, std::string>>& examples) {
  std::string footer;
  if (!examples.empty()) {
    footer += "Examples:\n";
    for (const auto& [command, what] : examples) footer += "  " + command + "\n      " + what + "\n";
    footer += "\n";
  }
  footer += "Every configuration key, its default and range: " + name_ +
            " --config-reference (Markdown), or docs/configuration.md. Set keys in a -c file or with --set.\n"
            "Exit codes: 0 ok, 1 runtime or data failure, 2 usage or configuration error, 130 interrupted (SIGINT), "
            "143 terminated (SIGTERM).";
  app_->footer(footer);
}

Tool::~Tool() = default;

void Tool::add_flag(const std::string& names, bool& value, const std::string& description) {
  app_->add_flag(names, value, description);
}

void Tool::add_option(const std::string& names, std::string& value, const std::string& description) {
  app_->add_option(names, value, description);
}

void Tool::add_option(const std::string& names, std::vector<std::string>& values, const std::string& description) {
  app_->add_option(names, values, description);
}

void Tool::add_choice(const std::string& names, std::string& value, const std::vector<std::string>& choices,
                      const std::string& description) {
  app_->add_option(names, value, description)->check(CLI::IsMember(choices))->capture_default_str();
}

void Tool::add_bounded(const std::string& names, int& value, int min, int max, const std::string& description) {
  app_->add_option(names, value, description)->check(CLI::Range(min, max))->capture_default_str();
}

void Tool::add_bounded(const std::string& names, double& value, double min, double max,
                       const std::string& description) {
  app_->add_option(names, value, description)->check(CLI::Range(min, max))->capture_default_str();
}

void Tool::add_existing_file(const std::string& names, std::string& value, const std::string& description) {
  app_->add_option(names, value, description)->check(CLI::ExistingFile);
}

void Tool::add_set_alias(const std::string& flag, const std::string& key, const std::string& description) {
  aliases_.emplace_back(key, std::make_unique<std::string>());
  app_->add_option(flag, *aliases_.back().second, description + " (same as --set " + key + "=VALUE)");
}

void Tool::add_base_run_option(bool required) {
  auto* option = app_->add_option("--run", base_run_,
                                  "Run directory of an earlier run (train): its config.yaml is the base "
                                  "of this configuration, under -c and --set")
                     ->check(CLI::ExistingDirectory);
  if (required) option->required();
}

int Tool::run(int argc, char** argv, const std::function<int(const Invocation&)>& body) {
  try {
    app_->parse(argc, argv);
  } catch (const CLI::CallForHelp&) {  // -h/--help (derives from Success: catch it first)
    std::cout << app_->help();
    return kExitOk;
  } catch (const CLI::Success&) {  // --version, --config-reference: already printed
    return kExitOk;
  } catch (const CLI::ParseError& e) {
    std::cerr << name_ << ": " << e.what() << suggestion_for_unknown_flags(argc, argv) << "\n(run '" << name_
              << " --help' for usage)\n";
    return kExitUsage;
  }

  // A start that fails before finishing anything leaves no run directory behind (one that existed
  // before stays as it was), so that the corrected command can use the same -o.
  const bool run_dir_existed = run_dir_.empty() || std::filesystem::exists(run_dir_);
  const auto discard_unfinished_run_dir = [&] {
    std::error_code ignored;
    if (run_dir_existed || !runtime::holds_no_finished_work(run_dir_)) return;
    std::filesystem::remove_all(run_dir_, ignored);
    spdlog::info("{}: removed {}, which this start created and finished nothing in", name_, run_dir_);
  };
  try {
    const std::string level = quiet_ ? "warn" : verbosity_ >= 2 ? "trace" : verbosity_ == 1 ? "debug" : log_level_;
    runtime::setup_logging(level);

    const auto resolve = [this](const std::string& base_run) {
      config::Config resolved(schema_);
      if (!base_run.empty()) resolved.merge_file(runtime::RunLayout(base_run).config());
      for (const auto& file : config_files_) resolved.merge_file(file);
      for (const auto& assignment : assignments_) resolved.set(assignment);
      for (const auto& [key, value] : aliases_)
        if (!value->empty()) resolved.set(key + "=" + *value);
      if (threads_) resolved.set("run.threads=" + std::to_string(*threads_));
      if (seed_) resolved.set("run.seed=" + std::to_string(*seed_));
      return resolved;
    };
    const config::Config config = resolve(base_run_);

    if (print_config_) {
      std::cout << config.to_yaml();
      return kExitOk;
    }

    runtime::install_interrupt_handler();
    const Invocation invocation{config, std::vector<std::string>(argv, argv + argc), run_dir_, base_run_, resume_, resolve};
    return body(invocation);
  } catch (const ConfigError& e) {
    std::cerr << name_ << ": configuration error: " << e.what() << "\n";
    discard_unfinished_run_dir();
    return kExitUsage;
  } catch (const Interrupted&) {
    spdlog::warn("{}: interrupted; finished work was kept", name_);
    return interrupted_exit_code();
  } catch (const DataError& e) {
    spdlog::error("{}: {}", name_, e.what());
    discard_unfinished_run_dir();
    return kExitFailure;
  } catch (const std::exception& e) {
    spdlog::error("{}: {}", name_, e.what());
    discard_unfinished_run_dir();
    return kExitFailure;
  }
}

}  // namespace genrekit::cli
