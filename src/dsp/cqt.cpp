#include "genrekit/dsp/cqt.h"

#include <algorithm>
#include <cmath>
#include <complex>
#include <mutex>
#include <numbers>
#include <stdexcept>
#include <string>
#include <vector>

#include <fftw3.h>

#include "genrekit/dsp/resample.h"
#include "genrekit/dsp/stft.h"
#include "dsp/vector_clones.h"
#include "fftw_planner.h"

namespace genrekit::dsp {

namespace {

using Complex = std::complex<double>;
constexpr double kHannBandwidth = 1.50018310546875;  // librosa's WINDOW_BANDWIDTHS['hann']

// One octave's filters in the FFT domain, as sparse rows (bin - first_bin, weight): together
// they read the bins [first_bin, end_bin), a third of the spectrum.
struct FilterBasis {
  int n_fft = 0;
  std::vector<std::vector<std::pair<int, Complex>>> rows;
  int first_bin = 0, end_bin = 0;
};

int two_factors(int x) {
  int count = 0;
  for (; x > 0 && x % 2 == 0; x /= 2) ++count;
  return count;
}

// Sparsify each row: drop the smallest magnitudes that together hold less than `quantile` of the
// row's L1 mass (librosa's util.sparsify_rows).
std::vector<std::pair<int, Complex>> sparsify(const std::vector<Complex>& row, double quantile) {
  std::vector<double> mags(row.size());
  double norm = 0;
  for (std::size_t j = 0; j < row.size(); ++j) norm += mags[j] = std::abs(row[j]);
  std::vector<double> sorted = mags;
  std::sort(sorted.begin(), sorted.end());
  double cumulative = 0;
  std::size_t threshold_index = 0;
  for (std::size_t j = 0; j < sorted.size(); ++j) {
    cumulative += sorted[j] / norm;
    if (!(cumulative < quantile)) {
      threshold_index = j;
      break;
    }
  }
  std::vector<std::pair<int, Complex>> kept;
  for (std::size_t j = 0; j < row.size(); ++j)
    if (mags[j] >= sorted[threshold_index]) kept.emplace_back(static_cast<int>(j), row[j]);
  return kept;
}

// librosa's filters.constant_q (pad_fft, norm=1) followed by __cqt_filter_fft.
FilterBasis filter_basis(double sr, double fmin, int n_bins, int bins_per_octave, double tuning, double filter_scale,
                         double sparsity) {
  const double correction = std::pow(2.0, tuning / bins_per_octave);
  const double Q = filter_scale / (std::pow(2.0, 1.0 / bins_per_octave) - 1);
  std::vector<double> lengths(static_cast<std::size_t>(n_bins));
  for (int k = 0; k < n_bins; ++k)
    lengths[static_cast<std::size_t>(k)] = Q * sr / (correction * fmin * std::pow(2.0, static_cast<double>(k) / bins_per_octave));
  const double max_length = *std::max_element(lengths.begin(), lengths.end());
  const int n_fft = static_cast<int>(std::pow(2.0, std::ceil(std::log2(max_length))));

  FilterBasis basis;
  basis.n_fft = n_fft;
  std::vector<Complex> padded(static_cast<std::size_t>(n_fft)), spectrum(static_cast<std::size_t>(n_fft));
  fftw_plan plan = nullptr;
  {
    std::lock_guard lock(fftw_planner_mutex());
    plan = fftw_plan_dft_1d(n_fft, reinterpret_cast<fftw_complex*>(padded.data()),
                            reinterpret_cast<fftw_complex*>(spectrum.data()), FFTW_FORWARD, FFTW_ESTIMATE);
  }
  for (int k = 0; k < n_bins; ++k) {
    const double ilen = lengths[static_cast<std::size_t>(k)];
    const double freq = Q * sr / ilen;
    const auto n_max = static_cast<int>(std::ceil(ilen));
    const auto n_min = static_cast<int>(std::floor(ilen));
    // Hann (periodic, length floor(ilen)) over a complex sinusoid of ceil(ilen) samples.
    std::vector<Complex> filter(static_cast<std::size_t>(n_max));
    double l1 = 0;
    for (int j = 0; j < n_max; ++j) {
      const double window = j < n_min ? 0.5 - 0.5 * std::cos(2.0 * std::numbers::pi * j / n_min) : 0.0;
      filter[static_cast<std::size_t>(j)] = std::exp(Complex(0, j * 2 * std::numbers::pi * freq / sr)) * window;
      l1 += std::abs(filter[static_cast<std::size_t>(j)]);
    }
    // Centred in n_fft, scaled by length / n_fft (after the L1 normalisation).
    std::fill(padded.begin(), padded.end(), Complex(0, 0));
    const int left = (n_fft - n_max) / 2;
    for (int j = 0; j < n_max; ++j)
      padded[static_cast<std::size_t>(left + j)] = filter[static_cast<std::size_t>(j)] / l1 * (ilen / n_fft);
    fftw_execute_dft(plan, reinterpret_cast<fftw_complex*>(padded.data()), reinterpret_cast<fftw_complex*>(spectrum.data()));
    basis.rows.push_back(sparsify({spectrum.begin(), spectrum.begin() + n_fft / 2 + 1}, sparsity));
  }
  basis.first_bin = n_fft / 2 + 1;
  for (const auto& row : basis.rows)
    for (const auto& [bin, weight] : row) {
      basis.first_bin = std::min(basis.first_bin, bin);
      basis.end_bin = std::max(basis.end_bin, bin + 1);
    }
  for (auto& row : basis.rows)
    for (auto& entry : row) entry.first -= basis.first_bin;
  {
    std::lock_guard lock(fftw_planner_mutex());
    fftw_destroy_plan(plan);
  }
  return basis;
}

// Four frames' columns of librosa's STFT, the bins the filters read (from basis.first_bin), bin by
// bin: the real parts of bin b at re[4 b, 4 b + 4), the imaginary ones at im[...].
constexpr std::size_t kFrames = 4;

// The four frames' filter responses, out[k][f] = basis row k . column f, the frames in vector
// lanes: each response is the same sum, in the same order, as one frame's alone.
template <typename Vec>
inline void filter_responses(const FilterBasis& basis, const double* re, const double* im, Complex (*out)[kFrames]) noexcept {
  constexpr std::size_t lanes = vectors::kLanes<Vec>;
  for (std::size_t k = 0; k < basis.rows.size(); ++k) {
    for (std::size_t f = 0; f < kFrames; f += lanes) {
      Vec sum_re{}, sum_im{};
      for (const auto& [bin, weight] : basis.rows[k]) {
        Vec x_re, x_im;
        vectors::load(x_re, re + static_cast<std::size_t>(bin) * kFrames + f);
        vectors::load(x_im, im + static_cast<std::size_t>(bin) * kFrames + f);
        // The complex product spelt out: std::complex's operator* checks every result for NaN.
        sum_re += weight.real() * x_re - weight.imag() * x_im;
        sum_im += weight.real() * x_im + weight.imag() * x_re;
      }
      for (std::size_t l = 0; l < lanes; ++l) out[k][f + l] = Complex(sum_re[l], sum_im[l]);
    }
  }
}

[[gnu::flatten]] void filter_responses_baseline(const FilterBasis& basis, const double* re, const double* im,
                                                Complex (*out)[kFrames]) noexcept {
  filter_responses<vectors::Doubles2>(basis, re, im, out);
}

[[gnu::flatten]] GENREKIT_AVX2_TARGET void filter_responses_avx2(const FilterBasis& basis, const double* re,
                                                                 const double* im, Complex (*out)[kFrames]) noexcept {
  filter_responses<vectors::Doubles4>(basis, re, im, out);
}

// The octave's responses: basis x librosa's ones-window STFT, (n_filters, frames), four frames
// at a time.
Eigen::MatrixXcd octave_response(std::span<const float> y, int hop_length, const FilterBasis& basis) {
  const Stft stft(basis.n_fft, hop_length, Window::Ones);
  const auto n_filters = static_cast<Eigen::Index>(basis.rows.size());
  Eigen::MatrixXcd response(n_filters, static_cast<Eigen::Index>(stft.frames(y.size())));
  const auto width = static_cast<std::size_t>(basis.end_bin - basis.first_bin);
  std::vector<double> re(width * kFrames), im(width * kFrames);
  std::vector<Complex[kFrames]> responses(basis.rows.size());
  static const auto responses_of = cpu_has_avx2() ? filter_responses_avx2 : filter_responses_baseline;
  std::size_t filled = 0;  // frames in the columns
  const auto flush = [&](std::size_t last) {
    for (std::size_t f = filled; f < kFrames; ++f)  // lanes past the signal's last frame: zeros, dropped
      for (std::size_t b = 0; b < width; ++b) re[b * kFrames + f] = im[b * kFrames + f] = 0.0;
    responses_of(basis, re.data(), im.data(), responses.data());
    for (std::size_t f = 0; f < filled; ++f)
      for (Eigen::Index k = 0; k < n_filters; ++k)
        response(k, static_cast<Eigen::Index>(last + 1 - filled + f)) = responses[static_cast<std::size_t>(k)][f];
    filled = 0;
  };
  std::size_t last = 0;
  stft.for_each_frame(y, [&](std::size_t t, const Complex* spectrum) {
    for (std::size_t b = 0; b < width; ++b) {
      const Complex z = librosa_stft_bin(spectrum[static_cast<std::size_t>(basis.first_bin) + b]);
      re[b * kFrames + filled] = z.real();
      im[b * kFrames + filled] = z.imag();
    }
    last = t;
    if (++filled == kFrames) flush(t);
  });
  if (filled > 0) flush(last);
  return response;
}

}  // namespace

Matrix cqt_magnitude(std::span<const float> y, double sr, double tuning, const CqtParams& p) {
  if (p.n_bins < 1 || p.bins_per_octave < 1) throw std::invalid_argument("cqt: n_bins and bins_per_octave must be positive");
  if (p.fmin <= 0 || p.filter_scale <= 0 || p.hop_length < 1)
    throw std::invalid_argument("cqt: fmin, filter_scale and hop_length must be positive");
  const int n_octaves = (p.n_bins + p.bins_per_octave - 1) / p.bins_per_octave;
  const int n_filters = std::min(p.bins_per_octave, p.n_bins);
  const double Q = p.filter_scale / (std::pow(2.0, 1.0 / p.bins_per_octave) - 1);
  // Frequencies of the top octave (without the tuning correction, as librosa 0.5.0 takes them).
  const double fmin_top = p.fmin * std::pow(2.0, static_cast<double>(p.n_bins - n_filters) / p.bins_per_octave);
  const double fmax_top = p.fmin * std::pow(2.0, static_cast<double>(p.n_bins - 1) / p.bins_per_octave);
  const double cutoff = fmax_top * (1 + 0.5 * kHannBandwidth / Q);
  const double nyquist = sr / 2;
  const double correction = std::pow(2.0, tuning / p.bins_per_octave);
  if (p.fmin * correction * std::pow(2.0, static_cast<double>(p.n_bins - 1) / p.bins_per_octave) * (1 + 0.5 * kHannBandwidth / Q) > nyquist)
    throw std::invalid_argument("cqt: filter pass-band lies beyond Nyquist (sr=" + std::to_string(sr) + ")");
  // When the top octave's filters reach past kaiser_fast's pass-band (sr below ~9.7 kHz for FMA's
  // CQT), librosa 0.5.0 computes that octave first at the full rate, without early downsampling,
  // and the remaining octaves from the same signal down.
  const double fast_rolloff = resampy_rolloff(ResampyFilter::KaiserFast);
  const bool top_octave_first = cutoff >= fast_rolloff * nyquist;
  const int halved_octaves = top_octave_first ? n_octaves - 1 : n_octaves;
  if (two_factors(p.hop_length) < halved_octaves - 1)
    throw std::invalid_argument("cqt: hop_length must be a multiple of 2^" + std::to_string(halved_octaves - 1) + " for " +
                                std::to_string(n_octaves) + " octaves");

  // Early downsampling: as many halvings as the filters and the hop allow. librosa 0.5.0 then uses
  // the reduced rate for the final 1/sqrt(filter length) scaling too, which the scaling below keeps.
  std::vector<float> signal;
  double rate = sr;
  int hop = p.hop_length;
  const int by_filters = std::max(0, static_cast<int>(std::ceil(std::log2(fast_rolloff * nyquist / cutoff))) - 1 - 1);
  const int by_hop = std::max(0, two_factors(p.hop_length) - n_octaves + 1);
  if (const int count = std::min(by_filters, by_hop); count > 0 && !top_octave_first) {
    const int factor = 1 << count;
    if (static_cast<int>(y.size()) < factor) throw std::invalid_argument("cqt: signal too short for the octaves");
    hop /= factor;
    signal = librosa_resample(y, rate, rate / factor, ResampyFilter::KaiserFast, true);
    rate /= factor;
  } else {
    signal.assign(y.begin(), y.end());
  }
  const double scaling_rate = rate;

  std::vector<Eigen::MatrixXcd> octaves;  // top octave first
  double fmin_halved = fmin_top;
  if (top_octave_first) {
    const FilterBasis top = filter_basis(rate, fmin_top, n_filters, p.bins_per_octave, tuning, p.filter_scale, p.sparsity);
    octaves.push_back(octave_response(signal, hop, top));
    fmin_halved /= 2;
  }
  const FilterBasis basis = filter_basis(rate, fmin_halved, n_filters, p.bins_per_octave, tuning, p.filter_scale, p.sparsity);
  for (int i = 0; i < halved_octaves; ++i) {
    if (i > 0) {
      if (signal.size() < 2) throw std::invalid_argument("cqt: signal too short for " + std::to_string(n_octaves) + " octaves");
      signal = librosa_resample(signal, rate, rate / 2, ResampyFilter::KaiserFast, true);
      const auto gain = static_cast<float>(std::sqrt(2.0));  // numpy multiplies the float32 signal in float32
      for (auto& v : signal) v *= gain;
      rate /= 2;
      hop /= 2;
    }
    octaves.push_back(octave_response(signal, hop, basis));
  }

  // Stack lowest octave first, keep the common frames and the top n_bins rows, scale by 1/sqrt(length).
  Eigen::Index frames = octaves.front().cols();
  for (const auto& o : octaves) frames = std::min(frames, o.cols());
  const auto total_rows = static_cast<Eigen::Index>(n_filters) * n_octaves;
  Matrix C(p.n_bins, frames);
  std::vector<double> root_length(static_cast<std::size_t>(p.n_bins));
  for (Eigen::Index row = 0; row < p.n_bins; ++row)
    root_length[static_cast<std::size_t>(row)] = std::sqrt(
        Q * scaling_rate / (p.fmin * correction * std::pow(2.0, static_cast<double>(row) / p.bins_per_octave)));
  // Frame by frame, so that both matrices are walked down their columns.
  for (Eigen::Index t = 0; t < frames; ++t)
    for (int i = 0; i < n_octaves; ++i) {
      const Eigen::Index first_row = static_cast<Eigen::Index>(n_octaves - 1 - i) * n_filters - (total_rows - p.n_bins);
      const Complex* responses = octaves[static_cast<std::size_t>(i)].col(t).data();
      for (Eigen::Index k = std::max<Eigen::Index>(0, -first_row); k < n_filters; ++k) {
        // |z| as sqrt(re^2 + im^2), not numpy's hypot: the same to an ulp, at a fraction of the cost.
        // (libstdc++'s std::norm squares std::abs, so it is spelt out.)
        const Complex z = responses[k];
        const Eigen::Index row = first_row + k;
        C(row, t) = std::sqrt(z.real() * z.real() + z.imag() * z.imag()) / root_length[static_cast<std::size_t>(row)];
      }
    }
  return C;
}

}  // namespace genrekit::dsp
