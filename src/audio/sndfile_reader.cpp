// AudioReader over libsndfile (MP3, Ogg Vorbis/Opus, FLAC, WAV, AIFF...).
#include <memory>
#include <string>

#include <sndfile.h>

#include "genrekit/audio/mono.h"
#include "genrekit/error.h"
#include "readers.h"

namespace genrekit::audio {

namespace {

class SndfileReader final : public AudioReader {
 public:
  SndfileReader(const std::filesystem::path& file, bool round_to_16_bits)
      : name_(file.string()), round_to_16_bits_(round_to_16_bits) {
    handle_.reset(sf_open(file.c_str(), SFM_READ, &info_));
    if (!handle_) throw DataError(name_ + ": cannot decode: " + sf_strerror(nullptr));
    sample_rate_ = info_.samplerate;
    channels_ = info_.channels;
  }

  std::size_t read(std::vector<float>& out, std::size_t max_frames) override {
    const std::size_t base = out.size();
    out.resize(base + max_frames * static_cast<std::size_t>(channels_));
    // MP3 frame counts are estimates before decoding: read until the stream ends.
    const sf_count_t got = sf_readf_float(handle_.get(), out.data() + base, static_cast<sf_count_t>(max_frames));
    const std::size_t frames = got > 0 ? static_cast<std::size_t>(got) : 0;
    out.resize(base + frames * static_cast<std::size_t>(channels_));
    if (frames == 0 && sf_error(handle_.get()) != SF_ERR_NO_ERROR)
      throw DataError(name_ + ": decoding failed: " + sf_strerror(handle_.get()));
    if (round_to_16_bits_) quantize_to_16bit(std::span<float>(out).subspan(base));
    return frames;
  }

  std::size_t estimated_frames() const override { return info_.frames > 0 ? static_cast<std::size_t>(info_.frames) : 0; }

 private:
  struct Closer {
    void operator()(SNDFILE* f) const { sf_close(f); }
  };
  std::string name_;
  bool round_to_16_bits_;
  SF_INFO info_{};
  std::unique_ptr<SNDFILE, Closer> handle_;
};

}  // namespace

std::unique_ptr<AudioReader> open_sndfile(const std::filesystem::path& file, bool round_to_16_bits) {
  return std::make_unique<SndfileReader>(file, round_to_16_bits);
}

}  // namespace genrekit::audio
