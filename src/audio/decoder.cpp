#include "genrekit/audio/decoder.h"

#include <functional>
#include <stdexcept>
#include <string>

#include "genrekit/audio/mono.h"
#include "genrekit/error.h"
#include "readers.h"

namespace genrekit::audio {

Decoder parse_decoder(std::string_view name) {
  if (name == "ffmpeg_s16") return Decoder::FfmpegS16;
  if (name == "sndfile_s16") return Decoder::SndfileS16;
  if (name == "sndfile") return Decoder::Sndfile;
  throw std::invalid_argument("unknown decoder '" + std::string(name) + "' (expected ffmpeg_s16, sndfile_s16 or sndfile)");
}

std::string_view to_string(Decoder decoder) {
  switch (decoder) {
    case Decoder::FfmpegS16: return "ffmpeg_s16";
    case Decoder::SndfileS16: return "sndfile_s16";
    case Decoder::Sndfile: return "sndfile";
  }
  return "?";
}

std::unique_ptr<AudioReader> open_audio(const std::filesystem::path& file, Decoder decoder) {
  std::error_code error;
  const auto size = std::filesystem::file_size(file, error);
  if (error) throw DataError(file.string() + ": cannot read: " + error.message());
  if (size == 0) throw DataError(file.string() + ": empty file");
  if (decoder == Decoder::FfmpegS16) return open_ffmpeg_s16(file);
  return open_sndfile(file, decoder == Decoder::SndfileS16);
}

namespace {

// Pulls a whole stream into `samples` in large blocks, after reserving room for the container's
// estimate (MP3's runs a little short).
void read_whole(const std::filesystem::path& file, std::size_t estimated, std::vector<float>& samples,
                const std::function<std::size_t(std::vector<float>&, std::size_t)>& read) {
  samples.reserve(estimated + estimated / 64);
  constexpr std::size_t kBlock = 1 << 16;
  while (read(samples, kBlock) > 0) {
  }
  if (samples.empty()) throw DataError(file.string() + ": no audio samples (empty or truncated file)");
}

}  // namespace

MonoReader::MonoReader(std::unique_ptr<AudioReader> reader) : reader_(std::move(reader)) {}

std::size_t MonoReader::read(std::vector<float>& out, std::size_t max_samples) {
  block_.clear();
  const std::size_t frames = reader_->read(block_, max_samples);
  append_mono(block_, reader_->channels(), out);
  return frames;
}

AudioBuffer decode(const std::filesystem::path& file, Decoder decoder) {
  const auto reader = open_audio(file, decoder);
  AudioBuffer audio;
  audio.sample_rate = reader->sample_rate();
  audio.channels = reader->channels();
  read_whole(file, reader->estimated_frames() * static_cast<std::size_t>(audio.channels), audio.samples,
             [&](std::vector<float>& out, std::size_t max_frames) { return reader->read(out, max_frames); });
  return audio;
}

MonoAudio decode_mono(const std::filesystem::path& file, Decoder decoder) {
  MonoReader reader(open_audio(file, decoder));
  MonoAudio audio;
  audio.sample_rate = reader.sample_rate();
  read_whole(file, reader.estimated_samples(), audio.samples,
             [&](std::vector<float>& out, std::size_t max_samples) { return reader.read(out, max_samples); });
  return audio;
}

}  // namespace genrekit::audio
