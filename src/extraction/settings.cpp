#include "genrekit/extraction/settings.h"

#include <algorithm>
#include <cstdlib>

#include "genrekit/error.h"
#include "genrekit/extraction/job_array.h"

namespace genrekit::extraction {

config::Section features_section() {
  using config::ValueType;
  return {"features",
          "What extract computes from each file.",
          {
              {.path = "features.outputs", .type = ValueType::StringList, .default_yaml = "[fma518]",
               .choices = {"fma518", "logmel"},
               .description = "fma518: FMA's 518 librosa features (features.csv); logmel: the thesis CNN input "
                              "(log-mel spectrogram shards)."},
              {.path = "features.profile", .type = ValueType::Choice, .default_yaml = "fma", .choices = {"fma", "corrected"},
               .description = "fma reproduces FMA's published features.csv, quirks included (chroma_stft and the spectral "
                              "centroid, bandwidth, contrast and rolloff computed as if sr were 22,050); corrected passes "
                              "the true rate."},
              {.path = "features.decoder", .type = ValueType::Choice, .default_yaml = "ffmpeg_s16",
               .choices = {"ffmpeg_s16", "sndfile_s16", "sndfile"},
               .description = "ffmpeg_s16 decodes as FMA's loader did (FFmpeg, 16-bit PCM): it reproduces FMA's values "
                              "to 1e-6; sndfile_s16 uses libsndfile rounded to 16 bits; sndfile keeps full float precision."},
              {.path = "features.logmel.sample_rate", .type = ValueType::Int, .default_yaml = "22050", .min = 4000,
               .max = 192000, .description = "Rate the audio is resampled to before the log-mel spectrogram."},
              {.path = "features.logmel.resampler", .type = ValueType::Choice, .default_yaml = "resampy_kaiser_best",
               .choices = {"resampy_kaiser_best", "soxr_vhq"},
               .description = "resampy_kaiser_best is what the thesis' librosa 0.6 used (fast for 44.1 kHz input); "
                              "soxr_vhq is faster for other rates."},
              {.path = "features.logmel.n_fft", .type = ValueType::Int, .default_yaml = "2048", .min = 16, .max = 65536,
               .description = "FFT size."},
              {.path = "features.logmel.hop_length", .type = ValueType::Int, .default_yaml = "1024", .min = 1,
               .max = 65536, .description = "Hop between frames, in samples."},
              {.path = "features.logmel.n_mels", .type = ValueType::Int, .default_yaml = "128", .min = 1, .max = 1024,
               .description = "Mel bands (Slaney scale and normalisation)."},
              {.path = "features.logmel.frames", .type = ValueType::Int, .default_yaml = "646", .min = 1, .max = 1000000,
               .description = "Frames kept per track: shorter tracks are padded with zeros, longer ones cut (646 = 30 s)."},
              {.path = "features.logmel.floor", .type = ValueType::Float, .default_yaml = "1e-6", .min = 1e-30, .max = 1,
               .description = "Zeros (padding, digital silence) are replaced by this before the natural log."},
              {.path = "features.logmel.dtype", .type = ValueType::Choice, .default_yaml = "float16",
               .choices = {"float16", "float32"}, .description = "Storage type of the .npy shards."},
              {.path = "features.logmel.shard_size", .type = ValueType::Int, .default_yaml = "1000", .min = 1,
               .max = 1000000, .description = "Tracks per .npy shard."},
          }};
}

config::Section extract_section() {
  using config::ValueType;
  return {"extract",
          "How an extraction run treats failures and splits work.",
          {
              {.path = "extract.allow_failures", .type = ValueType::Bool, .default_yaml = "false",
               .description = "Exit 0 even when some files failed (they are listed in failures.csv either way)."},
              {.path = "extract.shard", .type = ValueType::String, .default_yaml = "1/1",
               .description = "K/N: this run does the K-th of N interleaved parts of the input; join the parts' run "
                              "directories with `extract --merge`. auto (or auto/N): K and N from the job array the run is "
                              "in (Slurm's SLURM_ARRAY_TASK_*, AWS Batch's AWS_BATCH_JOB_ARRAY_INDEX, Kubernetes' "
                              "JOB_COMPLETION_INDEX; N given as auto/N where the scheduler does not say it). Same as --shard."},
          }};
}

ExtractionSettings extraction_settings_from(const config::Config& config) {
  ExtractionSettings s;
  const auto outputs = config.get_strings("features.outputs");
  if (outputs.empty()) throw ConfigError("features.outputs: expected at least one of fma518, logmel");
  s.fma518 = std::find(outputs.begin(), outputs.end(), "fma518") != outputs.end();
  s.logmel = std::find(outputs.begin(), outputs.end(), "logmel") != outputs.end();
  s.profile = features::parse_fma_profile(config.get_string("features.profile"));
  s.decoder = audio::parse_decoder(config.get_string("features.decoder"));
  s.log_mel = log_mel_settings_from(config);
  s.allow_failures = config.get_bool("extract.allow_failures");
  const Shard shard = resolve_shard(config.get_string("extract.shard"), [](const char* name) { return std::getenv(name); });
  s.shard_index = shard.index;
  s.shard_count = shard.count;
  return s;
}

LogMelSettings log_mel_settings_from(const config::Config& config) {
  LogMelSettings m;
  m.params.sample_rate = static_cast<double>(config.get_int("features.logmel.sample_rate"));
  m.params.n_fft = static_cast<int>(config.get_int("features.logmel.n_fft"));
  m.params.hop_length = static_cast<int>(config.get_int("features.logmel.hop_length"));
  m.params.n_mels = static_cast<int>(config.get_int("features.logmel.n_mels"));
  m.params.frames = static_cast<int>(config.get_int("features.logmel.frames"));
  m.params.floor = config.get_float("features.logmel.floor");
  m.dtype = config.get_string("features.logmel.dtype") == "float32" ? data::NpyDtype::Float32 : data::NpyDtype::Float16;
  m.shard_size = static_cast<int>(config.get_int("features.logmel.shard_size"));
  m.resampler = audio::parse_resampler(config.get_string("features.logmel.resampler"));
  return m;
}

}  // namespace genrekit::extraction
