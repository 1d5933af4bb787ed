#pragma once
// Argument checks shared by the spectrogram-based features (messages start with the feature name).
#include <cstring>
#include <stdexcept>
#include <string>

#include "genrekit/dsp/matrix.h"

namespace genrekit::features {

inline int n_fft_of(const dsp::Matrix& S) { return 2 * (static_cast<int>(S.rows()) - 1); }

// Whether any value is below zero (NaN is not). Two values per step in explicit vectors: the
// compiler leaves a scalar loop (or Eigen's any()) unvectorised, and every spectral feature runs
// this over the whole spectrogram.
inline bool has_negative(const dsp::Matrix& S) {
  using Doubles2 = double __attribute__((vector_size(16)));
  using Lanes2 = long long __attribute__((vector_size(16)));
  const double* x = S.data();
  const Eigen::Index n = S.size();
  Lanes2 negative = {0, 0};
  const Doubles2 zero = {0.0, 0.0};
  Eigen::Index i = 0;
  for (; i + 2 <= n; i += 2) {
    Doubles2 v;
    std::memcpy(&v, x + i, sizeof v);
    negative |= v < zero;
  }
  bool found = negative[0] != 0 || negative[1] != 0;
  for (; i < n; ++i) found = found || x[i] < 0;
  return found;
}

// The spectrogram's shape and rate (what the unchecked features check).
inline void check_spectrogram_shape(const char* feature, const dsp::Matrix& S, double sr) {
  if (S.rows() < 2) throw std::invalid_argument(std::string(feature) + ": spectrogram needs at least 2 frequency bins");
  if (sr <= 0) throw std::invalid_argument(std::string(feature) + ": sr must be positive, got " + std::to_string(sr));
}

// Shape, rate and values: a full pass over the spectrogram.
inline void check_spectrogram(const char* feature, const dsp::Matrix& S, double sr) {
  check_spectrogram_shape(feature, S, sr);
  if (has_negative(S)) throw std::invalid_argument(std::string(feature) + ": only defined for non-negative energies");
}

}  // namespace genrekit::features
