#pragma once
#include "genrekit/dsp/matrix.h"

namespace genrekit::features {

// librosa.feature.chroma_cens(C=|CQT|, n_chroma=12, n_octaves=7, win_len_smooth=41): chroma
// (L1-normalised per frame) quantised at 0.05 / 0.1 / 0.2 / 0.4 into quarters, smoothed over time
// with a normalised periodic Hann window of win_len_smooth + 2 points, then L2-normalised per
// frame. Returns (n_chroma, frames).
dsp::Matrix chroma_cens(const dsp::Matrix& C, int n_chroma = 12, int win_len_smooth = 41);

}  // namespace genrekit::features
