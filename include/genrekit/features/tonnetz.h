#pragma once
#include "genrekit/dsp/matrix.h"

namespace genrekit::features {

// librosa.feature.tonnetz(chroma=...): projection of the L1-normalised 12-bin chroma onto the
// fifths, minor-thirds and major-thirds circles (Harte et al. 2006). Returns (6, frames).
dsp::Matrix tonnetz(const dsp::Matrix& chroma);

}  // namespace genrekit::features
