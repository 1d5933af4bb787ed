// ResampleStream against resample() of the whole signal, fed in uneven blocks: resampy's outputs to
// the bit, for 44,100 -> 22,050 Hz (the thesis' input from FMA's MP3s: a whole time step) and for
// ratios that are not whole (48,000 and 8,000 -> 22,050: the time register carried); soxr's
// streaming interface against its one-shot call, to 1e-6.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>

#include "genrekit/audio/resample.h"
#include "genrekit/runtime/splitmix.h"

namespace genrekit::audio {
namespace {

std::vector<float> test_signal(std::size_t n) {
  std::vector<float> x(n);
  std::uint64_t noise = 11;
  for (std::size_t i = 0; i < n; ++i) {
    noise = runtime::splitmix64(noise);
    x[i] = 0.4f * std::sin(0.003f * static_cast<float>(i) * (1.0f + static_cast<float>(i) / 3e5f)) +
           0.1f * (static_cast<float>(noise % 2001) / 1000.0f - 1.0f);
  }
  return x;
}

std::vector<float> streamed(std::span<const float> x, double in_rate, double out_rate, Resampler resampler, std::size_t block) {
  ResampleStream stream(in_rate, out_rate, resampler);
  std::vector<float> out;
  for (std::size_t at = 0, k = 0; at < x.size(); ++k) {
    const std::size_t n = std::min(block + (k % 3) * 977, x.size() - at);  // uneven blocks
    stream.push(x.subspan(at, n), out);
    at += n;
  }
  stream.finish(out);
  return out;
}

float max_difference(const std::vector<float>& a, const std::vector<float>& b) {
  float worst = 0;
  for (std::size_t i = 0; i < a.size(); ++i) worst = std::max(worst, std::abs(a[i] - b[i]));
  return worst;
}

TEST(ResampleStream, ResampyHalvingIsBitExact) {
  const auto x = test_signal(44100 * 7 + 123);
  const auto whole = resample(x, 44100, 22050, Resampler::ResampyKaiserBest);
  for (const std::size_t block : {std::size_t{100}, std::size_t{4096}, std::size_t{70001}, x.size()}) {
    const auto out = streamed(x, 44100, 22050, Resampler::ResampyKaiserBest, block);
    ASSERT_EQ(out.size(), whole.size()) << block;
    EXPECT_EQ(out, whole) << block;
  }
}

TEST(ResampleStream, ResampyOtherRatiosAreBitExact) {
  for (const double in_rate : {48000.0, 8000.0}) {
    const auto x = test_signal(static_cast<std::size_t>(in_rate * 6.3));
    const auto whole = resample(x, in_rate, 22050, Resampler::ResampyKaiserBest);
    const auto out = streamed(x, in_rate, 22050, Resampler::ResampyKaiserBest, 5000);
    ASSERT_EQ(out.size(), whole.size()) << in_rate;
    EXPECT_EQ(out, whole) << in_rate;
  }
}

TEST(ResampleStream, SoxrEqualsItsOneShotCall) {
  const auto x = test_signal(44100 * 5 + 7);
  const auto whole = resample(x, 44100, 22050, Resampler::SoxrVeryHigh);
  const auto out = streamed(x, 44100, 22050, Resampler::SoxrVeryHigh, 3000);
  ASSERT_EQ(out.size(), whole.size());
  EXPECT_LE(max_difference(out, whole), 1e-6f);
}

TEST(ResampleStream, EqualRatesPassThroughAndRatesMustBeWhole) {
  const auto x = test_signal(1000);
  EXPECT_EQ(streamed(x, 22050, 22050, Resampler::ResampyKaiserBest, 77), x);
  EXPECT_THROW(ResampleStream(44100.5, 22050, Resampler::ResampyKaiserBest), std::invalid_argument);
}

}  // namespace
}  // namespace genrekit::audio
