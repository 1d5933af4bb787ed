#pragma once
// FMA's loader, reproduced: librosa 0.5.0 read audio through audioread, which ran
// `ffmpeg -i FILE -f s16le -`. This decodes the same way in-process with FFmpeg's libraries: the
// stream's default FFmpeg decoder (mp3float for MP3, FFmpeg's own Vorbis...), every sample converted
// to 16-bit as libswresample does (round to nearest, clip), then scaled to float by 1/32768 as
// librosa did. Use it to reproduce FMA's published features; libsndfile (read_audio) decodes the rest.
#include <filesystem>

#include "genrekit/audio/audio_file.h"

namespace genrekit::audio {

// DataError naming the file and FFmpeg's reason when it cannot be opened or decoded.
AudioBuffer read_audio_ffmpeg_s16(const std::filesystem::path& file);

}  // namespace genrekit::audio
