#include "genrekit/data/unique_keys.h"

#include "genrekit/error.h"

namespace genrekit::data {

void UniqueKeys::add(std::string_view key, const CsvCursor& csv) {
  const auto [it, inserted] = first_line_.emplace(std::string(key), csv.line());
  if (!inserted)
    throw DataError(csv.where() + ": id '" + std::string(key) + "' is already the id of the row at line " + std::to_string(it->second) +
                    "; every row needs its own id");
}

}  // namespace genrekit::data
