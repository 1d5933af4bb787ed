#pragma once
// The spectrogram features without the pass over every value that checks it is non-negative, for
// pipelines whose spectrogram is an STFT magnitude (or its square), non-negative by construction:
// each public function makes that pass, and FMA's pipeline would make six of them (~5 ms per
// clip). Everything else (shape, rate, parameters) is checked as in the public functions, which
// are these plus the value check.
#include <optional>

#include "genrekit/dsp/matrix.h"
#include "genrekit/features/spectral_contrast.h"

namespace genrekit::features::unchecked {

dsp::Matrix spectral_centroid(const dsp::Matrix& S, double sr);
dsp::Matrix spectral_bandwidth(const dsp::Matrix& S, double sr, const dsp::Matrix& centroid, double p = 2.0);
dsp::Matrix spectral_rolloff(const dsp::Matrix& S, double sr, double roll_percent = 0.85);
ContrastExtremes spectral_contrast_extremes(const dsp::Matrix& S, double sr, double fmin = 200.0, int n_bands = 6,
                                            double quantile = 0.02);
dsp::Matrix chroma_stft(const dsp::Matrix& power, double sr, int n_chroma = 12, std::optional<double> tuning = std::nullopt);
dsp::Matrix melspectrogram(const dsp::Matrix& power, double sr, int n_mels = 128, double fmin = 0.0, double fmax = 0.0);

}  // namespace genrekit::features::unchecked
