// FMA's features.csv reader (three header rows: feature, statistics, number; 518 columns).
#include "fuzz_input.h"
#include "genrekit/data/feature_table.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace genrekit;
  const auto file = fuzz::write_input("features.csv", fuzz::as_text(data, size));
  fuzz::expect_clean_rejection([&] { (void)data::read_feature_csv(file); });
  return 0;
}
