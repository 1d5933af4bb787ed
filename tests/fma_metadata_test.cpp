#include <cmath>

#include "genrekit/data/fma_genres.h"
#include "genrekit/data/fma_tracks.h"
#include "genrekit/error.h"
#include "test_support.h"

namespace genrekit::data {
namespace {

using test::fixture;
using test::scratch_dir;
using test::write_text;

TEST(FmaTracks, ReadsFmaLayoutWithAwkwardQuoting) {
  const auto tracks = read_tracks_csv(fixture("fma/tracks.csv"));
  ASSERT_EQ(tracks.size(), 7u);
  EXPECT_EQ(tracks[0].id, 2);
  EXPECT_EQ(tracks[0].genre_top, "Hip-Hop");
  EXPECT_EQ(tracks[0].split, Split::Training);
  EXPECT_EQ(tracks[0].subset, Subset::Small);
  EXPECT_EQ(tracks[0].artist_id, 1);
  EXPECT_EQ(tracks[1].title, "Electric \"Ave\"");
  EXPECT_EQ(tracks[2].genre_top, "");
  EXPECT_EQ(tracks[2].genres, (std::vector<int>{21, 10}));
  EXPECT_EQ(tracks[2].genres_all, (std::vector<int>{10, 21}));
  EXPECT_EQ(tracks[3].artist_name, "Kurt Vile");
  EXPECT_EQ(tracks[3].split, Split::Test);
  EXPECT_EQ(tracks[3].subset, Subset::Large);
  EXPECT_EQ(tracks[4].title, "Spiritual, \"Level\"");
  EXPECT_TRUE(tracks[5].genres.empty());
  EXPECT_EQ(tracks[6].title, "Title with\ntwo lines");
  EXPECT_EQ(tracks[6].bit_rate, 320000);
  EXPECT_DOUBLE_EQ(tracks[6].duration, 30);
}

TEST(FmaTracks, WriteThenReadRoundTrips) {
  const auto dir = scratch_dir();
  const auto tracks = read_tracks_csv(fixture("fma/tracks.csv"));
  write_tracks_csv(dir / "tracks.csv", tracks);
  const auto again = read_tracks_csv(dir / "tracks.csv");
  ASSERT_EQ(again.size(), tracks.size());
  for (std::size_t i = 0; i < tracks.size(); ++i) {
    EXPECT_EQ(again[i].id, tracks[i].id);
    EXPECT_EQ(again[i].title, tracks[i].title);
    EXPECT_EQ(again[i].genres, tracks[i].genres);
    EXPECT_EQ(again[i].genres_all, tracks[i].genres_all);
    EXPECT_EQ(again[i].split, tracks[i].split);
    EXPECT_EQ(again[i].artist_name, tracks[i].artist_name);
  }
}

TEST(FmaTracks, BadMetadataNamesFileAndLine) {
  const auto dir = scratch_dir();
  const std::string header =
      ",set,set,track,track,track\n,split,subset,genre_top,genres,genres_all\ntrack_id,,,,,\n";
  write_text(dir / "missing.csv", ",set,track,track,track\n,split,genre_top,genres,genres_all\ntrack_id,,,,\n");
  EXPECT_THROW_WITH(read_tracks_csv(dir / "missing.csv"), DataError, "missing column (set, subset)");
  write_text(dir / "fields.csv", header + "2,training,small,Rock,[12],[12]\n3,training,small,Rock,[12]\n");
  EXPECT_THROW_WITH(read_tracks_csv(dir / "fields.csv"), DataError, "fields.csv:5: expected 6 fields, found 5");
  write_text(dir / "list.csv", header + "2,training,small,Rock,\"[12,\",[12]\n");
  EXPECT_THROW_WITH(read_tracks_csv(dir / "list.csv"), DataError,
                    "list.csv:4: column (track, genres): expected a list literal like [21, 811], got '[12,'");
  write_text(dir / "split.csv", header + "2,train,small,Rock,[12],[12]\n");
  EXPECT_THROW_WITH(read_tracks_csv(dir / "split.csv"), DataError, "split.csv:4: split: expected training|validation|test");
  write_text(dir / "id.csv", header + "two,training,small,Rock,[12],[12]\n");
  EXPECT_THROW_WITH(read_tracks_csv(dir / "id.csv"), DataError, "id.csv:4: column track_id: expected an integer, got 'two'");
  write_text(dir / "plain.csv", "a,b\n1,2\n");
  EXPECT_THROW_WITH(read_tracks_csv(dir / "plain.csv"), DataError, "expected FMA's tracks.csv layout");
  EXPECT_THROW_WITH(read_tracks_csv(dir / "absent.csv"), DataError, "absent.csv: cannot open");
}

TEST(FmaTracks, AudioPathIsZeroPaddedWithThreeDigitFolder) {
  EXPECT_EQ(fma_audio_path("/fma_large", 2), std::filesystem::path("/fma_large/000/000002.mp3"));
  EXPECT_EQ(fma_audio_path("root", 155320), std::filesystem::path("root/155/155320.mp3"));
}

TEST(FmaGenres, ReadsTaxonomy) {
  const auto genres = read_genres_csv(fixture("fma/genres.csv"));
  ASSERT_EQ(genres.genres().size(), 7u);
  EXPECT_EQ(genres.find(25)->title, "Punk");
  EXPECT_EQ(genres.find(25)->top_level, 12);
  EXPECT_EQ(genres.find(7)->parent, 20);
  EXPECT_EQ(genres.top_level().size(), 5u);
  EXPECT_EQ(genres.id_of("Spoken"), 20);
  EXPECT_EQ(genres.find(99), nullptr);
}

TEST(FmaGenres, InconsistentTaxonomyIsAnError) {
  const auto dir = scratch_dir();
  write_text(dir / "dup.csv", "genre_id,#tracks,parent,title,top_level\n1,0,0,A,1\n1,0,0,B,1\n");
  EXPECT_THROW_WITH(read_genres_csv(dir / "dup.csv"), DataError, "dup.csv:3: genre_id 1 appears more than once");
  write_text(dir / "parent.csv", "genre_id,#tracks,parent,title,top_level\n1,0,0,A,1\n2,0,7,B,1\n");
  EXPECT_THROW_WITH(read_genres_csv(dir / "parent.csv"), DataError, "parent.csv:3: parent 7 is not a genre_id");
  write_text(dir / "cols.csv", "genre_id,parent,title,top_level\n");
  EXPECT_THROW_WITH(read_genres_csv(dir / "cols.csv"), DataError, "missing column #tracks");
}

}  // namespace
}  // namespace genrekit::data
