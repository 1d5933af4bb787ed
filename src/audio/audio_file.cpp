#include "genrekit/audio/audio_file.h"

#include <memory>
#include <string>

#include <sndfile.h>

#include "genrekit/audio/decoder.h"
#include "genrekit/error.h"

namespace genrekit::audio {

namespace {

struct SndfileCloser {
  void operator()(SNDFILE* f) const { sf_close(f); }
};
using SndfilePtr = std::unique_ptr<SNDFILE, SndfileCloser>;

int format_for(const std::filesystem::path& file) {
  const std::string ext = file.extension().string();
  if (ext == ".mp3") return SF_FORMAT_MPEG | SF_FORMAT_MPEG_LAYER_III;
  if (ext == ".wav") return SF_FORMAT_WAV | SF_FORMAT_PCM_16;
  if (ext == ".flac") return SF_FORMAT_FLAC | SF_FORMAT_PCM_16;
  if (ext == ".ogg") return SF_FORMAT_OGG | SF_FORMAT_VORBIS;
  throw DataError(file.string() + ": cannot write audio with extension '" + ext + "' (expected .mp3, .wav, .flac or .ogg)");
}

}  // namespace

AudioBuffer read_audio(const std::filesystem::path& file) { return decode(file, Decoder::Sndfile); }

void write_audio(const std::filesystem::path& file, const AudioBuffer& audio, double quality) {
  SF_INFO info{};
  info.samplerate = audio.sample_rate;
  info.channels = audio.channels;
  info.format = format_for(file);
  SndfilePtr handle(sf_open(file.c_str(), SFM_WRITE, &info));
  if (!handle) throw DataError(file.string() + ": cannot write: " + sf_strerror(nullptr));
  if ((info.format & SF_FORMAT_TYPEMASK) != SF_FORMAT_WAV && (info.format & SF_FORMAT_SUBMASK) != SF_FORMAT_PCM_16)
    sf_command(handle.get(), SFC_SET_COMPRESSION_LEVEL, &quality, sizeof quality);
  const auto frames = static_cast<sf_count_t>(audio.frames());
  if (sf_writef_float(handle.get(), audio.samples.data(), frames) != frames)
    throw DataError(file.string() + ": write failed: " + sf_strerror(handle.get()));
}

}  // namespace genrekit::audio
