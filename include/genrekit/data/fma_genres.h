#pragma once
// FMA's genre taxonomy, fma_metadata/genres.csv: genre_id,#tracks,parent,title,top_level.
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace genrekit::data {

struct Genre {
  int id = 0;
  std::int64_t track_count = 0;  // "#tracks": tracks that carry the genre in genres_all
  int parent = 0;                // 0 for a root
  std::string title;
  int top_level = 0;             // id of the root this genre descends from
};

class GenreTable {
 public:
  GenreTable() = default;
  explicit GenreTable(std::vector<Genre> genres);

  const std::vector<Genre>& genres() const { return genres_; }
  const Genre* find(int id) const;
  // The roots (parent 0), i.e. the genre_top classes, in id order.
  std::vector<const Genre*> top_level() const;
  std::optional<int> id_of(const std::string& title) const;

 private:
  std::vector<Genre> genres_;
  std::map<int, std::size_t> by_id_;
};

// DataError naming file and line for a missing column, a malformed row, a duplicate id, or a
// parent/top_level that names no genre.
GenreTable read_genres_csv(const std::filesystem::path& file);
void write_genres_csv(const std::filesystem::path& file, const GenreTable& genres);

}  // namespace genrekit::data
