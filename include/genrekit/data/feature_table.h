#pragma once
// A table of per-track features in FMA's features.csv format: three header rows (feature,
// statistics, number), an index-name row ("track_id,,,..."), then one row per item with values
// printed "%.10e" (NaN as an empty field, as pandas writes it). pandas reads what we write with
// pd.read_csv(path, index_col=0, header=[0, 1, 2]).
#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "genrekit/data/huge_page_allocator.h"

namespace genrekit::data {

struct FeatureColumn {
  std::string feature;    // "mfcc"
  std::string statistic;  // "mean"
  std::string number;     // "01"
  bool operator==(const FeatureColumn&) const = default;
};

struct FeatureTable {
  std::string index_name = "track_id";
  std::vector<FeatureColumn> columns;
  std::vector<std::string> index;  // track ids or file paths, one per row
  std::vector<double, HugePageAllocator<double>> values;  // row-major, index.size() x columns.size()

  std::size_t rows() const { return index.size(); }
  std::size_t cols() const { return columns.size(); }
  double at(std::size_t row, std::size_t col) const { return values[row * columns.size() + col]; }
  const double* row(std::size_t r) const { return values.data() + r * columns.size(); }
};

// DataError with file and line for a wrong header, a row with the wrong number of values, a value
// that is not a number, or a repeated id. The rows are parsed on `threads` threads (a table
// without quoted fields), with the same result on any number.
FeatureTable read_feature_csv(const std::filesystem::path& file, unsigned threads = 1);
void write_feature_csv(const std::filesystem::path& file, const FeatureTable& table);

// One row as FMA formats it (index, then "%.10e" values), newline included; exposed so that
// appending writers (resumable extraction) produce byte-identical files.
std::string format_feature_row(const std::string& index, const double* values, std::size_t count);
std::string format_feature_header(const std::string& index_name, const std::vector<FeatureColumn>& columns);

}  // namespace genrekit::data
