// train: fit a classical classifier (any kind of the model table, or a vote of several) on a feature
// table, the thesis' screening grid of them (screening.*), or one of its networks on log-mel
// spectrogram shards (model.type), and write a self-contained run directory (model/, cells/ or
// network/, config, logs, metrics). --resume continues a killed network run after its last finished
// epoch, and a killed screening with its missing cells.
#include <spdlog/spdlog.h>

#include "genrekit/cli/exit_code.h"
#include "genrekit/cli/network_build.h"
#include "genrekit/cli/tool.h"
#include "genrekit/error.h"
#include "genrekit/eval/metrics.h"
#include "genrekit/extraction/log_mel_record.h"
#include "genrekit/models/classical_pipeline.h"
#include "genrekit/models/network_section.h"
#include "genrekit/models/screening.h"
#include "genrekit/nn/training.h"
#include "genrekit/runtime/launch.h"
#include "genrekit/runtime/memory.h"
#include "genrekit/runtime/run_dir.h"
#include "genrekit/runtime/run_layout.h"

namespace {

std::string headline(const genrekit::eval::Metrics& metrics) {
  const std::string text = genrekit::eval::metrics_text(metrics);
  return text.substr(0, text.find('\n'));
}

}  // namespace

int main(int argc, char** argv) {
  using namespace genrekit;
  cli::Tool tool("train", "Train a genre classifier (classical, on a features.csv; or a network, on log-mel shards) "
                          "and write a self-contained run directory.",
                 models::training_sections());
  tool.add_set_alias("--device", "network.device", "Where a network trains: auto, cpu, cuda or cuda:N");
  tool.set_examples({{"train -c configs/ml/thesis_ensemble.yaml -o runs/ensemble --set data.metadata_dir=fma_metadata",
                      "the thesis' hard-vote ensemble on FMA's features.csv"},
                     {"train -c configs/ml/thesis_screening.yaml -o runs/screening --set data.metadata_dir=fma_metadata",
                      "the thesis' screening grid: screening.csv and screening.html"},
                     {"train -c configs/nn/cnn_lstm.yaml -o runs/cnn_lstm --set network.logmel_dir=runs/logmel/logmel --device cuda",
                      "the thesis' CNN-LSTM on log-mel shards, on a GPU"}});
  return tool.run(argc, argv, [argv](const cli::Invocation& run) {
    runtime::retain_large_allocations();
    if (models::is_network(run.config)) {
#if !GENREKIT_NETWORKS
      cli::exec_network_build("train", argv);
#else
      // The run records the log-mel settings the shards were made with (predict computes the same).
      config::Config config = run.config;
      if (const std::string shards = config.get_string("network.logmel_dir"); !shards.empty())
        extraction::adopt_log_mel_record(config, shards);
      // A data-parallel job (torchrun, srun): rank 0 opens the run directory, the others train beside it.
      const auto launch = runtime::launch_from_environment();
      if (launch.rank > 0) {
        if (run.run_dir.empty()) throw ConfigError("train: no run directory given; pass -o/--run-dir DIR (every rank the same)");
        nn::train_network(models::network_settings_from(config), run.run_dir, run.threads(), launch);
        return cli::kExitOk;
      }
      const auto dir = run.open_run_dir("train", config);
      const auto report = nn::train_network(models::network_settings_from(config), dir.path(), run.threads(), launch);
      spdlog::info("{} epochs{}; best validation accuracy {:.4f} at epoch {}; metrics in {}", report.epochs,
                   report.stopped_early ? " (stopped early)" : "", report.best_validation_accuracy, report.best_epoch,
                   dir.layout().epoch_metrics().string());
      return cli::kExitOk;
#endif
    }
    const auto dir = run.open_run_dir("train");
    if (models::is_screening(run.config)) {
      const auto report = models::run_screening(run.config, dir.path());
      spdlog::info("screening: {} cells ({} fitted now, {} failed); grid in {} and {}", report.cells.size(), report.fitted_now,
                   report.failed, dir.layout().screening_table().string(), dir.layout().screening_page().string());
      return report.failed > 0 ? cli::kExitFailure : cli::kExitOk;
    }
    const auto report = models::train_classical(run.config, dir.path());
    runtime::write_file_atomically(dir.layout().training_metrics(), eval::metrics_json(report.training));
    spdlog::info("training fit: {}", headline(report.training));
    if (report.validation) {
      runtime::write_file_atomically(dir.layout().validation_metrics(), eval::metrics_json(*report.validation));
      spdlog::info("validation: {}", headline(*report.validation));
    }
    spdlog::info("model written to {}", dir.layout().model().string());
    return cli::kExitOk;
  });
}
