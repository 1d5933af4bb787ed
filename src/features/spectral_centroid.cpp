#include "genrekit/features/spectral_centroid.h"

#include "genrekit/dsp/filterbanks.h"
#include "genrekit/dsp/spectral_utils.h"
#include "spectrogram_checks.h"

namespace genrekit::features {

dsp::Matrix spectral_centroid(const dsp::Matrix& S, double sr) {
  check_spectrogram("spectral_centroid", S, sr);
  const dsp::Vector freq = dsp::fft_frequencies(sr, n_fft_of(S));
  return freq.transpose() * dsp::normalize_columns(S, dsp::Norm::L1);
}

}  // namespace genrekit::features
