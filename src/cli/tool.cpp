#include "genrekit/cli/tool.h"

#include <filesystem>
#include <iostream>

#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include "genrekit/cli/exit_code.h"
#include "genrekit/error.h"
#include "genrekit/runtime/interrupt.h"
#include "genrekit/runtime/logging.h"
#include "genrekit/runtime/parallel.h"
#include "genrekit/runtime/versions.h"

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

runtime::RunDir Invocation::open_run_dir(const std::string& tool) const {
  if (run_dir.empty()) throw ConfigError(tool + ": no run directory given; pass -o/--run-dir DIR");
  return runtime::RunDir::open(run_dir, tool, config, command_line, resume);
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

Tool::Tool(std::string name, std::string description, std::vector<config::Section> sections)
    : name_(std::move(name)),
      schema_(with_run_section(std::move(sections))),
      app_(std::make_unique<CLI::App>(std::move(description), name_)) {
  app_->set_help_flag("-h,--help", "Print this help (with every config key and its default) and exit");
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
  app_->footer("Configuration keys (defaults shown; set them in a -c file or with --set):\n" + schema_.help_text() +
               "\nExit codes: 0 ok, 1 runtime or data failure, 2 usage or configuration error, 130 interrupted.");
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
    std::cerr << name_ << ": " << e.what() << "\n(run '" << name_ << " --help' for usage)\n";
    return kExitUsage;
  }

  try {
    const std::string level = quiet_ ? "warn" : verbosity_ >= 2 ? "trace" : verbosity_ == 1 ? "debug" : log_level_;
    runtime::setup_logging(level);

    const auto resolve = [this](const std::string& base_run) {
      config::Config resolved(schema_);
      if (!base_run.empty()) resolved.merge_file(std::filesystem::path(base_run) / "config.yaml");
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
    return kExitUsage;
  } catch (const Interrupted&) {
    spdlog::warn("{}: interrupted; finished work was kept", name_);
    return kExitInterrupted;
  } catch (const DataError& e) {
    spdlog::error("{}: {}", name_, e.what());
    return kExitFailure;
  } catch (const std::exception& e) {
    spdlog::error("{}: {}", name_, e.what());
    return kExitFailure;
  }
}

}  // namespace genrekit::cli
