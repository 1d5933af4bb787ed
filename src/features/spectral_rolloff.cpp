#include "genrekit/features/spectral_rolloff.h"

#include <limits>

#include "genrekit/dsp/filterbanks.h"
#include "spectrogram_checks.h"

namespace genrekit::features {

dsp::Matrix spectral_rolloff(const dsp::Matrix& S, double sr, double roll_percent) {
  check_spectrogram("spectral_rolloff", S, sr);
  if (!(roll_percent > 0 && roll_percent < 1))
    throw std::invalid_argument("spectral_rolloff: roll_percent must lie in (0, 1), got " + std::to_string(roll_percent));
  const dsp::Vector freq = dsp::fft_frequencies(sr, n_fft_of(S));
  dsp::Matrix out(1, S.cols());
  // librosa's magnitudes are float32, so np.cumsum and the threshold are float32 too: a bin can
  // sit right at the threshold, and the float32 arithmetic decides which side it falls on.
  std::vector<float> cumulative(static_cast<std::size_t>(S.rows()));
  for (Eigen::Index t = 0; t < S.cols(); ++t) {
    float total = 0;
    for (Eigen::Index k = 0; k < S.rows(); ++k) cumulative[static_cast<std::size_t>(k)] = total += static_cast<float>(S(k, t));
    const float threshold = static_cast<float>(roll_percent) * total;
    // np.nanmin over the frequencies where cumulative >= threshold; NaN if none (only for NaN input).
    double rolloff = std::numeric_limits<double>::quiet_NaN();
    for (Eigen::Index k = 0; k < S.rows(); ++k)
      if (!(cumulative[static_cast<std::size_t>(k)] < threshold)) {
        rolloff = freq[k];
        break;
      }
    out(0, t) = rolloff;
  }
  return out;
}

}  // namespace genrekit::features
