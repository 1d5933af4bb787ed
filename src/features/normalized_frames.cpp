#include "normalized_frames.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "genrekit/dsp/numpy_sum.h"
#include "dsp/vector_clones.h"

namespace genrekit::features {

namespace {

constexpr std::size_t kBlock = 4;

// kBlock frames at a time. librosa's spectrogram is Fortran-ordered, so the L1 norm and the
// centroid's sum over bins are numpy's pairwise sums; |f - centroid| is C-ordered
// (np.subtract.outer), so the bandwidth's sum runs bin by bin, in order, and the block's frames
// advance together (`normalized` interleaves them, bin by bin) so that no addition waits on the
// last. A silent frame keeps its (zero) values: librosa's guard divides it by 1. The lanes of a
// last, partial block are zeros, computed and dropped.
GENREKIT_AVX2_CLONES void block_features(const double* S, std::size_t bins, std::size_t frames, const double* freq,
                                         const NormalizedFrameFeatures& f, double* normalized,
                                         double* weighted) noexcept {
  for (std::size_t t0 = 0; t0 < frames; t0 += kBlock) {
    const std::size_t width = std::min(kBlock, frames - t0);
    double centroid[kBlock] = {};
    for (std::size_t j = 0; j < kBlock; ++j) {
      if (j >= width) {
        for (std::size_t k = 0; k < bins; ++k) normalized[k * kBlock + j] = 0.0;
        continue;
      }
      const double* x = S + (t0 + j) * bins;
      const double norm = dsp::numpy_pairwise_sum(x, bins);
      const double scale = norm >= std::numeric_limits<double>::min() ? norm : 1.0;
      for (std::size_t k = 0; k < bins; ++k) {
        const double unit = x[k] / scale;
        normalized[k * kBlock + j] = unit;
        weighted[k] = freq[k] * unit;
      }
      centroid[j] = f.given_centroids ? f.given_centroids[t0 + j] : dsp::numpy_pairwise_sum(weighted, bins);
      if (f.centroids) f.centroids[t0 + j] = centroid[j];
    }
    if (!f.bandwidths) continue;
    double sum[kBlock] = {};
    for (std::size_t k = 0; k < bins; ++k)
      for (std::size_t j = 0; j < kBlock; ++j) {
        const double deviation = std::fabs(freq[k] - centroid[j]);
        // deviation ** 2 is a square in numpy, not pow
        sum[j] += normalized[k * kBlock + j] * (f.p == 2.0 ? deviation * deviation : std::pow(deviation, f.p));
      }
    for (std::size_t j = 0; j < width; ++j) f.bandwidths[t0 + j] = std::pow(sum[j], 1.0 / f.p);
  }
}

}  // namespace

void normalized_frame_features(const double* S, std::size_t bins, std::size_t frames, const double* freq,
                               const NormalizedFrameFeatures& features) {
  std::vector<double> normalized(kBlock * bins), weighted(bins);
  block_features(S, bins, frames, freq, features, normalized.data(), weighted.data());
}

}  // namespace genrekit::features
