// The audio decoders on arbitrary bytes: FFmpeg's (the default, as FMA's loader) and libsndfile's,
// each pulled block by block to the end (at most ~4 M frames, so that a header claiming hours of
// audio costs seconds, not the fuzzer's memory limit).
#include <vector>

#include "fuzz_input.h"
#include "genrekit/audio/decoder.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace genrekit;
  const auto file = fuzz::write_input("audio.bin", fuzz::as_text(data, size));
  for (const auto decoder : {audio::Decoder::FfmpegS16, audio::Decoder::Sndfile})
    fuzz::expect_clean_rejection([&] {
      const auto reader = audio::open_audio(file, decoder);
      std::vector<float> block;
      for (std::size_t frames = 0; frames < (std::size_t{1} << 22);) {
        block.clear();
        const std::size_t got = reader->read(block, 1 << 16);
        if (got == 0) break;
        frames += got;
      }
    });
  return 0;
}
