#pragma once
// Feature matrices are (n_features, n_frames) as in librosa: one column per frame, column-major,
// so a frame's spectrum is contiguous.
#include <Eigen/Core>

namespace genrekit::dsp {

using Matrix = Eigen::MatrixXd;
using Vector = Eigen::VectorXd;

}  // namespace genrekit::dsp
