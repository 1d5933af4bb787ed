#include "genrekit/features/rms.h"

#include <cmath>
#include <stdexcept>
#include <vector>

#include "genrekit/dsp/numpy_sum.h"
#include "dsp/vector_clones.h"

namespace genrekit::features {

namespace {

// The RMS of each of the `frames` columns of `bins` values, in float32. librosa's float32 STFT
// matrix is Fortran-ordered, so np.mean(S**2, axis=0) runs along contiguous memory: numpy's
// pairwise float32 sum over the bins of each frame.
GENREKIT_AVX2_CLONES void frame_rms(const double* S, std::size_t bins, std::size_t frames, float* squares,
                                    double* out) noexcept {
  for (std::size_t t = 0; t < frames; ++t) {
    for (std::size_t k = 0; k < bins; ++k) {
      const auto x = static_cast<float>(S[t * bins + k]);
      squares[k] = x * x;
    }
    const float sum = dsp::numpy_pairwise_sum(squares, bins);
    out[t] = static_cast<double>(std::sqrt(sum / static_cast<float>(bins)));
  }
}

}  // namespace

dsp::Matrix rms_from_spectrogram(const dsp::Matrix& S) {
  if (S.rows() < 1) throw std::invalid_argument("rms: empty spectrogram");
  dsp::Matrix out(1, S.cols());
  std::vector<float> squares(static_cast<std::size_t>(S.rows()));
  frame_rms(S.data(), static_cast<std::size_t>(S.rows()), static_cast<std::size_t>(S.cols()), squares.data(), out.data());
  return out;
}

}  // namespace genrekit::features
