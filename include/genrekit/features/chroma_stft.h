#pragma once
#include <optional>

#include "genrekit/dsp/matrix.h"

namespace genrekit::features {

// librosa.feature.chroma_stft(S=power, sr=sr, n_chroma, tuning): chroma filter bank applied to a
// power spectrogram, each frame scaled to max 1. Without `tuning` it is estimated from `power`
// (estimate_tuning with bins_per_octave = n_chroma). Returns (n_chroma, frames).
dsp::Matrix chroma_stft(const dsp::Matrix& power, double sr, int n_chroma = 12,
                        std::optional<double> tuning = std::nullopt);

}  // namespace genrekit::features
