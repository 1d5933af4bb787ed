#include "genrekit/features/spectral_bandwidth.h"

#include <cmath>
#include <limits>

#include "genrekit/dsp/filterbanks.h"
#include "genrekit/features/spectral_centroid.h"
#include "spectrogram_checks.h"

namespace genrekit::features {

dsp::Matrix spectral_bandwidth(const dsp::Matrix& S, double sr, double p) {
  check_spectrogram("spectral_bandwidth", S, sr);
  if (p <= 0) throw std::invalid_argument("spectral_bandwidth: p must be positive");
  const dsp::Vector freq = dsp::fft_frequencies(sr, n_fft_of(S));
  const dsp::Matrix centroid = spectral_centroid(S, sr);
  dsp::Matrix out(1, S.cols());
  for (Eigen::Index t = 0; t < S.cols(); ++t) {
    const double norm = S.col(t).sum();  // L1 normalisation, silent frames left as they are
    const double scale = norm >= std::numeric_limits<double>::min() ? norm : 1.0;
    const auto weights = [&](Eigen::Index k, Eigen::Index) { return S(k, t) / scale; };
    double sum = 0;
    if (p == 2.0) {  // the default: a square, not pow
      for (Eigen::Index k = 0; k < S.rows(); ++k) {
        const double d = freq[k] - centroid(0, t);
        sum += weights(k, t) * d * d;
      }
    } else {
      for (Eigen::Index k = 0; k < S.rows(); ++k) sum += weights(k, t) * std::pow(std::fabs(freq[k] - centroid(0, t)), p);
    }
    out(0, t) = std::pow(sum, 1.0 / p);
  }
  return out;
}

}  // namespace genrekit::features
