#pragma once
// The thesis CNNs' input: a mel power spectrogram (n_fft 2048, hop 1024, 128 Slaney mels at
// 22,050 Hz), transposed to (time, mel), zero-padded or cut to a fixed number of frames (646 = 30 s),
// zeros replaced by a floor (1e-6), natural log.
#include <cstddef>
#include <span>

#include "genrekit/dsp/matrix.h"

namespace genrekit::features {

struct LogMelParams {
  double sample_rate = 22050;  // the rate the signal must already be at
  int n_fft = 2048;
  int hop_length = 1024;
  int n_mels = 128;
  int frames = 646;       // <= 0 keeps every frame
  double floor = 1e-6;
};

// (frames, n_mels). std::invalid_argument for bad parameters or a signal too short for one frame.
dsp::Matrix log_mel_spectrogram(std::span<const float> y, const LogMelParams& params = {});

// How many samples of a signal at `input_rate` its first params.frames frames depend on, once it is
// resampled to params.sample_rate: their samples plus 1 s for the resampler's reach (its filters span
// a few milliseconds). A longer signal's spectrogram can be computed from that head alone. 0 when
// params.frames <= 0 (every frame is kept: the whole signal is needed).
std::size_t log_mel_input_samples(const LogMelParams& params, double input_rate);

}  // namespace genrekit::features
