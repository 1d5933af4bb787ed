#pragma once
// What spectral_centroid and spectral_bandwidth compute from each frame divided by its L1 norm
// (librosa's util.normalize(S, norm=1), which both call): one pass over the spectrogram, dividing
// each frame once, gives the centroids, the bandwidths around them, or the bandwidths around
// centroids given.
#include <cstddef>

namespace genrekit::features {

struct NormalizedFrameFeatures {
  const double* given_centroids = nullptr;  // bandwidths around these (else around the frames' own)
  double p = 2.0;                           // the bandwidth's power
  double* centroids = nullptr;              // out, when not null
  double* bandwidths = nullptr;             // out, when not null
};

// S: `frames` columns of `bins` magnitudes; freq: the bins' frequencies.
void normalized_frame_features(const double* S, std::size_t bins, std::size_t frames, const double* freq,
                               const NormalizedFrameFeatures& features);

}  // namespace genrekit::features
