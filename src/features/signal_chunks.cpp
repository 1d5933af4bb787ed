#include "signal_chunks.h"

#include <algorithm>
#include <stdexcept>

namespace genrekit::features {

SignalChunk SignalChunk::narrowed(std::size_t margin) const {
  const std::size_t start = std::max(first_frame * hop, margin) - margin;
  const std::size_t end = std::min(first_sample + samples.size(), end_frame * hop + margin);
  SignalChunk out = *this;
  out.samples = samples.subspan(start - first_sample, end - start);
  out.first_sample = start;
  return out;
}

SignalChunks::SignalChunks(SampleSource source, std::size_t hop, std::size_t chunk_frames, std::size_t margin)
    : source_(std::move(source)), hop_(hop), chunk_frames_(chunk_frames), margin_(margin) {
  if (hop == 0 || chunk_frames == 0 || margin % hop != 0)
    throw std::invalid_argument("SignalChunks: hop and chunk_frames must be positive, margin a multiple of hop");
}

bool SignalChunks::next(SignalChunk& chunk) {
  if (done_) return false;
  const std::size_t first_frame = next_frame_;
  // Drop what no later chunk reads.
  const std::size_t start = std::max(first_frame * hop_, margin_) - margin_;
  buffer_.erase(buffer_.begin(), buffer_.begin() + static_cast<std::ptrdiff_t>(start - buffer_start_));
  buffer_start_ = start;

  std::size_t end_frame = first_frame + chunk_frames_;
  const std::size_t wanted = end_frame * hop_ + margin_;
  constexpr std::size_t kBlock = 1 << 16;
  while (!ended_ && buffer_start_ + buffer_.size() < wanted)
    ended_ = source_(buffer_, std::min(kBlock, wanted - buffer_start_ - buffer_.size())) == 0;
  std::size_t end = wanted;
  if (ended_) {
    const std::size_t n = total_samples();
    end_frame = std::min(end_frame, 1 + n / hop_);  // the whole signal's frame count
    end = std::min(end, n);
    done_ = end_frame == 1 + n / hop_;
  }
  chunk.samples = std::span<const float>(buffer_.data(), end - buffer_start_);
  chunk.first_sample = buffer_start_;
  chunk.first_frame = first_frame;
  chunk.end_frame = end_frame;
  chunk.hop = hop_;
  next_frame_ = end_frame;
  return true;
}

}  // namespace genrekit::features
