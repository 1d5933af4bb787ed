#include "genrekit/data/fma_genres.h"

#include <fstream>
#include <set>

#include "genrekit/data/csv_cursor.h"
#include "genrekit/data/field_parse.h"
#include "genrekit/data/mapped_file.h"
#include "genrekit/error.h"

namespace genrekit::data {

GenreTable::GenreTable(std::vector<Genre> genres) : genres_(std::move(genres)) {
  for (std::size_t i = 0; i < genres_.size(); ++i) by_id_[genres_[i].id] = i;
}

const Genre* GenreTable::find(int id) const {
  const auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : &genres_[it->second];
}

std::vector<const Genre*> GenreTable::top_level() const {
  std::vector<const Genre*> roots;
  for (const auto& [id, index] : by_id_)
    if (genres_[index].parent == 0) roots.push_back(&genres_[index]);
  return roots;
}

std::optional<int> GenreTable::id_of(const std::string& title) const {
  for (const auto& genre : genres_)
    if (genre.title == title) return genre.id;
  return std::nullopt;
}

GenreTable read_genres_csv(const std::filesystem::path& file) {
  MappedFile mapped(file);
  CsvCursor csv(mapped.begin(), mapped.end(), file.string());
  if (!csv.next_record()) throw DataError(file.string() + ": empty file (expected FMA's genres.csv)");
  std::vector<std::string> header;
  while (!csv.record_end()) header.emplace_back(csv.next_field());
  const std::size_t id_col = require_column(header, "genre_id", file.string());
  const std::size_t count_col = require_column(header, "#tracks", file.string());
  const std::size_t parent_col = require_column(header, "parent", file.string());
  const std::size_t title_col = require_column(header, "title", file.string());
  const std::size_t top_col = require_column(header, "top_level", file.string());

  std::vector<Genre> genres;
  std::vector<std::size_t> lines;
  std::vector<std::string_view> fields;
  while (csv.next_record()) {
    csv.read_fields(fields);
    const std::string at = csv.where();
    if (fields.size() != header.size())
      throw DataError(at + ": expected " + std::to_string(header.size()) + " fields, found " +
                      std::to_string(fields.size()));
    Genre genre;
    genre.id = static_cast<int>(parse_int(fields[id_col], at, "genre_id"));
    genre.track_count = parse_int(fields[count_col], at, "#tracks");
    genre.parent = static_cast<int>(parse_int(fields[parent_col], at, "parent"));
    genre.title = std::string(fields[title_col]);
    genre.top_level = static_cast<int>(parse_int(fields[top_col], at, "top_level"));
    genres.push_back(std::move(genre));
    lines.push_back(csv.line());
  }
  std::set<int> seen;
  for (std::size_t i = 0; i < genres.size(); ++i)
    if (!seen.insert(genres[i].id).second)
      throw DataError(file.string() + ":" + std::to_string(lines[i]) + ": genre_id " + std::to_string(genres[i].id) +
                      " appears more than once");
  GenreTable table(genres);
  for (std::size_t i = 0; i < genres.size(); ++i) {
    const std::string at = file.string() + ":" + std::to_string(lines[i]);
    if (genres[i].parent != 0 && !table.find(genres[i].parent))
      throw DataError(at + ": parent " + std::to_string(genres[i].parent) + " is not a genre_id in this file");
    if (!table.find(genres[i].top_level))
      throw DataError(at + ": top_level " + std::to_string(genres[i].top_level) + " is not a genre_id in this file");
  }
  return table;
}

void write_genres_csv(const std::filesystem::path& file, const GenreTable& genres) {
  std::ofstream out(file, std::ios::binary);
  out << "genre_id,#tracks,parent,title,top_level\n";
  for (const auto& g : genres.genres())
    out << g.id << ',' << g.track_count << ',' << g.parent << ',' << csv_escape(g.title) << ',' << g.top_level << '\n';
  if (!out) throw DataError(file.string() + ": write failed");
}

}  // namespace genrekit::data
