#include "genrekit/dsp/stft.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <complex>
#include <cstdint>
#include <memory>
#include <mutex>
#include <new>
#include <numbers>
#include <stdexcept>
#include <string>

#include <fftw3.h>

#include "dsp/vector_clones.h"
#include "fftw_planner.h"

namespace genrekit::dsp {

namespace {

struct FftwFree {
  void operator()(void* p) const { fftw_free(p); }
};

GENREKIT_AVX2_CLONES void windowed(const double* window, const float* x, std::size_t n, double* frame) noexcept {
  for (std::size_t k = 0; k < n; ++k) frame[k] = window[k] * static_cast<double>(x[k]);
}

// |.| of each value rounded to complex64, as numpy (1.22 and later) computes np.abs of complex64
// on a CPU with AVX-512, where librosa's reference values were made: in float32, larger *
// sqrt(fma(ratio, ratio, 1)) with ratio = smaller / larger. (Without AVX-512 numpy calls hypotf,
// the correctly rounded |z|; the two differ by one float32 ulp in about a third of the values,
// which decides a tuning estimate when a peak sits on a histogram edge.) The fused 1 + ratio^2 is
// computed in double, exact for ratio >= 1/8; below, the one case where rounding it to double
// first could round the float the other way (a double exactly halfway between two floats) is
// settled by the sum's exact error. In one pass with the rounding of the parts: the magnitude
// path never needs the complex64 column.
GENREKIT_AVX2_CLONES void complex64_magnitudes(const double* parts, std::size_t n, double* out) noexcept {
  // Selects and arithmetic only, no branch, so that the loop vectorises.
  for (std::size_t b = 0; b < n; ++b) {
    const float re = std::fabs(static_cast<float>(parts[2 * b]));
    const float im = std::fabs(static_cast<float>(parts[2 * b + 1]));
    const float larger = re > im ? re : im, smaller = re > im ? im : re;
    const float quotient = smaller / larger;
    const float ratio = larger > 0.0f ? quotient : 0.0f;
    const double square = static_cast<double>(ratio) * static_cast<double>(ratio);  // exact: 48 bits
    const double sum = 1.0 + square;                                                 // in [1, 2]
    const double error = square - (sum - 1.0);  // exact (Fast2Sum: 1 >= square)
    // Halfway between two floats of [1, 2): half their spacing (2^-24) from the float it rounds to.
    const bool halfway = std::fabs(sum - static_cast<double>(static_cast<float>(sum))) == 0x1p-24;
    const double nudge = std::copysign(0x1p-30, error) * static_cast<double>(halfway & (error != 0));
    const auto fused = static_cast<float>(sum + nudge);
    out[b] = static_cast<double>(std::sqrt(fused) * larger);
  }
}

}  // namespace

Vector hann_window(int n) {
  Vector w(n);
  for (int i = 0; i < n; ++i) w[i] = 0.5 - 0.5 * std::cos(2.0 * std::numbers::pi * i / n);
  return w;
}

Stft::Stft(int n_fft, int hop_length, Window window)
    : n_fft_(n_fft), hop_length_(hop_length), window_(window == Window::Hann ? hann_window(n_fft) : Vector::Ones(n_fft)) {
  if (n_fft < 2) throw std::invalid_argument("stft: n_fft must be at least 2, got " + std::to_string(n_fft));
  if (hop_length < 1) throw std::invalid_argument("stft: hop_length must be positive, got " + std::to_string(hop_length));
  std::unique_ptr<double, FftwFree> in(static_cast<double*>(fftw_malloc(sizeof(double) * static_cast<std::size_t>(n_fft))));
  std::unique_ptr<fftw_complex, FftwFree> out(
      static_cast<fftw_complex*>(fftw_malloc(sizeof(fftw_complex) * static_cast<std::size_t>(n_fft / 2 + 1))));
  // Planned for SIMD-aligned arrays (fftw_malloc's): for_each_frame runs it on such arrays only.
  std::lock_guard lock(fftw_planner_mutex());
  use_recorded_fftw_wisdom();
  plan_ = fftw_plan_dft_r2c_1d(n_fft, in.get(), out.get(), FFTW_ESTIMATE);
  if (!plan_) throw std::runtime_error("stft: FFTW could not plan a transform of size " + std::to_string(n_fft));
}

Stft::~Stft() {
  std::lock_guard lock(fftw_planner_mutex());
  fftw_destroy_plan(static_cast<fftw_plan>(plan_));
}

void Stft::for_each_frame(std::span<const float> y, const FrameVisitor& visit) const {
  const auto n = static_cast<std::ptrdiff_t>(y.size());
  if (n < 2) throw std::invalid_argument("stft: signal of " + std::to_string(n) + " samples is too short");
  const std::ptrdiff_t pad = n_fft_ / 2;
  const std::size_t n_frames = frames(y.size());
  const int n_bins = n_fft_ / 2 + 1;
  const std::unique_ptr<double, FftwFree> frame_buffer(static_cast<double*>(fftw_malloc(sizeof(double) * static_cast<std::size_t>(n_fft_))));
  const std::unique_ptr<std::complex<double>, FftwFree> spectrum_buffer(
      static_cast<std::complex<double>*>(fftw_malloc(sizeof(std::complex<double>) * static_cast<std::size_t>(n_bins))));
  if (!frame_buffer || !spectrum_buffer) throw std::bad_alloc();
  double* frame = frame_buffer.get();
  std::complex<double>* spectrum = spectrum_buffer.get();
  // numpy's reflect padding (no edge repeat), periodic with period 2 (n - 1) for long pads.
  const std::ptrdiff_t period = 2 * (n - 1);
  const auto sample = [&](std::ptrdiff_t i) {
    i %= period;
    if (i < 0) i += period;
    if (i >= n) i = period - i;
    return static_cast<double>(y[static_cast<std::size_t>(i)]);
  };
  const double* window = window_.data();
  for (std::size_t t = 0; t < n_frames; ++t) {
    const std::ptrdiff_t start = static_cast<std::ptrdiff_t>(t) * hop_length_ - pad;
    if (start >= 0 && start + n_fft_ <= n) {  // the common case, in a loop the compiler vectorises
      windowed(window, y.data() + start, static_cast<std::size_t>(n_fft_), frame);
    } else {
      for (int k = 0; k < n_fft_; ++k) frame[k] = window[k] * sample(start + k);
    }
    fftw_execute_dft_r2c(static_cast<fftw_plan>(plan_), frame, reinterpret_cast<fftw_complex*>(spectrum));
    visit(t, spectrum);
  }
}

Matrix Stft::magnitude(std::span<const float> y) const {
  Matrix S(n_fft_ / 2 + 1, static_cast<Eigen::Index>(frames(y.size())));
  for_each_frame(y, [&](std::size_t t, const std::complex<double>* spectrum) {
    complex64_magnitudes(reinterpret_cast<const double*>(spectrum), static_cast<std::size_t>(S.rows()),
                         S.col(static_cast<Eigen::Index>(t)).data());
  });
  return S;
}

}  // namespace genrekit::dsp
