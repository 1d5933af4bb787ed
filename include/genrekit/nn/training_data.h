#pragma once
// Which shard entries a network trains, validates and is tested on, with their class indices:
// FMA's official split (the honest protocol) or the thesis' sampling (a random share of every
// labelled track, split at random into training and validation). No LibTorch here.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "genrekit/config/config.h"
#include "genrekit/data/fma_tracks.h"
#include "genrekit/data/log_mel_batches.h"
#include "genrekit/data/log_mel_shards.h"

namespace genrekit::nn {

struct EntrySet {
  std::vector<std::size_t> entries;   // indices into LogMelShards::entries()
  std::vector<std::int64_t> labels;   // class index of each
};

struct NetworkSplits {
  std::vector<std::string> classes;   // sorted genres of the training entries
  EntrySet training;
  EntrySet validation;
};

// The training and validation entries the `network` and `model` sections select. DataError when
// training is empty, or a validation genre is not among the training genres.
NetworkSplits select_network_splits(const data::LogMelShards& shards, const config::Config& config);

// The labelled entries of `split` (official split), labelled with `classes`; DataError naming the
// track for a genre outside them, and when the split is empty.
EntrySet entries_of_split(const data::LogMelShards& shards, data::Split split, const std::vector<std::string>& classes);

// network.logmel_dir; ConfigError when it is not set.
std::filesystem::path logmel_dir_from(const config::Config& config);

// The loader settings of network.*: training batches shuffled and cropped (network.crop_frames);
// validation and evaluation batches whole clips in index order.
data::BatchSettings batch_settings_from(const config::Config& config, bool training);

// DataError unless the shards hold features.logmel.frames x features.logmel.n_mels spectrograms.
void check_shards_match_config(const data::LogMelShards& shards, const config::Config& config);

}  // namespace genrekit::nn
