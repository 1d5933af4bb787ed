// The .npy reader (log-mel shards): the header's dict, shape, dtype and the data's length.
#include "fuzz_input.h"
#include "genrekit/data/npy.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace genrekit;
  fuzz::expect_clean_rejection([&] { (void)data::parse_npy_layout(reinterpret_cast<const char*>(data), size, "fuzz.npy"); });
  const auto file = fuzz::write_input("shard.npy", fuzz::as_text(data, size));
  fuzz::expect_clean_rejection([&] { (void)data::read_npy(file); });
  return 0;
}
