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
  // Frame by frame, down the columns of both (column-major: rows are strided); each chroma value
  // sums its bins in the same ascending order.
  dsp::Matrix chroma = dsp::Matrix::Zero(n_chroma, C.cols());
  for (Eigen::Index t = 0; t < C.cols(); ++t) {
    const double* bins = C.col(t).data();
    double* classes = chroma.col(t).data();
    for (Eigen::Index octave = 0; octave < C.rows(); octave += n_chroma)
      for (Eigen::Index c = 0; c < n_chroma && octave + c < C.rows(); ++c) classes[c] += bins[octave + c];
  }
  return chroma;
}

dsp::Matrix chroma_cqt(const dsp::Matrix& C, int n_chroma) {
  return dsp::normalize_columns(fold_cqt_to_chroma(C, n_chroma), dsp::Norm::Inf);
}

}  // namespace genrekit::features
