#pragma once
// Resampling a mono signal for a model's input rate (the CNNs read 22,050 Hz).
#include <span>
#include <string_view>
#include <vector>

namespace genrekit::audio {

enum class Resampler {
  ResampyKaiserBest,  // what the thesis' librosa 0.6 load(sr=22050) did (resampy's kaiser_best)
  SoxrVeryHigh        // libsoxr's very-high-quality preset: faster for ratios that are not 1/2^k
};
Resampler parse_resampler(std::string_view name);  // "resampy_kaiser_best" | "soxr_vhq"

// ceil(len * out / in) samples (librosa.resample's length); returns the input when the rates match.
std::vector<float> resample(std::span<const float> y, double in_rate, double out_rate, Resampler resampler);

}  // namespace genrekit::audio
