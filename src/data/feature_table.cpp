#include "genrekit/data/feature_table.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <unordered_set>

#include "genrekit/data/csv_cursor.h"
#include "genrekit/data/mapped_file.h"
#include "genrekit/data/unique_keys.h"
#include "genrekit/error.h"
#include "genrekit/runtime/parallel.h"

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

namespace {

// Parses every record from the cursor on: its id into `index`, its values into out[0, capacity x
// n). `ids` checks the index for repeats when given. DataError naming the line for a short, long
// or non-numeric row.
void parse_rows(CsvCursor& csv, const std::vector<FeatureColumn>& columns, double* out, std::size_t capacity,
                std::vector<std::string>& index, UniqueKeys* ids) {
  const std::size_t n = columns.size();
  while (csv.next_record()) {
    if (index.size() == capacity) throw std::logic_error("feature table: more records than line-break characters");
    index.emplace_back(csv.next_field());
    if (ids) ids->add(index.back(), csv);
    for (std::size_t col = 0; col < n; ++col) {
      double v = 0;
      if (csv.record_end())
        throw DataError(csv.where() + ": expected " + std::to_string(n) + " values, found " + std::to_string(col));
      if (!csv.next_number(v)) {
        const std::string at = csv.where();
        throw DataError(at + ": column " + std::to_string(col + 2) + " (" + columns[col].feature + "/" + columns[col].statistic + "/" +
                        columns[col].number + "): expected a number, got '" + std::string(csv.next_field()) + "'");
      }
      *out++ = v;
    }
    if (!csv.record_end()) throw DataError(csv.where() + ": expected " + std::to_string(n) + " values, found more");
  }
}

// [begin, end) cut into up to `parts` runs of whole records: each cut just after a line break.
// Only for text without quotes, where every line break ends a record.
std::vector<char*> record_cuts(char* begin, char* end, unsigned parts) {
  std::vector<char*> cuts{begin};
  const auto length = static_cast<std::size_t>(end - begin);
  for (unsigned k = 1; k < parts; ++k) {
    char* at = begin + length / parts * k;
    if (at <= cuts.back()) continue;
    at = static_cast<char*>(std::memchr(at, '\n', static_cast<std::size_t>(end - at)));
    if (!at || at + 1 >= end) break;
    cuts.push_back(at + 1);
  }
  cuts.push_back(end);
  return cuts;
}

}  // namespace

FeatureTable read_feature_csv(const std::filesystem::path& file, unsigned threads) {
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

  // Every record ends with a line break, \n, \r\n or a lone \r (the last one may not): the \n and
  // \r characters bound the rows, and each part of the table is parsed straight into its place. Without quotes (where every line
  // break ends a record) the parts are parsed on `threads` threads; a failure, or a repeated id, is
  // then found again by one parse of the whole, which names the exact line.
  char* const data = csv.position();
  const std::size_t bytes = static_cast<std::size_t>(mapped.end() - data), n = table.columns.size();
  const bool parallel = threads > 1 && bytes > (std::size_t{8} << 20) && !std::memchr(data, '"', bytes);
  const std::vector<char*> cuts = parallel ? record_cuts(data, mapped.end(), threads) : std::vector<char*>{data, mapped.end()};
  const std::size_t parts = cuts.size() - 1;
  std::vector<std::size_t> first_row(parts + 1, 0);
  runtime::parallel_for(parts, threads, [&](std::size_t k) {
    first_row[k + 1] = static_cast<std::size_t>(std::count_if(cuts[k], cuts[k + 1], [](char c) { return c == '\n' || c == '\r'; })) + 1;
  });
  for (std::size_t k = 0; k < parts; ++k) first_row[k + 1] += first_row[k];
  table.values.resize(first_row[parts] * n);
  std::vector<std::vector<std::string>> index(parts);
  bool parsed = false;
  if (parts > 1) {
    std::vector<char> failed(parts, 0);
    runtime::parallel_for(parts, threads, [&](std::size_t k) {
      try {
        CsvCursor part(cuts[k], cuts[k + 1], file.string());
        parse_rows(part, table.columns, table.values.data() + first_row[k] * n, first_row[k + 1] - first_row[k], index[k], nullptr);
      } catch (const DataError&) {
        failed[k] = 1;
      }
    });
    std::unordered_set<std::string_view> seen;
    parsed = std::find(failed.begin(), failed.end(), 1) == failed.end();
    for (const auto& ids : index)
      for (const auto& id : ids) parsed = parsed && seen.insert(id).second;
  }
  if (!parsed) {
    index.assign(1, {});
    first_row = {0, first_row.back()};
    UniqueKeys ids;
    parse_rows(csv, table.columns, table.values.data(), first_row[1], index[0], &ids);
  }
  // Close the gaps the blank lines left (a part holds fewer rows than line breaks).
  for (std::size_t k = 0; k < index.size(); ++k) {
    const std::size_t at = table.index.size();
    if (at != first_row[k])
      std::memmove(table.values.data() + at * n, table.values.data() + first_row[k] * n, index[k].size() * n * sizeof(double));
    for (auto& id : index[k]) table.index.push_back(std::move(id));
  }
  table.values.resize(table.index.size() * n);
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
