// evaluate for networks: the best epoch's clip predictions on a split of the shards.
#include <spdlog/spdlog.h>

#include "genrekit/error.h"
#include "genrekit/extraction/log_mel_record.h"
#include "genrekit/nn/device.h"
#include "genrekit/nn/mixed_precision.h"
#include "genrekit/nn/network_run.h"
#include "genrekit/nn/training.h"
#include "genrekit/nn/training_data.h"
#include "genrekit/runtime/interrupt.h"
#include "genrekit/runtime/progress.h"

namespace genrekit::nn {

eval::ScoredTracks score_network(const models::NetworkSettings& settings, const std::filesystem::path& run_dir, data::Split split,
                                 unsigned threads) {
  torch::set_num_threads(static_cast<int>(threads));
  const torch::Device device = resolve_device(settings.device);
  const TrainedNetwork trained = load_trained_network(run_dir, device);
  const Precision precision = parse_precision(settings.precision, device);
  data::LogMelShards shards(logmel_dir_of(settings));
  extraction::check_log_mel_record(settings.log_mel, shards.dir());
  apply_file_labels(shards, settings);
  if (shards.mels() != trained.info.mels)
    throw DataError(shards.dir().string() + ": the shards have " + std::to_string(shards.mels()) + " mels, the network reads " +
                    std::to_string(trained.info.mels));
  if (settings.thesis_sampling && split != data::Split::Validation)
    spdlog::warn("this run was trained with the thesis' sampling, which draws training tracks from every official split: "
                 "its {} score includes tracks it was trained on", data::to_string(split));
  const EntrySet set = entries_of_split(shards, split, trained.info.classes);
  data::LogMelBatches batches(shards, set.entries, set.labels, trained.info.scaling, batch_settings_of(settings, false));
  batches.start_epoch(0);
  const c10::InferenceMode inference;  // no autograd bookkeeping at all (lighter than NoGradGuard)
  eval::ScoredTracks scored{.labels = trained.info.classes, .split = std::string(data::to_string(split))};
  runtime::Progress progress("evaluate", batches.items());
  while (auto batch = batches.next()) {
    runtime::throw_if_interrupted();
    const auto n = static_cast<std::int64_t>(batch->labels.size());
    const torch::Tensor probabilities =
        forward_batch(*trained.network, *batch, shards.mels(), device, precision).exp().to(torch::kCPU, torch::kDouble).contiguous();
    const torch::Tensor best = probabilities.argmax(1);
    const double* values = probabilities.data_ptr<double>();
    scored.probabilities.insert(scored.probabilities.end(), values, values + probabilities.numel());
    for (std::int64_t i = 0; i < n; ++i) {
      scored.ids.push_back(shards.entries()[batch->entries[static_cast<std::size_t>(i)]].key);
      scored.truth.push_back(static_cast<int>(batch->labels[static_cast<std::size_t>(i)]));
      scored.predicted.push_back(static_cast<int>(best[i].item<std::int64_t>()));
    }
    progress.advance(static_cast<std::size_t>(n));
  }
  progress.finish();
  spdlog::info("{} from epoch {} (best validation accuracy)", trained.info.network, trained.epoch);
  return scored;
}

}  // namespace genrekit::nn
