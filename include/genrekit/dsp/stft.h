#pragma once
// Short-time Fourier transform magnitude as librosa 0.5.0's `np.abs(stft(y, n_fft, hop_length))`:
// periodic Hann window, frames centred by reflect-padding n_fft/2 on both sides, FFT in double
// precision, each bin rounded to complex64 (as librosa stores it) before its magnitude is taken.
#include <complex>
#include <functional>
#include <span>

#include "genrekit/dsp/matrix.h"

namespace genrekit::dsp {

enum class Window { Hann, Ones };

class Stft {
 public:
  // Plans the FFT once (FFTW planning is serialised internally); the transforms may then run on
  // any number of threads at once. std::invalid_argument for n_fft < 2 or hop_length < 1.
  Stft(int n_fft, int hop_length, Window window = Window::Hann);
  ~Stft();
  Stft(const Stft&) = delete;
  Stft& operator=(const Stft&) = delete;

  // (1 + n_fft/2, 1 + len(y)/hop_length). Padding reflects as numpy does, repeatedly for signals
  // shorter than n_fft/2. std::invalid_argument for fewer than 2 samples.
  Matrix magnitude(std::span<const float> y) const;

  // Calls `frame(t, spectrum)` for every frame with its 1 + n_fft/2 bins as FFTW computes them, in
  // double. librosa 0.5.0's complex STFT column is their conjugate rounded to complex64
  // (librosa_stft_bin); a caller rounds the bins it reads, often a few of them (the CQT's).
  using FrameVisitor = std::function<void(std::size_t, const std::complex<double>*)>;
  void for_each_frame(std::span<const float> y, const FrameVisitor& frame) const;

  int n_fft() const { return n_fft_; }
  int hop_length() const { return hop_length_; }
  std::size_t frames(std::size_t n_samples) const { return 1 + n_samples / static_cast<std::size_t>(hop_length_); }

 private:
  int n_fft_;
  int hop_length_;
  Vector window_;
  void* plan_;  // fftw_plan
};

// librosa 0.5.0's STFT value of a bin FFTW computed: conjugated (it returns fft(...).conj()) and
// rounded to complex64, as librosa stores it.
inline std::complex<double> librosa_stft_bin(std::complex<double> computed) {
  return {static_cast<double>(static_cast<float>(computed.real())), -static_cast<double>(static_cast<float>(computed.imag()))};
}

// Periodic Hann window of length n (scipy.signal.get_window('hann', n, fftbins=True)).
Vector hann_window(int n);

}  // namespace genrekit::dsp
