#pragma once
// Short-time Fourier transform magnitude as librosa 0.5.0's `np.abs(stft(y, n_fft, hop_length))`:
// periodic Hann window, frames centred by reflect-padding n_fft/2 on both sides, FFT in double
// precision, each bin rounded to complex64 (as librosa stores it) before its magnitude is taken.
#include <span>

#include "genrekit/dsp/matrix.h"

namespace genrekit::dsp {

class Stft {
 public:
  // Plans the FFT once (FFTW planning is serialised internally); `magnitude` may then be called
  // from any number of threads at once. std::invalid_argument for n_fft < 2 or hop_length < 1.
  Stft(int n_fft, int hop_length);
  ~Stft();
  Stft(const Stft&) = delete;
  Stft& operator=(const Stft&) = delete;

  // (1 + n_fft/2, 1 + len(y)/hop_length). std::invalid_argument when y is shorter than
  // n_fft/2 + 1 samples (reflect padding needs that many).
  Matrix magnitude(std::span<const float> y) const;

  int n_fft() const { return n_fft_; }
  int hop_length() const { return hop_length_; }
  std::size_t frames(std::size_t n_samples) const { return 1 + n_samples / static_cast<std::size_t>(hop_length_); }

 private:
  int n_fft_;
  int hop_length_;
  Vector window_;
  void* plan_;  // fftw_plan
};

// Periodic Hann window of length n (scipy.signal.get_window('hann', n, fftbins=True)).
Vector hann_window(int n);

}  // namespace genrekit::dsp
