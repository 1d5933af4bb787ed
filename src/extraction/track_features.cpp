#include "genrekit/extraction/track_features.h"

#include <algorithm>
#include <memory>

#include "genrekit/audio/decoder.h"
#include "genrekit/audio/resample.h"
#include "genrekit/features/fma_features.h"
#include "genrekit/features/log_mel.h"
#include "genrekit/error.h"

namespace genrekit::extraction {

namespace {

// The samples already read, then the rest of the file: a long track is decoded once.
features::SampleSource continuing(std::vector<float> head, std::shared_ptr<audio::MonoReader> reader) {
  return [head = std::move(head), reader = std::move(reader), given = std::size_t{0}](
             std::vector<float>& out, std::size_t max_samples) mutable -> std::size_t {
    if (given < head.size()) {
      const std::size_t n = std::min(max_samples, head.size() - given);
      const auto from = head.begin() + static_cast<std::ptrdiff_t>(given);
      out.insert(out.end(), from, from + static_cast<std::ptrdiff_t>(n));
      given += n;
      if (given == head.size()) {  // handed out: its memory goes back
        head = std::vector<float>();
        given = 0;
      }
      return n;
    }
    return reader->read(out, max_samples);
  };
}

}  // namespace

TrackFeatures extract_track(const std::filesystem::path& file, const ExtractionSettings& s,
                            const std::filesystem::path& scratch_directory, std::size_t chunk_frames) {
  auto reader = std::make_shared<audio::MonoReader>(audio::open_audio(file, s.decoder));
  const int sr = reader->sample_rate();
  // How much of the track is held: all of it when it fits one chunk, else what the log-mel needs,
  // unless the log-mel keeps every frame.
  std::size_t head_limit = s.fma518 ? chunk_frames * static_cast<std::size_t>(features::kFmaHop) : 0;
  bool hold_all = false;
  if (s.logmel) {
    const std::size_t needed = features::log_mel_input_samples(s.log_mel.params, sr);
    hold_all = needed == 0;
    head_limit = std::max(head_limit, needed);
  }
  const std::size_t estimated = reader->estimated_samples() + reader->estimated_samples() / 64;
  std::vector<float> head;
  head.reserve(hold_all ? estimated : std::min(head_limit + 1, estimated));
  // One sample past the limit tells a track that is longer than it.
  const auto still_to_read = [&]() -> std::size_t {
    constexpr std::size_t kBlock = 1 << 16;
    if (hold_all) return kBlock;
    return head.size() > head_limit ? 0 : std::min(kBlock, head_limit + 1 - head.size());
  };
  for (std::size_t n = still_to_read(); n > 0 && reader->read(head, n) > 0; n = still_to_read()) {
  }
  if (head.empty()) throw DataError(file.string() + ": no audio samples (empty or truncated file)");
  const bool whole = hold_all || head.size() <= head_limit;
  if (whole) reader.reset();

  TrackFeatures out;
  if (s.logmel) {
    const auto resampled = audio::resample(head, sr, s.log_mel.params.sample_rate, s.log_mel.resampler);
    out.log_mel = features::log_mel_spectrogram(resampled, s.log_mel.params);
  }
  if (s.fma518) {
    if (whole) {
      out.fma518 = features::fma_features(head, sr, s.profile);
    } else {
      out.fma518 = features::fma_features_chunked(continuing(std::move(head), std::move(reader)), sr, s.profile,
                                                  chunk_frames, scratch_directory);
    }
  }
  return out;
}

}  // namespace genrekit::extraction
