#pragma once
// What librosa divides a frame by in spectral_centroid and spectral_bandwidth (its util.normalize
// with norm=1): the frame's L1 norm, numpy's pairwise sum, or 1 for a silent frame, which librosa's
// guard leaves as it is.
#include <cstddef>
#include <limits>

#include "genrekit/dsp/numpy_sum.h"

namespace genrekit::features {

inline double l1_divisor(const double* frame, std::size_t bins) {
  const double norm = dsp::numpy_pairwise_sum(frame, bins);
  return norm >= std::numeric_limits<double>::min() ? norm : 1.0;
}

}  // namespace genrekit::features
