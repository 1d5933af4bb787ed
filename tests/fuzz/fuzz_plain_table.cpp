// A user's plain table (one header row; id, label and split columns by name).
#include "fuzz_input.h"
#include "genrekit/data/plain_table.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace genrekit;
  const auto file = fuzz::write_input("table.csv", fuzz::as_text(data, size));
  fuzz::expect_clean_rejection([&] { (void)data::read_plain_table(file, {.id_column = "", .label_column = "genre", .split_column = "split"}); });
  fuzz::expect_clean_rejection([&] { (void)data::read_plain_table(file, {.id_column = "id", .label_column = "genre", .split_column = ""}); });
  return 0;
}
