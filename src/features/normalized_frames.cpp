#include "normalized_frames.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>

#include "genrekit/dsp/numpy_sum.h"
#include "dsp/vector_clones.h"

namespace genrekit::features {

namespace {

// As many frames at a time as a vector has lanes, one frame per lane, each frame's sums in the
// order they have alone. librosa's spectrogram is Fortran-ordered, so the L1 norm and the
// centroid's sum over bins are numpy's pairwise sums; |f - centroid| is C-ordered
// (np.subtract.outer), so the bandwidth's sum runs bin by bin, in order. `block` holds the frames
// interleaved bin by bin (then divided by their norms), `weighted` the centroid's products, both
// `bins` vectors. A silent frame keeps its (zero) values: librosa's guard divides it by 1. The
// lanes of a last, partial block hold zeros, computed and dropped.
template <typename Vec>
inline void block_features(const double* S, std::size_t bins, std::size_t frames, const double* freq,
                           const NormalizedFrameFeatures& f, Vec* block, Vec* weighted) noexcept {
  constexpr std::size_t lanes = dsp::vectors::kLanes<Vec>;
  for (std::size_t t0 = 0; t0 < frames; t0 += lanes) {
    const std::size_t width = std::min(lanes, frames - t0);
    for (std::size_t k = 0; k < bins; ++k)
      for (std::size_t j = 0; j < lanes; ++j) block[k][j] = j < width ? S[(t0 + j) * bins + k] : 0.0;
    Vec scale = dsp::numpy_pairwise_sum_flat(block, bins);
    for (std::size_t j = 0; j < lanes; ++j)
      if (!(scale[j] >= std::numeric_limits<double>::min())) scale[j] = 1.0;
    for (std::size_t k = 0; k < bins; ++k) {
      block[k] = block[k] / scale;
      weighted[k] = freq[k] * block[k];
    }
    Vec centroid;
    if (f.given_centroids)
      for (std::size_t j = 0; j < lanes; ++j) centroid[j] = j < width ? f.given_centroids[t0 + j] : 0.0;
    else
      centroid = dsp::numpy_pairwise_sum_flat(weighted, bins);
    if (f.centroids)
      for (std::size_t j = 0; j < width; ++j) f.centroids[t0 + j] = centroid[j];
    if (!f.bandwidths) continue;
    Vec sum{};
    for (std::size_t k = 0; k < bins; ++k) {
      Vec deviation = freq[k] - centroid;
      for (std::size_t j = 0; j < lanes; ++j) deviation[j] = std::fabs(deviation[j]);
      if (f.p == 2.0) {  // deviation ** 2 is a square in numpy, not pow
        sum += block[k] * (deviation * deviation);
      } else {
        for (std::size_t j = 0; j < lanes; ++j) deviation[j] = std::pow(deviation[j], f.p);
        sum += block[k] * deviation;
      }
    }
    for (std::size_t j = 0; j < width; ++j) f.bandwidths[t0 + j] = std::pow(sum[j], 1.0 / f.p);
  }
}

[[gnu::flatten]] void block_features_baseline(const double* S, std::size_t bins, std::size_t frames, const double* freq,
                                              const NormalizedFrameFeatures& f, dsp::vectors::Doubles4* block,
                                              dsp::vectors::Doubles4* weighted) noexcept {
  block_features(S, bins, frames, freq, f, reinterpret_cast<dsp::vectors::Doubles2*>(block),
                 reinterpret_cast<dsp::vectors::Doubles2*>(weighted));
}

[[gnu::flatten]] GENREKIT_AVX2_TARGET void block_features_avx2(const double* S, std::size_t bins, std::size_t frames,
                                                               const double* freq, const NormalizedFrameFeatures& f,
                                                               dsp::vectors::Doubles4* block,
                                                               dsp::vectors::Doubles4* weighted) noexcept {
  block_features(S, bins, frames, freq, f, block, weighted);
}

}  // namespace

void normalized_frame_features(const double* S, std::size_t bins, std::size_t frames, const double* freq,
                               const NormalizedFrameFeatures& features) {
  // new[] of the vector type itself: aligned to it (a std::vector of it is not).
  const std::unique_ptr<dsp::vectors::Doubles4[]> block(new dsp::vectors::Doubles4[bins]),
      weighted(new dsp::vectors::Doubles4[bins]);
  static const auto block_features_of = cpu_has_avx2() ? block_features_avx2 : block_features_baseline;
  block_features_of(S, bins, frames, freq, features, block.get(), weighted.get());
}

}  // namespace genrekit::features
