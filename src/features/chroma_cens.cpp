#include "genrekit/features/chroma_cens.h"

#include <cmath>
#include <numbers>
#include <stdexcept>

#include "genrekit/dsp/spectral_utils.h"
#include "genrekit/features/chroma_cqt.h"

namespace genrekit::features {

dsp::Matrix chroma_cens(const dsp::Matrix& C, int n_chroma, int win_len_smooth) {
  if (win_len_smooth < 1) throw std::invalid_argument("chroma_cens: win_len_smooth must be positive");
  const dsp::Matrix chroma = dsp::normalize_columns(fold_cqt_to_chroma(C, n_chroma), dsp::Norm::L1);
  dsp::Matrix quantised = chroma.unaryExpr([](double x) {
    double q = 0;
    for (double step : {0.4, 0.2, 0.1, 0.05}) q += x > step ? 0.25 : 0.0;
    return q;
  });
  // scipy.signal.hanning(win_len_smooth + 2, sym=False), normalised to sum 1.
  const int length = win_len_smooth + 2;
  std::vector<double> window(static_cast<std::size_t>(length));
  double total = 0;
  for (int j = 0; j < length; ++j) total += window[static_cast<std::size_t>(j)] = 0.5 - 0.5 * std::cos(2 * std::numbers::pi * j / length);
  for (auto& w : window) w /= total;
  // convolve2d(mode='same') along time: out[t] = sum_j in[t + centre - j] * window[j].
  const Eigen::Index frames = quantised.cols(), centre = (length - 1) / 2;
  dsp::Matrix smooth = dsp::Matrix::Zero(quantised.rows(), frames);
  for (Eigen::Index t = 0; t < frames; ++t)
    for (Eigen::Index j = 0; j < length; ++j) {
      const Eigen::Index source = t + centre - j;
      if (source >= 0 && source < frames) smooth.col(t) += window[static_cast<std::size_t>(j)] * quantised.col(source);
    }
  return dsp::normalize_columns(smooth, dsp::Norm::L2);
}

}  // namespace genrekit::features
