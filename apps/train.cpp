// train: fit the thesis' classical classifier (one model or the voting ensemble) on a feature table
// and write a self-contained run directory (model/, config, logs, training metrics).
#include <spdlog/spdlog.h>

#include "genrekit/cli/exit_code.h"
#include "genrekit/cli/tool.h"
#include "genrekit/eval/metrics.h"
#include "genrekit/models/classical_pipeline.h"
#include "genrekit/runtime/run_dir.h"

int main(int argc, char** argv) {
  using namespace genrekit;
  cli::Tool tool("train", "Train a genre classifier on a features.csv and write a self-contained run directory.",
                 models::training_sections());
  return tool.run(argc, argv, [](const cli::Invocation& run) {
    const auto dir = run.open_run_dir("train");
    const auto report = models::train_classical(run.config, dir.path());
    runtime::write_file_atomically(dir.file("training_metrics.json"), eval::metrics_json(report.training));
    spdlog::info("training fit: {}", eval::metrics_text(report.training).substr(0, eval::metrics_text(report.training).find('\n')));
    if (report.validation) {
      runtime::write_file_atomically(dir.file("validation_metrics.json"), eval::metrics_json(*report.validation));
      spdlog::info("validation: {}", eval::metrics_text(*report.validation).substr(0, eval::metrics_text(*report.validation).find('\n')));
    }
    spdlog::info("model written to {}", dir.file("model").string());
    return cli::kExitOk;
  });
}
