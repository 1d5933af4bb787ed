#include "genrekit/extraction/track_features.h"

#include <algorithm>
#include <limits>
#include <memory>

#include "genrekit/audio/decoder.h"
#include "genrekit/audio/resample.h"
#include "genrekit/features/fma_features.h"
#include "genrekit/features/log_mel.h"
#include "genrekit/error.h"

namespace genrekit::extraction {

namespace {

features::SampleSource source_of(std::shared_ptr<audio::MonoReader> reader) {
  return [reader](std::vector<float>& out, std::size_t max_samples) { return reader->read(out, max_samples); };
}

}  // namespace

TrackFeatures extract_track(const std::filesystem::path& file, const ExtractionSettings& s,
                            const std::filesystem::path& scratch_directory, std::size_t chunk_frames) {
  auto reader = std::make_shared<audio::MonoReader>(audio::open_audio(file, s.decoder));
  const int sr = reader->sample_rate();
  // How much of the track is held: all of it when it fits one chunk, else what the log-mel needs.
  std::size_t head_limit = s.fma518 ? chunk_frames * static_cast<std::size_t>(features::kFmaHop) : 0;
  if (s.logmel) {
    const std::size_t needed = features::log_mel_input_samples(s.log_mel.params, sr);
    head_limit = std::max(head_limit, needed > 0 ? needed : std::numeric_limits<std::size_t>::max() - 1);
  }
  std::vector<float> head;
  head.reserve(std::min(head_limit + 1, reader->estimated_samples() + reader->estimated_samples() / 64));
  while (head.size() <= head_limit && reader->read(head, std::min<std::size_t>(1 << 16, head_limit + 1 - head.size())) > 0) {
  }
  reader.reset();
  if (head.empty()) throw DataError(file.string() + ": no audio samples (empty or truncated file)");
  const bool whole = head.size() <= head_limit;

  TrackFeatures out;
  if (s.logmel) {
    const auto resampled = audio::resample(head, sr, s.log_mel.params.sample_rate, s.log_mel.resampler);
    out.log_mel = features::log_mel_spectrogram(resampled, s.log_mel.params);
  }
  if (s.fma518) {
    if (whole) {
      out.fma518 = features::fma_features(head, sr, s.profile);
    } else {
      head = std::vector<float>();
      const auto open = [&] { return source_of(std::make_shared<audio::MonoReader>(audio::open_audio(file, s.decoder))); };
      out.fma518 = features::fma_features_chunked(open, sr, s.profile, chunk_frames, scratch_directory);
    }
  }
  return out;
}

}  // namespace genrekit::extraction
