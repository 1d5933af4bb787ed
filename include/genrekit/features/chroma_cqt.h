#pragma once
#include "genrekit/dsp/matrix.h"

namespace genrekit::features {

// librosa.feature.chroma_cqt(C=|CQT|, n_chroma=12, n_octaves=7): the CQT bins folded onto pitch
// classes (bins_per_octave = n_chroma, fmin C1), each frame scaled to max 1. Returns (n_chroma, frames).
dsp::Matrix chroma_cqt(const dsp::Matrix& C, int n_chroma = 12);

// The same fold without normalisation (chroma_cqt with norm=None), the input of chroma_cens.
dsp::Matrix fold_cqt_to_chroma(const dsp::Matrix& C, int n_chroma = 12);

}  // namespace genrekit::features
