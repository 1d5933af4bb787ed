#pragma once
#include <span>

#include "genrekit/dsp/matrix.h"

namespace genrekit::features {

// librosa.feature.zero_crossing_rate(y, frame_length, hop_length, center=True): the signal is
// edge-padded by frame_length/2, samples with |y| <= 1e-10 count as zero (positive), and each
// frame's rate is the fraction of its samples whose sign differs from the previous sample's (the
// first sample of a frame never counts). Returns (1, 1 + len(y)/hop_length).
dsp::Matrix zero_crossing_rate(std::span<const float> y, int frame_length = 2048, int hop_length = 512);

}  // namespace genrekit::features
