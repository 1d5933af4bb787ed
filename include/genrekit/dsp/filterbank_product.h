#pragma once
// A dense filter bank (a few rows, one per filter) applied to a spectrogram.
#include "genrekit/dsp/matrix.h"

namespace genrekit::dsp {

// bank (n_filters, n_bins) times S (n_bins, n_frames). Each value is summed over the bins in
// ascending order from zero whatever the vector width (the vector lanes hold different filters),
// so the AVX2 build and the baseline one give the same bits, and identical frames give identical
// values. Twice as fast as Eigen's product, whose packing and blocking are made for large
// matrices, on chroma_stft's 12 filters; MFCC's DCT is one too.
Matrix filterbank_product(const Matrix& bank, const Matrix& S);

}  // namespace genrekit::dsp
