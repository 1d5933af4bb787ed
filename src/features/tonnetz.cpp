#include "genrekit/features/tonnetz.h"

#include <array>
#include <cmath>
#include <numbers>
#include <stdexcept>

#include "genrekit/dsp/spectral_utils.h"

namespace genrekit::features {

dsp::Matrix tonnetz(const dsp::Matrix& chroma) {
  if (chroma.rows() < 1) throw std::invalid_argument("tonnetz: empty chroma");
  const Eigen::Index n = chroma.rows();
  constexpr std::array<double, 6> kScale{7.0 / 6, 7.0 / 6, 3.0 / 2, 3.0 / 2, 2.0 / 3, 2.0 / 3};
  constexpr std::array<double, 6> kRadius{1, 1, 1, 1, 0.5, 0.5};
  dsp::Matrix phi(6, n);
  for (Eigen::Index d = 0; d < 6; ++d)
    for (Eigen::Index c = 0; c < n; ++c) {
      // dim_map = linspace(0, 12, n, endpoint=False); even rows are shifted by half a period (sines).
      const double v = kScale[static_cast<std::size_t>(d)] * (12.0 * static_cast<double>(c) / static_cast<double>(n)) - (d % 2 == 0 ? 0.5 : 0.0);
      phi(d, c) = kRadius[static_cast<std::size_t>(d)] * std::cos(std::numbers::pi * v);
    }
  return phi * dsp::normalize_columns(chroma, dsp::Norm::L1);
}

}  // namespace genrekit::features
