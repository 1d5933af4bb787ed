#pragma once
// Which decoder turns a file into samples.
#include <filesystem>
#include <string_view>

#include "genrekit/audio/audio_file.h"

namespace genrekit::audio {

enum class Decoder {
  FfmpegS16,   // as FMA's loader: FFmpeg, 16-bit PCM (reproduces FMA's published features)
  SndfileS16,  // libsndfile, each sample rounded to 16 bits
  Sndfile      // libsndfile, full float precision
};
Decoder parse_decoder(std::string_view name);  // "ffmpeg_s16" | "sndfile_s16" | "sndfile"
std::string_view to_string(Decoder decoder);

// DataError naming the file and the reason when it cannot be decoded.
AudioBuffer decode(const std::filesystem::path& file, Decoder decoder);

}  // namespace genrekit::audio
