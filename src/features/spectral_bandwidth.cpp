#include "genrekit/features/spectral_bandwidth.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "genrekit/dsp/filterbanks.h"
#include "genrekit/features/spectral_centroid.h"
#include "dsp/vector_clones.h"
#include "frame_l1.h"
#include "spectrogram_checks.h"
#include "unchecked_features.h"

namespace genrekit::features {

namespace {

// (sum over bins of S / |S|_1 * |freq - centroid|^p)^(1/p) of each of the `frames` columns of
// `bins` values. |f - centroid| is C-ordered in librosa (np.subtract.outer), so the sum over bins
// runs bin by bin, in order; kBlock frames advance together to keep the same order without one
// long chain.
GENREKIT_AVX2_CLONES void bandwidths(const double* S, std::size_t bins, std::size_t frames, const double* freq,
                                     const double* centroid, double p, double* out) noexcept {
  constexpr std::size_t kBlock = 4;
  for (std::size_t t0 = 0; t0 < frames; t0 += kBlock) {
    const std::size_t width = std::min(kBlock, frames - t0);
    double scale[kBlock] = {}, sum[kBlock] = {};
    for (std::size_t j = 0; j < width; ++j) scale[j] = l1_divisor(S + (t0 + j) * bins, bins);
    for (std::size_t k = 0; k < bins; ++k)
      for (std::size_t j = 0; j < width; ++j) {
        const double deviation = std::fabs(freq[k] - centroid[t0 + j]);
        // deviation ** 2 is a square in numpy, not pow
        sum[j] += (S[(t0 + j) * bins + k] / scale[j]) * (p == 2.0 ? deviation * deviation : std::pow(deviation, p));
      }
    for (std::size_t j = 0; j < width; ++j) out[t0 + j] = std::pow(sum[j], 1.0 / p);
  }
}

}  // namespace

dsp::Matrix spectral_bandwidth(const dsp::Matrix& S, double sr, double p) {
  check_spectrogram("spectral_bandwidth", S, sr);
  return unchecked::spectral_bandwidth(S, sr, unchecked::spectral_centroid(S, sr), p);
}

dsp::Matrix spectral_bandwidth(const dsp::Matrix& S, double sr, const dsp::Matrix& centroid, double p) {
  check_spectrogram("spectral_bandwidth", S, sr);
  return unchecked::spectral_bandwidth(S, sr, centroid, p);
}

dsp::Matrix unchecked::spectral_bandwidth(const dsp::Matrix& S, double sr, const dsp::Matrix& centroid, double p) {
  check_spectrogram_shape("spectral_bandwidth", S, sr);
  if (p <= 0) throw std::invalid_argument("spectral_bandwidth: p must be positive");
  if (centroid.rows() != 1 || centroid.cols() != S.cols())
    throw std::invalid_argument("spectral_bandwidth: the centroid must be (1, " + std::to_string(S.cols()) + "), got (" +
                                std::to_string(centroid.rows()) + ", " + std::to_string(centroid.cols()) + ")");
  const dsp::Vector freq = dsp::fft_frequencies(sr, n_fft_of(S));
  dsp::Matrix out(1, S.cols());
  bandwidths(S.data(), static_cast<std::size_t>(S.rows()), static_cast<std::size_t>(S.cols()), freq.data(), centroid.data(),
             p, out.data());
  return out;
}

}  // namespace genrekit::features
