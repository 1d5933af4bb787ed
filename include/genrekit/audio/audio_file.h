#pragma once
// Whole-file audio reading and writing through libsndfile (MP3, Ogg Vorbis/Opus, FLAC, WAV, AIFF...).
#include <cstddef>
#include <filesystem>
#include <vector>

namespace genrekit::audio {

struct AudioBuffer {
  int sample_rate = 0;
  int channels = 0;
  std::vector<float> samples;  // interleaved, channels x frames, in [-1, 1]

  std::size_t frames() const { return channels ? samples.size() / static_cast<std::size_t>(channels) : 0; }
  double seconds() const { return sample_rate ? static_cast<double>(frames()) / sample_rate : 0.0; }
};

// DataError naming the file and libsndfile's reason when it is missing, empty or not audio.
AudioBuffer read_audio(const std::filesystem::path& file);

// The container and codec follow the extension: .mp3 (MPEG layer III), .wav (16-bit PCM), .flac,
// .ogg (Vorbis). `quality` in [0, 1] sets the compression level of lossy codecs (0 = best quality).
void write_audio(const std::filesystem::path& file, const AudioBuffer& audio, double quality = 0.3);

}  // namespace genrekit::audio
