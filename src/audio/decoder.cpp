#include "genrekit/audio/decoder.h"

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

AudioBuffer decode(const std::filesystem::path& file, Decoder decoder) {
  const auto reader = open_audio(file, decoder);
  AudioBuffer audio;
  audio.sample_rate = reader->sample_rate();
  audio.channels = reader->channels();
  // Room for the whole file up front (estimates run a little short for MP3), then large blocks.
  audio.samples.reserve((reader->estimated_frames() + reader->estimated_frames() / 64) * static_cast<std::size_t>(audio.channels));
  constexpr std::size_t kBlock = 1 << 16;
  while (reader->read(audio.samples, kBlock) > 0) {
  }
  if (audio.samples.empty()) throw DataError(file.string() + ": no audio samples (empty or truncated file)");
  return audio;
}

MonoAudio decode_mono(const std::filesystem::path& file, Decoder decoder) {
  const auto reader = open_audio(file, decoder);
  MonoAudio audio;
  audio.sample_rate = reader->sample_rate();
  audio.samples.reserve(reader->estimated_frames() + reader->estimated_frames() / 64);
  constexpr std::size_t kBlock = 1 << 16;
  std::vector<float> block;
  for (;;) {
    block.clear();
    if (reader->read(block, kBlock) == 0) break;
    append_mono(block, reader->channels(), audio.samples);
  }
  if (audio.samples.empty()) throw DataError(file.string() + ": no audio samples (empty or truncated file)");
  return audio;
}

}  // namespace genrekit::audio
