#pragma once
#include "genrekit/dsp/matrix.h"

namespace genrekit::features {

// librosa.feature.spectral_rolloff(S=S, sr=sr, roll_percent): per frame, the lowest bin frequency
// at which the cumulative magnitude reaches roll_percent of the total. Returns (1, frames).
dsp::Matrix spectral_rolloff(const dsp::Matrix& S, double sr, double roll_percent = 0.85);

}  // namespace genrekit::features
