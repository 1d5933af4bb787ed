#pragma once
#include "genrekit/dsp/matrix.h"

namespace genrekit::features {

// librosa.feature.spectral_contrast(S=S, sr=sr, fmin, n_bands, quantile): per octave band (the
// first below fmin, the last up to Nyquist), the dB difference between the mean of the top and
// bottom `quantile` of magnitudes. Returns (n_bands + 1, frames).
dsp::Matrix spectral_contrast(const dsp::Matrix& S, double sr, double fmin = 200.0, int n_bands = 6,
                              double quantile = 0.02);

}  // namespace genrekit::features
