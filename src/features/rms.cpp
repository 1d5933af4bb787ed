#include "genrekit/features/rms.h"

#include <cmath>
#include <stdexcept>

namespace genrekit::features {

namespace {

// numpy's pairwise summation (blocks of 8 unrolled, split in halves above 128 elements), in float,
// so that the float32 mean matches numpy's to the last bit as far as possible.
float pairwise_sum(const float* x, std::size_t n) {
  if (n < 8) {
    float s = 0;
    for (std::size_t i = 0; i < n; ++i) s += x[i];
    return s;
  }
  if (n <= 128) {
    float r[8];
    for (std::size_t j = 0; j < 8; ++j) r[j] = x[j];
    std::size_t i = 8;
    for (; i < n - n % 8; i += 8)
      for (std::size_t j = 0; j < 8; ++j) r[j] += x[i + j];
    float s = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
    for (; i < n; ++i) s += x[i];
    return s;
  }
  std::size_t half = n / 2;
  half -= half % 8;
  return pairwise_sum(x, half) + pairwise_sum(x + half, n - half);
}

}  // namespace

dsp::Matrix rms_from_spectrogram(const dsp::Matrix& S) {
  if (S.rows() < 1) throw std::invalid_argument("rms: empty spectrogram");
  dsp::Matrix out(1, S.cols());
  std::vector<float> squares(static_cast<std::size_t>(S.rows()));
  for (Eigen::Index t = 0; t < S.cols(); ++t) {
    for (Eigen::Index k = 0; k < S.rows(); ++k) {
      const auto x = static_cast<float>(S(k, t));
      squares[static_cast<std::size_t>(k)] = x * x;
    }
    const float mean = pairwise_sum(squares.data(), squares.size()) / static_cast<float>(squares.size());
    out(0, t) = static_cast<double>(std::sqrt(mean));
  }
  return out;
}

}  // namespace genrekit::features
