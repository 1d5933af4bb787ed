#include "genrekit/features/spectral_contrast.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "genrekit/dsp/filterbanks.h"
#include "genrekit/dsp/spectral_utils.h"
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
    const Eigen::Index count = std::min<Eigen::Index>(
        used, std::max<Eigen::Index>(1, static_cast<Eigen::Index>(std::nearbyint(quantile * static_cast<double>(in_band)))));
    bands.push_back({first, used, static_cast<std::size_t>(count)});
  }
  return bands;
}

// Inserts v into ascending kept[0, count), dropping its largest (insert_smallest) or smallest
// (insert_largest) value: every slot takes the min / max of its neighbours and v, without a branch.
void insert_smallest(double* kept, std::size_t count, double v) {
  for (std::size_t j = count - 1; j > 0; --j) kept[j] = std::min(kept[j], std::max(kept[j - 1], v));
  kept[0] = std::min(kept[0], v);
}
void insert_largest(double* kept, std::size_t count, double v) {
  for (std::size_t j = 0; j + 1 < count; ++j) kept[j] = std::max(kept[j], std::min(kept[j + 1], v));
  kept[count - 1] = std::max(kept[count - 1], v);
}

// The means of the `count` smallest and of the `count` largest of x[0, n), each summed in ascending
// order as numpy's mean over the sorted band. count is small (<= 2 % of the band), so one pass
// each, inserting the rare value that passes the bound; spectra mostly fall with frequency, so the
// smallest are sought from the top of the band down and the largest from the bottom up, where a
// later value seldom displaces a kept one.
void extremes(const double* x, Eigen::Index n, std::vector<double>& low, std::vector<double>& high, double& valley,
              double& peak) {
  const std::size_t count = low.size();
  const auto kept = static_cast<Eigen::Index>(count);
  std::fill(low.begin(), low.end(), std::numeric_limits<double>::infinity());
  for (Eigen::Index i = n - 1; i >= n - kept; --i) insert_smallest(low.data(), count, x[i]);
  for (Eigen::Index i = n - kept - 1; i >= 0; --i)
    if (x[i] < low.back()) insert_smallest(low.data(), count, x[i]);
  std::fill(high.begin(), high.end(), -std::numeric_limits<double>::infinity());
  for (Eigen::Index i = 0; i < kept; ++i) insert_largest(high.data(), count, x[i]);
  for (Eigen::Index i = kept; i < n; ++i)
    if (x[i] > high.front()) insert_largest(high.data(), count, x[i]);
  double low_sum = 0, high_sum = 0;
  for (std::size_t i = 0; i < count; ++i) {
    low_sum += low[i];
    high_sum += high[i];
  }
  valley = low_sum / static_cast<double>(count);
  peak = high_sum / static_cast<double>(count);
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
  std::vector<std::vector<double>> low(bands.size()), high(bands.size());
  for (std::size_t k = 0; k < bands.size(); ++k) {
    low[k].resize(bands[k].count);
    high[k].resize(bands[k].count);
  }
  // Frame by frame, every band of a frame while its spectrum is in cache.
  for (Eigen::Index t = 0; t < S.cols(); ++t)
    for (std::size_t k = 0; k < bands.size(); ++k) {
      const auto row = static_cast<Eigen::Index>(k);
      extremes(S.col(t).data() + bands[k].first, bands[k].used, low[k], high[k], out.valley(row, t), out.peak(row, t));
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
