#pragma once
// What `extract` computes and how: the `features` and `extract` config sections.
#include <string>

#include "genrekit/audio/decoder.h"
#include "genrekit/audio/resample.h"
#include "genrekit/config/config.h"
#include "genrekit/data/npy.h"
#include "genrekit/features/fma_features.h"
#include "genrekit/features/log_mel.h"

namespace genrekit::extraction {

config::Section features_section();
config::Section extract_section();

struct LogMelSettings {
  features::LogMelParams params;
  data::NpyDtype dtype = data::NpyDtype::Float16;
  int shard_size = 1000;  // items per shard file
  audio::Resampler resampler = audio::Resampler::ResampyKaiserBest;
};

struct ExtractionSettings {
  bool fma518 = true;
  bool logmel = false;
  features::FmaProfile profile = features::FmaProfile::Fma;
  audio::Decoder decoder = audio::Decoder::FfmpegS16;
  LogMelSettings log_mel;
  bool allow_failures = false;
  int shard_index = 1;  // this machine's part, 1-based, of
  int shard_count = 1;  // this many
};

// ConfigError naming the key for values the schema cannot check alone (extract.shard's form).
ExtractionSettings extraction_settings_from(const config::Config& config);
// features.logmel.* alone (what the networks' tools read: they have no `extract` section).
LogMelSettings log_mel_settings_from(const config::Config& config);

}  // namespace genrekit::extraction
