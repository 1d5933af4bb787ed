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

// Counts from which a band's values are first narrowed to those that can be among its extremes.
constexpr std::size_t kNarrowedCount = 5;
constexpr std::size_t kMaxBoundChains = 8;
// Slots past a band's values that reachable() may write: its AVX2 loop stores four values at a time.
constexpr std::size_t kPackSlack = 3;

// How many values reachable() kept at each end of a band.
struct Reachable {
  std::size_t largest = 0, smallest = 0;
};

#if defined(__x86_64__)
// For each mask of four lanes, the permutation (of 32-bit halves) that packs the masked doubles to
// the front, in order.
struct PackTable {
  alignas(32) int index[16][8] = {};
  constexpr PackTable() {
    for (int mask = 0; mask < 16; ++mask) {
      int next = 0;
      for (int lane = 0; lane < 4; ++lane)
        if (mask & (1 << lane)) {
          index[mask][next++] = 2 * lane;
          index[mask][next++] = 2 * lane + 1;
        }
    }
  }
};
inline constexpr PackTable kPack;

// The lanes of v in `mask`, packed to the front.
GENREKIT_AVX2_TARGET inline __m256d packed(__m256d v, int mask) noexcept {
  const __m256i order = _mm256_load_si256(reinterpret_cast<const __m256i*>(kPack.index[mask]));
  return _mm256_castsi256_pd(_mm256_permutevar8x32_epi32(_mm256_castpd_si256(v), order));
}

// The loop of reachable() four values at a time: each end's reaching values packed to the front of
// a vector by a table's permutation and stored whole (the slots past them are overwritten next,
// or never read), the count advanced by their number. Returns how many values it took.
GENREKIT_AVX2_TARGET inline std::size_t keep_reaching_avx2(const double* x, std::size_t n, double high_bound,
                                                           double low_bound, double* largest, double* smallest,
                                                           Reachable& kept) noexcept {
  const __m256d high = _mm256_set1_pd(high_bound), low = _mm256_set1_pd(low_bound);
  std::size_t j = 0;
  for (; j + 4 <= n; j += 4) {
    const __m256d v = _mm256_loadu_pd(x + j);
    const int high_mask = _mm256_movemask_pd(_mm256_cmp_pd(v, high, _CMP_GE_OQ));  // NaN: false
    const int low_mask = _mm256_movemask_pd(_mm256_cmp_pd(v, low, _CMP_LE_OQ));
    _mm256_storeu_pd(largest + kept.largest, packed(v, high_mask));
    _mm256_storeu_pd(smallest + kept.smallest, packed(v, low_mask));
    kept.largest += static_cast<std::size_t>(__builtin_popcount(static_cast<unsigned>(high_mask)));
    kept.smallest += static_cast<std::size_t>(__builtin_popcount(static_cast<unsigned>(low_mask)));
  }
  return j;
}
#endif

// What can be a band's extremes: the values of x[0, n) at least as large as a bound that `count`
// of them reach (into `largest`) and those at most as small as another (into
// `smallest`), each in their order, with their numbers. A bound is the least extreme of the
// extremes of chains x lanes groups (group (c, l): lane l of vectors c, c + chains, ...), at least
// `count` values apart, so the `count` most extreme are all kept, ties included. `largest` and
// `smallest` hold n + kPackSlack values. NaN is never kept
// (the lists below never keep it either); a group with no value (or only NaN) leaves its bound at
// -inf or +inf: all kept. Both ends in one pass: the two counts are independent additions.
template <typename Vec>
inline Reachable reachable(const double* x, std::size_t n, std::size_t count, double* largest,
                           double* smallest) noexcept {
  constexpr std::size_t lanes = kLanes<Vec>;
  constexpr double inf = std::numeric_limits<double>::infinity();
  const std::size_t chains = std::min(kMaxBoundChains, (count + lanes - 1) / lanes);
  Vec high[kMaxBoundChains], low[kMaxBoundChains];
  for (std::size_t c = 0; c < chains; ++c)
    for (std::size_t l = 0; l < lanes; ++l) {
      high[c][l] = -inf;
      low[c][l] = inf;
    }
  for (std::size_t i = 0; i + chains * lanes <= n; i += chains * lanes)
    for (std::size_t c = 0; c < chains; ++c) {
      Vec v;
      dsp::vectors::load(v, x + i + c * lanes);
      high[c] = dsp::vectors::max_of(v, high[c]);
      low[c] = dsp::vectors::min_of(v, low[c]);
    }
  double high_bound = -inf, low_bound = inf;
  if (chains * lanes >= count) {  // else fewer groups than the count: no bound
    high_bound = inf;
    low_bound = -inf;
    for (std::size_t c = 0; c < chains; ++c)
      for (std::size_t l = 0; l < lanes; ++l) {
        high_bound = std::min(high_bound, high[c][l]);
        low_bound = std::max(low_bound, low[c][l]);
      }
  }
  Reachable kept;
  std::size_t j = 0;
#if defined(__x86_64__)
  if constexpr (lanes == 4) j = keep_reaching_avx2(x, n, high_bound, low_bound, largest, smallest, kept);
#endif
  for (; j < n; ++j) {
    const double v = x[j];  // read once: the stores below might alias x for all the compiler knows
    largest[kept.largest] = smallest[kept.smallest] = v;
    kept.largest += v >= high_bound;
    kept.smallest += v <= low_bound;
  }
  return kept;
}

// The mean of the `count` most extreme of x[0, n), summed in ascending order as numpy's mean over
// the sorted band: the lanes' lists (lane_extremes) merged, the most extreme first. The values,
// and so the sum, are the same whatever the number of lanes.
template <bool kLargest, typename Vec>
inline double band_extreme_mean(const double* x, std::size_t n, std::size_t count, double* lists,
                                double* picked) noexcept {
  constexpr std::size_t lanes = kLanes<Vec>;
  lane_lists<kLargest, Vec>(x, n, count, lists);
  // Each lane's next value in a register and a tournament per pick, so that no pick waits on a
  // position stored to memory. After its last pick a lane's head is read from the padding row
  // (`lists` has count + 1 rows) and never compared: a lane gives at most `count` values.
  static_assert(lanes == 2 || lanes == 4, "the tournament below pairs 2 or 4 lanes");
  double head[lanes];
  std::size_t at[lanes];
  for (std::size_t l = 0; l < lanes; ++l) {
    at[l] = l;
    head[l] = lists[l];
  }
  for (std::size_t r = 0; r < count; ++r) {
    const bool second = ahead<kLargest>(head[1], head[0]);
    std::size_t best = second ? 1 : 0;
    double value = second ? head[1] : head[0];
    if constexpr (lanes == 4) {
      const bool fourth = ahead<kLargest>(head[3], head[2]);
      const double other = fourth ? head[3] : head[2];
      const bool later = ahead<kLargest>(other, value);
      best = later ? (fourth ? 3 : 2) : best;
      value = later ? other : value;
    }
    picked[r] = value;
    for (std::size_t l = 0; l < lanes; ++l) {
      at[l] += l == best ? lanes : 0;
      head[l] = lists[at[l]];
    }
  }
  double sum = 0;  // ascending: the smallest were picked from the smallest on, the largest from the largest
  for (std::size_t k = 0; k < count; ++k) sum += picked[kLargest ? count - 1 - k : k];
  return sum / static_cast<double>(count);
}

// Every band's peak and valley of one frame. `lists` holds 4 x (the largest count + 1), `picked` 1 x,
// `largest` and `smallest` each the largest band + kPackSlack (reachable()'s packed stores).
template <typename Vec>
inline void frame_extremes(const double* spectrum, const Band* bands, std::size_t n_bands, double* peaks,
                           double* valleys, double* lists, double* picked, double* largest, double* smallest) noexcept {
  for (std::size_t k = 0; k < n_bands; ++k) {
    const double* x = spectrum + bands[k].first;
    const auto n = static_cast<std::size_t>(bands[k].used);
    const std::size_t count = bands[k].count;
    if (count >= kNarrowedCount) {  // a few of many: most values cannot be among them
      const Reachable kept = reachable<Vec>(x, n, count, largest, smallest);
      peaks[k] = band_extreme_mean<true, Vec>(largest, kept.largest, count, lists, picked);
      valleys[k] = band_extreme_mean<false, Vec>(smallest, kept.smallest, count, lists, picked);
    } else {
      peaks[k] = band_extreme_mean<true, Vec>(x, n, count, lists, picked);
      valleys[k] = band_extreme_mean<false, Vec>(x, n, count, lists, picked);
    }
  }
}

// Flattened: everything above is inlined here, at the kernel's vector width.
[[gnu::flatten]] void frame_extremes_baseline(const double* spectrum, const Band* bands, std::size_t n_bands,
                                              double* peaks, double* valleys, double* lists, double* picked,
                                              double* largest, double* smallest) noexcept {
  frame_extremes<Doubles2>(spectrum, bands, n_bands, peaks, valleys, lists, picked, largest, smallest);
}

[[gnu::flatten]] GENREKIT_AVX2_TARGET void frame_extremes_avx2(const double* spectrum, const Band* bands,
                                                               std::size_t n_bands, double* peaks, double* valleys,
                                                               double* lists, double* picked, double* largest,
                                                               double* smallest) noexcept {
  frame_extremes<Doubles4>(spectrum, bands, n_bands, peaks, valleys, lists, picked, largest, smallest);
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
  std::size_t max_count = 0, max_used = 0;
  for (const Band& band : bands) {
    max_count = std::max(max_count, band.count);
    max_used = std::max(max_used, static_cast<std::size_t>(band.used));
  }
  std::vector<double> lists(kLanes<Doubles4> * (max_count + 1)), picked(max_count), peaks(bands.size()),
      valleys(bands.size()), largest(max_used + kPackSlack), smallest(max_used + kPackSlack);
  static const auto frame_extremes = cpu_has_avx2() ? frame_extremes_avx2 : frame_extremes_baseline;
  for (Eigen::Index t = 0; t < S.cols(); ++t) {
    frame_extremes(S.col(t).data(), bands.data(), bands.size(), peaks.data(), valleys.data(), lists.data(),
                   picked.data(), largest.data(), smallest.data());
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
