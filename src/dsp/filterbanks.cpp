#include "genrekit/dsp/filterbanks.h"

#include <cmath>
#include <numbers>
#include <stdexcept>
#include <string>

namespace genrekit::dsp {

namespace {

constexpr double kMelLinearStep = 200.0 / 3;  // Hz per mel below 1 kHz
constexpr double kMelLogStart = 1000.0;       // Hz
const double kMelLogStep = std::log(6.4) / 27.0;
constexpr double kMelAtLogStart = kMelLogStart / kMelLinearStep;

}  // namespace

double hz_to_mel(double hz) {
  if (hz >= kMelLogStart) return kMelAtLogStart + std::log(hz / kMelLogStart) / kMelLogStep;
  return hz / kMelLinearStep;
}

double mel_to_hz(double mel) {
  if (mel >= kMelAtLogStart) return kMelLogStart * std::exp(kMelLogStep * (mel - kMelAtLogStart));
  return kMelLinearStep * mel;
}

Vector fft_frequencies(double sr, int n_fft) {
  const int n = n_fft / 2 + 1;
  Vector f(n);
  // np.linspace(0, sr/2, n): start + i * step, the last point exactly sr/2.
  const double step = (sr / 2) / (n - 1);
  for (int i = 0; i < n; ++i) f[i] = i * step;
  f[n - 1] = sr / 2;
  return f;
}

Matrix mel_filterbank(double sr, int n_fft, int n_mels, double fmin, double fmax) {
  if (sr <= 0) throw std::invalid_argument("mel_filterbank: sr must be positive");
  if (n_mels < 1) throw std::invalid_argument("mel_filterbank: n_mels must be positive, got " + std::to_string(n_mels));
  if (fmax <= 0) fmax = sr / 2;
  if (fmin < 0 || fmin >= fmax)
    throw std::invalid_argument("mel_filterbank: need 0 <= fmin < fmax, got fmin=" + std::to_string(fmin) +
                                " fmax=" + std::to_string(fmax));
  const Vector fft_freqs = fft_frequencies(sr, n_fft);
  // n_mels + 2 band edges equally spaced in mel (np.linspace).
  const double min_mel = hz_to_mel(fmin), max_mel = hz_to_mel(fmax);
  Vector edges(n_mels + 2);
  const double mel_step = (max_mel - min_mel) / (n_mels + 1);
  for (int i = 0; i < n_mels + 2; ++i) edges[i] = mel_to_hz(i == n_mels + 1 ? max_mel : min_mel + i * mel_step);
  Matrix weights = Matrix::Zero(n_mels, fft_freqs.size());
  for (int m = 0; m < n_mels; ++m) {
    const double lower_width = edges[m + 1] - edges[m], upper_width = edges[m + 2] - edges[m + 1];
    const double enorm = 2.0 / (edges[m + 2] - edges[m]);  // Slaney: constant area
    for (Eigen::Index k = 0; k < fft_freqs.size(); ++k) {
      const double lower = (fft_freqs[k] - edges[m]) / lower_width;
      const double upper = (edges[m + 2] - fft_freqs[k]) / upper_width;
      weights(m, k) = std::max(0.0, std::min(lower, upper)) * enorm;
    }
  }
  return weights;
}

Matrix chroma_filterbank(double sr, int n_fft, int n_chroma, double a440, double ctroct, double octwidth) {
  if (n_chroma < 1) throw std::invalid_argument("chroma_filterbank: n_chroma must be positive");
  // Frequencies of every FFT bin but DC (np.linspace(0, sr, n_fft, endpoint=False)[1:]), in
  // fractional chroma bins relative to A440/16.
  std::vector<double> bins(static_cast<std::size_t>(n_fft));
  for (int i = 1; i < n_fft; ++i)
    bins[static_cast<std::size_t>(i)] = n_chroma * std::log2((sr * i / n_fft) / (a440 / 16));
  bins[0] = bins[1] - 1.5 * n_chroma;  // DC gets a bin 1.5 octaves below the first
  std::vector<double> widths(static_cast<std::size_t>(n_fft));
  for (int i = 0; i + 1 < n_fft; ++i)
    widths[static_cast<std::size_t>(i)] = std::max(bins[static_cast<std::size_t>(i) + 1] - bins[static_cast<std::size_t>(i)], 1.0);
  widths[static_cast<std::size_t>(n_fft) - 1] = 1.0;

  const double half = std::round(n_chroma / 2.0);
  Matrix w(n_chroma, n_fft);
  for (int i = 0; i < n_fft; ++i) {
    const double b = bins[static_cast<std::size_t>(i)];
    for (int c = 0; c < n_chroma; ++c) {
      // Distance from chroma c, wrapped to (-n_chroma/2, n_chroma/2] (np.remainder semantics).
      double d = std::fmod(b - c + half + 10.0 * n_chroma, static_cast<double>(n_chroma));
      if (d < 0) d += n_chroma;
      d -= half;
      w(c, i) = std::exp(-0.5 * std::pow(2 * d / widths[static_cast<std::size_t>(i)], 2));
    }
    const double norm = w.col(i).norm();  // L2 per bin (util.normalize, norm=2)
    if (norm >= std::numeric_limits<double>::min()) w.col(i) /= norm;
    if (octwidth > 0) w.col(i) *= std::exp(-0.5 * std::pow((b / n_chroma - ctroct) / octwidth, 2));
  }
  // base_c: rotate rows so that row 0 is C (np.roll(wts, -3, axis=0)).
  Matrix rolled(n_chroma, n_fft / 2 + 1);
  for (int c = 0; c < n_chroma; ++c) rolled.row(c) = w.row((c + 3) % n_chroma).head(n_fft / 2 + 1);
  return rolled;
}

Matrix dct_basis(int n_filters, int n_input) {
  if (n_filters < 1 || n_input < 1) throw std::invalid_argument("dct_basis: sizes must be positive");
  Matrix basis(n_filters, n_input);
  basis.row(0).setConstant(1.0 / std::sqrt(static_cast<double>(n_input)));
  for (int i = 1; i < n_filters; ++i)
    for (int j = 0; j < n_input; ++j)
      basis(i, j) = std::cos(i * (2 * j + 1) * std::numbers::pi / (2.0 * n_input)) * std::sqrt(2.0 / n_input);
  return basis;
}

}  // namespace genrekit::dsp
