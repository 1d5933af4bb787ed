#include "genrekit/features/rms.h"

#include <cmath>
#include <stdexcept>
#include <vector>

#include "genrekit/dsp/numpy_sum.h"

namespace genrekit::features {

dsp::Matrix rms_from_spectrogram(const dsp::Matrix& S) {
  if (S.rows() < 1) throw std::invalid_argument("rms: empty spectrogram");
  dsp::Matrix out(1, S.cols());
  std::vector<float> squares(static_cast<std::size_t>(S.rows()));
  for (Eigen::Index t = 0; t < S.cols(); ++t) {
    // librosa's float32 STFT matrix is Fortran-ordered, so np.mean(S**2, axis=0) runs along
    // contiguous memory: numpy's pairwise float32 sum over the bins of each frame.
    for (Eigen::Index k = 0; k < S.rows(); ++k) {
      const auto x = static_cast<float>(S(k, t));
      squares[static_cast<std::size_t>(k)] = x * x;
    }
    const float sum = dsp::numpy_pairwise_sum(squares.data(), squares.size());
    out(0, t) = static_cast<double>(std::sqrt(sum / static_cast<float>(S.rows())));
  }
  return out;
}

}  // namespace genrekit::features
