#include "genrekit/nn/training_data.h"

#include <algorithm>
#include <set>

#include <spdlog/spdlog.h>

#include "genrekit/error.h"
#include "genrekit/extraction/log_mel_record.h"
#include "genrekit/runtime/splitmix.h"

namespace genrekit::nn {

namespace {

std::int64_t class_index(const std::vector<std::string>& classes, const data::LogMelEntry& entry, const data::LogMelShards& shards) {
  const auto at = std::lower_bound(classes.begin(), classes.end(), entry.genre);
  if (at == classes.end() || *at != entry.genre)
    throw DataError((shards.dir() / "index.csv").string() + ": track " + entry.key + " has genre '" + entry.genre +
                    "', which the network was not trained on");
  return at - classes.begin();
}

// A uniform draw in [0, 1) that depends only on (seed, salt, key): the thesis' random sampling,
// reproducible and independent of the index's order.
double draw(std::uint64_t seed, std::uint64_t salt, const std::string& key) {
  std::uint64_t h = runtime::splitmix64(seed ^ salt);
  for (const char c : key) h = runtime::splitmix64(h ^ static_cast<unsigned char>(c));
  return static_cast<double>(h >> 11) * 0x1.0p-53;
}

}  // namespace

std::filesystem::path logmel_dir_of(const models::NetworkSettings& settings) {
  if (settings.logmel_dir.empty())
    throw ConfigError("network.logmel_dir: not set; expected the logmel/ directory of an extract run with features.outputs: [logmel]");
  return settings.logmel_dir;
}

data::BatchSettings batch_settings_of(const models::NetworkSettings& settings, bool training) {
  data::BatchSettings s;
  s.batch_size = settings.batch_size;
  s.crop_frames = training ? settings.crop_frames : 0;
  s.shuffle = training;
  s.threads = settings.loader_threads;
  s.prefetch = settings.prefetch_batches;
  s.seed = settings.seed;
  return s;
}

void check_shards_match(const data::LogMelShards& shards, const models::NetworkSettings& settings) {
  extraction::check_log_mel_record(settings.log_mel, shards.dir());
  const int frames = settings.log_mel.params.frames, mels = settings.log_mel.params.n_mels;
  if (shards.frames() != frames || shards.mels() != mels)
    throw DataError(shards.dir().string() + ": the shards hold " + std::to_string(shards.frames()) + " frames x " +
                    std::to_string(shards.mels()) + " mels, but the config says features.logmel.frames " + std::to_string(frames) +
                    " and features.logmel.n_mels " + std::to_string(mels) + " (extract and train with the same features.logmel)");
}

void apply_file_labels(data::LogMelShards& shards, const models::NetworkSettings& settings) {
  if (!settings.file_labels) return;
  const models::FileLabels labels = models::read_file_labels(*settings.file_labels);
  std::size_t matched = 0;
  for (std::size_t i = 0; i < shards.entries().size(); ++i) {
    const auto it = labels.by_key.find(shards.entries()[i].key);
    if (it == labels.by_key.end()) {
      shards.set_label(i, "", "");
      continue;
    }
    ++matched;
    shards.set_label(i, it->second.label, std::string(data::to_string(it->second.split)));
  }
  if (matched < shards.entries().size())
    spdlog::warn("{}: {} of {} spectrograms are not in {}; they are left unlabelled", (shards.dir() / "index.csv").string(),
                 shards.entries().size() - matched, shards.entries().size(), labels.source.string());
  if (matched < labels.keys.size())
    spdlog::warn("{}: {} of {} labelled files have no spectrogram in {} (failed extractions?); they are left out",
                 labels.source.string(), labels.keys.size() - matched, labels.keys.size(), shards.dir().string());
}

NetworkSplits select_network_splits(const data::LogMelShards& shards, const models::NetworkSettings& settings) {
  const auto& all = shards.entries();
  std::vector<std::size_t> training, validation;
  if (settings.thesis_sampling) {
    const std::uint64_t seed = settings.seed;
    const double keep = settings.sample_fraction, held_out = settings.validation_fraction;
    for (std::size_t i = 0; i < all.size(); ++i) {
      if (all[i].genre.empty() || draw(seed, 1, all[i].key) >= keep) continue;
      (draw(seed, 2, all[i].key) < held_out ? validation : training).push_back(i);
    }
  } else {
    const auto& splits = settings.train_splits;
    for (std::size_t i = 0; i < all.size(); ++i) {
      if (all[i].genre.empty()) continue;
      if (std::find(splits.begin(), splits.end(), all[i].split) != splits.end()) training.push_back(i);
      else if (all[i].split == "validation") validation.push_back(i);
    }
  }
  if (training.empty())
    throw DataError((shards.dir() / "index.csv").string() + ": no labelled training tracks for network.sampling " +
                    (settings.thesis_sampling ? "thesis" : "official"));
  std::set<std::string> genres;
  for (const std::size_t i : training) genres.insert(all[i].genre);
  NetworkSplits out;
  out.classes.assign(genres.begin(), genres.end());
  if (out.classes.size() < 2) throw DataError((shards.dir() / "index.csv").string() + ": the training tracks hold fewer than two genres");
  for (const std::size_t i : training) {
    out.training.entries.push_back(i);
    out.training.labels.push_back(class_index(out.classes, all[i], shards));
  }
  for (const std::size_t i : validation) {
    out.validation.entries.push_back(i);
    out.validation.labels.push_back(class_index(out.classes, all[i], shards));
  }
  return out;
}

EntrySet entries_of_split(const data::LogMelShards& shards, data::Split split, const std::vector<std::string>& classes) {
  EntrySet out;
  const auto& all = shards.entries();
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (all[i].genre.empty() || all[i].split != data::to_string(split)) continue;
    out.entries.push_back(i);
    out.labels.push_back(class_index(classes, all[i], shards));
  }
  if (out.entries.empty())
    throw DataError((shards.dir() / "index.csv").string() + ": the " + std::string(data::to_string(split)) + " split has no labelled tracks");
  return out;
}

}  // namespace genrekit::nn
