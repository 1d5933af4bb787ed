#pragma once
// Which shard entries a network trains, validates and is tested on, with their class indices:
// FMA's official split (the honest protocol) or the thesis' sampling (a random share of every
// labelled track, split at random into training and validation). No LibTorch here.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "genrekit/data/fma_tracks.h"
#include "genrekit/data/log_mel_batches.h"
#include "genrekit/data/log_mel_shards.h"
#include "genrekit/models/network_section.h"

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

// With data.labels_csv / data.class_folders in the settings, every entry's genre and split from
// them, joined on the key (an entry they do not list becomes unlabelled); the labels extract
// recorded otherwise. Warns of entries and labelled files without a counterpart.
void apply_file_labels(data::LogMelShards& shards, const models::NetworkSettings& settings);

// The training and validation entries the settings select (thesis or official sampling). DataError
// when training is empty, or a validation genre is not among the training genres.
NetworkSplits select_network_splits(const data::LogMelShards& shards, const models::NetworkSettings& settings);

// The labelled entries of `split` (official split), labelled with `classes`; DataError naming the
// track for a genre outside them, and when the split is empty.
EntrySet entries_of_split(const data::LogMelShards& shards, data::Split split, const std::vector<std::string>& classes);

// network.logmel_dir; ConfigError when it is not set.
std::filesystem::path logmel_dir_of(const models::NetworkSettings& settings);

// The loader's settings: training batches shuffled and cropped (network.crop_frames); validation
// and evaluation batches whole clips in index order.
data::BatchSettings batch_settings_of(const models::NetworkSettings& settings, bool training);

// DataError unless the shards were made with the settings' log-mel input (their record) and hold
// features.logmel.frames x features.logmel.n_mels spectrograms.
void check_shards_match(const data::LogMelShards& shards, const models::NetworkSettings& settings);

}  // namespace genrekit::nn
