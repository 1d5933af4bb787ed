// The CSV cursor every table reader stands on: records, quoted fields, numbers and their positions.
#include <vector>

#include "fuzz_input.h"
#include "genrekit/data/csv_cursor.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace genrekit;
  std::vector<char> bytes(data, data + size);  // the cursor reads a mutable buffer, as a mapped file
  fuzz::expect_clean_rejection([&] {
    data::CsvCursor cursor(bytes.data(), bytes.data() + bytes.size(), "fuzz.csv");
    std::vector<std::string_view> fields;
    for (std::size_t record = 0; cursor.next_record(); ++record) {
      // Alternate the ways readers take a record apart: numbers first, fields, or all at once.
      if (record % 3 == 2) {
        cursor.read_fields(fields);
        continue;
      }
      while (!cursor.record_end()) {
        double value = 0;
        if (record % 3 == 1 || !cursor.next_number(value)) (void)cursor.next_field();
      }
      (void)cursor.where();
    }
  });
  return 0;
}
