#include "genrekit/features/zero_crossing_rate.h"

#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

namespace genrekit::features {

dsp::Matrix zero_crossing_rate(std::span<const float> y, int frame_length, int hop_length) {
  if (frame_length < 1 || hop_length < 1)
    throw std::invalid_argument("zero_crossing_rate: frame_length and hop_length must be positive");
  if (y.empty()) throw std::invalid_argument("zero_crossing_rate: empty signal");
  const auto n = static_cast<std::ptrdiff_t>(y.size());
  const std::ptrdiff_t pad = frame_length / 2;
  // Sign bit after thresholding, over the edge-padded signal.
  const auto negative = [&](std::ptrdiff_t i) {
    const float x = y[static_cast<std::size_t>(std::clamp<std::ptrdiff_t>(i - pad, 0, n - 1))];
    return std::fabs(x) > 1e-10f && std::signbit(x);
  };
  const std::ptrdiff_t padded = n + 2 * pad;
  if (padded < frame_length)
    throw std::invalid_argument("zero_crossing_rate: signal of " + std::to_string(n) + " samples is too short for frame_length " +
                                std::to_string(frame_length));
  const std::ptrdiff_t n_frames = 1 + (padded - frame_length) / hop_length;
  std::vector<char> change(static_cast<std::size_t>(padded), 0);  // change[i]: sign(i) != sign(i-1)
  for (std::ptrdiff_t i = 1; i < padded; ++i) change[static_cast<std::size_t>(i)] = negative(i) != negative(i - 1);
  dsp::Matrix out(1, n_frames);
  for (std::ptrdiff_t t = 0; t < n_frames; ++t) {
    const std::ptrdiff_t start = t * hop_length;
    int crossings = 0;
    for (std::ptrdiff_t i = start + 1; i < start + frame_length; ++i) crossings += change[static_cast<std::size_t>(i)];
    out(0, t) = static_cast<double>(crossings) / frame_length;
  }
  return out;
}

}  // namespace genrekit::features
