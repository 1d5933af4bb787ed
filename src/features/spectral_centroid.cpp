#include "genrekit/features/spectral_centroid.h"

#include <vector>

#include "genrekit/dsp/filterbanks.h"
#include "genrekit/dsp/numpy_sum.h"
#include "dsp/vector_clones.h"
#include "frame_l1.h"
#include "spectrogram_checks.h"
#include "unchecked_features.h"

namespace genrekit::features {

namespace {

// sum(freq * S / |S|_1) of each of the `frames` columns of `bins` values, with librosa's guard: a
// silent frame keeps its (zero) values. The spectrogram is Fortran-ordered in librosa, so both
// sums over bins are numpy's pairwise ones.
GENREKIT_AVX2_CLONES void centroids(const double* S, std::size_t bins, std::size_t frames, const double* freq,
                                    double* weighted, double* out) noexcept {
  for (std::size_t t = 0; t < frames; ++t) {
    const double* x = S + t * bins;
    const double scale = l1_divisor(x, bins);
    for (std::size_t k = 0; k < bins; ++k) weighted[k] = freq[k] * (x[k] / scale);
    out[t] = dsp::numpy_pairwise_sum(weighted, bins);
  }
}

}  // namespace

dsp::Matrix spectral_centroid(const dsp::Matrix& S, double sr) {
  check_spectrogram("spectral_centroid", S, sr);
  return unchecked::spectral_centroid(S, sr);
}

dsp::Matrix unchecked::spectral_centroid(const dsp::Matrix& S, double sr) {
  check_spectrogram_shape("spectral_centroid", S, sr);
  const dsp::Vector freq = dsp::fft_frequencies(sr, n_fft_of(S));
  dsp::Matrix out(1, S.cols());
  std::vector<double> weighted(static_cast<std::size_t>(S.rows()));
  centroids(S.data(), static_cast<std::size_t>(S.rows()), static_cast<std::size_t>(S.cols()), freq.data(), weighted.data(),
            out.data());
  return out;
}

}  // namespace genrekit::features
