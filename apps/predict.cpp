// predict: the genre of audio files with a trained run: the run's own extraction profile and model,
// the top genre and every class's probability per file, as CSV or JSON, to stdout or a file.
#include <fstream>
#include <iostream>

#include <spdlog/spdlog.h>

#include "genrekit/cli/exit_code.h"
#include "genrekit/cli/tool.h"
#include "genrekit/error.h"
#include "genrekit/extraction/work_items.h"
#include "genrekit/models/prediction.h"
#include "genrekit/runtime/memory.h"
#include "genrekit/runtime/run_dir.h"

int main(int argc, char** argv) {
  using namespace genrekit;
  cli::Tool tool("predict", "Predict the genre of audio files (or directories of them) with a trained run (--run DIR).",
                 models::training_sections());
  tool.add_base_run_option(true);
  std::vector<std::string> inputs;
  std::string format = "csv", output;
  tool.options().add_option("inputs", inputs, "Audio files or directories")->required();
  tool.options().add_option("--format", format, "csv or json")->check(CLI::IsMember({"csv", "json"}))->capture_default_str();
  tool.options().add_option("--output", output, "Write the predictions to this file instead of stdout");
  return tool.run(argc, argv, [&](const cli::Invocation& run) {
    runtime::retain_large_allocations();
    const auto bundle = models::load_bundle(std::filesystem::path(run.base_run) / "model");
    std::vector<std::string> files;
    for (const auto& item : extraction::items_from_paths(inputs)) files.push_back(item.path.string());
    if (files.empty()) throw DataError("no audio files in the inputs");
    const auto predictions = models::predict_files(bundle, files, run.threads());
    const std::string text = format == "json" ? models::predictions_json(bundle, predictions) : models::predictions_csv(bundle, predictions);
    if (output.empty()) std::cout << text;
    else runtime::write_file_atomically(output, text);
    std::size_t failed = 0;
    for (const auto& p : predictions)
      if (p.top < 0) {
        ++failed;
        spdlog::warn("{}: {}", p.path, p.error);
      }
    return failed > 0 ? cli::kExitFailure : cli::kExitOk;
  });
}
