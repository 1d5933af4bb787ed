#include "genrekit/features/zero_crossing_rate.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>

namespace genrekit::features {

dsp::Matrix zero_crossing_rate(std::span<const float> y, int frame_length, int hop_length) {
  if (frame_length < 1 || hop_length < 1)
    throw std::invalid_argument("zero_crossing_rate: frame_length and hop_length must be positive");
  if (y.empty()) throw std::invalid_argument("zero_crossing_rate: empty signal");
  const auto n = static_cast<std::ptrdiff_t>(y.size());
  const std::ptrdiff_t pad = frame_length / 2;
  const std::ptrdiff_t padded = n + 2 * pad;
  if (padded < frame_length)
    throw std::invalid_argument("zero_crossing_rate: signal of " + std::to_string(n) + " samples is too short for frame_length " +
                                std::to_string(frame_length));
  const std::ptrdiff_t n_frames = 1 + (padded - frame_length) / hop_length;
  // crossings[i]: how many samples j in [1, i] of the edge-padded signal change sign from j - 1
  // (a sign bit after thresholding). The edge padding repeats the end samples, which never change,
  // so only the signal's own neighbours count. A frame's count is a difference of two of these:
  // modulo 2^32, exact for any signal length.
  // The sign bits first, in a loop without a carried dependency (it vectorises), then the running
  // count of changes. Both arrays are written whole before they are read, so they are not
  // zero-filled first (10 MB a minute of 44.1 kHz audio).
  const auto samples = static_cast<std::size_t>(n);
  const auto negative = std::make_unique_for_overwrite<std::uint32_t[]>(samples);
  for (std::size_t i = 0; i < samples; ++i)
    negative[i] = static_cast<std::uint32_t>((std::fabs(y[i]) > 1e-10f) & std::signbit(y[i]));
  const auto crossings = std::make_unique_for_overwrite<std::uint32_t[]>(static_cast<std::size_t>(padded));
  std::uint32_t count = 0;
  std::fill_n(crossings.get(), pad + 1, 0u);
  for (std::size_t i = 1; i < samples; ++i) {
    count += negative[i] ^ negative[i - 1];
    crossings[static_cast<std::size_t>(pad) + i] = count;
  }
  std::fill(crossings.get() + pad + n, crossings.get() + padded, count);
  dsp::Matrix out(1, n_frames);
  for (std::ptrdiff_t t = 0; t < n_frames; ++t) {
    const auto start = static_cast<std::size_t>(t * hop_length);
    // The frame's samples start + 1 ... start + frame_length - 1 (its first never counts).
    const std::uint32_t in_frame = crossings[start + static_cast<std::size_t>(frame_length) - 1] - crossings[start];
    out(0, t) = static_cast<double>(in_frame) / frame_length;
  }
  return out;
}

}  // namespace genrekit::features
