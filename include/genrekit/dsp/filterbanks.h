#pragma once
// Filter banks as librosa 0.5.0 builds them (filters.mel, filters.chroma, filters.dct).
#include "genrekit/dsp/matrix.h"

namespace genrekit::dsp {

// Slaney's mel scale (linear below 1 kHz, logarithmic above), as librosa's hz_to_mel(htk=False).
double hz_to_mel(double hz);
double mel_to_hz(double mel);

// (n_mels, 1 + n_fft/2) triangular filters, Slaney area normalisation. fmax <= 0 means sr/2.
Matrix mel_filterbank(double sr, int n_fft, int n_mels = 128, double fmin = 0.0, double fmax = 0.0);

// (n_chroma, 1 + n_fft/2) Gaussian chroma filters (Ellis' chromagram_E), centred on octave
// `ctroct` with width `octwidth`, L2-normalised per bin, rotated to start at C.
Matrix chroma_filterbank(double sr, int n_fft, int n_chroma = 12, double a440 = 440.0, double ctroct = 5.0,
                         double octwidth = 2.0);

// (n_filters, n_input) orthonormal DCT-II basis (librosa's filters.dct).
Matrix dct_basis(int n_filters, int n_input);

// librosa's fft_frequencies: n_fft/2 + 1 bin centres from 0 to sr/2.
Vector fft_frequencies(double sr, int n_fft);

}  // namespace genrekit::dsp
