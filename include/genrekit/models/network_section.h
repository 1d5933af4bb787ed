#pragma once
// The `network` config section: how train fits one of the networks of network_list.h on log-mel
// spectrogram shards. Declared here, without
// LibTorch, so that every tool's schema, --help and docs/configuration.md include it.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "genrekit/audio/decoder.h"
#include "genrekit/config/config.h"
#include "genrekit/data/log_mel_batches.h"
#include "genrekit/extraction/settings.h"
#include "genrekit/models/file_labels.h"

namespace genrekit::models {

config::Section network_section();

struct NetworkKind {
  std::string name;     // its model.type
  std::string summary;  // what it is, for --help and the docs
};
// The networks of network_list.h, in its order.
const std::vector<NetworkKind>& network_kinds();

// True when model.type names a network rather than a classical model.
bool is_network(const config::Config& config);

// Everything a network run reads from its configuration, read once at the tools' edge
// (network_settings_from): the network section, the log-mel input, and the few keys of other
// sections it shares with the classical models.
struct NetworkSettings {
  std::string type;                    // model.type
  std::filesystem::path logmel_dir;    // network.logmel_dir; empty when not set
  extraction::LogMelSettings log_mel;  // features.logmel.*: the input the network is trained on and predicts from
  audio::Decoder decoder = audio::Decoder::FfmpegS16;  // features.decoder: how predict decodes audio
  std::string device = "auto";         // network.device, resolved where LibTorch is (nn::resolve_device)
  int dist_timeout_seconds = 300;      // network.dist_timeout
  std::string precision = "float32";   // network.precision
  data::InputScaling input_scaling = data::InputScaling::None;
  bool thesis_sampling = false;        // network.sampling: thesis, or official
  double sample_fraction = 0.4, validation_fraction = 0.2;
  std::vector<std::string> train_splits;  // model.train_splits (official sampling)
  int epochs = 60;
  std::size_t batch_size = 32;
  double learning_rate = 1e-4, lr_factor = 0.5, min_learning_rate = 0;
  int lr_patience = 10, early_stopping_patience = 2;
  int crop_frames = 0;  // 0: whole clips
  unsigned loader_threads = 2;
  std::size_t prefetch_batches = 4;
  std::uint64_t seed = 0;  // run.seed
  std::optional<FileLabelSettings> file_labels;  // data.labels_csv / class_folders: labels in place of extract's
};
NetworkSettings network_settings_from(const config::Config& config);

}  // namespace genrekit::models
