#include "genrekit/data/track_selection.h"

#include <algorithm>
#include <map>

#include "genrekit/error.h"
#include "test_support.h"

namespace genrekit::data {
namespace {

using test::fixture;

std::vector<std::int64_t> ids(const std::vector<Track>& tracks) {
  std::vector<std::int64_t> out;
  for (const auto& t : tracks) out.push_back(t.id);
  return out;
}

class TrackSelection : public ::testing::Test {
 protected:
  std::vector<Track> tracks = read_tracks_csv(fixture("fma/tracks.csv"));
  GenreTable genres = read_genres_csv(fixture("fma/genres.csv"));
};

TEST_F(TrackSelection, SubsetsAreNested) {
  TrackFilter filter;
  filter.missing_genre_top = MissingGenreTop::Keep;
  filter.subset = Subset::Small;
  EXPECT_EQ(ids(select_tracks(tracks, genres, filter)), (std::vector<std::int64_t>{2, 5, 30}));
  filter.subset = Subset::Medium;
  EXPECT_EQ(ids(select_tracks(tracks, genres, filter)), (std::vector<std::int64_t>{2, 3, 5, 26, 30}));
  filter.subset = Subset::Large;
  EXPECT_EQ(select_tracks(tracks, genres, filter).size(), 7u);
}

TEST_F(TrackSelection, SplitsGenresAndExclusions) {
  TrackFilter filter;
  filter.subset = Subset::Large;
  filter.splits = {Split::Test};
  EXPECT_EQ(ids(select_tracks(tracks, genres, filter)), (std::vector<std::int64_t>{10, 30}));
  filter.splits = {Split::Training, Split::Validation, Split::Test};
  filter.genres = {"Hip-Hop"};
  filter.exclude_ids = {3};
  EXPECT_EQ(ids(select_tracks(tracks, genres, filter)), (std::vector<std::int64_t>{2}));
  filter.genres = {"Hip Hop"};
  EXPECT_THROW_WITH(select_tracks(tracks, genres, filter), ConfigError, "'Hip Hop' is not a genre title");
}

TEST_F(TrackSelection, MissingGenreTopDropKeepFill) {
  TrackFilter filter;
  filter.subset = Subset::Large;
  filter.missing_genre_top = MissingGenreTop::Drop;
  EXPECT_EQ(ids(select_tracks(tracks, genres, filter)), (std::vector<std::int64_t>{2, 3, 10, 30}));
  filter.missing_genre_top = MissingGenreTop::Fill;
  const auto filled = select_tracks(tracks, genres, filter);
  // Track 26 has no genres at all: dropped even when filling.
  EXPECT_EQ(ids(filled), (std::vector<std::int64_t>{2, 3, 5, 10, 20, 30}));
  // Track 20: genres Folk, Spoken and Comedy (a Spoken sub-genre): Spoken is the most frequent root.
  EXPECT_EQ(filled[4].genre_top, "Spoken");
  // Track 5: Hip-Hop and Pop tie; the choice is one of them and the same for the same seed.
  EXPECT_TRUE(filled[2].genre_top == "Hip-Hop" || filled[2].genre_top == "Pop");
  EXPECT_EQ(select_tracks(tracks, genres, filter)[2].genre_top, filled[2].genre_top);
}

TEST(MostFrequentRoot, TiesAreBrokenAtRandomButReproducibly) {
  const GenreTable genres({{1, 0, 0, "A", 1}, {2, 0, 0, "B", 2}});
  std::map<std::string, int> picks;
  for (std::int64_t id = 0; id < 400; ++id) ++picks[most_frequent_root({1, 2}, genres, id, 42)];
  EXPECT_GT(picks["A"], 150);  // both roots are chosen, roughly evenly
  EXPECT_GT(picks["B"], 150);
  EXPECT_EQ(most_frequent_root({1, 2}, genres, 7, 42), most_frequent_root({2, 1}, genres, 7, 42));
  EXPECT_EQ(most_frequent_root({}, genres, 7, 42), "");
  EXPECT_THROW_WITH(most_frequent_root({3}, genres, 7, 42), DataError, "genre id 3 is not in genres.csv");
}

TEST_F(TrackSelection, UnknownGenreIdInTracksIsAnError) {
  tracks[0].genres_all = {21, 999};
  EXPECT_THROW_WITH(select_tracks(tracks, genres, TrackFilter{}), DataError,
                    "tracks.csv:4: track 2: genre id 999 is not in genres.csv");
}

}  // namespace
}  // namespace genrekit::data
