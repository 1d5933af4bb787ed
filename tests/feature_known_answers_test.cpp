// Known answers and edge cases of the FMA features: synthetic signals against librosa 0.5.0
// (tests/data/edge/, 1e-5 x max(|ref|, 1)), librosa-style checks on pure tones and noise, the
// statistics' definitions, and every feature's rejection of invalid parameters.
#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <numbers>
#include <random>
#include <utility>
#include <vector>

#include "genrekit/data/csv_cursor.h"
#include "genrekit/data/mapped_file.h"
#include "genrekit/data/npy.h"
#include "genrekit/dsp/cqt.h"
#include "genrekit/dsp/filterbank_product.h"
#include "genrekit/dsp/filterbanks.h"
#include "genrekit/dsp/numpy_median.h"
#include "genrekit/dsp/numpy_sum.h"
#include "genrekit/dsp/resample.h"
#include "genrekit/dsp/spectral_utils.h"
#include "genrekit/dsp/stft.h"
#include "genrekit/features/chroma_cens.h"
#include "genrekit/features/chroma_cqt.h"
#include "genrekit/features/chroma_stft.h"
#include "genrekit/features/fma_features.h"
#include "genrekit/features/log_mel.h"
#include "genrekit/features/mfcc.h"
#include "genrekit/features/rms.h"
#include "genrekit/features/spectral_bandwidth.h"
#include "genrekit/features/spectral_centroid.h"
#include "genrekit/features/spectral_contrast.h"
#include "genrekit/features/spectral_rolloff.h"
#include "genrekit/features/statistics.h"
#include "genrekit/features/tonnetz.h"
#include "genrekit/features/zero_crossing_rate.h"
#include "test_support.h"

namespace genrekit::features {
namespace {

std::vector<float> tone(double frequency, double sr, double seconds, double amplitude = 0.5) {
  std::vector<float> y(static_cast<std::size_t>(seconds * sr));
  for (std::size_t n = 0; n < y.size(); ++n)
    y[n] = static_cast<float>(amplitude * std::sin(2 * std::numbers::pi * frequency * (static_cast<double>(n) / sr)));
  return y;
}

std::vector<float> white_noise() {
  const auto array = data::read_npy(test::fixture("edge/white_noise_16000.npy"));
  return {array.values.begin(), array.values.end()};
}

// Silence, a tone and white noise: all 518 values, NaN pattern included. A constant (DC): its
// spectrum is exactly zero outside the lowest bins, so librosa's chroma, MFCC, contrast and
// bandwidth statistics there describe FFT rounding noise (~1e-17), which no two FFT libraries share;
// for DC only the features the signal defines are compared (zcr, rmse, centroid, rolloff), and the
// rest must merely be computed without error. rmse's skew and kurtosis are float32 moments (as in
// librosa); for a steady tone the row is nearly constant, so last-bit differences between FFTW's and
// numpy's FFTs grow to ~3e-5 relative there: those two get 1e-4.
// 3 s at 9,000 Hz (an amplitude-modulated tone, a chirp, a rising tone) as numpy computed it and
// wrote it to 16-bit PCM (librosa reads it back / 32768): low enough a rate that librosa 0.5.0
// computes the CQT's top octave before any resampling.
std::vector<float> chord_9000() {
  constexpr double sr = 9000;
  std::vector<float> y(3 * 9000);
  for (std::size_t n = 0; n < y.size(); ++n) {
    const double t = static_cast<double>(n) / sr;
    const double v = 0.3 * std::sin(2 * std::numbers::pi * 440 * t) * (0.5 + 0.5 * std::sin(2 * std::numbers::pi * 0.7 * t)) +
                     0.2 * std::sin(2 * std::numbers::pi * (1250 * t + 300 * t * t)) +
                     0.1 * std::sin(2 * std::numbers::pi * 3100 * t) * t / 3;
    y[n] = static_cast<float>(std::nearbyint(v * 32767)) / 32768.0f;
  }
  return y;
}

TEST(EdgeCases, SyntheticSignalsMatchLibrosa050) {
  data::MappedFile file(test::fixture("edge/fma518_librosa050_edge_cases.csv"));
  data::CsvCursor csv(file.begin(), file.end(), "fma518_librosa050_edge_cases.csv");
  csv.next_record();
  std::vector<std::string> header;
  while (!csv.record_end()) header.emplace_back(csv.next_field());
  int rows = 0;
  while (csv.next_record()) {
    const std::string name(csv.next_field());
    std::vector<double> ref;
    double v = 0;
    while (!csv.record_end() && csv.next_number(v)) ref.push_back(v);
    ASSERT_EQ(ref.size(), kFmaFeatureCount) << name;
    std::vector<float> y;
    double sr = 0;
    if (name == "silence_22050") y.assign(2 * 22050, 0.0f), sr = 22050;
    else if (name == "dc_0.25_44100") y.assign(2 * 44100, 0.25f), sr = 44100;
    else if (name == "tone_440_22050") y = tone(440, 22050, 2), sr = 22050;
    else if (name == "white_noise_16000") y = white_noise(), sr = 16000;
    else if (name == "chord_9000") y = chord_9000(), sr = 9000;
    else FAIL() << "unknown signal " << name;
    const auto ours = fma_features(y, sr, FmaProfile::Fma);
    for (std::size_t i = 0; i < kFmaFeatureCount; ++i) {
      const std::string& column = header[i + 1];
      const bool defined_by_signal = column.starts_with("zcr/") || column.starts_with("rmse/") ||
                                     column.starts_with("spectral_centroid/") || column.starts_with("spectral_rolloff/");
      if (name == "dc_0.25_44100" && !defined_by_signal) continue;
      if (std::isnan(ref[i]) || std::isnan(ours[i])) {
        EXPECT_EQ(std::isnan(ref[i]), std::isnan(ours[i])) << name << " " << header[i + 1] << " ours " << ours[i];
        continue;
      }
      const bool float32_moment = column == "rmse/skew/01" || column == "rmse/kurtosis/01";
      EXPECT_NEAR(ours[i], ref[i], (float32_moment ? 1e-4 : 1e-5) * std::max(1.0, std::fabs(ref[i]))) << name << " " << column;
    }
    ++rows;
  }
  EXPECT_EQ(rows, 5);
}

TEST(EdgeCases, TooShortForOneFrameIsAClearError) {
  const std::vector<float> y(1000, 0.1f);
  EXPECT_THROW_WITH(fma_features(y, 22050, FmaProfile::Fma), std::invalid_argument, "shorter than one frame");
}

TEST(KnownAnswers, PureToneChromaCentroidAndRolloff) {
  const double sr = 22050;
  const auto y = tone(440, sr, 2);  // A4
  const dsp::Matrix S = dsp::Stft(2048, 512).magnitude(y);
  const dsp::Matrix power = S.array().square().matrix();
  const dsp::Matrix chroma = chroma_stft(power, sr);
  const dsp::Matrix centroid = spectral_centroid(S, sr);
  const dsp::Matrix rolloff = spectral_rolloff(S, sr);
  const double bin = sr / 2048;
  for (Eigen::Index t = 4; t < S.cols() - 4; ++t) {  // interior frames
    Eigen::Index pitch_class = 0;
    chroma.col(t).maxCoeff(&pitch_class);
    EXPECT_EQ(pitch_class, 9) << "frame " << t;  // C=0 ... A=9
    EXPECT_NEAR(centroid(0, t), 440, bin) << "frame " << t;
    EXPECT_NEAR(rolloff(0, t), 440, 2 * bin) << "frame " << t;
  }
  const dsp::Matrix C = dsp::cqt_magnitude(y, sr, 0.0);
  Eigen::Index strongest = 0;
  C.col(C.cols() / 2).maxCoeff(&strongest);
  EXPECT_EQ(strongest, 45);  // A4 is 45 semitones above C1
}

TEST(KnownAnswers, WhiteNoiseIsFlatAndCrossesZeroHalfTheTime) {
  const auto y = white_noise();
  const dsp::Matrix S = dsp::Stft(2048, 512).magnitude(y);
  const double sr = 16000;
  EXPECT_NEAR(spectral_centroid(S, sr).mean(), sr / 4, 0.02 * sr / 4);        // flat spectrum: mid-band
  EXPECT_NEAR(spectral_rolloff(S, sr).mean(), 0.85 * sr / 2, 0.02 * sr / 2);  // 85 % of the band
  EXPECT_NEAR(zero_crossing_rate(y).mean(), 0.5, 0.02);
  // A flat spectrum has little contrast: every band's peak is within ~20 dB of its valley.
  EXPECT_LT(spectral_contrast(S, sr).leftCols(S.cols() - 4).rightCols(S.cols() - 8).maxCoeff(), 25.0);
}

TEST(KnownAnswers, StatisticsFollowScipyDefinitions) {
  dsp::Matrix row(1, 5);
  row << 1, 2, 3, 4, 10;
  const dsp::Matrix s = row_statistics(row);  // kurtosis, max, mean, median, min, skew, std
  EXPECT_NEAR(s(0, 0), -0.21199999999999974, 1e-12);  // scipy.stats.kurtosis (excess, biased)
  EXPECT_EQ(s(0, 1), 10);
  EXPECT_EQ(s(0, 2), 4);
  EXPECT_EQ(s(0, 3), 3);
  EXPECT_EQ(s(0, 4), 1);
  EXPECT_NEAR(s(0, 5), 1.1384199576606167, 1e-12);  // scipy.stats.skew (biased)
  EXPECT_NEAR(s(0, 6), std::sqrt(10.0), 1e-12);       // ddof 0
  dsp::Matrix even(1, 4);
  even << 4, 1, 3, 2;
  EXPECT_EQ(row_statistics(even)(0, 3), 2.5);  // median of an even count: mean of the middle two
  dsp::Matrix unsorted(1, 7);
  unsorted << 9, -2, 7, 7, 0, 11, 3;
  const dsp::Matrix u = row_statistics(unsorted);  // selection, not sorting: order must not matter
  EXPECT_EQ(u(0, 3), 7);
  EXPECT_EQ(u(0, 1), 11);
  EXPECT_EQ(u(0, 4), -2);
  dsp::Matrix with_nan(1, 4);
  with_nan << 1, std::nan(""), 3, 2;
  const dsp::Matrix n = row_statistics(with_nan);  // numpy and scipy propagate NaN into every statistic
  for (Eigen::Index k = 0; k < n.cols(); ++k) EXPECT_TRUE(std::isnan(n(0, k))) << "statistic " << k;
  dsp::Matrix constant = dsp::Matrix::Constant(2, 7, 0.3);
  const dsp::Matrix c = row_statistics(constant);
  EXPECT_TRUE(std::isnan(c(0, 0)));  // kurtosis of a constant: NaN, as FMA's file has
  EXPECT_TRUE(std::isnan(c(0, 5)));  // skew likewise
  EXPECT_EQ(c(0, 6), 0);
  EXPECT_DOUBLE_EQ(c(0, 2), 0.3);
}

// spectral_contrast's peaks and valleys against librosa 0.5.0's definition spelt out with a full
// sort of each band (means of the sorted band's ends, summed in double in ascending order), on
// spectra that rise, fall, repeat values (ties) and hold zeros, with bands of every size (n_fft
// 2048 at 22,050 Hz: 18 to 431 bins, 1 to 9 values averaged). Exact equality: both sum the same
// sorted values in the same order, however the implementation finds them.
TEST(KnownAnswers, ContrastExtremesAreTheMeansOfTheSortedBandsEnds) {
  constexpr double sr = 22050, fmin = 200;
  constexpr int n_bands = 6, n_bins = 1025;
  std::mt19937 random(7);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  std::uniform_int_distribution<int> few(0, 3);
  dsp::Matrix S(n_bins, 6);
  for (Eigen::Index k = 0; k < n_bins; ++k) {
    S(k, 0) = uniform(random);
    S(k, 1) = uniform(random) / (1.0 + static_cast<double>(k));  // falling, as most spectra
    S(k, 2) = uniform(random) * static_cast<double>(k);           // rising
    S(k, 3) = few(random);                                        // ties everywhere
    S(k, 4) = k % 50 == 0 ? 1.0 : 0.0;                            // mostly zeros
    S(k, 5) = 0.5;                                                // constant
  }
  const dsp::Vector freq = dsp::fft_frequencies(sr, 2048);
  // FMA's quantile (counts 1 to 9, kept in registers) and a larger one (counts past 10, in memory).
  for (const double quantile : {0.02, 0.15}) {
    const ContrastExtremes extremes = spectral_contrast_extremes(S, sr, fmin, n_bands, quantile);
    for (int b = 0; b <= n_bands; ++b) {
      // librosa: the bins in [fmin 2^(b-1), fmin 2^b] (from 0 for the first band), plus the bin below
      // from the second band on, to Nyquist for the last; all bands but the last drop their top bin.
      const double low = b == 0 ? 0.0 : fmin * std::pow(2.0, b - 1), high = fmin * std::pow(2.0, b);
      std::vector<Eigen::Index> bins;
      for (Eigen::Index k = 0; k < n_bins; ++k)
        if (freq[k] >= low && (freq[k] <= high || b == n_bands)) bins.push_back(k);
      if (b > 0) bins.insert(bins.begin(), bins.front() - 1);
      const auto count = std::max<std::size_t>(1, static_cast<std::size_t>(std::nearbyint(quantile * static_cast<double>(bins.size()))));
      if (b < n_bands) bins.pop_back();
      for (Eigen::Index t = 0; t < S.cols(); ++t) {
        std::vector<double> band;
        for (Eigen::Index k : bins) band.push_back(S(k, t));
        std::sort(band.begin(), band.end());
        double valley = 0, peak = 0;
        for (std::size_t i = 0; i < count; ++i) {
          valley += band[i];
          peak += band[band.size() - count + i];
        }
        EXPECT_EQ(extremes.valley(b, t), valley / static_cast<double>(count)) << "quantile " << quantile << ", band " << b << ", frame " << t;
        EXPECT_EQ(extremes.peak(b, t), peak / static_cast<double>(count)) << "quantile " << quantile << ", band " << b << ", frame " << t;
      }
    }
  }
}

TEST(KnownAnswers, RolloffIsTheFirstBinWhoseFloat32CumulativeSumReachesThePercent) {
  constexpr double sr = 22050, roll_percent = 0.85;
  constexpr int n_bins = 1025;
  std::mt19937 random(11);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  dsp::Matrix S(n_bins, 9);  // 9 frames: a whole block of 4 frames, another, and a partial one
  for (Eigen::Index k = 0; k < n_bins; ++k) {
    S(k, 0) = uniform(random);
    S(k, 1) = uniform(random) / (1.0 + static_cast<double>(k));
    S(k, 2) = k == 700 ? 1.0 : 0.0;                                  // one bin holds everything
    S(k, 3) = 0.0;                                                   // silence: bin 0 reaches 0
    S(k, 4) = k == 0 ? 1.0 : 0.0;                                    // DC only
    S(k, 5) = k == n_bins - 1 ? 1.0 : 0.0;                           // Nyquist only
    S(k, 6) = k == 300 ? std::numeric_limits<double>::quiet_NaN() : uniform(random);  // NaN from bin 300 on
    S(k, 7) = k == 500 ? std::numeric_limits<double>::infinity() : uniform(random);
    S(k, 8) = 0.25;
  }
  const dsp::Vector freq = dsp::fft_frequencies(sr, 2048);
  const dsp::Matrix rolloff = spectral_rolloff(S, sr, roll_percent);
  for (Eigen::Index t = 0; t < S.cols(); ++t) {
    // librosa 0.5.0 on float32 magnitudes: np.cumsum in float32, the threshold in float32, and the
    // lowest frequency whose sum is not below it (a NaN sum is not below anything).
    std::vector<float> cumulative;
    float total = 0;
    for (Eigen::Index k = 0; k < n_bins; ++k) cumulative.push_back(total += static_cast<float>(S(k, t)));
    const float threshold = static_cast<float>(roll_percent) * total;
    double expected = std::numeric_limits<double>::quiet_NaN();
    for (Eigen::Index k = 0; k < n_bins; ++k)
      if (!(cumulative[static_cast<std::size_t>(k)] < threshold)) {
        expected = freq[k];
        break;
      }
    EXPECT_EQ(rolloff(0, t), expected) << "frame " << t;
  }
}

TEST(KnownAnswers, FilterbankProductIsTheSequentialSumOverBins) {
  // Every value must be exactly the sum over the bins in ascending order from zero, on any CPU
  // (the vector lanes hold filters, never parts of one sum): chroma's 12 filters, and counts that
  // leave part-filled vectors and frames beyond the last group of four.
  std::mt19937 random(11);
  std::uniform_real_distribution<double> uniform(-1.0, 1.0);
  for (const auto& [n_filters, n_bins, n_frames] : {std::array{12, 1025, 9}, std::array{13, 37, 6}, std::array{1, 5, 3},
                                                     std::array{26, 64, 5}, std::array{3, 1, 1}}) {
    dsp::Matrix bank(n_filters, n_bins), S(n_bins, n_frames);
    for (double& w : bank.reshaped()) w = uniform(random);
    for (double& x : S.reshaped()) x = uniform(random) * 1e3;
    const dsp::Matrix product = dsp::filterbank_product(bank, S);
    ASSERT_EQ(product.rows(), n_filters);
    ASSERT_EQ(product.cols(), n_frames);
    for (int f = 0; f < n_filters; ++f)
      for (int t = 0; t < n_frames; ++t) {
        double sum = 0;
        for (int k = 0; k < n_bins; ++k) sum += bank(f, k) * S(k, t);
        EXPECT_EQ(product(f, t), sum) << n_filters << " filters: filter " << f << ", frame " << t;
      }
  }
  EXPECT_THROW(dsp::filterbank_product(dsp::Matrix::Ones(12, 1025), dsp::Matrix::Ones(1024, 3)), std::invalid_argument);
}

// numpy's pairwise_sum (numpy/core/src/umath/loops_utils.h.src) as numpy writes it, recursively:
// the reference for the library's stack-walking form.
double numpy_pairwise_reference(const double* x, std::size_t n) {
  if (n < 8) {
    double sum = 0;
    for (std::size_t i = 0; i < n; ++i) sum += x[i];
    return sum;
  }
  if (n <= 128) {
    double r[8];
    for (std::size_t j = 0; j < 8; ++j) r[j] = x[j];
    std::size_t i = 8;
    for (; i < n - n % 8; i += 8)
      for (std::size_t j = 0; j < 8; ++j) r[j] += x[i + j];
    double sum = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
    for (; i < n; ++i) sum += x[i];
    return sum;
  }
  std::size_t half = n / 2;
  half -= half % 8;
  return numpy_pairwise_reference(x, half) + numpy_pairwise_reference(x + half, n - half);
}

TEST(KnownAnswers, PairwiseSumIsNumpys) {
  // numpy_pairwise_sum (and its stack-walking form, which the vector kernels use) must split and add
  // exactly as numpy's recursion does, for every length: below the 8-value unrolling, around the
  // 128-value block, across several levels of halving; values over 16 decades, so that any other
  // order would round apart.
  std::mt19937 random(13);
  std::uniform_real_distribution<double> uniform(-1.0, 1.0);
  for (std::size_t n = 1; n <= 2100; ++n) {
    std::vector<double> x(n);
    for (double& v : x) v = uniform(random) * std::pow(10.0, 8.0 * uniform(random));
    const double expected = numpy_pairwise_reference(x.data(), n);
    ASSERT_EQ(dsp::numpy_pairwise_sum(x.data(), n), expected) << n << " values";
    ASSERT_EQ(dsp::numpy_pairwise_sum_flat(x.data(), n), expected) << n << " values";
  }
}

TEST(KnownAnswers, ZeroCrossingRateCountsSignChangesInEachEdgePaddedFrame) {
  // librosa's definition spelt out: edge-pad by frame_length / 2, frame, and count in each frame the
  // samples (after its first) whose sign (|y| <= 1e-10 counting as positive) differs from the one
  // before. For frame and hop lengths that do and do not divide each other, hops longer than frames,
  // signals shorter than a frame, and values at the zero threshold.
  std::mt19937 random(19);
  std::uniform_real_distribution<float> uniform(-1.0f, 1.0f);
  std::uniform_int_distribution<int> kind(0, 7);
  const auto negative = [](float v) { return std::fabs(v) > 1e-10f && std::signbit(v); };
  const std::pair<int, int> shapes[] = {{2048, 512}, {2048, 500}, {7, 3}, {5, 5}, {4, 9}, {1, 1}, {1, 2}, {64, 1}};
  for (const auto& [frame_length, hop] : shapes)
    for (const std::size_t n : {1UL, 2UL, 3UL, 10UL, 100UL, 1000UL, 5000UL}) {
      std::vector<float> y(n);
      for (float& v : y) {
        const int k = kind(random);  // runs of each sign, exact and signed zeros, values at the threshold
        v = k == 0 ? 0.0f : k == 1 ? -0.0f : k == 2 ? -1e-10f : k == 3 ? -2e-10f : uniform(random);
      }
      const auto pad = static_cast<std::ptrdiff_t>(frame_length / 2);
      const auto at = [&](std::ptrdiff_t i) {  // the edge-padded signal
        return y[static_cast<std::size_t>(std::clamp<std::ptrdiff_t>(i - pad, 0, static_cast<std::ptrdiff_t>(n) - 1))];
      };
      const auto padded = static_cast<std::ptrdiff_t>(n) + 2 * pad;
      if (padded < frame_length) continue;  // too short: an error, tested elsewhere
      const dsp::Matrix rate = zero_crossing_rate(y, frame_length, hop);
      ASSERT_EQ(rate.cols(), 1 + (padded - frame_length) / hop);
      for (Eigen::Index t = 0; t < rate.cols(); ++t) {
        int changes = 0;
        for (std::ptrdiff_t i = t * hop + 1; i < t * hop + frame_length; ++i) changes += negative(at(i)) != negative(at(i - 1));
        ASSERT_EQ(rate(0, t), static_cast<double>(changes) / frame_length)
            << "frame " << t << " of " << n << " samples, frame " << frame_length << ", hop " << hop;
      }
    }
}

TEST(KnownAnswers, MedianIsTheSortedMiddle) {
  // numpy_median selects without sorting; it must give np.median's value (the middle of the sorted
  // values, or the mean of the two middle ones) for every length and order: random values with and
  // without repeats, sorted, reversed, organ pipe, all equal, infinities; and leave them untouched.
  std::mt19937 random(17);
  std::uniform_real_distribution<double> uniform(-1.0, 1.0);
  std::uniform_int_distribution<int> few(0, 4);
  const auto sorted_middle = [](std::vector<double> v) {
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
  };
  for (std::size_t n = 1; n <= 600; n += n < 80 ? 1 : 37) {
    std::vector<std::vector<double>> cases(7, std::vector<double>(n));
    for (std::size_t i = 0; i < n; ++i) {
      cases[0][i] = uniform(random);
      cases[1][i] = few(random);
      cases[2][i] = static_cast<double>(i);
      cases[3][i] = -static_cast<double>(i);
      cases[4][i] = static_cast<double>(std::min(i, n - 1 - i));
      cases[5][i] = 0.25;
      cases[6][i] = i % 3 == 0 ? std::numeric_limits<double>::infinity() : i % 3 == 1 ? -std::numeric_limits<double>::infinity() : uniform(random);
    }
    for (std::size_t c = 0; c < cases.size(); ++c) {
      const std::vector<double> before = cases[c];
      const double median = dsp::numpy_median(cases[c].data(), n), expected = sorted_middle(cases[c]);
      // (-inf + inf) / 2 is NaN for numpy too
      ASSERT_TRUE(median == expected || (std::isnan(median) && std::isnan(expected)))
          << "case " << c << ", " << n << " values: " << median << " vs " << expected;
      ASSERT_EQ(cases[c], before) << "case " << c << ", " << n << " values";
    }
  }
  const std::vector<double> with_nan = {1.0, std::numeric_limits<double>::quiet_NaN(), 3.0};
  EXPECT_TRUE(std::isnan(dsp::numpy_median(with_nan.data(), with_nan.size())));
}

TEST(InvalidParameters, EveryFeatureNamesItselfAndTheProblem) {
  const dsp::Matrix S = dsp::Matrix::Constant(1025, 4, 1.0);
  const dsp::Matrix negative = dsp::Matrix::Constant(1025, 4, -1.0);
  const std::vector<float> y(4096, 0.1f);
  EXPECT_THROW_WITH(dsp::Stft(1, 512), std::invalid_argument, "stft: n_fft");
  EXPECT_THROW_WITH(dsp::Stft(2048, 0), std::invalid_argument, "stft: hop_length");
  EXPECT_THROW_WITH(dsp::mel_filterbank(22050, 2048, 0), std::invalid_argument, "mel_filterbank: n_mels");
  EXPECT_THROW_WITH(dsp::mel_filterbank(22050, 2048, 128, 5000, 4000), std::invalid_argument, "fmin < fmax");
  EXPECT_THROW_WITH(dsp::power_to_db(S, 1.0, 0.0), std::invalid_argument, "power_to_db: amin");
  EXPECT_THROW_WITH(spectral_centroid(negative, 22050), std::invalid_argument, "spectral_centroid: only defined for non-negative");
  EXPECT_THROW_WITH(spectral_centroid(S, 0), std::invalid_argument, "spectral_centroid: sr");
  dsp::Matrix one_negative = dsp::Matrix::Constant(1025, 3, 1.0);  // odd size: the last value is checked alone
  one_negative(1024, 2) = -1e-300;
  EXPECT_THROW_WITH(spectral_rolloff(one_negative, 22050), std::invalid_argument, "spectral_rolloff: only defined for non-negative");
  one_negative(1024, 2) = -0.0;  // not below zero
  EXPECT_NO_THROW(spectral_rolloff(one_negative, 22050));
  EXPECT_THROW_WITH(spectral_bandwidth(S, 22050, 0), std::invalid_argument, "spectral_bandwidth: p");
  EXPECT_THROW_WITH(spectral_bandwidth(S, 22050, dsp::Matrix(1, 3)), std::invalid_argument,
                    "spectral_bandwidth: the centroid must be (1, 4)");
  EXPECT_THROW_WITH(spectral_rolloff(S, 22050, 1.0), std::invalid_argument, "spectral_rolloff: roll_percent");
  EXPECT_THROW_WITH(spectral_contrast(S, 22050, 200, 6, 0.0), std::invalid_argument, "spectral_contrast: quantile");
  EXPECT_THROW_WITH(spectral_contrast(S, 22050, 200, 0), std::invalid_argument, "spectral_contrast: n_bands");
  EXPECT_THROW_WITH(spectral_contrast(S, 22050, -1), std::invalid_argument, "spectral_contrast: fmin");
  EXPECT_THROW_WITH(spectral_contrast(dsp::Matrix::Ones(33, 3), 22050), std::invalid_argument,
                    "spectral_contrast: band 0 holds a single FFT bin");  // n_fft 64: bins 344 Hz apart
  EXPECT_THROW_WITH(chroma_stft(S, 22050, 0), std::invalid_argument, "chroma_stft: n_chroma");
  EXPECT_THROW_WITH(mfcc(S, 22050, 200), std::invalid_argument, "mfcc: n_mfcc");
  EXPECT_THROW_WITH(rms_from_spectrogram(dsp::Matrix(0, 3)), std::invalid_argument, "rms");
  EXPECT_THROW_WITH(zero_crossing_rate(y, 0), std::invalid_argument, "zero_crossing_rate");
  EXPECT_THROW_WITH(chroma_cqt(negative), std::invalid_argument, "chroma_cqt");
  EXPECT_THROW_WITH(chroma_cens(S, 12, 0), std::invalid_argument, "chroma_cens: win_len_smooth");
  EXPECT_THROW_WITH(tonnetz(dsp::Matrix(0, 3)), std::invalid_argument, "tonnetz");
  EXPECT_THROW_WITH(row_statistics(dsp::Matrix(3, 0)), std::invalid_argument, "row_statistics");
  EXPECT_THROW_WITH(dsp::cqt_magnitude(y, 22050, 0.0, {.hop_length = 100}), std::invalid_argument, "cqt: hop_length");
  EXPECT_THROW_WITH(dsp::cqt_magnitude(y, 4000, 0.0), std::invalid_argument, "Nyquist");
  EXPECT_THROW_WITH(log_mel_spectrogram(y, {.floor = 0}), std::invalid_argument, "log_mel_spectrogram: floor");
  EXPECT_THROW_WITH(dsp::resample_resampy015(y, 0, 22050, dsp::ResampyFilter::KaiserFast), std::invalid_argument, "resample");
}

}  // namespace
}  // namespace genrekit::features
