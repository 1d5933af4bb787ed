#include "genrekit/features/spectral_centroid.h"

#include <limits>
#include <vector>

#include "genrekit/dsp/filterbanks.h"
#include "genrekit/dsp/numpy_sum.h"
#include "spectrogram_checks.h"
#include "unchecked_features.h"

namespace genrekit::features {

dsp::Matrix spectral_centroid(const dsp::Matrix& S, double sr) {
  check_spectrogram("spectral_centroid", S, sr);
  return unchecked::spectral_centroid(S, sr);
}

dsp::Matrix unchecked::spectral_centroid(const dsp::Matrix& S, double sr) {
  check_spectrogram_shape("spectral_centroid", S, sr);
  const dsp::Vector freq = dsp::fft_frequencies(sr, n_fft_of(S));
  const auto n = static_cast<std::size_t>(S.rows());
  dsp::Matrix out(1, S.cols());
  std::vector<double> weighted(n);
  for (Eigen::Index t = 0; t < S.cols(); ++t) {
    // sum(freq * S / |S|_1), with librosa's guard: a silent frame keeps its (zero) values. The
    // spectrogram is Fortran-ordered in librosa, so both sums over bins are numpy's pairwise ones.
    const double* x = S.col(t).data();
    const double norm = dsp::numpy_pairwise_sum(x, n);
    const double scale = norm >= std::numeric_limits<double>::min() ? norm : 1.0;
    for (std::size_t k = 0; k < n; ++k) weighted[k] = freq[static_cast<Eigen::Index>(k)] * (x[k] / scale);
    out(0, t) = dsp::numpy_pairwise_sum(weighted.data(), n);
  }
  return out;
}

}  // namespace genrekit::features
