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
  std::vector<double> band;
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
    const auto count = std::max<Eigen::Index>(1, static_cast<Eigen::Index>(std::nearbyint(quantile * static_cast<double>(in_band))));
    for (Eigen::Index t = 0; t < S.cols(); ++t) {
      band.assign(S.col(t).data() + first, S.col(t).data() + first + used);
      // Only the `count` smallest and largest values matter: select them in linear time (sorted
      // ascending within each group, so the sums run in the order numpy's sorted means use).
      const auto take = static_cast<std::ptrdiff_t>(std::min<Eigen::Index>(count, used));
      if (2 * take >= static_cast<std::ptrdiff_t>(band.size())) {
        std::sort(band.begin(), band.end());  // the two groups overlap: sort it all
      } else {
        std::nth_element(band.begin(), band.begin() + take - 1, band.end());
        std::sort(band.begin(), band.begin() + take);
        std::nth_element(band.begin() + take, band.end() - take, band.end());
        std::sort(band.end() - take, band.end());
      }
      double low = 0, high = 0;
      for (std::ptrdiff_t i = 0; i < take; ++i) {
        low += band[static_cast<std::size_t>(i)];
        high += band[band.size() - static_cast<std::size_t>(take - i)];
      }
      valley(k, t) = low / static_cast<double>(count);
      peak(k, t) = high / static_cast<double>(count);
    }
  }
  // Each of the two is floored 80 dB below its own maximum (power_to_db's top_db), as librosa does.
  return dsp::power_to_db(peak) - dsp::power_to_db(valley);
}

}  // namespace genrekit::features
