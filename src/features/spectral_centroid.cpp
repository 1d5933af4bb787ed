#include "genrekit/features/spectral_centroid.h"

#include "genrekit/dsp/filterbanks.h"
#include "normalized_frames.h"
#include "spectrogram_checks.h"
#include "unchecked_features.h"

namespace genrekit::features {

dsp::Matrix spectral_centroid(const dsp::Matrix& S, double sr) {
  check_spectrogram("spectral_centroid", S, sr);
  return unchecked::spectral_centroid(S, sr);
}

dsp::Matrix unchecked::spectral_centroid(const dsp::Matrix& S, double sr) {
  check_spectrogram_shape("spectral_centroid", S, sr);
  const dsp::Vector freq = dsp::fft_frequencies(sr, n_fft_of(S));
  dsp::Matrix out(1, S.cols());
  normalized_frame_features(S.data(), static_cast<std::size_t>(S.rows()), static_cast<std::size_t>(S.cols()), freq.data(),
                            {.centroids = out.data()});
  return out;
}

}  // namespace genrekit::features
