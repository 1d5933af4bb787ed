#pragma once
// logmel/settings.json: the features.logmel.* values a set of shards was made with (every key that
// changes their values: rate, resampler, n_fft, hop, mels, frames, floor, dtype), written with
// the shards. `train` takes its log-mel settings from it (refusing an explicit contradiction),
// so that the run records them and `evaluate`, `predict` and `--stream` compute what the network
// was trained on.
#include <filesystem>

#include <nlohmann/json_fwd.hpp>

#include "genrekit/config/config.h"
#include "genrekit/extraction/settings.h"

namespace genrekit::extraction {

// {"features.logmel.sample_rate": 22050, ...}: the settings' values, under their keys.
nlohmann::json log_mel_record(const LogMelSettings& settings);
void write_log_mel_record(const LogMelSettings& settings, const std::filesystem::path& logmel_dir);

// Sets `config`'s log-mel keys to the record's. ConfigError naming the key, both values and the
// file when a key set explicitly (a config file or --set, not a default) says otherwise. Shards
// without a record (an older genrekit's) keep the config's values, with a warning.
void adopt_log_mel_record(config::Config& config, const std::filesystem::path& logmel_dir);

// DataError naming the key, both values and the file when the shards' record differs from the
// run's settings in what the spectrogram is (rate, resampler, n_fft, hop, mels, floor: a run
// evaluated on other shards; their length and storage type may differ, as a network reads any).
// Shards without a record are not checked.
void check_log_mel_record(const LogMelSettings& settings, const std::filesystem::path& logmel_dir);

}  // namespace genrekit::extraction
