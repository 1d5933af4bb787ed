#include "genrekit/data/fma_tracks.h"

#include <cstdio>
#include <fstream>
#include <optional>

#include "genrekit/data/csv_cursor.h"
#include "genrekit/data/field_parse.h"
#include "genrekit/data/mapped_file.h"
#include "genrekit/error.h"

namespace genrekit::data {

std::string_view to_string(Split split) {
  switch (split) {
    case Split::Training: return "training";
    case Split::Validation: return "validation";
    case Split::Test: return "test";
  }
  return "?";
}

std::string_view to_string(Subset subset) {
  switch (subset) {
    case Subset::Small: return "small";
    case Subset::Medium: return "medium";
    case Subset::Large: return "large";
  }
  return "?";
}

Split parse_split(std::string_view text, const std::string& where) {
  for (Split s : {Split::Training, Split::Validation, Split::Test})
    if (text == to_string(s)) return s;
  throw DataError(where + ": split: expected training|validation|test, got '" + std::string(text) + "'");
}

Subset parse_subset(std::string_view text, const std::string& where) {
  for (Subset s : {Subset::Small, Subset::Medium, Subset::Large})
    if (text == to_string(s)) return s;
  throw DataError(where + ": subset: expected small|medium|large, got '" + std::string(text) + "'");
}

namespace {

struct Columns {
  std::size_t count = 0;
  std::size_t split = 0, subset = 0, genre_top = 0, genres = 0, genres_all = 0;
  std::optional<std::size_t> artist_id, artist_name, title, duration, bit_rate;
};

std::optional<std::size_t> find_column(const std::vector<std::string>& groups, const std::vector<std::string>& names,
                                       std::string_view group, std::string_view name) {
  for (std::size_t i = 0; i < names.size(); ++i)
    if (groups[i] == group && names[i] == name) return i;
  return std::nullopt;
}

Columns read_header(CsvCursor& csv, const std::string& source) {
  std::vector<std::string> groups, names;
  if (csv.next_record())
    while (!csv.record_end()) groups.emplace_back(csv.next_field());
  if (csv.next_record())
    while (!csv.record_end()) names.emplace_back(csv.next_field());
  if (groups.size() < 2 || names.size() != groups.size() || !groups[0].empty() || !names[0].empty())
    throw DataError(source + ": expected FMA's tracks.csv layout: a row of column groups and a row of column names, "
                             "both starting with an empty cell");
  if (!csv.next_record() || csv.next_field() != "track_id")
    throw DataError(csv.where() + ": expected the index row 'track_id,,,...' after the two header rows");

  Columns c;
  c.count = names.size();
  const auto required = [&](std::string_view group, std::string_view name) {
    const auto column = find_column(groups, names, group, name);
    if (!column)
      throw DataError(source + ": missing column (" + std::string(group) + ", " + std::string(name) + ")");
    return *column;
  };
  c.split = required("set", "split");
  c.subset = required("set", "subset");
  c.genre_top = required("track", "genre_top");
  c.genres = required("track", "genres");
  c.genres_all = required("track", "genres_all");
  c.artist_id = find_column(groups, names, "artist", "id");
  c.artist_name = find_column(groups, names, "artist", "name");
  c.title = find_column(groups, names, "track", "title");
  c.duration = find_column(groups, names, "track", "duration");
  c.bit_rate = find_column(groups, names, "track", "bit_rate");
  return c;
}

}  // namespace

std::vector<Track> read_tracks_csv(const std::filesystem::path& file) {
  MappedFile mapped(file);
  CsvCursor csv(mapped.begin(), mapped.end(), file.string());
  const Columns c = read_header(csv, file.string());

  std::vector<Track> tracks;
  std::vector<std::string_view> fields;
  while (csv.next_record()) {
    csv.read_fields(fields);
    const std::string at = csv.where();
    if (fields.size() != c.count)
      throw DataError(at + ": expected " + std::to_string(c.count) + " fields, found " + std::to_string(fields.size()) +
                      " (unbalanced quotes?)");
    Track t;
    t.source = at;
    t.id = parse_int(fields[0], at, "track_id");
    t.split = parse_split(fields[c.split], at);
    t.subset = parse_subset(fields[c.subset], at);
    t.genre_top = std::string(fields[c.genre_top]);
    t.genres = parse_int_list(fields[c.genres], at, "(track, genres)");
    t.genres_all = parse_int_list(fields[c.genres_all], at, "(track, genres_all)");
    if (c.artist_id) t.artist_id = parse_int(fields[*c.artist_id], at, "(artist, id)");
    if (c.artist_name) t.artist_name = std::string(fields[*c.artist_name]);
    if (c.title) t.title = std::string(fields[*c.title]);
    if (c.duration) t.duration = parse_double(fields[*c.duration], at, "(track, duration)");
    if (c.bit_rate && !fields[*c.bit_rate].empty()) t.bit_rate = parse_int(fields[*c.bit_rate], at, "(track, bit_rate)");
    tracks.push_back(std::move(t));
  }
  return tracks;
}

void write_tracks_csv(const std::filesystem::path& file, const std::vector<Track>& tracks) {
  std::ofstream out(file, std::ios::binary);
  out << ",artist,artist,set,set,track,track,track,track,track,track\n"
      << ",id,name,split,subset,bit_rate,duration,genre_top,genres,genres_all,title\n"
      << "track_id,,,,,,,,,,\n";
  for (const auto& t : tracks) {
    out << t.id << ',' << t.artist_id << ',' << csv_escape(t.artist_name) << ',' << to_string(t.split) << ','
        << to_string(t.subset) << ',' << t.bit_rate << ',' << t.duration << ',' << csv_escape(t.genre_top) << ','
        << csv_escape(format_int_list(t.genres)) << ',' << csv_escape(format_int_list(t.genres_all)) << ','
        << csv_escape(t.title) << '\n';
  }
  if (!out) throw DataError(file.string() + ": write failed");
}

std::filesystem::path fma_audio_path(const std::filesystem::path& audio_root, std::int64_t track_id) {
  char name[32];
  std::snprintf(name, sizeof name, "%06lld", static_cast<long long>(track_id));
  return audio_root / std::string(name, 3) / (std::string(name) + ".mp3");
}

}  // namespace genrekit::data
