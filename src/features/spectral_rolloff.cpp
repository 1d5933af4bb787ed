#include "genrekit/features/spectral_rolloff.h"

#include <algorithm>
#include <limits>

#include "genrekit/dsp/filterbanks.h"
#include "dsp/vector_clones.h"
#include "spectrogram_checks.h"
#include "unchecked_features.h"

namespace genrekit::features {

namespace {

constexpr std::size_t kBlock = 4;

// The lowest frequency whose cumulative magnitude reaches roll_percent of the frame's total, for
// each of the `frames` columns of `bins` values; `cumulative` holds kBlock x bins floats, the
// block's frames interleaved bin by bin. librosa's magnitudes are float32, so np.cumsum and the
// threshold are float32 too: a bin can sit right at the threshold, and the float32 arithmetic
// decides which side it falls on. Each frame's sum runs bin by bin; the kBlock frames advance
// together in one vector (the lanes of a last, partial block sum zeros, dropped), so no addition
// waits on the last and the running totals stay in a register.
GENREKIT_AVX2_CLONES void rolloffs(const double* S, std::size_t bins, std::size_t frames, const double* freq,
                                   double roll_percent, float* cumulative, double* out) noexcept {
  for (std::size_t t0 = 0; t0 < frames; t0 += kBlock) {
    const std::size_t width = std::min(kBlock, frames - t0);
    float total[kBlock] = {};
    for (std::size_t k = 0; k < bins; ++k)
      for (std::size_t j = 0; j < kBlock; ++j)
        cumulative[k * kBlock + j] = total[j] += j < width ? static_cast<float>(S[(t0 + j) * bins + k]) : 0.0f;
    for (std::size_t j = 0; j < width; ++j) {
      const float threshold = static_cast<float>(roll_percent) * total[j];
      // np.nanmin over the frequencies where cumulative >= threshold, found by bisection: the sums
      // of non-negative values never decrease, and from a NaN on every sum is NaN and counts as
      // reaching the threshold, so "reached" is false up to one bin and true from it on. NaN
      // if no bin reaches it.
      std::size_t first = 0, remaining = bins;
      while (remaining > 0) {
        const std::size_t half = remaining / 2;
        if (cumulative[(first + half) * kBlock + j] < threshold) {
          first += half + 1;
          remaining -= half + 1;
        } else {
          remaining = half;
        }
      }
      const double rolloff = first < bins ? freq[first] : std::numeric_limits<double>::quiet_NaN();
      out[t0 + j] = rolloff;
    }
  }
}

}  // namespace

dsp::Matrix spectral_rolloff(const dsp::Matrix& S, double sr, double roll_percent) {
  check_spectrogram("spectral_rolloff", S, sr);
  return unchecked::spectral_rolloff(S, sr, roll_percent);
}

dsp::Matrix unchecked::spectral_rolloff(const dsp::Matrix& S, double sr, double roll_percent) {
  check_spectrogram_shape("spectral_rolloff", S, sr);
  if (!(roll_percent > 0 && roll_percent < 1))
    throw std::invalid_argument("spectral_rolloff: roll_percent must lie in (0, 1), got " + std::to_string(roll_percent));
  const dsp::Vector freq = dsp::fft_frequencies(sr, n_fft_of(S));
  dsp::Matrix out(1, S.cols());
  const auto bins = static_cast<std::size_t>(S.rows());
  std::vector<float> cumulative(bins * kBlock);
  rolloffs(S.data(), bins, static_cast<std::size_t>(S.cols()), freq.data(), roll_percent, cumulative.data(), out.data());
  return out;
}

}  // namespace genrekit::features
