#pragma once
// The two AudioReader implementations behind open_audio (decoder.cpp), for that file only.
#include <filesystem>
#include <memory>

#include "genrekit/audio/decoder.h"

namespace genrekit::audio {

std::unique_ptr<AudioReader> open_ffmpeg_s16(const std::filesystem::path& file);
std::unique_ptr<AudioReader> open_sndfile(const std::filesystem::path& file, bool round_to_16_bits);

}  // namespace genrekit::audio
