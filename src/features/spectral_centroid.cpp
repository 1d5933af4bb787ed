#include "genrekit/features/spectral_centroid.h"

#include <limits>

#include "genrekit/dsp/filterbanks.h"
#include "spectrogram_checks.h"

namespace genrekit::features {

dsp::Matrix spectral_centroid(const dsp::Matrix& S, double sr) {
  check_spectrogram("spectral_centroid", S, sr);
  const dsp::Vector freq = dsp::fft_frequencies(sr, n_fft_of(S));
  dsp::Matrix out(1, S.cols());
  for (Eigen::Index t = 0; t < S.cols(); ++t) {
    // sum(freq * S / |S|_1), with librosa's guard: a silent frame keeps its (zero) values.
    const double norm = S.col(t).sum();
    const double scale = norm >= std::numeric_limits<double>::min() ? norm : 1.0;
    double sum = 0;
    for (Eigen::Index k = 0; k < S.rows(); ++k) sum += freq[k] * (S(k, t) / scale);
    out(0, t) = sum;
  }
  return out;
}

}  // namespace genrekit::features
