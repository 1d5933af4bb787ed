#pragma once
// A table's row keys (track ids, paths) must be unique: a repeated one is an error naming both
// lines, never a row silently overwritten or counted twice.
#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>

#include "genrekit/data/csv_cursor.h"

namespace genrekit::data {

class UniqueKeys {
 public:
  // DataError "file:line: id 'k' is already the id of the row at line n" when `key` was seen.
  void add(std::string_view key, const CsvCursor& csv);

 private:
  std::unordered_map<std::string, std::size_t> first_line_;
};

}  // namespace genrekit::data
