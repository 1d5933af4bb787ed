#pragma once
#include "genrekit/dsp/matrix.h"

namespace genrekit::features {

// librosa.feature.spectral_bandwidth(S=S, sr=sr, p=2): per frame, the p-th root of the
// magnitude-weighted (L1-normalised) mean of |f - centroid|^p. Returns (1, frames).
dsp::Matrix spectral_bandwidth(const dsp::Matrix& S, double sr, double p = 2.0);

// The same around a centroid already computed (spectral_centroid(S, sr), shape (1, frames)).
dsp::Matrix spectral_bandwidth(const dsp::Matrix& S, double sr, const dsp::Matrix& centroid, double p = 2.0);

}  // namespace genrekit::features
