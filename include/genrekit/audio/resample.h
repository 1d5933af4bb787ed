#pragma once
// Resampling a mono signal for a model's input rate (the CNNs read 22,050 Hz).
#include <memory>
#include <span>
#include <string_view>
#include <vector>

namespace genrekit::audio {

enum class Resampler {
  ResampyKaiserBest,  // what the thesis' librosa 0.6 load(sr=22050) did (resampy's kaiser_best)
  SoxrVeryHigh        // libsoxr's very-high-quality preset: faster for ratios that are not 1/2^k
};
Resampler parse_resampler(std::string_view name);  // "resampy_kaiser_best" | "soxr_vhq"
std::string_view to_string(Resampler resampler);

// ceil(len * out / in) samples (librosa.resample's length); returns the input when the rates match.
std::vector<float> resample(std::span<const float> y, double in_rate, double out_rate, Resampler resampler);

// resample() for a signal that arrives block by block, holding only a few thousand samples
// whatever its length. The outputs are resample()'s for the whole signal: resampy's to the bit
// (rates in whole hertz, else std::invalid_argument), soxr's as its own streaming interface gives
// them.
class ResampleStream {
 public:
  ResampleStream(double in_rate, double out_rate, Resampler resampler);
  ~ResampleStream();
  ResampleStream(const ResampleStream&) = delete;
  ResampleStream& operator=(const ResampleStream&) = delete;
  // Appends to `out` the outputs that no later input changes.
  void push(std::span<const float> in, std::vector<float>& out);
  // End of input: appends the rest, up to resample()'s length for everything pushed.
  void finish(std::vector<float>& out);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace genrekit::audio
