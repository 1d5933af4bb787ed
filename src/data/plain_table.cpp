#include "genrekit/data/plain_table.h"

#include <algorithm>
#include <set>

#include "genrekit/data/csv_cursor.h"
#include "genrekit/data/mapped_file.h"
#include "genrekit/data/unique_keys.h"
#include "genrekit/error.h"

namespace genrekit::data {

namespace {

enum class Role { Id, Label, Split, Feature };

std::size_t find_column(const std::vector<std::string>& header, const std::string& name, const std::string& key,
                        const std::filesystem::path& file) {
  const auto it = std::find(header.begin(), header.end(), name);
  if (it == header.end())
    throw DataError(file.string() + ":1: no column named '" + name + "' (" + key + "); the header has " +
                    std::to_string(header.size()) + " columns, starting with '" + header.front() + "'");
  return static_cast<std::size_t>(it - header.begin());
}

void assign(std::vector<Role>& roles, std::size_t column, Role role, const std::filesystem::path& file) {
  if (roles[column] != Role::Feature)
    throw DataError(file.string() + ":1: one column is named as two of id, label and split");
  roles[column] = role;
}

}  // namespace

PlainTable read_plain_table(const std::filesystem::path& file, const PlainTableLayout& layout) {
  if (layout.label_column.empty()) throw DataError(file.string() + ": no label column named (table.label_column)");
  MappedFile mapped(file);
  CsvCursor csv(mapped.begin(), mapped.end(), file.string());
  if (!csv.next_record()) throw DataError(file.string() + ": empty; expected a header row");
  std::vector<std::string> header;
  while (!csv.record_end()) header.emplace_back(csv.next_field());
  if (std::set<std::string>(header.begin(), header.end()).size() != header.size())
    throw DataError(file.string() + ":1: the header names a column twice");

  std::vector<Role> roles(header.size(), Role::Feature);
  assign(roles, layout.id_column.empty() ? 0 : find_column(header, layout.id_column, "table.id_column", file), Role::Id, file);
  assign(roles, find_column(header, layout.label_column, "table.label_column", file), Role::Label, file);
  if (!layout.split_column.empty())
    assign(roles, find_column(header, layout.split_column, "table.split_column", file), Role::Split, file);

  PlainTable table;
  table.features.index_name = header[static_cast<std::size_t>(std::find(roles.begin(), roles.end(), Role::Id) - roles.begin())];
  for (std::size_t c = 0; c < header.size(); ++c)
    if (roles[c] == Role::Feature) table.features.columns.push_back({header[c], "", ""});
  if (table.features.columns.empty()) throw DataError(file.string() + ":1: no feature columns besides id, label and split");

  UniqueKeys ids;
  while (csv.next_record()) {
    for (std::size_t c = 0; c < header.size(); ++c) {
      if (csv.record_end())
        throw DataError(csv.where() + ": expected " + std::to_string(header.size()) + " fields, found " + std::to_string(c));
      switch (roles[c]) {
        case Role::Id:
          table.features.index.emplace_back(csv.next_field());
          ids.add(table.features.index.back(), csv);
          break;
        case Role::Label: table.labels.emplace_back(csv.next_field()); break;
        case Role::Split: table.splits.emplace_back(csv.next_field()); break;
        case Role::Feature: {
          double v = 0;
          if (!csv.next_number(v)) {
            const std::string at = csv.where();
            throw DataError(at + ": column '" + header[c] + "': expected a number, got '" + std::string(csv.next_field()) + "'");
          }
          table.features.values.push_back(v);
          break;
        }
      }
    }
    if (!csv.record_end()) throw DataError(csv.where() + ": expected " + std::to_string(header.size()) + " fields, found more");
  }
  return table;
}

}  // namespace genrekit::data
