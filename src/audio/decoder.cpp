#include "genrekit/audio/decoder.h"

#include <stdexcept>
#include <string>

#include "genrekit/audio/ffmpeg_decode.h"
#include "genrekit/audio/mono.h"
#include "genrekit/error.h"

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

AudioBuffer decode(const std::filesystem::path& file, Decoder decoder) {
  std::error_code error;
  const auto size = std::filesystem::file_size(file, error);
  if (error) throw DataError(file.string() + ": cannot read: " + error.message());
  if (size == 0) throw DataError(file.string() + ": empty file");
  if (decoder == Decoder::FfmpegS16) return read_audio_ffmpeg_s16(file);
  AudioBuffer audio = read_audio(file);
  if (decoder == Decoder::SndfileS16) quantize_to_16bit(audio);
  return audio;
}

}  // namespace genrekit::audio
