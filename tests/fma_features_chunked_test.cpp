// fma_features_chunked (bounded memory for long tracks) against fma_features of the whole signal:
// the same 518 values, to 1e-12 x max(|value|, 1), whatever the chunk size, on the reference clips
// (44.1 kHz MP3, 22,050 Hz WAV, Ogg) and on a low-rate signal whose CQT takes librosa's top-octave-first
// branch. And the pieces it stands on: chunking, scratch files, the median of spilled values.
#include <algorithm>
#include <cmath>
#include <numbers>
#include <random>

#include "../src/features/signal_chunks.h"
#include "../src/features/spilled_median.h"
#include "genrekit/audio/decoder.h"
#include "genrekit/dsp/numpy_median.h"
#include "genrekit/features/fma_features.h"
#include "genrekit/runtime/spill_file.h"
#include "test_support.h"

namespace genrekit::features {
namespace {

// A source over a vector, handing out at most `piece` samples per call (odd sizes on purpose).
SampleSource source_of(const std::vector<float>& y, std::size_t piece = 7919) {
  return [&y, piece, at = std::size_t{0}](std::vector<float>& out, std::size_t max_samples) mutable {
    const std::size_t n = std::min({max_samples, piece, y.size() - at});
    out.insert(out.end(), y.begin() + static_cast<std::ptrdiff_t>(at), y.begin() + static_cast<std::ptrdiff_t>(at + n));
    at += n;
    return n;
  };
}

void expect_same_values(const std::vector<double>& chunked, const std::vector<double>& whole, const std::string& what) {
  ASSERT_EQ(chunked.size(), whole.size());
  const auto& columns = fma_feature_columns();
  int reported = 0;
  for (std::size_t i = 0; i < whole.size(); ++i) {
    if (std::isnan(whole[i]) && std::isnan(chunked[i])) continue;
    const double error = std::fabs(chunked[i] - whole[i]) / std::max(std::fabs(whole[i]), 1.0);
    if (!(error <= 1e-12) && reported++ < 10)
      ADD_FAILURE() << what << ": " << columns[i].feature << "/" << columns[i].statistic << "/" << columns[i].number
                    << " chunked " << chunked[i] << " whole " << whole[i];
  }
}

void expect_chunked_equals_whole(const std::vector<float>& y, double sr, const std::string& what,
                                 std::initializer_list<std::size_t> chunk_sizes,
                                 std::initializer_list<FmaProfile> profiles = {FmaProfile::Fma, FmaProfile::Corrected}) {
  for (FmaProfile profile : profiles) {
    const auto whole = fma_features(y, sr, profile);
    for (std::size_t frames : chunk_sizes)
      expect_same_values(fma_features_chunked(source_of(y), sr, profile, frames, test::scratch_dir()), whole,
                         what + " (" + std::string(to_string(profile)) + ", chunks of " + std::to_string(frames) + " frames)");
  }
}

std::vector<float> decoded(const std::string& clip) {
  return audio::decode_mono(test::fixture("reference/audio/" + clip), audio::Decoder::FfmpegS16).samples;
}

TEST(FmaFeaturesChunked, EqualsWholeSignalOnReferenceClips) {
  const auto mp3 = decoded("folk_lets_go_fishin.mp3");
  expect_chunked_equals_whole(mp3, 44100, "folk_lets_go_fishin.mp3", {97, 1000});
  expect_chunked_equals_whole(decoded("jazz_vibe_ace.22050.wav"), 22050, "jazz_vibe_ace.22050.wav", {250});
  const auto ogg = audio::decode_mono(test::fixture("reference/audio/jazz_trumpet_loop.ogg"), audio::Decoder::FfmpegS16);
  expect_chunked_equals_whole(ogg.samples, ogg.sample_rate, "jazz_trumpet_loop.ogg", {300});
}

TEST(FmaFeaturesChunked, EqualsWholeSignalAtALowRate) {
  // 40 s at 9,000 Hz: chords that move, so the chroma and tonnetz rows vary across chunks.
  constexpr double sr = 9000;
  std::vector<float> y(40 * 9000);
  for (std::size_t n = 0; n < y.size(); ++n) {
    const double t = static_cast<double>(n) / sr;
    const double root = 220 * std::pow(2.0, std::floor(t / 2.5) / 12);
    y[n] = static_cast<float>(0.3 * std::sin(2 * std::numbers::pi * root * t) + 0.2 * std::sin(2 * std::numbers::pi * 1.5 * root * t) +
                              0.1 * std::sin(2 * std::numbers::pi * (900 * t + 20 * t * t)));
  }
  // (Only FMA's profile: at the true 9 kHz spectral contrast's top band would lie beyond Nyquist.)
  expect_chunked_equals_whole(y, sr, "40 s at 9 kHz", {150, 700}, {FmaProfile::Fma});
}

TEST(FmaFeaturesChunked, RejectsASignalShorterThanOneFrame) {
  const std::vector<float> y(1000, 0.1f);
  EXPECT_THROW_WITH(fma_features_chunked(source_of(y), 22050, FmaProfile::Fma, 16, test::scratch_dir()),
                    std::invalid_argument, "shorter than one frame");
}

TEST(SignalChunks, CoverEveryFrameOnceWithTheirMargins) {
  for (std::size_t n : {2048u, 5000u, 8192u, 100000u}) {
    std::vector<float> y(n);
    for (std::size_t i = 0; i < n; ++i) y[i] = static_cast<float>(i);
    SignalChunks chunks(source_of(y, 333), 512, 3, 1024);
    SignalChunk chunk;
    std::size_t next_frame = 0;
    while (chunks.next(chunk)) {
      EXPECT_EQ(chunk.first_frame, next_frame);
      EXPECT_EQ(chunk.first_sample, std::max<std::size_t>(chunk.first_frame * 512, 1024) - 1024);
      EXPECT_EQ(chunk.first_sample + chunk.samples.size(), std::min(n, chunk.end_frame * 512 + 1024));
      EXPECT_EQ(chunk.samples.front(), static_cast<float>(chunk.first_sample));  // the right samples
      next_frame = chunk.end_frame;
    }
    EXPECT_EQ(next_frame, 1 + n / 512) << n;
    EXPECT_EQ(chunks.total_samples(), n);
    EXPECT_TRUE(chunks.finished());
  }
}

TEST(SpilledMedian, EqualsNumpyMedianBeyondMemorysShare) {
  // More values than are selected in memory at once, so the radix steps run; negatives, zeros and
  // repeats; odd and even counts.
  std::mt19937_64 random(7);
  std::normal_distribution<double> normal(0.0, 3.0);
  for (std::size_t count : {2'500'001u, 2'500'000u}) {
    std::vector<double> values(count);
    for (auto& v : values) v = random() % 5 == 0 ? std::round(normal(random)) : normal(random);
    runtime::SpillFile file(test::scratch_dir());
    file.append(std::span<const double>(values));
    EXPECT_EQ(spilled_median(file, count), dsp::numpy_median(values.data(), values.size())) << count;
  }
  runtime::SpillFile same(test::scratch_dir());
  const std::vector<double> repeated(1'500'000, 0.125);
  same.append(std::span<const double>(repeated));
  EXPECT_EQ(spilled_median(same, repeated.size()), 0.125);
  std::vector<double> with_nan(1'200'000, 1.0);
  with_nan[77] = std::nan("");
  runtime::SpillFile nan_file(test::scratch_dir());
  nan_file.append(std::span<const double>(with_nan));
  EXPECT_TRUE(std::isnan(spilled_median(nan_file, with_nan.size())));
}

TEST(SpillFile, ReadsBackWhatItWroteAndNamesABadDirectory) {
  runtime::SpillFile file(test::scratch_dir());
  const std::vector<int> a{1, 2, 3}, b{4, 5};
  EXPECT_EQ(file.append(std::span<const int>(a)), 0u);
  EXPECT_EQ(file.append(std::span<const int>(b)), 3 * sizeof(int));
  std::vector<int> back(2);
  file.read(2 * sizeof(int), std::span<int>(back));
  EXPECT_EQ(back, (std::vector<int>{3, 4}));
  EXPECT_TRUE(std::filesystem::is_empty(test::scratch_dir()));  // unlinked at once
  EXPECT_THROW_WITH(runtime::SpillFile("/nonexistent/genrekit"), std::runtime_error, "/nonexistent/genrekit");
}

}  // namespace
}  // namespace genrekit::features
