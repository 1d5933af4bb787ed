#include "genrekit/audio/mono.h"

#include <algorithm>
#include <cmath>

namespace genrekit::audio {

std::vector<float> to_mono(const AudioBuffer& audio) {
  const std::size_t frames = audio.frames();
  const auto channels = static_cast<std::size_t>(audio.channels);
  if (channels == 1) return audio.samples;
  std::vector<float> mono(frames);
  for (std::size_t i = 0; i < frames; ++i) {
    float sum = 0;
    for (std::size_t c = 0; c < channels; ++c) sum += audio.samples[i * channels + c];
    mono[i] = sum / static_cast<float>(channels);
  }
  return mono;
}

void quantize_to_16bit(std::span<float> samples) {
  for (auto& x : samples) {
    const double q = std::clamp(std::nearbyint(static_cast<double>(x) * 32768.0), -32768.0, 32767.0);
    x = static_cast<float>(q / 32768.0);
  }
}

}  // namespace genrekit::audio
