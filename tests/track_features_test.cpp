// extract_track: a track longer than one chunk (here 256 frames, 3 s) gives the same 518 features
// as fma_features of the whole decoded track (to 1e-12 x max(|value|, 1)) and the same log-mel
// spectrogram as the whole track resampled (to 1e-6 in log units), with either resampler.
#include <cmath>
#include <numbers>

#include "genrekit/audio/audio_file.h"
#include "genrekit/audio/decoder.h"
#include "genrekit/audio/resample.h"
#include "genrekit/error.h"
#include "genrekit/extraction/track_features.h"
#include "genrekit/features/log_mel.h"
#include "test_support.h"

namespace genrekit::extraction {
namespace {

// 20 s of stereo 44.1 kHz chords that change every 1.5 s, the channels slightly different.
std::filesystem::path write_track(const std::filesystem::path& dir) {
  audio::AudioBuffer audio{44100, 2, {}};
  const std::size_t frames = 20 * 44100;
  audio.samples.resize(2 * frames);
  for (std::size_t n = 0; n < frames; ++n) {
    const double t = static_cast<double>(n) / 44100;
    const double root = 196 * std::pow(2.0, std::fmod(std::floor(t / 1.5) * 5, 12) / 12);
    const double chord = 0.25 * std::sin(2 * std::numbers::pi * root * t) + 0.15 * std::sin(2 * std::numbers::pi * root * 1.26 * t) +
                         0.1 * std::sin(2 * std::numbers::pi * root * 1.5 * t);
    audio.samples[2 * n] = static_cast<float>(chord);
    audio.samples[2 * n + 1] = static_cast<float>(chord + 0.05 * std::sin(2 * std::numbers::pi * 3000 * t));
  }
  const auto file = dir / "chords.wav";
  audio::write_audio(file, audio);
  return file;
}

TEST(ExtractTrack, LongTrackInChunksEqualsWholeTrack) {
  const auto dir = test::scratch_dir();
  const auto file = write_track(dir);
  const auto whole = audio::decode_mono(file, audio::Decoder::SndfileS16);
  const auto expected = features::fma_features(whole.samples, whole.sample_rate, features::FmaProfile::Fma);
  for (audio::Resampler resampler : {audio::Resampler::ResampyKaiserBest, audio::Resampler::SoxrVeryHigh}) {
    ExtractionSettings s;
    s.decoder = audio::Decoder::SndfileS16;
    s.logmel = true;
    s.log_mel.params.frames = 200;  // 9.3 s at 22,050 Hz: the head holds ~10 s of the 20
    s.log_mel.resampler = resampler;
    const TrackFeatures chunked = extract_track(file, s, dir, 256);
    ASSERT_EQ(chunked.fma518.size(), expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
      if (std::isnan(expected[i]) && std::isnan(chunked.fma518[i])) continue;
      EXPECT_LE(std::fabs(chunked.fma518[i] - expected[i]), 1e-12 * std::max(std::fabs(expected[i]), 1.0)) << i;
    }
    const auto resampled = audio::resample(whole.samples, whole.sample_rate, 22050, resampler);
    const dsp::Matrix log_mel = features::log_mel_spectrogram(resampled, s.log_mel.params);
    ASSERT_EQ(chunked.log_mel.rows(), log_mel.rows());
    EXPECT_LE((chunked.log_mel - log_mel).cwiseAbs().maxCoeff(), 1e-6);
  }
}

TEST(ExtractTrack, NamesAnEmptyFile) {
  const auto file = test::scratch_dir() / "empty.wav";
  test::write_text(file, "");
  EXPECT_THROW_WITH(extract_track(file, ExtractionSettings{}), genrekit::DataError, "empty.wav");
}

}  // namespace
}  // namespace genrekit::extraction
