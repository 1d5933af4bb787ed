// evaluate: score a trained run on a split: accuracy, Cohen's kappa, balanced accuracy, macro-F1,
// per-class report, confusion matrix; optionally a CI gate against a baseline metrics.json.
#include <fstream>
#include <iostream>
#include <sstream>

#include <spdlog/spdlog.h>

#include "genrekit/cli/exit_code.h"
#include "genrekit/cli/tool.h"
#include "genrekit/data/fma_tracks.h"
#include "genrekit/error.h"
#include "genrekit/eval/metrics.h"
#include "genrekit/models/classical_pipeline.h"
#include "genrekit/models/network_section.h"
#include "genrekit/nn/training.h"
#include "genrekit/runtime/memory.h"
#include "genrekit/runtime/run_dir.h"

int main(int argc, char** argv) {
  using namespace genrekit;
  cli::Tool tool("evaluate",
                 "Evaluate a trained run (--run DIR) on a split; with -o, write metrics.json, confusion.csv, "
                 "per_class.csv and report.html there; with --baseline, exit 1 when accuracy or kappa dropped by more than --max-drop.",
                 models::training_sections());
  tool.add_base_run_option(true);
  tool.add_set_alias("--device", "network.device", "Where a network runs: auto, cpu, cuda or cuda:N");
  std::string baseline;
  double max_drop = 0.0;
  tool.add_existing_file("--baseline", baseline, "metrics.json of an accepted run");
  tool.add_bounded("--max-drop", max_drop, 0.0, 1.0, "Largest allowed drop of accuracy or kappa below the baseline");
  return tool.run(argc, argv, [&](const cli::Invocation& run) {
    runtime::retain_large_allocations();
    const auto split = data::parse_split(run.config.get_string("evaluate.split"), "evaluate.split");
    const auto metrics = models::is_network(run.config)
                             ? nn::evaluate_network(run.config, run.base_run, split, run.threads())
                             : models::evaluate_classical(run.config, std::filesystem::path(run.base_run) / "model", split);
    std::cout << "evaluate " << run.base_run << " on the " << data::to_string(split) << " split: " << eval::metrics_text(metrics);
    if (!run.run_dir.empty()) {
      const auto dir = run.open_run_dir("evaluate");
      runtime::write_file_atomically(dir.file("metrics.json"), eval::metrics_json(metrics));
      runtime::write_file_atomically(dir.file("confusion.csv"), eval::confusion_csv(metrics));
      runtime::write_file_atomically(dir.file("per_class.csv"), eval::per_class_csv(metrics));
      runtime::write_file_atomically(dir.file("report.html"),
                                     eval::metrics_html(metrics, "genrekit: " + run.base_run + ", " +
                                                                     std::string(data::to_string(split)) + " split"));
      spdlog::info("metrics written to {}; the report: {}", dir.path().string(), dir.file("report.html").string());
    }
    if (!baseline.empty()) {
      std::ifstream in(baseline);
      std::stringstream text;
      text << in.rdbuf();
      const auto found = eval::regressions(metrics, text.str(), max_drop);
      for (const auto& regression : found) spdlog::error("regression: {}", regression);
      if (!found.empty()) return cli::kExitFailure;
      spdlog::info("no regression against {} (max drop {})", baseline, max_drop);
    }
    return cli::kExitOk;
  });
}
