#pragma once
// The spectrogram features without the pass over every value that checks it is non-negative, for
// pipelines whose spectrogram is an STFT magnitude (or its square), non-negative by construction:
// each public function makes that pass, and FMA's pipeline would make six of them (~5 ms per
// clip). Everything else (shape, rate, parameters) is checked as in the public functions, which
// are these plus the value check. No defaults here: the callers name every parameter, so that a
// change to a public function's default cannot change FMA's pipeline.
#include <optional>

#include "genrekit/dsp/matrix.h"
#include "genrekit/features/spectral_contrast.h"

namespace genrekit::features::unchecked {

dsp::Matrix spectral_centroid(const dsp::Matrix& S, double sr);
dsp::Matrix spectral_bandwidth(const dsp::Matrix& S, double sr, const dsp::Matrix& centroid, double p);
// Both in one pass, each frame divided by its norm once (what spectral_bandwidth(S, sr, p) does).
struct CentroidAndBandwidth {
  dsp::Matrix centroid, bandwidth;
};
CentroidAndBandwidth spectral_centroid_and_bandwidth(const dsp::Matrix& S, double sr, double p);
dsp::Matrix spectral_rolloff(const dsp::Matrix& S, double sr, double roll_percent);
ContrastExtremes spectral_contrast_extremes(const dsp::Matrix& S, double sr, double fmin, int n_bands, double quantile);
dsp::Matrix chroma_stft(const dsp::Matrix& power, double sr, int n_chroma, std::optional<double> tuning);
dsp::Matrix melspectrogram(const dsp::Matrix& power, double sr, int n_mels, double fmin, double fmax);

}  // namespace genrekit::features::unchecked
