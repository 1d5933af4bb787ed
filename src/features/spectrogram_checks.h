#pragma once
// Argument checks shared by the spectrogram-based features (messages start with the feature name).
#include <stdexcept>
#include <string>

#include "genrekit/dsp/matrix.h"

namespace genrekit::features {

inline int n_fft_of(const dsp::Matrix& S) { return 2 * (static_cast<int>(S.rows()) - 1); }

inline void check_spectrogram(const char* feature, const dsp::Matrix& S, double sr) {
  if (S.rows() < 2) throw std::invalid_argument(std::string(feature) + ": spectrogram needs at least 2 frequency bins");
  if (sr <= 0) throw std::invalid_argument(std::string(feature) + ": sr must be positive, got " + std::to_string(sr));
  // A count, which the compiler vectorises (a bool |= or Eigen's any() stays scalar).
  Eigen::Index negatives = 0;
  for (Eigen::Index i = 0; i < S.size(); ++i) negatives += S.data()[i] < 0;
  if (negatives > 0) throw std::invalid_argument(std::string(feature) + ": only defined for non-negative energies");
}

}  // namespace genrekit::features
