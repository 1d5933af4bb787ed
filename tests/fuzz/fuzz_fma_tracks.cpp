// FMA's tracks.csv reader (three header rows, quoted multi-line fields).
#include "fuzz_input.h"
#include "genrekit/data/fma_tracks.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace genrekit;
  const auto file = fuzz::write_input("tracks.csv", fuzz::as_text(data, size));
  fuzz::expect_clean_rejection([&] { (void)data::read_tracks_csv(file); });
  return 0;
}
