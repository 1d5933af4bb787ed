#include "genrekit/features/spectral_bandwidth.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "genrekit/dsp/filterbanks.h"
#include "genrekit/dsp/numpy_sum.h"
#include "genrekit/features/spectral_centroid.h"
#include "spectrogram_checks.h"
#include "unchecked_features.h"

namespace genrekit::features {

dsp::Matrix spectral_bandwidth(const dsp::Matrix& S, double sr, double p) {
  check_spectrogram("spectral_bandwidth", S, sr);
  return unchecked::spectral_bandwidth(S, sr, unchecked::spectral_centroid(S, sr), p);
}

dsp::Matrix spectral_bandwidth(const dsp::Matrix& S, double sr, const dsp::Matrix& centroid, double p) {
  check_spectrogram("spectral_bandwidth", S, sr);
  return unchecked::spectral_bandwidth(S, sr, centroid, p);
}

dsp::Matrix unchecked::spectral_bandwidth(const dsp::Matrix& S, double sr, const dsp::Matrix& centroid, double p) {
  check_spectrogram_shape("spectral_bandwidth", S, sr);
  if (p <= 0) throw std::invalid_argument("spectral_bandwidth: p must be positive");
  if (centroid.rows() != 1 || centroid.cols() != S.cols())
    throw std::invalid_argument("spectral_bandwidth: the centroid must be (1, " + std::to_string(S.cols()) + "), got (" +
                                std::to_string(centroid.rows()) + ", " + std::to_string(centroid.cols()) + ")");
  const dsp::Vector freq = dsp::fft_frequencies(sr, n_fft_of(S));
  const auto n = static_cast<std::size_t>(S.rows());
  // |f - centroid| is C-ordered in librosa (np.subtract.outer), so the sum over bins runs bin by
  // bin, in order; kBlock frames advance together to keep the same order without one long chain.
  constexpr Eigen::Index kBlock = 4;
  dsp::Matrix out(1, S.cols());
  for (Eigen::Index t0 = 0; t0 < S.cols(); t0 += kBlock) {
    const Eigen::Index width = std::min(kBlock, S.cols() - t0);
    double scale[kBlock] = {}, sum[kBlock] = {};
    for (Eigen::Index j = 0; j < width; ++j) {
      const double norm = dsp::numpy_pairwise_sum(S.col(t0 + j).data(), n);  // L1 norm; silent frames left as they are
      scale[j] = norm >= std::numeric_limits<double>::min() ? norm : 1.0;
    }
    for (Eigen::Index k = 0; k < S.rows(); ++k)
      for (Eigen::Index j = 0; j < width; ++j) {
        const double deviation = std::fabs(freq[k] - centroid(0, t0 + j));
        // deviation ** 2 is a square in numpy, not pow
        sum[j] += (S(k, t0 + j) / scale[j]) * (p == 2.0 ? deviation * deviation : std::pow(deviation, p));
      }
    for (Eigen::Index j = 0; j < width; ++j) out(0, t0 + j) = std::pow(sum[j], 1.0 / p);
  }
  return out;
}

}  // namespace genrekit::features
