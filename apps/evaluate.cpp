// evaluate: score a trained run on a split: every track's prediction and probabilities, the
// metrics scikit-learn names (with bootstrap intervals), the report page; optionally a paired
// comparison with a second run, and a CI gate against a baseline metrics.json.
#include <ctime>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <variant>

#include <spdlog/spdlog.h>

#include "genrekit/cli/exit_code.h"
#include "genrekit/cli/network_build.h"
#include "genrekit/cli/tool.h"
#include "genrekit/data/fma_tracks.h"
#include "genrekit/error.h"
#include "genrekit/eval/metrics.h"
#include "genrekit/eval/report_page.h"
#include "genrekit/eval/resampling.h"
#include "genrekit/models/classical_pipeline.h"
#include "genrekit/models/model_bundle.h"
#include "genrekit/models/network_section.h"
#include "genrekit/nn/training.h"
#include "genrekit/runtime/fingerprint.h"
#include "genrekit/runtime/memory.h"
#include "genrekit/runtime/run_dir.h"
#include "genrekit/runtime/versions.h"
#include "genrekit/runtime/run_layout.h"

namespace {

using namespace genrekit;

std::string read_text(const std::filesystem::path& file, const std::string& what) {
  std::ifstream in(file);
  if (!in) throw ConfigError(what + " " + file.string() + ": cannot read");
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// A run's typed settings, read once from its config: classical or network.
using RunSettings = std::variant<models::ClassicalSettings, models::NetworkSettings>;

RunSettings run_settings_of(const config::Config& config) {
  if (models::is_network(config)) return models::network_settings_from(config);
  return models::classical_settings_from(config);
}

// The data a run is scored on, as the report names it.
std::string data_of(const RunSettings& settings) {
  std::string data;
  std::optional<models::FileLabelSettings> labels;
  if (const auto* network = std::get_if<models::NetworkSettings>(&settings)) {
    data = network->logmel_dir.string();
    labels = network->file_labels;
  } else {
    const auto& source = std::get<models::ClassicalSettings>(settings).source;
    data = source.features_csv.string();
    labels = source.file_labels;
    if (!source.plain && !labels)
      data += " x " + source.metadata_dir.string() + " (" + std::string(data::to_string(source.filter.subset)) + ")";
  }
  if (labels) data += " x " + labels->source().string();
  return data;
}

// What produced the report: the model, its config's fingerprint, the data, the split, genrekit, when.
eval::ReportContext report_context(const cli::Invocation& run, const RunSettings& settings, const eval::Metrics& metrics) {
  const bool network = std::holds_alternative<models::NetworkSettings>(settings);
  char date[32];
  const std::time_t now = std::time(nullptr);
  std::strftime(date, sizeof date, "%Y-%m-%d %H:%M UTC", std::gmtime(&now));
  eval::ReportContext context{.title = "genrekit evaluation: " + std::filesystem::path(run.base_run).filename().string(),
                              .stamp = {{"run", run.base_run}, {"model", metrics.model}, {"config", metrics.config_hash},
                                        {"data", data_of(settings)}, {"split", metrics.split}, {"genrekit", runtime::genrekit_version()},
                                        {"date", date}}};
  if (const auto curves = runtime::RunLayout(run.base_run).training_curves(); network && std::filesystem::exists(curves))
    context.training_curves_svg = read_text(curves, "training curves");
  if (!network) context.fit_notes = models::read_fit_notes(runtime::RunLayout(run.base_run).model());
  for (const auto& note : context.fit_notes) spdlog::warn("the fit noted: {}", note);
  return context;
}

eval::ScoredTracks score_run(const RunSettings& settings, const std::string& run, data::Split split, [[maybe_unused]] unsigned threads) {
#if GENREKIT_NETWORKS
  if (const auto* network = std::get_if<models::NetworkSettings>(&settings)) return nn::score_network(*network, run, split, threads);
#endif
  return models::score_classical(std::get<models::ClassicalSettings>(settings), runtime::RunLayout(run).model(), split);
}

}  // namespace

int main(int argc, char** argv) {
  cli::Tool tool("evaluate",
                 "Evaluate a trained run (--run DIR) on a split; with -o, write predictions.csv, metrics.json, confusion.csv, "
                 "per_class.csv and report.html there; --compare RUN2 tests whether RUN2 differs (comparison.json); with "
                 "--baseline, exit 1 when a metric dropped by more than --max-drop.",
                 models::training_sections());
  tool.add_base_run_option(true);
  tool.add_set_alias("--device", "network.device", "Where a network runs: auto, cpu, cuda or cuda:N");
  std::string baseline, junit, compare, max_drop = "0";
  tool.add_existing_file("--baseline", baseline, "metrics.json of an accepted run");
  tool.add_option("--max-drop", max_drop,
                  "Largest allowed drop per metric, e.g. kappa=0.01,accuracy=0.02 (log_loss: largest rise); a lone number "
                  "applies to accuracy and kappa");
  tool.add_option("--junit", junit, "With --baseline: write the gate's checks as JUnit XML to this file");
  tool.add_option("--compare", compare, "A second run to compare on the same tracks (McNemar, paired bootstrap); needs -o");
  tool.set_examples({{"evaluate --run runs/ensemble -o runs/ensemble/test",
                      "test-split metrics with 95 % intervals, predictions.csv and report.html"},
                     {"evaluate --run runs/b --compare runs/a -o runs/b/vs_a",
                      "does b differ from a on the same tracks? (exact McNemar, paired bootstrap)"},
                     {"evaluate --run runs/b --baseline accepted/metrics.json --max-drop kappa=0.01 --junit gate.xml",
                      "a CI gate: exit 1 when kappa dropped by more than 0.01"}});
  return tool.run(argc, argv, [&](const cli::Invocation& run) {
    runtime::retain_large_allocations();
#if !GENREKIT_NETWORKS
    if (models::is_network(run.config) || (!compare.empty() && models::is_network(run.config_of_run(compare))))
      cli::exec_network_build("evaluate", argv);
#endif
    const auto drops = eval::parse_max_drop(max_drop);  // a bad --max-drop stops before any work
    if (!compare.empty() && run.run_dir.empty()) throw ConfigError("--compare: needs -o OUT for comparison.json");
    if (!junit.empty() && baseline.empty()) throw ConfigError("--junit: needs --baseline (the checks it reports)");
    const auto split = data::parse_split(run.config.get_string("evaluate.split"), "evaluate.split");
    const eval::ResampleSettings resampling{.resamples = 1000, .seed = static_cast<std::uint64_t>(run.config.get_int("run.seed"))};
    const RunSettings settings = run_settings_of(run.config);
    const eval::ScoredTracks scored = score_run(settings, run.base_run, split, run.threads());
    eval::Metrics metrics = eval::score_tracks(scored, resampling);
    metrics.model = run.config.get_string("model.type");
    metrics.config_hash = runtime::fingerprint(read_text(runtime::RunLayout(run.base_run).config(), "run config"));
    std::cout << "evaluate " << run.base_run << " on the " << data::to_string(split) << " split: " << eval::metrics_text(metrics);
    if (!run.run_dir.empty()) {
      const auto dir = run.open_run_dir("evaluate");
      runtime::write_file_atomically(dir.layout().predictions(), eval::predictions_csv(scored));
      if (!scored.vote_shares.empty()) runtime::write_file_atomically(dir.layout().vote_shares(), eval::vote_shares_csv(scored));
      runtime::write_file_atomically(dir.layout().metrics(), eval::metrics_json(metrics));
      runtime::write_file_atomically(dir.layout().confusion(), eval::confusion_csv(metrics));
      runtime::write_file_atomically(dir.layout().per_class(), eval::per_class_csv(metrics));
      runtime::write_file_atomically(dir.layout().report(), eval::report_html(metrics, report_context(run, settings, metrics)));
      spdlog::info("predictions and metrics written to {}; the report: {}", dir.path().string(), dir.layout().report().string());
      if (!compare.empty()) {
        const eval::ScoredTracks other = score_run(run_settings_of(run.config_of_run(compare)), compare, split, run.threads());
        if (other.ids != scored.ids || other.truth != scored.truth || other.labels != scored.labels)
          throw ConfigError("--compare: " + compare + " was scored on " + std::to_string(other.size()) + " tracks, " + run.base_run +
                            " on " + std::to_string(scored.size()) +
                            (other.labels != scored.labels ? " (their classes differ)" : " (their tracks or labels differ)") +
                            "; compare runs on the same data and split");
        const auto comparison = eval::compare_runs(scored, other, resampling);
        runtime::write_file_atomically(dir.layout().comparison(), eval::comparison_json(comparison, run.base_run, compare));
        spdlog::info("{} vs {} on {} tracks: accuracy {:+.4f} [{:+.4f}, {:+.4f}], kappa {:+.4f}; McNemar p = {:.4g} ({} vs {} tracks "
                     "only one got right); {}",
                     compare, run.base_run, comparison.tracks, comparison.accuracy_difference, comparison.accuracy_difference_ci95[0],
                     comparison.accuracy_difference_ci95[1], comparison.kappa_difference, comparison.mcnemar_p,
                     comparison.only_b_right, comparison.only_a_right, dir.layout().comparison().string());
      }
    }
    if (!baseline.empty()) {
      std::vector<eval::GateCheck> checks;
      try {
        checks = eval::gate(metrics, read_text(baseline, "baseline"), drops);
      } catch (const ConfigError& e) {
        throw ConfigError("--baseline " + baseline + ": " + e.what());
      }
      bool passed = true;
      for (const auto& check : checks) {
        (check.passed ? spdlog::info("gate: {}", check.message) : spdlog::error("regression: {}", check.message));
        passed = passed && check.passed;
      }
      if (!junit.empty()) runtime::write_file_atomically(junit, eval::junit_xml(checks, "genrekit.evaluate " + run.base_run));
      if (!passed) return cli::kExitFailure;
      spdlog::info("no regression against {}", baseline);
    }
    return cli::kExitOk;
  });
}
