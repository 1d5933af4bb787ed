#pragma once
#include "genrekit/dsp/matrix.h"

namespace genrekit::features {

// librosa 0.5.0's feature.rmse(S=S): per frame, sqrt(mean over bins of S^2), S a magnitude
// spectrogram (FMA passes |STFT|). Computed in float32 as librosa does for its float32 input.
// Returns (1, frames).
dsp::Matrix rms_from_spectrogram(const dsp::Matrix& S);

}  // namespace genrekit::features
