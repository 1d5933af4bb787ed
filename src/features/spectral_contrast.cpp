#include "genrekit/features/spectral_contrast.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <vector>

#include "genrekit/dsp/filterbanks.h"
#include "genrekit/dsp/spectral_utils.h"
#include "dsp/vector_clones.h"
#include "spectrogram_checks.h"
#include "unchecked_features.h"

namespace genrekit::features {

namespace {

// A band's bins: `used` of them from `first` enter the statistics, whose `count` smallest and
// largest values give the valley and the peak.
struct Band {
  Eigen::Index first = 0, used = 0;
  std::size_t count = 0;
};

std::vector<Band> contrast_bands(const dsp::Vector& freq, double fmin, int n_bands, double quantile) {
  const Eigen::Index n_bins = freq.size();
  std::vector<Band> bands;
  for (int k = 0; k <= n_bands; ++k) {
    // Bins inside [fmin 2^(k-1), fmin 2^k] (the first band from 0); from the second band on also
    // the bin just below; the last band runs to Nyquist. All but the last drop their top bin.
    const double low = k == 0 ? 0.0 : fmin * std::pow(2.0, k - 1), high = fmin * std::pow(2.0, k);
    Eigen::Index first = -1, last = -1;
    for (Eigen::Index i = 0; i < n_bins; ++i)
      if (freq[i] >= low && freq[i] <= high) {
        if (first < 0) first = i;
        last = i;
      }
    if (first < 0) throw std::invalid_argument("spectral_contrast: band " + std::to_string(k) + " holds no FFT bin");
    if (k > 0) --first;
    if (k == n_bands) last = n_bins - 1;
    const Eigen::Index in_band = last - first + 1;
    const Eigen::Index used = k < n_bands ? in_band - 1 : in_band;
    // librosa would average an empty band (NaN, and through power_to_db's maximum every value NaN).
    if (used == 0)
      throw std::invalid_argument("spectral_contrast: band " + std::to_string(k) +
                                  " holds a single FFT bin, which the band leaves out (n_fft too small for fmin)");
    const Eigen::Index count = std::min<Eigen::Index>(
        used, std::max<Eigen::Index>(1, static_cast<Eigen::Index>(std::nearbyint(quantile * static_cast<double>(in_band)))));
    bands.push_back({first, used, static_cast<std::size_t>(count)});
  }
  return bands;
}

// The extremes a band's contrast compares: its smallest values (kLargest false) or its largest.
// "a is ahead of b": a is the more extreme of the two.
template <bool kLargest>
inline bool ahead(double a, double b) noexcept {
  return kLargest ? a > b : a < b;
}
template <bool kLargest>
inline double more_extreme(double a, double b) noexcept {
  return ahead<kLargest>(b, a) ? b : a;
}
template <bool kLargest>
inline double less_extreme(double a, double b) noexcept {
  return ahead<kLargest>(b, a) ? a : b;
}

// Inserts v into kept[0, count), the most extreme values so far from the most extreme on, and drops
// the least extreme: every slot takes the more extreme of itself and the less extreme of its
// predecessor and v, without a branch. NaN is never kept.
template <bool kLargest>
inline void keep(double* kept, std::size_t count, double v) noexcept {
  for (std::size_t j = count - 1; j > 0; --j) kept[j] = more_extreme<kLargest>(kept[j], less_extreme<kLargest>(kept[j - 1], v));
  kept[0] = more_extreme<kLargest>(kept[0], v);
}

constexpr std::size_t kBlock = 8;
using Doubles4 = double __attribute__((vector_size(32)));

// The most extreme of x[0, 8), two vectors at a time.
template <bool kLargest>
inline double block_extreme(const double* x) noexcept {
  Doubles4 a, b;
  std::memcpy(&a, x, sizeof a);
  std::memcpy(&b, x + 4, sizeof b);
  const Doubles4 m = (kLargest ? a > b : a < b) ? a : b;
  return more_extreme<kLargest>(more_extreme<kLargest>(m[0], m[1]), more_extreme<kLargest>(m[2], m[3]));
}

// The mean of the `count` most extreme of x[0, n), summed in ascending order as numpy's mean over
// the sorted band. Without a scan of every value against the count-th most extreme so far: the
// extremes of the blocks of eight are `blocks` values of x, so the count-th most extreme of them
// bounds the count-th most extreme of x, and only the values at least as extreme as that bound
// (in blocks whose extreme is) can be among the count. `kept` holds count values, `extremes` one per block.
template <bool kLargest>
GENREKIT_AVX2_CLONES double band_extreme_mean(const double* x, std::size_t n, std::size_t count, double* kept,
                                              double* extremes) noexcept {
  const double least = kLargest ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
  const std::size_t full = n / kBlock, blocks = (n + kBlock - 1) / kBlock;
  for (std::size_t b = 0; b < full; ++b) extremes[b] = block_extreme<kLargest>(x + b * kBlock);
  if (full < blocks) {
    extremes[full] = least;
    for (std::size_t i = full * kBlock; i < n; ++i) extremes[full] = more_extreme<kLargest>(extremes[full], x[i]);
  }
  // Spectra mostly fall with frequency: the largest are sought from the bottom of the band up and
  // the smallest from the top down, where a later value seldom displaces a kept one.
  const auto block_at = [&](std::size_t j) { return kLargest ? j : blocks - 1 - j; };
  std::fill(kept, kept + count, least);
  for (std::size_t j = 0; j < blocks; ++j)
    if (ahead<kLargest>(extremes[block_at(j)], kept[count - 1])) keep<kLargest>(kept, count, extremes[block_at(j)]);
  const double bound = kept[count - 1];
  std::fill(kept, kept + count, least);
  for (std::size_t j = 0; j < blocks; ++j) {
    const std::size_t b = block_at(j);
    if (ahead<kLargest>(bound, extremes[b])) continue;
    for (std::size_t i = b * kBlock; i < std::min(n, (b + 1) * kBlock); ++i)
      if (!ahead<kLargest>(bound, x[i])) keep<kLargest>(kept, count, x[i]);
  }
  double sum = 0;  // ascending: the smallest are kept from the smallest on, the largest from the largest
  for (std::size_t k = 0; k < count; ++k) sum += kept[kLargest ? count - 1 - k : k];
  return sum / static_cast<double>(count);
}

}  // namespace

ContrastExtremes spectral_contrast_extremes(const dsp::Matrix& S, double sr, double fmin, int n_bands, double quantile) {
  check_spectrogram("spectral_contrast", S, sr);
  return unchecked::spectral_contrast_extremes(S, sr, fmin, n_bands, quantile);
}

ContrastExtremes unchecked::spectral_contrast_extremes(const dsp::Matrix& S, double sr, double fmin, int n_bands,
                                                       double quantile) {
  check_spectrogram_shape("spectral_contrast", S, sr);
  if (n_bands < 1) throw std::invalid_argument("spectral_contrast: n_bands must be a positive integer");
  if (!(quantile > 0 && quantile < 1)) throw std::invalid_argument("spectral_contrast: quantile must lie in (0, 1)");
  if (fmin <= 0) throw std::invalid_argument("spectral_contrast: fmin must be positive");
  const std::vector<Band> bands = contrast_bands(dsp::fft_frequencies(sr, n_fft_of(S)), fmin, n_bands, quantile);
  ContrastExtremes out{dsp::Matrix(n_bands + 1, S.cols()), dsp::Matrix(n_bands + 1, S.cols())};
  // Frame by frame: every band's peak, then every band's valley, while the frame is in cache.
  std::vector<double> kept(static_cast<std::size_t>(S.rows())), extremes(static_cast<std::size_t>(S.rows()) / kBlock + 1);
  for (Eigen::Index t = 0; t < S.cols(); ++t) {
    const double* spectrum = S.col(t).data();
    for (std::size_t k = 0; k < bands.size(); ++k)
      out.peak(static_cast<Eigen::Index>(k), t) =
          band_extreme_mean<true>(spectrum + bands[k].first, static_cast<std::size_t>(bands[k].used),
                                 bands[k].count, kept.data(), extremes.data());
    for (std::size_t k = 0; k < bands.size(); ++k)
      out.valley(static_cast<Eigen::Index>(k), t) =
          band_extreme_mean<false>(spectrum + bands[k].first, static_cast<std::size_t>(bands[k].used),
                                  bands[k].count, kept.data(), extremes.data());
  }
  return out;
}

dsp::Matrix contrast_in_db(const ContrastExtremes& extremes, double max_peak, double max_valley) {
  return dsp::power_to_db_part(extremes.peak, max_peak) - dsp::power_to_db_part(extremes.valley, max_valley);
}

dsp::Matrix spectral_contrast(const dsp::Matrix& S, double sr, double fmin, int n_bands, double quantile) {
  // Each of the two is floored 80 dB below its own maximum (power_to_db's top_db), as librosa does.
  const ContrastExtremes extremes = spectral_contrast_extremes(S, sr, fmin, n_bands, quantile);
  return contrast_in_db(extremes, extremes.peak.maxCoeff(), extremes.valley.maxCoeff());
}

}  // namespace genrekit::features
