#include "genrekit/data/track_selection.h"

#include <algorithm>
#include <map>
#include <set>

#include "genrekit/error.h"
#include "genrekit/runtime/splitmix.h"

namespace genrekit::data {

config::Section data_section() {
  using config::ValueType;
  return {"data",
          "Which tracks to use: FMA's (fma_metadata/tracks.csv and genres.csv, audio in NNN/NNNNNN.mp3), or your own "
          "labelled audio (data.labels_csv or data.class_folders; the FMA keys are then not read).",
          {
              {.path = "data.labels_csv", .type = ValueType::Path, .default_yaml = "",
               .description = "Your own audio: a CSV with a header naming path and label, optionally split "
                              "(training|validation|test) and artist. Without split, the split is seeded and stratified "
                              "(table.validation_fraction, test_fraction, split_seed), artists kept apart when there is an "
                              "artist column. Relative paths are taken from data.audio_dir, else from the CSV's folder."},
              {.path = "data.class_folders", .type = ValueType::Path, .default_yaml = "",
               .description = "Your own audio: every audio file below DIR/<label>/ (any depth), labelled by its first "
                              "folder, split as for data.labels_csv without a split column."},
              {.path = "data.metadata_dir", .type = ValueType::Path, .default_yaml = "",
               .description = "Folder holding FMA's tracks.csv and genres.csv (fma_metadata)."},
              {.path = "data.audio_dir", .type = ValueType::Path, .default_yaml = "",
               .description = "Folder of the audio in FMA's layout (e.g. fma_large); with data.labels_csv, the folder its "
                              "relative paths start from."},
              {.path = "data.subset", .type = ValueType::Choice, .default_yaml = "medium",
               .choices = {"small", "medium", "large", "full"},
               .description = "Tracks of this subset and the smaller ones (full holds the same tracks as large)."},
              {.path = "data.splits", .type = ValueType::StringList, .default_yaml = "[training, validation, test]",
               .choices = {"training", "validation", "test"}, .description = "FMA splits to include."},
              {.path = "data.missing_genre_top", .type = ValueType::Choice, .default_yaml = "drop",
               .choices = {"keep", "drop", "fill"},
               .description = "Tracks without genre_top: keep unlabelled, drop, or fill with the most frequent root "
                              "of their genres (ties at random, the thesis' choice)."},
              {.path = "data.genres", .type = ValueType::StringList, .default_yaml = "[]",
               .description = "Keep only tracks whose genre_top is one of these titles; empty keeps all."},
              {.path = "data.exclude_ids", .type = ValueType::IntList, .default_yaml = "[]", .min = 0,
               .description = "Track ids to leave out (e.g. FMA's broken files)."},
          }};
}

TrackFilter track_filter_from(const config::Config& config) {
  TrackFilter filter;
  const std::string subset = config.get_string("data.subset");
  filter.subset = subset == "full" ? Subset::Large : parse_subset(subset, "data.subset");
  filter.splits.clear();
  for (const auto& s : config.get_strings("data.splits")) filter.splits.push_back(parse_split(s, "data.splits"));
  const std::string missing = config.get_string("data.missing_genre_top");
  filter.missing_genre_top = missing == "keep"   ? MissingGenreTop::Keep
                             : missing == "fill" ? MissingGenreTop::Fill
                                                 : MissingGenreTop::Drop;
  filter.genres = config.get_strings("data.genres");
  filter.exclude_ids = config.get_ints("data.exclude_ids");
  filter.seed = static_cast<std::uint64_t>(config.get_int("run.seed"));
  return filter;
}

namespace {

std::filesystem::path existing_dir(const config::Config& config, const char* key) {
  const std::filesystem::path dir = config.get_string(key);
  if (dir.empty()) throw ConfigError(std::string(key) + ": not set; expected the folder (" + config.origin(key) + ")");
  if (!std::filesystem::is_directory(dir))
    throw ConfigError(std::string(key) + ": '" + dir.string() + "' is not a directory (set in " + config.origin(key) + ")");
  return dir;
}

}  // namespace

std::filesystem::path metadata_dir_from(const config::Config& config) { return existing_dir(config, "data.metadata_dir"); }
std::filesystem::path audio_dir_from(const config::Config& config) { return existing_dir(config, "data.audio_dir"); }

std::string most_frequent_root(const std::vector<int>& genre_ids, const GenreTable& genres, std::int64_t track_id,
                               std::uint64_t seed) {
  std::map<int, int> counts;
  for (int id : genre_ids) {
    const Genre* genre = genres.find(id);
    if (!genre) throw DataError("track " + std::to_string(track_id) + ": genre id " + std::to_string(id) +
                                " is not in genres.csv");
    ++counts[genre->top_level];
  }
  if (counts.empty()) return "";
  int best = 0;
  for (const auto& [root, count] : counts) best = std::max(best, count);
  std::vector<int> tied;
  for (const auto& [root, count] : counts)
    if (count == best) tied.push_back(root);
  const std::uint64_t pick = runtime::splitmix64(seed ^ runtime::splitmix64(static_cast<std::uint64_t>(track_id))) % tied.size();
  return genres.find(tied[pick])->title;
}

std::vector<Track> select_tracks(const std::vector<Track>& tracks, const GenreTable& genres, const TrackFilter& filter) {
  const std::set<std::int64_t> excluded(filter.exclude_ids.begin(), filter.exclude_ids.end());
  const std::set<std::string> wanted(filter.genres.begin(), filter.genres.end());
  for (const auto& title : wanted)
    if (!genres.id_of(title)) throw ConfigError("data.genres: '" + title + "' is not a genre title in genres.csv");

  std::vector<Track> selected;
  for (const auto& track : tracks) {
    for (int id : track.genres_all)
      if (!genres.find(id))
        throw DataError((track.source.empty() ? "tracks.csv" : track.source) + ": track " + std::to_string(track.id) +
                        ": genre id " + std::to_string(id) + " is not in genres.csv");
    if (track.subset > filter.subset || excluded.contains(track.id)) continue;
    if (std::find(filter.splits.begin(), filter.splits.end(), track.split) == filter.splits.end()) continue;
    Track t = track;
    if (t.genre_top.empty()) {
      if (filter.missing_genre_top == MissingGenreTop::Drop) continue;
      if (filter.missing_genre_top == MissingGenreTop::Fill) {
        t.genre_top = most_frequent_root(t.genres, genres, t.id, filter.seed);
        if (t.genre_top.empty()) continue;  // no genres at all: nothing to fill from
      }
    }
    if (!wanted.empty() && !wanted.contains(t.genre_top)) continue;
    selected.push_back(std::move(t));
  }
  return selected;
}

}  // namespace genrekit::data
