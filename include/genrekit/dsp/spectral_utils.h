#pragma once
// Small spectral helpers with librosa 0.5.0's exact semantics.
#include "genrekit/dsp/matrix.h"

namespace genrekit::dsp {

// power_to_db(S, ref=1, amin=1e-10, top_db): 10 log10(max(amin, |S|)) - 10 log10(max(amin, ref)),
// floored at (global max - top_db) when top_db >= 0 (pass a negative top_db for no floor).
Matrix power_to_db(const Matrix& S, double ref = 1.0, double amin = 1e-10, double top_db = 80.0);

enum class Norm { Inf, L1, L2 };
// Scales each column to unit norm; columns whose norm is below the smallest normal double keep
// their values (librosa's util.normalize with fill=None).
Matrix normalize_columns(const Matrix& S, Norm norm);

// Tuning deviation in fractions of a bin, as librosa.estimate_tuning(S=...) computes it from a
// magnitude or power spectrogram: parabolic-interpolated peaks (piptrack, fmin 150, fmax 4000,
// threshold 0.1) whose magnitude is at least the median, histogrammed at `resolution`.
double estimate_tuning(const Matrix& S, double sr, int n_fft, double resolution = 0.01, int bins_per_octave = 12);

}  // namespace genrekit::dsp
