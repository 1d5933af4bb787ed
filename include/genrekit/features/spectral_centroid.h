#pragma once
#include "genrekit/dsp/matrix.h"

namespace genrekit::features {

// librosa.feature.spectral_centroid(S=S, sr=sr): per frame, the magnitude-weighted mean of the
// FFT bin frequencies (n_fft = 2 (rows - 1)). Returns (1, frames).
dsp::Matrix spectral_centroid(const dsp::Matrix& S, double sr);

}  // namespace genrekit::features
