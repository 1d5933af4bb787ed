#include "genrekit/features/spectral_contrast.h"

#include <algorithm>
#include <cmath>
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

using dsp::vectors::Doubles2;
using dsp::vectors::Doubles4;
using dsp::vectors::kLanes;
constexpr std::size_t kMaxUnrolledCount = 10;  // counts up to this keep their lists in registers

// The extremes a band's contrast compares: its smallest values (kLargest false) or its largest.
// "a is ahead of b": a is the more extreme of the two.
template <bool kLargest>
inline bool ahead(double a, double b) noexcept {
  return kLargest ? a > b : a < b;
}

// Inserts each lane of v into that lane's list kept[0, count), the most extreme first, and drops
// the least extreme: a sorting network's column, a maximum and a minimum per slot and no branch.
// The slot keeps the more extreme of itself and v, v goes on with the other (max_of(v, k) is k when
// v is NaN, min_of(k, v) then v): a NaN sinks through every slot and is never kept.
template <bool kLargest, typename Vec>
inline void insert(Vec* kept, std::size_t count, const Vec& value) noexcept {
  using dsp::vectors::max_of;
  using dsp::vectors::min_of;
  Vec v = value;
  for (std::size_t j = 0; j < count; ++j) {
    const Vec k = kept[j];
    kept[j] = kLargest ? max_of(v, k) : min_of(v, k);
    v = kLargest ? min_of(k, v) : max_of(k, v);
  }
}

// Each lane's `count` most extreme of x[0, n) (lane l sees x[l], x[l + lanes], ...), most extreme
// first, into kept; the tail is padded with values no real one loses to.
template <bool kLargest, typename Vec>
inline void lane_extremes(const double* x, std::size_t n, std::size_t count, Vec* kept) noexcept {
  const double least = kLargest ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
  Vec padding;
  for (std::size_t l = 0; l < kLanes<Vec>; ++l) padding[l] = least;
  for (std::size_t j = 0; j < count; ++j) kept[j] = padding;
  std::size_t i = 0;
  for (; i + kLanes<Vec> <= n; i += kLanes<Vec>) {
    Vec v;
    dsp::vectors::load(v, x + i);
    insert<kLargest>(kept, count, v);
  }
  if (i < n) {
    Vec tail = padding;
    for (std::size_t l = 0; i + l < n; ++l) tail[l] = x[i + l];
    insert<kLargest>(kept, count, tail);
  }
}

// lane_extremes into `lists` (count x lanes doubles), in registers when the count is small.
template <bool kLargest, typename Vec, std::size_t kCount>
inline void lane_extremes_unrolled(const double* x, std::size_t n, double* lists) noexcept {
  Vec kept[kCount];  // a local array of known size: the compiler keeps it in registers
  lane_extremes<kLargest>(x, n, kCount, kept);
  for (std::size_t j = 0; j < kCount; ++j) dsp::vectors::store(lists + j * kLanes<Vec>, kept[j]);
}

template <bool kLargest, typename Vec>
inline void lane_lists(const double* x, std::size_t n, std::size_t count, double* lists) noexcept {
  switch (count) {
#define GENREKIT_CONTRAST_COUNT(k) \
  case k: lane_extremes_unrolled<kLargest, Vec, k>(x, n, lists); return;
    GENREKIT_CONTRAST_COUNT(1) GENREKIT_CONTRAST_COUNT(2) GENREKIT_CONTRAST_COUNT(3) GENREKIT_CONTRAST_COUNT(4)
    GENREKIT_CONTRAST_COUNT(5) GENREKIT_CONTRAST_COUNT(6) GENREKIT_CONTRAST_COUNT(7) GENREKIT_CONTRAST_COUNT(8)
    GENREKIT_CONTRAST_COUNT(9) GENREKIT_CONTRAST_COUNT(10)
#undef GENREKIT_CONTRAST_COUNT
  }
  static_assert(kMaxUnrolledCount == 10, "the cases above unroll counts 1 to 10");
  using Stored = typename dsp::vectors::Unaligned<Vec>::type;  // larger counts work in memory
  lane_extremes<kLargest>(x, n, count, reinterpret_cast<Stored*>(lists));
}

// The mean of the `count` most extreme of x[0, n), summed in ascending order as numpy's mean over
// the sorted band: the lanes' lists (lane_extremes) merged, the most extreme first. The values,
// and so the sum, are the same whatever the number of lanes.
template <bool kLargest, typename Vec>
inline double band_extreme_mean(const double* x, std::size_t n, std::size_t count, double* lists,
                                double* picked) noexcept {
  constexpr std::size_t lanes = kLanes<Vec>;
  lane_lists<kLargest, Vec>(x, n, count, lists);
  std::size_t next[lanes] = {};  // a lane gives at most `count`, so no list runs out
  for (std::size_t r = 0; r < count; ++r) {
    std::size_t best = 0;
    for (std::size_t l = 1; l < lanes; ++l)
      if (ahead<kLargest>(lists[next[l] * lanes + l], lists[next[best] * lanes + best])) best = l;
    picked[r] = lists[next[best]++ * lanes + best];
  }
  double sum = 0;  // ascending: the smallest were picked from the smallest on, the largest from the largest
  for (std::size_t k = 0; k < count; ++k) sum += picked[kLargest ? count - 1 - k : k];
  return sum / static_cast<double>(count);
}

// Every band's peak and valley of one frame. `lists` holds 4 x the largest count, `picked` 1 x.
template <typename Vec>
inline void frame_extremes(const double* spectrum, const Band* bands, std::size_t n_bands, double* peaks,
                           double* valleys, double* lists, double* picked) noexcept {
  for (std::size_t k = 0; k < n_bands; ++k) {
    const double* x = spectrum + bands[k].first;
    const auto n = static_cast<std::size_t>(bands[k].used);
    peaks[k] = band_extreme_mean<true, Vec>(x, n, bands[k].count, lists, picked);
    valleys[k] = band_extreme_mean<false, Vec>(x, n, bands[k].count, lists, picked);
  }
}

// Flattened: everything above is inlined here, at the kernel's vector width.
[[gnu::flatten]] void frame_extremes_baseline(const double* spectrum, const Band* bands, std::size_t n_bands,
                                              double* peaks, double* valleys, double* lists, double* picked) noexcept {
  frame_extremes<Doubles2>(spectrum, bands, n_bands, peaks, valleys, lists, picked);
}

GENREKIT_AVX2_TARGET [[gnu::flatten]] void frame_extremes_avx2(const double* spectrum, const Band* bands,
                                                               std::size_t n_bands, double* peaks, double* valleys,
                                                               double* lists, double* picked) noexcept {
  frame_extremes<Doubles4>(spectrum, bands, n_bands, peaks, valleys, lists, picked);
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
  // Frame by frame, band by band: the peak and the valley while the band is in cache.
  std::size_t max_count = 0;
  for (const Band& band : bands) max_count = std::max(max_count, band.count);
  std::vector<double> lists(kLanes<Doubles4> * max_count), picked(max_count), peaks(bands.size()),
      valleys(bands.size());
  static const auto frame_extremes = cpu_has_avx2() ? frame_extremes_avx2 : frame_extremes_baseline;
  for (Eigen::Index t = 0; t < S.cols(); ++t) {
    frame_extremes(S.col(t).data(), bands.data(), bands.size(), peaks.data(), valleys.data(), lists.data(),
                   picked.data());
    for (std::size_t k = 0; k < bands.size(); ++k) {
      out.peak(static_cast<Eigen::Index>(k), t) = peaks[k];
      out.valley(static_cast<Eigen::Index>(k), t) = valleys[k];
    }
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
