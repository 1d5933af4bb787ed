#include "genrekit/synth/corpus.h"

#include <cmath>
#include <map>
#include <numeric>
#include <set>

#include "genrekit/data/track_selection.h"
#include "genrekit/runtime/logging.h"
#include "genrekit/synth/filters.h"
#include "genrekit/synth/genre_style.h"
#include "test_support.h"

namespace genrekit::synth {
namespace {

using test::scratch_dir;

CorpusSpec tiny_spec() {
  CorpusSpec spec;
  spec.tracks_per_genre = 6;
  spec.clip_seconds = 1.5;
  spec.sample_rate = 16000;
  return spec;
}

TEST(CorpusPlan, SixteenGenresWithFmaIdsAndArtistFilteredSplits) {
  CorpusSpec spec = tiny_spec();
  spec.tracks_per_genre = 20;
  const CorpusPlan plan = plan_corpus(spec);
  EXPECT_EQ(plan.genres.top_level().size(), 16u);
  EXPECT_EQ(plan.genres.id_of("Old-Time / Historic"), 8);
  EXPECT_EQ(plan.genres.id_of("Instrumental"), 1235);
  ASSERT_EQ(plan.tracks.size(), 320u);

  std::map<std::int64_t, std::set<data::Split>> splits_of_artist;
  std::map<std::string, std::map<data::Split, int>> split_counts;
  std::set<std::int64_t> ids;
  int without_genre_top = 0;
  for (std::size_t i = 0; i < plan.tracks.size(); ++i) {
    const auto& t = plan.tracks[i];
    EXPECT_TRUE(ids.insert(t.id).second) << "duplicate id " << t.id;
    splits_of_artist[t.artist_id].insert(t.split);
    ++split_counts[plan.true_genre[i]][t.split];
    if (t.genre_top.empty()) ++without_genre_top;
    else EXPECT_EQ(t.genre_top, plan.true_genre[i]);
    for (int g : t.genres_all) EXPECT_NE(plan.genres.find(g), nullptr);
  }
  for (const auto& [artist, splits] : splits_of_artist) EXPECT_EQ(splits.size(), 1u) << "artist " << artist;
  for (const auto& [genre, counts] : split_counts) {
    EXPECT_GE(counts.at(data::Split::Test), 2) << genre;  // about 10 % of 20
    EXPECT_GE(counts.at(data::Split::Validation), 2) << genre;
    EXPECT_GE(counts.at(data::Split::Training), 12) << genre;
  }
  EXPECT_GT(without_genre_top, 5);  // about 8 % are tagged with two roots
  EXPECT_LT(without_genre_top, 60);
}

TEST(CorpusPlan, FmaImbalanceFollowsFmaProportions) {
  CorpusSpec spec = tiny_spec();
  spec.tracks_per_genre = 50;
  spec.fma_imbalance = true;
  const CorpusPlan plan = plan_corpus(spec);
  std::map<std::string, int> count;
  for (const auto& genre : plan.true_genre) ++count[genre];
  EXPECT_GT(count["Experimental"], 150);  // ~21 % of 800
  EXPECT_EQ(count["Easy Listening"], 3);  // 0.4 % rounds below the floor of 3
  EXPECT_GT(count["Rock"], count["Pop"]);
}

TEST(CorpusRender, DeterministicPerTrackAndDistinctAcrossTracks) {
  const CorpusSpec spec = tiny_spec();
  const auto a = render_corpus_track(spec, 17, "Rock");
  const auto b = render_corpus_track(spec, 17, "Rock");
  const auto c = render_corpus_track(spec, 18, "Rock");
  EXPECT_EQ(a.samples, b.samples);
  EXPECT_NE(a.samples, c.samples);
  EXPECT_EQ(a.frames(), 24000u);
  float peak = 0;
  for (float x : a.samples) {
    ASSERT_TRUE(std::isfinite(x));
    peak = std::max(peak, std::fabs(x));
  }
  EXPECT_GT(peak, 0.3f);
  EXPECT_LE(peak, 1.0f);
}

TEST(CorpusRender, EveryGenreRendersStereoAudio) {
  CorpusSpec spec = tiny_spec();
  spec.channels = 2;
  for (const auto& style : genre_styles()) {
    const auto audio = render_corpus_track(spec, 5, style.title);
    EXPECT_EQ(audio.channels, 2) << style.title;
    const double energy = std::inner_product(audio.samples.begin(), audio.samples.end(), audio.samples.begin(), 0.0);
    EXPECT_GT(energy / static_cast<double>(audio.samples.size()), 1e-4) << style.title << " is (nearly) silent";
  }
}

// Old-Time / Historic is band-limited like a 78 rpm transfer; Electronic is bright (hats, saws):
// the share of energy above 5 kHz must tell them apart, or no classifier could.
TEST(CorpusRender, GenresDifferInMeasurableWays) {
  CorpusSpec spec = tiny_spec();
  spec.clip_seconds = 4;
  spec.sample_rate = 22050;
  spec.borrow = 0;
  const auto high_band_share = [&](const audio::AudioBuffer& a) {
    Biquad high = Biquad::highpass(a.sample_rate, 5000);
    double total = 0, high_energy = 0;
    for (float x : a.samples) {
      const float h = high.process(x);
      total += static_cast<double>(x) * x;
      high_energy += static_cast<double>(h) * h;
    }
    return high_energy / total;
  };
  double old_time = 0, electronic = 0;
  for (std::int64_t id = 1; id <= 4; ++id) {
    old_time += high_band_share(render_corpus_track(spec, id, "Old-Time / Historic"));
    electronic += high_band_share(render_corpus_track(spec, id, "Electronic"));
  }
  EXPECT_GT(electronic, 3 * old_time) << "electronic " << electronic / 4 << ", old-time " << old_time / 4;
}

TEST(CorpusWrite, ReadersLoadTheCorpusAndAudioDecodes) {
  runtime::setup_logging("warn");
  const auto root = scratch_dir();
  CorpusSpec spec = tiny_spec();
  spec.genres = {"Rock", "Spoken", "Jazz"};
  spec.tracks_per_genre = 4;
  write_corpus(spec, root, 2);
  const auto tracks = data::read_tracks_csv(root / "fma_metadata/tracks.csv");
  const auto genres = data::read_genres_csv(root / "fma_metadata/genres.csv");
  ASSERT_EQ(tracks.size(), 12u);
  EXPECT_EQ(genres.top_level().size(), 3u);
  data::TrackFilter all;
  all.subset = data::Subset::Large;
  all.missing_genre_top = data::MissingGenreTop::Keep;
  EXPECT_EQ(data::select_tracks(tracks, genres, all).size(), 12u);
  for (const auto& track : tracks) {
    const auto audio = audio::read_audio(data::fma_audio_path(root / "fma_large", track.id));
    EXPECT_EQ(audio.sample_rate, 16000);
    EXPECT_EQ(audio.channels, 1);
    EXPECT_NEAR(audio.seconds(), 1.5, 0.1) << track.id;  // MP3 adds encoder padding
  }
  // Re-running keeps what exists (resume) and leaves no partial files.
  const auto first = data::fma_audio_path(root / "fma_large", tracks[0].id);
  const auto before = std::filesystem::last_write_time(first);
  write_corpus(spec, root, 1);
  EXPECT_EQ(std::filesystem::last_write_time(first), before);
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root))
    EXPECT_EQ(entry.path().string().find(".partial"), std::string::npos) << entry.path();
}

}  // namespace
}  // namespace genrekit::synth
