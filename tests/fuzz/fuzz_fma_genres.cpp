// FMA's genres.csv reader (the genre tree: parents and top-level genres).
#include "fuzz_input.h"
#include "genrekit/data/fma_genres.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace genrekit;
  const auto file = fuzz::write_input("genres.csv", fuzz::as_text(data, size));
  fuzz::expect_clean_rejection([&] { (void)data::read_genres_csv(file); });
  return 0;
}
