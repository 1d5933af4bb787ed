#include "genrekit/features/mfcc.h"

#include <stdexcept>
#include <string>

#include "genrekit/dsp/filterbanks.h"
#include "genrekit/dsp/spectral_utils.h"
#include "spectrogram_checks.h"

namespace genrekit::features {

dsp::Matrix melspectrogram(const dsp::Matrix& power, double sr, int n_mels, double fmin, double fmax) {
  check_spectrogram("melspectrogram", power, sr);
  const dsp::Matrix bank = dsp::mel_filterbank(sr, n_fft_of(power), n_mels, fmin, fmax);
  // Each triangle covers a few bins: multiply over its non-zero span only (same sums, ~60x fewer).
  dsp::Matrix mel = dsp::Matrix::Zero(n_mels, power.cols());
  for (Eigen::Index m = 0; m < n_mels; ++m) {
    Eigen::Index first = 0, last = bank.cols() - 1;
    while (first < bank.cols() && bank(m, first) == 0.0) ++first;
    while (last >= first && bank(m, last) == 0.0) --last;
    if (first > last) continue;
    const Eigen::Index span = last - first + 1;
    mel.row(m).noalias() = bank.row(m).segment(first, span) * power.middleRows(first, span);
  }
  return mel;
}

dsp::Matrix mfcc(const dsp::Matrix& power, double sr, int n_mfcc, int n_mels) {
  if (n_mfcc < 1 || n_mfcc > n_mels)
    throw std::invalid_argument("mfcc: n_mfcc must lie in [1, n_mels=" + std::to_string(n_mels) + "], got " +
                                std::to_string(n_mfcc));
  const dsp::Matrix log_mel = dsp::power_to_db(melspectrogram(power, sr, n_mels));
  const dsp::Matrix basis = dsp::dct_basis(n_mfcc, n_mels);
  // Plain loops: one summation order for every frame, so identical frames (silence) give identical
  // coefficients, as numpy's dot does. Eigen's products vary their order with memory alignment.
  dsp::Matrix out(n_mfcc, log_mel.cols());
  for (Eigen::Index t = 0; t < log_mel.cols(); ++t)
    for (Eigen::Index i = 0; i < n_mfcc; ++i) {
      double sum = 0;
      for (Eigen::Index j = 0; j < n_mels; ++j) sum += basis(i, j) * log_mel(j, t);
      out(i, t) = sum;
    }
  return out;
}

}  // namespace genrekit::features
