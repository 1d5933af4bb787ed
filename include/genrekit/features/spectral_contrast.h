#pragma once
#include "genrekit/dsp/matrix.h"

namespace genrekit::features {

// librosa.feature.spectral_contrast(S=S, sr=sr, fmin, n_bands, quantile): per octave band (the
// first below fmin, the last up to Nyquist), the dB difference between the mean of the top and
// bottom `quantile` of magnitudes. Returns (n_bands + 1, frames).
dsp::Matrix spectral_contrast(const dsp::Matrix& S, double sr, double fmin = 200.0, int n_bands = 6,
                              double quantile = 0.02);

// spectral_contrast in two steps, for a signal processed in parts: each band's peak and valley
// (the two means) per frame, then their dB difference, each floored 80 dB below the maximum of the
// whole signal's peaks / valleys (librosa's power_to_db(top_db=80) of each matrix).
struct ContrastExtremes {
  dsp::Matrix peak, valley;  // (n_bands + 1, frames)
};
ContrastExtremes spectral_contrast_extremes(const dsp::Matrix& S, double sr, double fmin = 200.0, int n_bands = 6,
                                            double quantile = 0.02);
dsp::Matrix contrast_in_db(const ContrastExtremes& extremes, double max_peak, double max_valley);

}  // namespace genrekit::features
