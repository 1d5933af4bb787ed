#include "genrekit/dsp/spectral_utils.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <stdexcept>
#include <vector>

#include <spdlog/spdlog.h>

#include "genrekit/dsp/filterbanks.h"
#include "genrekit/dsp/numpy_median.h"
#include "dsp/vector_clones.h"

namespace genrekit::dsp {

Matrix power_to_db_part(const Matrix& S, double max_abs, double ref, double amin, double top_db) {
  if (amin <= 0) throw std::invalid_argument("power_to_db: amin must be strictly positive");
  const double offset = 10.0 * std::log10(std::max(amin, std::fabs(ref)));
  const auto db = [&](double x) { return 10.0 * std::log10(std::max(amin, std::fabs(x))) - offset; };
  // The decibel scale is monotonic in |x|, so the largest decibel value is that of max |x|.
  if (top_db < 0) return S.unaryExpr(db);
  const double floor = db(max_abs) - top_db;
  return S.unaryExpr([&](double x) { return std::max(db(x), floor); });
}

Matrix power_to_db(const Matrix& S, double ref, double amin, double top_db) {
  return power_to_db_part(S, S.size() > 0 ? S.cwiseAbs().maxCoeff() : 0.0, ref, amin, top_db);
}

void square_in_float32(Matrix& S) { S.array() = S.array().square().cast<float>().cast<double>(); }

Matrix normalize_columns(const Matrix& S, Norm norm) {
  Matrix out = S;
  for (Eigen::Index t = 0; t < S.cols(); ++t) {
    const auto column = S.col(t).cwiseAbs();
    const double length = norm == Norm::Inf ? column.maxCoeff() : norm == Norm::L1 ? column.sum() : column.norm();
    if (length >= std::numeric_limits<double>::min()) out.col(t) /= length;
  }
  return out;
}

int tuning_histogram_size(double resolution) {
  // np.linspace(-0.5, 0.5, ceil(1 / resolution), endpoint=False) as the histogram's edges.
  return static_cast<int>(std::ceil(1.0 / resolution)) - 1;
}

namespace {

double tuning_edge(int i, double resolution) { return -0.5 + i * (1.0 / (tuning_histogram_size(resolution) + 1)); }

// The histogram bin of a pitch's deviation from the equal-tempered grid, or -1 when np.histogram
// drops it (bins [e_i, e_i+1), the last one closed). piptrack stores its pitches in a float32 array
// (its spectrogram's type), so pitch_tuning's arithmetic is float32 throughout, as here:
// pitch / 27.5, log2, times bins_per_octave, np.mod(., 1.0), minus 1 from 0.5 up; the residual is
// then compared with the float64 edges. (numpy on an AVX-512 machine takes log2 from Intel's SVML,
// which differs from glibc's in the last bit for ~1 % of arguments: that residual can still land
// on the other side of an edge; see tuning_residual_is_near_edge.)
float tuning_residual(float pitch, int bins_per_octave) {
  const float position = static_cast<float>(bins_per_octave) * std::log2(pitch / 27.5f);
  float residual = position - std::trunc(position);  // np.mod for a positive position, exactly
  if (residual < 0) residual += 1.0f;
  if (residual >= 0.5f) residual -= 1.0f;
  return residual;
}

int tuning_bin(float residual, double resolution) {
  const int n_bins = tuning_histogram_size(resolution);
  if (residual < tuning_edge(0, resolution) || residual > tuning_edge(n_bins, resolution)) return -1;
  // Start from the arithmetic guess, then settle it by the edges themselves.
  int bin = std::clamp(static_cast<int>((residual + 0.5) * (n_bins + 1)), 0, n_bins - 1);
  while (bin > 0 && tuning_edge(bin, resolution) > residual) --bin;
  while (bin + 1 < n_bins && tuning_edge(bin + 1, resolution) <= residual) ++bin;
  return bin;
}

// True when a residual lies within a few float32 roundings of a bin edge, where an argument one
// bit away (another FFT's last bit, another log2) would fall in the other bin.
bool tuning_residual_is_near_edge(float residual, double resolution) {
  const int n_bins = tuning_histogram_size(resolution);
  const double margin = 4 * 64 * std::numeric_limits<float>::epsilon();  // positions reach 12 x 7 octaves < 2^7
  const int nearest = static_cast<int>(std::lround((residual + 0.5) * (n_bins + 1)));
  return std::abs(residual - tuning_edge(nearest, resolution)) <= margin;
}

// The largest of x[0, n) (-inf for none; NaN never wins): four running two-lane maxima, so that no
// comparison waits for the one before (Eigen's maxCoeff keeps two, and compiles without AVX).
GENREKIT_AVX2_CLONES double largest_of(const double* x, std::size_t n) noexcept {
  using vectors::Doubles2;
  constexpr std::size_t kChains = 4;
  constexpr double kNone = -std::numeric_limits<double>::infinity();
  Doubles2 running[kChains];
  for (Doubles2& r : running) r = Doubles2{kNone, kNone};
  std::size_t i = 0;
  for (; i + 2 * kChains <= n; i += 2 * kChains)
    for (std::size_t c = 0; c < kChains; ++c) {
      Doubles2 v;
      vectors::load(v, x + i + 2 * c);
      running[c] = vectors::max_of(v, running[c]);
    }
  double largest = kNone;
  for (const Doubles2& r : running) largest = std::max({largest, r[0], r[1]});
  for (; i < n; ++i) largest = x[i] > largest ? x[i] : largest;
  return largest;
}

// Marks is_peak[k - first] for the bins k of [first, end) that are local maxima of x gated at
// `limit`; `gated` holds the bins [lo, hi], the run and its neighbours. Only values above the
// threshold can be peaks; below it they count as zero (S * (S > thr)). Gating, then the peak test,
// over the whole run without branches.
GENREKIT_AVX2_CLONES void mark_peaks(const double* x, Eigen::Index n_bins, Eigen::Index lo, Eigen::Index hi,
                                     Eigen::Index first, Eigen::Index end, double limit, double* gated,
                                     unsigned char* is_peak) noexcept {
  for (Eigen::Index k = lo; k <= hi; ++k) gated[k - lo] = x[k] > limit ? x[k] : 0.0;
  // util.localmax with edge padding: strictly above the left neighbour, not below the right. The
  // run starts past bin 0 (0 Hz is below fmin), so every bin has its left neighbour; the bins with
  // their right one too go in a loop the compiler vectorises, the last bin of the spectrum (its own
  // right neighbour) apart.
  const auto mark = [&](Eigen::Index k, Eigen::Index right) {
    const double here = gated[k - lo];
    is_peak[k - first] = static_cast<unsigned char>((here > gated[k - 1 - lo]) & (here >= gated[right - lo]));
  };
  Eigen::Index k = first;
  for (; k < std::min(end, n_bins - 1); ++k) mark(k, k + 1);
  for (; k < end; ++k) mark(k, k);
}

}  // namespace

TuningPeaks tuning_peaks(const Matrix& S, double sr, int n_fft, double resolution, int bins_per_octave) {
  constexpr double kFmin = 150.0, kFmax = 4000.0;
  constexpr float kThreshold = 0.1f;
  const Eigen::Index n_bins = S.rows();
  const double fmax = std::min(kFmax, sr / 2);
  const Vector freqs = fft_frequencies(sr, n_fft);
  // The bins inside [fmin, fmax) form one run (the frequencies ascend); only they can hold peaks.
  Eigen::Index first = 0, end = n_bins;
  while (first < n_bins && !(kFmin <= freqs[first])) ++first;
  while (end > first && !(freqs[end - 1] < fmax)) --end;
  TuningPeaks peaks;
  if (first >= end) return peaks;
  // Bins [lo, hi] hold the run and its neighbours (util.localmax pads with the edge values); first
  // is at least 1, bin 0 being 0 Hz.
  const Eigen::Index lo = first - 1, hi = end < n_bins ? end : n_bins - 1;
  std::vector<double> gated(static_cast<std::size_t>(hi - lo + 1));
  const auto run = static_cast<std::size_t>(end - first);
  std::vector<unsigned char> is_peak((run + 7) / 8 * 8, 0);  // whole words, the padding never a peak
  for (Eigen::Index t = 0; t < S.cols(); ++t) {
    const double* x = S.col(t).data();
    // threshold * S.max(axis=0): numpy multiplies in the spectrogram's float32 (0.1 as a float32).
    const double limit = kThreshold * static_cast<float>(largest_of(x, static_cast<std::size_t>(n_bins)));
    mark_peaks(x, n_bins, lo, hi, first, end, limit, gated.data(), is_peak.data());
    // The flags eight at a time, one set bit per peak: the peaks in ascending order, without a
    // branch per bin (few bins are peaks, and a branch on each mispredicts at every one).
    static_assert(std::endian::native == std::endian::little, "byte i of a word is its bits 8i to 8i + 7");
    for (std::size_t word = 0; word < run; word += 8) {
      std::uint64_t flags;
      std::memcpy(&flags, is_peak.data() + word, sizeof flags);
      for (; flags != 0; flags &= flags - 1) {
        const Eigen::Index k = first + static_cast<Eigen::Index>(word + static_cast<std::size_t>(std::countr_zero(flags)) / 8);
        // piptrack's parabolic interpolation, in the spectrogram's float32 as librosa computes it
        // (zero at the outermost bins): avg = 0.5 (S[k+1] - S[k-1]), shift = avg / (2 S[k] -
        // S[k+1] - S[k-1]), the magnitude S[k] + 0.5 avg shift.
        float shift = 0, skew = 0;
        const auto at = [&](Eigen::Index bin) { return static_cast<float>(x[bin]); };
        if (k > 0 && k + 1 < n_bins) {
          const float avg = 0.5f * (at(k + 1) - at(k - 1));
          float curvature = 2.0f * at(k) - at(k + 1) - at(k - 1);
          curvature += std::fabs(curvature) < std::numeric_limits<float>::min() ? 1.0f : 0.0f;
          shift = avg / curvature;
          skew = 0.5f * avg * shift;
        }
        // (k + shift) * sr / n_fft in float64, stored in piptrack's float32 pitch array.
        const auto pitch = static_cast<float>((static_cast<double>(k) + static_cast<double>(shift)) * sr / n_fft);
        if (!(pitch > 0)) continue;  // estimate_tuning only counts peaks with a positive pitch
        const float residual = tuning_residual(pitch, bins_per_octave);
        if (spdlog::should_log(spdlog::level::debug) && tuning_residual_is_near_edge(residual, resolution))
          spdlog::debug("tuning: a peak at {:.6f} Hz (frame {}) lies within rounding of a histogram edge "
                        "(residual {:.9f}); another implementation's last bit could count it in the next bin",
                        pitch, t, residual);
        peaks.magnitudes.push_back(at(k) + skew);
        peaks.bins.push_back(tuning_bin(residual, resolution));
      }
    }
  }
  return peaks;
}

void count_tuning_peaks(const double* magnitudes, const int* bins, std::size_t n, double median,
                        std::vector<long long>& counts) {
  // np.median of float32 magnitudes is float32: the mean of two middle values rounds to it.
  const auto threshold = static_cast<float>(median);
  for (std::size_t i = 0; i < n; ++i)
    if (bins[i] >= 0 && magnitudes[i] >= threshold) ++counts[static_cast<std::size_t>(bins[i])];
}

double tuning_of_histogram(const std::vector<long long>& counts, double resolution) {
  if (counts.empty()) return 0.0;
  const auto best = std::max_element(counts.begin(), counts.end()) - counts.begin();
  return tuning_edge(static_cast<int>(best), resolution);
}

double estimate_tuning(const Matrix& S, double sr, int n_fft, double resolution, int bins_per_octave) {
  const TuningPeaks peaks = tuning_peaks(S, sr, n_fft, resolution, bins_per_octave);
  if (peaks.magnitudes.empty()) return 0.0;  // pitch_tuning of no frequencies
  const double median = numpy_median(peaks.magnitudes.data(), peaks.magnitudes.size());
  std::vector<long long> counts(static_cast<std::size_t>(tuning_histogram_size(resolution)), 0);
  count_tuning_peaks(peaks.magnitudes.data(), peaks.bins.data(), peaks.bins.size(), median, counts);
  return tuning_of_histogram(counts, resolution);
}

}  // namespace genrekit::dsp
