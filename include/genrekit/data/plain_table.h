#pragma once
// A plain feature table for users who bring their own features: one header row, an id column, a
// label column, optionally a split column, and every other column numeric (an empty cell is a
// missing value, NaN).
#include <filesystem>
#include <string>
#include <vector>

#include "genrekit/data/feature_table.h"

namespace genrekit::data {

struct PlainTableLayout {
  std::string id_column;     // "" : the first column
  std::string label_column;  // required
  std::string split_column;  // "" : none (rows are split at random later)
};

struct PlainTable {
  FeatureTable features;            // index: the ids; columns named by the header (statistic and number empty)
  std::vector<std::string> labels;  // per row; "" for an empty cell
  std::vector<std::string> splits;  // per row, when the layout names a split column
};

// DataError naming the file (and line, column and value where it applies) for a missing named
// column, a duplicated header, a row of the wrong length or a cell that is not a number.
PlainTable read_plain_table(const std::filesystem::path& file, const PlainTableLayout& layout);

}  // namespace genrekit::data
