#pragma once
// Which FMA tracks a run uses: subset, splits, genre_top handling, excluded ids. Declared as the
// `data` config section.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "genrekit/config/config.h"
#include "genrekit/data/fma_genres.h"
#include "genrekit/data/fma_tracks.h"

namespace genrekit::data {

// What to do with a track whose genre_top is empty (its genres have several roots).
enum class MissingGenreTop {
  Keep,  // keep it unlabelled (e.g. to extract features of every track)
  Drop,  // leave it out
  Fill   // label it with the most frequent root of its genres, ties broken at random (the thesis);
         // a track with no genres at all is left out
};

struct TrackFilter {
  Subset subset = Subset::Medium;                   // this subset and the smaller ones
  std::vector<Split> splits{Split::Training, Split::Validation, Split::Test};
  MissingGenreTop missing_genre_top = MissingGenreTop::Drop;
  std::vector<std::string> genres;                  // keep only these genre_top titles (empty: all)
  std::vector<std::int64_t> exclude_ids;            // known-broken audio, e.g. the thesis' 14 ids
  std::uint64_t seed = 42;                          // for Fill's tie-breaking
};

config::Section data_section();
TrackFilter track_filter_from(const config::Config& config);
std::filesystem::path metadata_dir_from(const config::Config& config);  // data.metadata_dir, checked to exist
std::filesystem::path audio_dir_from(const config::Config& config);     // data.audio_dir, checked to exist

// The tracks passing `filter`, in tracks.csv order, with genre_top filled where asked.
// DataError when a track names a genre id that genres.csv does not have.
std::vector<Track> select_tracks(const std::vector<Track>& tracks, const GenreTable& genres, const TrackFilter& filter);

// The most frequent root among `genre_ids` (ties broken by a hash of seed and track id, so the
// choice is random but reproducible); "" when `genre_ids` is empty.
std::string most_frequent_root(const std::vector<int>& genre_ids, const GenreTable& genres, std::int64_t track_id,
                               std::uint64_t seed);

}  // namespace genrekit::data
