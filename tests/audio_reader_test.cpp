// Block-by-block decoding (audio::AudioReader) gives exactly the samples of a whole-file decode,
// whatever the block sizes, for every decoder; bad files are named as before.
#include <filesystem>
#include <fstream>
#include <vector>

#include "genrekit/audio/decoder.h"
#include "genrekit/audio/mono.h"
#include "genrekit/error.h"
#include "test_support.h"

namespace genrekit::audio {
namespace {

TEST(AudioReader, BlocksGiveTheWholeFilesSamples) {
  for (const char* name : {"jazz_vibe_ace.mp3", "jazz_trumpet_loop.ogg", "jazz_vibe_ace.22050.wav"})
    for (Decoder decoder : {Decoder::FfmpegS16, Decoder::SndfileS16, Decoder::Sndfile}) {
      const auto file = test::fixture(std::string("reference/audio/") + name);
      const AudioBuffer whole = decode(file, decoder);
      // Block sizes smaller and larger than an MP3 frame (1152) or a Vorbis packet, dividing neither.
      for (std::size_t block : {std::size_t{1000}, std::size_t{4093}, std::size_t{65539}}) {
        const auto reader = open_audio(file, decoder);
        EXPECT_EQ(reader->sample_rate(), whole.sample_rate);
        EXPECT_EQ(reader->channels(), whole.channels);
        std::vector<float> samples;
        std::size_t largest = 0;
        for (std::size_t got; (got = reader->read(samples, block)) > 0;) largest = std::max(largest, got);
        EXPECT_LE(largest, block);
        EXPECT_EQ(reader->read(samples, block), 0u) << "a finished stream stays finished";
        ASSERT_EQ(samples.size(), whole.samples.size()) << name << " " << to_string(decoder) << " block " << block;
        EXPECT_TRUE(samples == whole.samples) << name << " " << to_string(decoder) << " block " << block;
      }
    }
}

TEST(AudioReader, DecodeMonoMixesDownAsToMono) {
  for (const char* name : {"jazz_vibe_ace.mp3", "jazz_trumpet_loop.ogg"}) {
    const auto file = test::fixture(std::string("reference/audio/") + name);
    const AudioBuffer whole = decode(file, Decoder::FfmpegS16);
    ASSERT_GT(whole.channels, 0);
    const MonoAudio mono = decode_mono(file, Decoder::FfmpegS16);
    EXPECT_EQ(mono.sample_rate, whole.sample_rate);
    EXPECT_TRUE(mono.samples == to_mono(whole)) << name;
  }
}

TEST(AudioReader, BadFilesAreNamed) {
  const auto dir = std::filesystem::temp_directory_path() / "genrekit_audio_reader_test";
  std::filesystem::create_directories(dir);
  const auto empty = dir / "empty.mp3", text = dir / "notes.mp3";
  std::ofstream(empty).close();
  std::ofstream(text) << "not audio at all\n";
  for (Decoder decoder : {Decoder::FfmpegS16, Decoder::Sndfile}) {
    EXPECT_THROW_WITH(open_audio(dir / "missing.mp3", decoder), DataError, "missing.mp3: cannot read");
    EXPECT_THROW_WITH(open_audio(empty, decoder), DataError, "empty.mp3: empty file");
    EXPECT_THROW_WITH(decode(text, decoder), DataError, "notes.mp3");
    EXPECT_THROW_WITH(decode_mono(text, decoder), DataError, "notes.mp3");
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace genrekit::audio
