#pragma once
#include "genrekit/dsp/matrix.h"

namespace genrekit::features {

// librosa.feature.melspectrogram(S=power, sr=sr, n_mels, fmin, fmax): Slaney mel filter bank times
// a power spectrogram (n_fft = 2 (rows - 1)). Returns (n_mels, frames).
dsp::Matrix melspectrogram(const dsp::Matrix& power, double sr, int n_mels = 128, double fmin = 0.0, double fmax = 0.0);

// librosa.feature.mfcc(S=power_to_db(melspectrogram(...)), n_mfcc): orthonormal DCT-II of the
// log-power mel spectrogram (dB, floored 80 dB below its maximum). Returns (n_mfcc, frames).
dsp::Matrix mfcc(const dsp::Matrix& power, double sr, int n_mfcc = 20, int n_mels = 128);

// The last step alone: the DCT of a log-power mel spectrogram (n_mels, frames), for a signal
// processed in parts (power_to_db_part floors each part at the whole signal's maximum).
dsp::Matrix mfcc_of_log_mel(const dsp::Matrix& log_mel, int n_mfcc = 20);

}  // namespace genrekit::features
