#pragma once
// FMA's per-track metadata, fma_metadata/tracks.csv: two header rows (group: album, artist, set,
// track; then the column name), a "track_id,,,..." row, then one row per track. Columns are found
// by (group, name), so files with FMA's 52 columns and smaller ones (our synthetic corpus) both read.
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace genrekit::data {

enum class Split { Training, Validation, Test };
// Subsets are nested: small is part of medium, medium of large. fma_full holds the same tracks as
// large, untrimmed.
enum class Subset { Small, Medium, Large };

std::string_view to_string(Split split);
std::string_view to_string(Subset subset);
Split parse_split(std::string_view text, const std::string& where);   // DataError if not one of the three
Subset parse_subset(std::string_view text, const std::string& where);

struct Track {
  std::int64_t id = 0;
  Split split = Split::Training;
  Subset subset = Subset::Large;
  std::string genre_top;            // "" when the track's genres have no single root
  std::vector<int> genres;          // (track, genres)
  std::vector<int> genres_all;      // (track, genres_all): genres plus their ancestors
  std::int64_t artist_id = -1;      // (artist, id); -1 when the file has no such column
  std::string artist_name;
  std::string title;
  double duration = 0;              // seconds
  std::int64_t bit_rate = 0;
  std::string source;               // "tracks.csv:LINE" it was read from, for error messages ("" if built in memory)
};

// DataError with file and line for a missing column, a row with the wrong field count, or a value
// that does not parse (split, subset, id, list literal).
std::vector<Track> read_tracks_csv(const std::filesystem::path& file);

// Writes FMA's layout with the columns Track holds (album/artist/set/track groups).
void write_tracks_csv(const std::filesystem::path& file, const std::vector<Track>& tracks);

// FMA's audio path of a track: root/NNN/NNNNNN.mp3 with the id zero-padded to six digits.
std::filesystem::path fma_audio_path(const std::filesystem::path& audio_root, std::int64_t track_id);

}  // namespace genrekit::data
