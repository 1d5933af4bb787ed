#include "genrekit/features/chroma_cqt.h"

#include <stdexcept>
#include <string>

#include "genrekit/dsp/spectral_utils.h"
#include "spectrogram_checks.h"

namespace genrekit::features {

dsp::Matrix fold_cqt_to_chroma(const dsp::Matrix& C, int n_chroma) {
  if (n_chroma < 1) throw std::invalid_argument("chroma_cqt: n_chroma must be positive");
  if (C.rows() < 1) throw std::invalid_argument("chroma_cqt: empty CQT");
  if (has_negative(C)) throw std::invalid_argument("chroma_cqt: expects a CQT magnitude (non-negative)");
  // With fmin = C1 the first bin is pitch class C, so bin k adds to chroma k mod n_chroma.
  dsp::Matrix chroma = dsp::Matrix::Zero(n_chroma, C.cols());
  for (Eigen::Index k = 0; k < C.rows(); ++k) chroma.row(k % n_chroma) += C.row(k);
  return chroma;
}

dsp::Matrix chroma_cqt(const dsp::Matrix& C, int n_chroma) {
  return dsp::normalize_columns(fold_cqt_to_chroma(C, n_chroma), dsp::Norm::Inf);
}

}  // namespace genrekit::features
