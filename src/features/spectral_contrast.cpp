#include "genrekit/features/spectral_contrast.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "genrekit/dsp/filterbanks.h"
#include "genrekit/dsp/spectral_utils.h"
#include "spectrogram_checks.h"

namespace genrekit::features {

dsp::Matrix spectral_contrast(const dsp::Matrix& S, double sr, double fmin, int n_bands, double quantile) {
  check_spectrogram("spectral_contrast", S, sr);
  if (n_bands < 1) throw std::invalid_argument("spectral_contrast: n_bands must be a positive integer");
  if (!(quantile > 0 && quantile < 1)) throw std::invalid_argument("spectral_contrast: quantile must lie in (0, 1)");
  if (fmin <= 0) throw std::invalid_argument("spectral_contrast: fmin must be positive");
  const dsp::Vector freq = dsp::fft_frequencies(sr, n_fft_of(S));
  const Eigen::Index n_bins = S.rows();
  // Band edges: 0, fmin, 2 fmin, ..., fmin 2^n_bands.
  std::vector<double> edges{0.0};
  for (int b = 0; b <= n_bands; ++b) edges.push_back(fmin * std::pow(2.0, b));

  dsp::Matrix peak(n_bands + 1, S.cols()), valley(n_bands + 1, S.cols());
  std::vector<double> low, high;  // the `count` smallest / largest values of a band, ascending
  for (int k = 0; k <= n_bands; ++k) {
    // Bins inside [low, high]; from the second band on also the bin just below; the last band runs
    // to Nyquist. All bands but the last drop their top bin from the statistics.
    Eigen::Index first = -1, last = -1;
    for (Eigen::Index i = 0; i < n_bins; ++i)
      if (freq[i] >= edges[static_cast<std::size_t>(k)] && freq[i] <= edges[static_cast<std::size_t>(k) + 1]) {
        if (first < 0) first = i;
        last = i;
      }
    if (first < 0) throw std::invalid_argument("spectral_contrast: band " + std::to_string(k) + " holds no FFT bin");
    if (k > 0) --first;
    if (k == n_bands) last = n_bins - 1;
    const Eigen::Index in_band = last - first + 1;
    const Eigen::Index used = k < n_bands ? in_band - 1 : in_band;
    const auto count = static_cast<Eigen::Index>(std::min<Eigen::Index>(
        used, std::max<Eigen::Index>(1, static_cast<Eigen::Index>(std::nearbyint(quantile * static_cast<double>(in_band))))));
    low.resize(static_cast<std::size_t>(count));
    high.resize(static_cast<std::size_t>(count));
    for (Eigen::Index t = 0; t < S.cols(); ++t) {
      // The `count` smallest and largest values in order, by straight insertion (count is small:
      // <= 2 % of the band). Spectra mostly fall with frequency, so the smallest are sought from the
      // top of the band down and the largest from the bottom up: a later value then rarely
      // displaces a kept one.
      const double* x = S.col(t).data() + first;
      std::copy(x + used - count, x + used, low.begin());
      std::sort(low.begin(), low.end());
      for (Eigen::Index i = used - count - 1; i >= 0; --i) {
        const double v = x[i];
        if (!(v < low.back())) continue;
        auto j = static_cast<std::size_t>(count - 1);
        for (; j > 0 && low[j - 1] > v; --j) low[j] = low[j - 1];
        low[j] = v;
      }
      std::copy(x, x + count, high.begin());
      std::sort(high.begin(), high.end());
      for (Eigen::Index i = count; i < used; ++i) {
        const double v = x[i];
        if (!(v > high.front())) continue;
        std::size_t j = 0;
        for (; j + 1 < high.size() && high[j + 1] < v; ++j) high[j] = high[j + 1];
        high[j] = v;
      }
      double low_sum = 0, high_sum = 0;  // ascending, as numpy's means over the sorted band
      for (Eigen::Index i = 0; i < count; ++i) {
        low_sum += low[static_cast<std::size_t>(i)];
        high_sum += high[static_cast<std::size_t>(i)];
      }
      valley(k, t) = low_sum / static_cast<double>(count);
      peak(k, t) = high_sum / static_cast<double>(count);
    }
  }
  // Each of the two is floored 80 dB below its own maximum (power_to_db's top_db), as librosa does.
  return dsp::power_to_db(peak) - dsp::power_to_db(valley);
}

}  // namespace genrekit::features
