#pragma once
// Constant-Q transform magnitude as librosa 0.5.0's np.abs(cqt(y, sr, hop_length, fmin, n_bins,
// bins_per_octave, tuning)) computes it: one octave of FFT-domain filters (Hann-windowed complex
// sinusoids, L1-normalised, sparsified at 1 %) applied to a ones-window STFT of the signal, which is
// halved (resampy 0.1.5 kaiser_fast, scaled by sqrt 2) once per octave, after an early downsampling
// when the filters allow it; when the top octave reaches past kaiser_fast's pass-band (low rates),
// that octave is computed first at the full rate, as librosa 0.5.0 does. Each bin is divided by
// the square root of its filter length.
#include <span>

#include "genrekit/dsp/matrix.h"

namespace genrekit::dsp {

struct CqtParams {
  int hop_length = 512;
  double fmin = 32.70319566257483;  // C1
  int n_bins = 84;
  int bins_per_octave = 12;
  double filter_scale = 1.0;
  double sparsity = 0.01;
};

// (n_bins, 1 + len(y) / hop_length) at most; `tuning` in fractions of a bin (estimate it with
// estimate_tuning on the signal's 2048/512 magnitude STFT, as librosa does when tuning=None).
// std::invalid_argument for parameters librosa rejects (hop_length not divisible by 2^(octaves-1),
// pass-band beyond Nyquist, a signal too short for the octaves).
Matrix cqt_magnitude(std::span<const float> y, double sr, double tuning, const CqtParams& params = {});

}  // namespace genrekit::dsp
