#include "genrekit/data/feature_table.h"

#include <charconv>
#include <cmath>
#include <cstdio>

#include "genrekit/data/csv_cursor.h"
#include "genrekit/data/mapped_file.h"
#include "genrekit/data/unique_keys.h"
#include "genrekit/error.h"

namespace genrekit::data {

namespace {

std::vector<std::string> header_row(CsvCursor& csv, std::string_view first_cell) {
  std::vector<std::string> cells;
  if (!csv.next_record() || csv.next_field() != first_cell)
    throw DataError(csv.where() + ": expected a header row starting with '" + std::string(first_cell) +
                    "' (FMA features.csv layout: feature / statistics / number rows)");
  while (!csv.record_end()) cells.emplace_back(csv.next_field());
  return cells;
}

// printf("%.10e") for finite values, "" for NaN (pandas' na_rep), "inf"/"-inf" as pandas prints them.
void append_value(std::string& out, double v) {
  if (std::isnan(v)) return;
  if (std::isinf(v)) {
    out += v > 0 ? "inf" : "-inf";
    return;
  }
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, v, std::chars_format::scientific, 10);
  out.append(buffer, result.ptr);
}

}  // namespace

FeatureTable read_feature_csv(const std::filesystem::path& file) {
  MappedFile mapped(file);
  CsvCursor csv(mapped.begin(), mapped.end(), file.string());
  FeatureTable table;
  const auto features = header_row(csv, "feature");
  const auto statistics = header_row(csv, "statistics");
  const auto numbers = header_row(csv, "number");
  if (statistics.size() != features.size() || numbers.size() != features.size())
    throw DataError(file.string() + ": the three header rows have different lengths (" +
                    std::to_string(features.size()) + ", " + std::to_string(statistics.size()) + ", " +
                    std::to_string(numbers.size()) + ")");
  for (std::size_t i = 0; i < features.size(); ++i) table.columns.push_back({features[i], statistics[i], numbers[i]});

  if (!csv.next_record()) return table;
  table.index_name = std::string(csv.next_field());
  while (!csv.record_end())
    if (!csv.next_field().empty()) throw DataError(csv.where() + ": expected the index-name row 'track_id,,,...'");

  const std::size_t n = table.columns.size();
  UniqueKeys ids;
  table.values.reserve(n * (mapped.size() / (n * 17 + 8) + 1));  // ~17 bytes per "%.10e" value
  while (csv.next_record()) {
    table.index.emplace_back(csv.next_field());
    ids.add(table.index.back(), csv);
    for (std::size_t col = 0; col < n; ++col) {
      double v = 0;
      if (csv.record_end())
        throw DataError(csv.where() + ": expected " + std::to_string(n) + " values, found " + std::to_string(col));
      if (!csv.next_number(v)) {
        const std::string at = csv.where();
        throw DataError(at + ": column " + std::to_string(col + 2) + " (" + table.columns[col].feature + "/" +
                        table.columns[col].statistic + "/" + table.columns[col].number + "): expected a number, got '" +
                        std::string(csv.next_field()) + "'");
      }
      table.values.push_back(v);
    }
    if (!csv.record_end())
      throw DataError(csv.where() + ": expected " + std::to_string(n) + " values, found more");
  }
  return table;
}

std::string format_feature_header(const std::string& index_name, const std::vector<FeatureColumn>& columns) {
  std::string out;
  const auto row = [&](std::string_view first, auto member) {
    out += first;
    for (const auto& c : columns) {
      out += ',';
      out += csv_escape(c.*member);
    }
    out += '\n';
  };
  row("feature", &FeatureColumn::feature);
  row("statistics", &FeatureColumn::statistic);
  row("number", &FeatureColumn::number);
  out += csv_escape(index_name);
  out.append(columns.size(), ',');
  out += '\n';
  return out;
}

std::string format_feature_row(const std::string& index, const double* values, std::size_t count) {
  std::string out = csv_escape(index);
  out.reserve(out.size() + count * 18 + 1);
  for (std::size_t i = 0; i < count; ++i) {
    out += ',';
    append_value(out, values[i]);
  }
  out += '\n';
  return out;
}

void write_feature_csv(const std::filesystem::path& file, const FeatureTable& table) {
  std::FILE* out = std::fopen(file.c_str(), "wb");
  if (!out) throw DataError(file.string() + ": cannot create");
  std::string text = format_feature_header(table.index_name, table.columns);
  bool ok = std::fwrite(text.data(), 1, text.size(), out) == text.size();
  for (std::size_t r = 0; ok && r < table.rows(); ++r) {
    text = format_feature_row(table.index[r], table.row(r), table.cols());
    ok = std::fwrite(text.data(), 1, text.size(), out) == text.size();
  }
  ok = std::fclose(out) == 0 && ok;
  if (!ok) throw DataError(file.string() + ": write failed (disk full?)");
}

}  // namespace genrekit::data
