#pragma once
// Which decoder turns a file into samples, and reading them a block at a time or whole.
#include <cstddef>
#include <filesystem>
#include <memory>
#include <string_view>
#include <vector>

#include "genrekit/audio/audio_file.h"

namespace genrekit::audio {

enum class Decoder {
  // As FMA's loader: librosa 0.5.0 read audio through audioread, which ran `ffmpeg -i FILE -f s16le -`.
  // Decoded the same way in-process with FFmpeg's libraries: the stream's default decoder (mp3float
  // for MP3, FFmpeg's own Vorbis...), every sample converted to 16 bits as libswresample does (round
  // to nearest, clip), then scaled by 1/32768 as librosa did. Reproduces FMA's published features.
  FfmpegS16,
  SndfileS16,  // libsndfile, each sample rounded to 16 bits
  Sndfile      // libsndfile, full float precision
};
Decoder parse_decoder(std::string_view name);  // "ffmpeg_s16" | "sndfile_s16" | "sndfile"
std::string_view to_string(Decoder decoder);

// A file's decoded audio, pulled a block at a time, so that a long track need not be held whole.
// The samples are the same whatever the block sizes.
class AudioReader {
 public:
  virtual ~AudioReader() = default;
  int sample_rate() const { return sample_rate_; }
  int channels() const { return channels_; }
  // Appends up to max_frames frames (interleaved) to `out`; returns how many, 0 once the stream
  // has ended. DataError naming the file when decoding fails.
  virtual std::size_t read(std::vector<float>& out, std::size_t max_frames) = 0;
  // The container's estimate of the length in frames (for reserving memory), 0 when unknown.
  virtual std::size_t estimated_frames() const = 0;

 protected:
  int sample_rate_ = 0, channels_ = 0;
};

// DataError naming the file and the reason when it is missing, empty or not audio.
std::unique_ptr<AudioReader> open_audio(const std::filesystem::path& file, Decoder decoder);

// The whole file; DataError as above, or when it holds no samples (a truncated file).
AudioBuffer decode(const std::filesystem::path& file, Decoder decoder);

// A reader's frames mixed down to one channel block by block (to_mono's arithmetic), so that a
// long track can be pulled as a mono signal without ever holding all its channels.
class MonoReader {
 public:
  explicit MonoReader(std::unique_ptr<AudioReader> reader);
  int sample_rate() const { return reader_->sample_rate(); }
  std::size_t estimated_samples() const { return reader_->estimated_frames(); }
  // Appends up to max_samples samples to `out`; returns how many, 0 once the stream has ended.
  std::size_t read(std::vector<float>& out, std::size_t max_samples);

 private:
  std::unique_ptr<AudioReader> reader_;
  std::vector<float> block_;
};

// The whole file mixed down to one channel as it is decoded (MonoReader), so that only the mono
// signal is ever held whole. Errors as decode.
struct MonoAudio {
  int sample_rate = 0;
  std::vector<float> samples;
};
MonoAudio decode_mono(const std::filesystem::path& file, Decoder decoder);

}  // namespace genrekit::audio
