#include "genrekit/audio/mono.h"

#include <algorithm>
#include <cmath>

namespace genrekit::audio {

std::vector<float> to_mono(const AudioBuffer& audio) {
  std::vector<float> mono;
  append_mono(audio.samples, audio.channels, mono);
  return mono;
}

void append_mono(std::span<const float> interleaved, int channels, std::vector<float>& mono) {
  if (channels == 1) {
    mono.insert(mono.end(), interleaved.begin(), interleaved.end());
    return;
  }
  const auto n = static_cast<std::size_t>(channels);
  const std::size_t frames = interleaved.size() / n, base = mono.size();
  mono.resize(base + frames);
  if (channels == 2) {  // the common case, spelled out so that it vectorises; the same sums
    const float* in = interleaved.data();
    float* out = mono.data() + base;
    for (std::size_t i = 0; i < frames; ++i) out[i] = ((0.0f + in[2 * i]) + in[2 * i + 1]) / 2.0f;
    return;
  }
  for (std::size_t i = 0; i < frames; ++i) {
    float sum = 0;
    for (std::size_t c = 0; c < n; ++c) sum += interleaved[i * n + c];
    mono[base + i] = sum / static_cast<float>(channels);
  }
}

void quantize_to_16bit(std::span<float> samples) {
  for (auto& x : samples) {
    const double q = std::clamp(std::nearbyint(static_cast<double>(x) * 32768.0), -32768.0, 32767.0);
    x = static_cast<float>(q / 32768.0);
  }
}

}  // namespace genrekit::audio
