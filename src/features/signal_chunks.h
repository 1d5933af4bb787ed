#pragma once
// A long signal walked in chunks of frames, each with the samples around it that its frames read.
#include <cstddef>
#include <span>
#include <vector>

#include "genrekit/features/fma_features.h"

namespace genrekit::features {

// A chunk: frames [first_frame, end_frame) of the whole signal's framing (hop `hop`, centred
// frames: frame t is centred on sample t hop), with the samples [first_sample, first_sample +
// samples.size()) around them.
struct SignalChunk {
  std::span<const float> samples;
  std::size_t first_sample = 0, first_frame = 0, end_frame = 0;
  std::size_t hop = 0;
  // The frames' column offset in a transform of `samples` (hop-aligned framing from first_sample).
  std::size_t offset() const { return first_frame - first_sample / hop; }
  std::size_t frames() const { return end_frame - first_frame; }
  // The same chunk with only `margin` samples (a multiple of hop) either side of its frames' centres.
  SignalChunk narrowed(std::size_t margin) const;
};

// Reads a source once, chunk after chunk, holding only the current chunk's samples. A chunk's
// samples reach `margin` samples (a multiple of hop) beyond its first and last frame centres,
// within the signal: its frames, taken from a transform of the chunk, are then exactly the whole
// signal's as long as the transform reads no further than `margin` from a frame's centre.
class SignalChunks {
 public:
  SignalChunks(SampleSource source, std::size_t hop, std::size_t chunk_frames, std::size_t margin);
  // The next chunk, or false when the signal is done. `chunk` stays valid until the next call.
  bool next(SignalChunk& chunk);
  // The signal's length, once the last chunk was returned.
  std::size_t total_samples() const { return buffer_start_ + buffer_.size(); }
  bool finished() const { return done_; }

 private:
  SampleSource source_;
  std::size_t hop_, chunk_frames_, margin_;
  std::vector<float> buffer_;
  std::size_t buffer_start_ = 0, next_frame_ = 0;
  bool ended_ = false, done_ = false;
};

}  // namespace genrekit::features
