#include "genrekit/features/zero_crossing_rate.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

#include "dsp/vector_clones.h"

namespace genrekit::features {

namespace {

// librosa's sign: negative when below -1e-10 (|y| <= 1e-10 counts as zero, which is positive).
inline int negative(float v) noexcept { return static_cast<int>(std::fabs(v) > 1e-10f) & static_cast<int>(std::signbit(v)); }

// How many samples j in [first, last] differ in sign from sample j - 1 (first >= 1), in a loop
// without a carried dependency but the count (it vectorises).
GENREKIT_AVX2_CLONES std::size_t sign_changes(const float* y, std::ptrdiff_t first, std::ptrdiff_t last) noexcept {
  std::size_t count = 0;
  for (std::ptrdiff_t j = first; j <= last; ++j) count += static_cast<std::size_t>(negative(y[j]) ^ negative(y[j - 1]));
  return count;
}

}  // namespace

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
  // The edge padding repeats the end samples, which never change sign, so sign changes lie at the
  // signal's own samples j in [1, n), between y[j - 1] and y[j]. Frame t holds the padded samples
  // from t hop, the signal's from s = t hop - pad, and counts the changes at j in (s, s + L - 1]
  // (its first sample never counts): changes(s + L - 1) - changes(s), with changes(p) the number at
  // j <= p. The frames' starts and ends are two ascending sequences: walked merged, each stretch
  // between consecutive positions counts its changes once.
  const std::ptrdiff_t length = frame_length;
  const auto frame_start = [&](std::ptrdiff_t t) { return t * hop_length - pad; };
  // A frame's start comes before its end, so its count is known when the walk reaches the end.
  std::vector<std::size_t> at_start(static_cast<std::size_t>(n_frames));
  std::ptrdiff_t position = 0;  // changes(p) = 0 for every p < 1
  std::size_t changes = 0;
  const auto advance_to = [&](std::ptrdiff_t p) {
    if (const std::ptrdiff_t last = std::min(p, n - 1); position < last)
      changes += sign_changes(y.data(), position + 1, last);
    position = std::max(position, p);
    return changes;
  };
  dsp::Matrix out(1, n_frames);
  for (std::ptrdiff_t starts = 0, ends = 0; ends < n_frames;) {
    if (starts < n_frames && frame_start(starts) <= frame_start(ends) + length - 1) {
      at_start[static_cast<std::size_t>(starts)] = advance_to(frame_start(starts));
      ++starts;
    } else {
      const std::size_t in_frame = advance_to(frame_start(ends) + length - 1) - at_start[static_cast<std::size_t>(ends)];
      out(0, ends) = static_cast<double>(in_frame) / frame_length;
      ++ends;
    }
  }
  return out;
}

}  // namespace genrekit::features
