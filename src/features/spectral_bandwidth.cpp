#include "genrekit/features/spectral_bandwidth.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "genrekit/dsp/filterbanks.h"
#include "normalized_frames.h"
#include "spectrogram_checks.h"
#include "unchecked_features.h"

namespace genrekit::features {

dsp::Matrix spectral_bandwidth(const dsp::Matrix& S, double sr, double p) {
  check_spectrogram("spectral_bandwidth", S, sr);
  return unchecked::spectral_centroid_and_bandwidth(S, sr, p).bandwidth;
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
  normalized_frame_features(S.data(), static_cast<std::size_t>(S.rows()), static_cast<std::size_t>(S.cols()), freq.data(),
                            {.given_centroids = centroid.data(), .p = p, .bandwidths = out.data()});
  return out;
}

unchecked::CentroidAndBandwidth unchecked::spectral_centroid_and_bandwidth(const dsp::Matrix& S, double sr, double p) {
  check_spectrogram_shape("spectral_bandwidth", S, sr);
  if (p <= 0) throw std::invalid_argument("spectral_bandwidth: p must be positive");
  const dsp::Vector freq = dsp::fft_frequencies(sr, n_fft_of(S));
  CentroidAndBandwidth out{dsp::Matrix(1, S.cols()), dsp::Matrix(1, S.cols())};
  normalized_frame_features(S.data(), static_cast<std::size_t>(S.rows()), static_cast<std::size_t>(S.cols()), freq.data(),
                            {.p = p, .centroids = out.centroid.data(), .bandwidths = out.bandwidth.data()});
  return out;
}

}  // namespace genrekit::features
