#include "genrekit/synth/corpus.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include <spdlog/spdlog.h>

#include "genrekit/error.h"
#include "genrekit/runtime/interrupt.h"
#include "genrekit/runtime/parallel.h"
#include "genrekit/runtime/progress.h"
#include "genrekit/synth/genre_style.h"
#include "genrekit/synth/random.h"
#include "genrekit/synth/track_renderer.h"

namespace genrekit::synth {

namespace fs = std::filesystem;

config::Section corpus_section() {
  using config::ValueType;
  std::vector<std::string> titles;
  for (const auto& style : genre_styles()) titles.push_back(style.title);
  return {"corpus",
          "The synthetic FMA-shaped corpus (demo data and test bed; not real music).",
          {
              {.path = "corpus.genres", .type = ValueType::StringList, .default_yaml = "[]", .choices = titles,
               .description = "Genre titles to generate; empty generates all 16."},
              {.path = "corpus.tracks_per_genre", .type = ValueType::Int, .default_yaml = "20", .min = 3, .max = 100000,
               .description = "Tracks per genre (the mean when imbalanced)."},
              {.path = "corpus.imbalance", .type = ValueType::Choice, .default_yaml = "none", .choices = {"none", "fma"},
               .description = "Class sizes: balanced, or in FMA's proportions (Experimental ~21 %, Easy Listening ~0.4 %; "
                              "at least 3 per genre)."},
              {.path = "corpus.clip_seconds", .type = ValueType::Float, .default_yaml = "10", .min = 0.5, .max = 600,
               .description = "Length of every clip in seconds (FMA's clips are 30 s)."},
              {.path = "corpus.sample_rate", .type = ValueType::Int, .default_yaml = "22050", .min = 8000, .max = 48000,
               .description = "Sample rate of the MP3s (FMA's are mostly 44100)."},
              {.path = "corpus.channels", .type = ValueType::Int, .default_yaml = "1", .min = 1, .max = 2,
               .description = "1 mono, 2 stereo (FMA's are mostly stereo)."},
              {.path = "corpus.borrow", .type = ValueType::Float, .default_yaml = "0.3", .min = 0, .max = 1,
               .description = "Probability that each trait group (tempo, groove, harmony, band, texture) of a track "
                              "comes from a neighbouring genre: higher means more overlap, a harder task."},
              {.path = "corpus.multi_root", .type = ValueType::Float, .default_yaml = "0.08", .min = 0, .max = 1,
               .description = "Share of tracks tagged with genres of two roots, which FMA leaves without genre_top."},
          }};
}

CorpusSpec corpus_spec_from(const config::Config& config) {
  CorpusSpec spec;
  spec.genres = config.get_strings("corpus.genres");
  spec.tracks_per_genre = static_cast<int>(config.get_int("corpus.tracks_per_genre"));
  spec.fma_imbalance = config.get_string("corpus.imbalance") == "fma";
  spec.clip_seconds = config.get_float("corpus.clip_seconds");
  spec.sample_rate = static_cast<int>(config.get_int("corpus.sample_rate"));
  spec.channels = static_cast<int>(config.get_int("corpus.channels"));
  spec.borrow = config.get_float("corpus.borrow");
  spec.multi_root = config.get_float("corpus.multi_root");
  spec.seed = static_cast<std::uint64_t>(config.get_int("run.seed"));
  return spec;
}

namespace {

// Relative class sizes: the #tracks of FMA's root genres in its genres.csv (approximate).
double fma_weight(const std::string& title) {
  static const std::map<std::string, double> kWeights{
      {"Experimental", 38154}, {"Electronic", 34413}, {"Rock", 32923}, {"Instrumental", 14938}, {"Pop", 13845},
      {"Folk", 12706}, {"Hip-Hop", 8389}, {"International", 5271}, {"Jazz", 4126}, {"Classical", 4106},
      {"Country", 1987}, {"Spoken", 1876}, {"Blues", 1752}, {"Soul-RnB", 1499}, {"Old-Time / Historic", 868},
      {"Easy Listening", 730}};
  return kWeights.at(title);
}

// Some of FMA's sub-genres (id, parent, title), so that genres / genres_all look like FMA's.
struct SubGenre {
  int id, parent;
  const char* title;
};
constexpr SubGenre kSubGenres[] = {
    {1, 38, "Avant-Garde"}, {6, 38, "Novelty"}, {7, 20, "Comedy"}, {11, 14, "Disco"}, {16, 6, "Sound Effects"},
    {18, 1235, "Soundtrack"}, {19, 14, "Funk"}, {22, 38, "Audio Collage"}, {25, 12, "Punk"}, {26, 12, "Post-Rock"},
    {27, 12, "Lo-Fi"}, {30, 38, "Field Recordings"}, {31, 12, "Metal"}, {32, 38, "Noise"}, {33, 17, "Psych-Folk"},
    {36, 12, "Krautrock"}, {37, 4, "Jazz: Vocal"}, {41, 38, "Electroacoustic"}, {42, 15, "Ambient Electronic"}};

std::vector<const GenreStyle*> chosen_styles(const CorpusSpec& spec) {
  std::vector<const GenreStyle*> styles;
  for (const auto& style : genre_styles())
    if (spec.genres.empty() || std::find(spec.genres.begin(), spec.genres.end(), style.title) != spec.genres.end())
      styles.push_back(&style);
  if (styles.size() < 2) throw ConfigError("corpus.genres: at least two genres are needed");
  return styles;
}

data::GenreTable genre_table(const std::vector<const GenreStyle*>& styles) {
  std::vector<data::Genre> genres;
  std::set<int> roots;
  for (const auto* style : styles) {
    genres.push_back({style->genre_id, 0, 0, style->title, style->genre_id});
    roots.insert(style->genre_id);
  }
  // A sub-genre is kept when its root is; its top_level is found through its parent chain.
  std::map<int, int> top;
  for (int root : roots) top[root] = root;
  for (int pass = 0; pass < 2; ++pass)
    for (const auto& sub : kSubGenres)
      if (top.contains(sub.parent) && !top.contains(sub.id)) {
        top[sub.id] = top[sub.parent];
        genres.push_back({sub.id, 0, sub.parent, sub.title, top[sub.parent]});
      }
  std::sort(genres.begin(), genres.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  return data::GenreTable(genres);
}

std::vector<int> ancestors_and_self(const data::GenreTable& table, int id) {
  std::vector<int> chain;
  for (const data::Genre* g = table.find(id); g; g = g->parent ? table.find(g->parent) : nullptr) chain.push_back(g->id);
  return chain;
}

std::string title_for(int n) {
  // Some titles carry what FMA's do: commas, quotes, line breaks, non-ASCII.
  if (n % 13 == 0) return "Caf\xC3\xA9 \xC3\xBC" "ber alles, no. " + std::to_string(n);
  if (n % 11 == 0) return "Two lines\nof title " + std::to_string(n);
  if (n % 7 == 0) return "Song " + std::to_string(n) + ", \"Live\"";
  return "Track " + std::to_string(n);
}

}  // namespace

CorpusPlan plan_corpus(const CorpusSpec& spec) {
  const auto styles = chosen_styles(spec);
  CorpusPlan plan;
  plan.genres = genre_table(styles);
  Random random(spec.seed, 0);

  std::vector<int> counts;
  double total_weight = 0;
  for (const auto* style : styles) total_weight += fma_weight(style->title);
  for (const auto* style : styles) {
    const double share = spec.fma_imbalance ? fma_weight(style->title) / total_weight
                                            : 1.0 / static_cast<double>(styles.size());
    counts.push_back(std::max(3, static_cast<int>(std::lround(share * spec.tracks_per_genre * static_cast<double>(styles.size())))));
  }

  std::int64_t next_id = 2, next_artist = 1;
  for (std::size_t g = 0; g < styles.size(); ++g) {
    const GenreStyle& style = *styles[g];
    const int n = counts[g];
    // Artists of this genre; each is in one split and one subset (FMA's splits are artist-filtered).
    const int artist_count = std::max(3, n / 4);
    std::vector<std::int64_t> artists;
    for (int a = 0; a < artist_count; ++a) artists.push_back(next_artist++);
    std::vector<int> per_artist(static_cast<std::size_t>(artist_count), 0);
    for (int t = 0; t < n; ++t) ++per_artist[static_cast<std::size_t>(t % artist_count)];
    std::vector<std::size_t> order(static_cast<std::size_t>(artist_count));
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::shuffle(order.begin(), order.end(), random.engine());
    std::map<std::size_t, data::Split> split_of;
    int test = 0, validation = 0;
    for (std::size_t i : order) {
      if (test == 0 || test < n / 10) {
        split_of[i] = data::Split::Test;
        test += per_artist[i];
      } else if (validation == 0 || validation < n / 10) {
        split_of[i] = data::Split::Validation;
        validation += per_artist[i];
      } else {
        split_of[i] = data::Split::Training;
      }
    }
    std::vector<data::Subset> subset_of;
    for (int a = 0; a < artist_count; ++a) {
      const double u = random.uniform();
      subset_of.push_back(u < 0.3 ? data::Subset::Small : u < 0.6 ? data::Subset::Medium : data::Subset::Large);
    }
    std::vector<int> subgenres;
    for (const auto& genre : plan.genres.genres())
      if (genre.top_level == style.genre_id && genre.id != style.genre_id) subgenres.push_back(genre.id);

    for (int t = 0; t < n; ++t) {
      const auto a = static_cast<std::size_t>(t % artist_count);
      data::Track track;
      track.id = next_id;
      next_id += random.integer(1, 4);
      track.artist_id = artists[a];
      track.artist_name = (artists[a] % 5 == 0 ? "Synthetic Artist " + std::to_string(artists[a]) + ", the Band"
                                               : "Synthetic Artist " + std::to_string(artists[a]));
      track.split = split_of[a];
      track.subset = subset_of[a];
      track.title = title_for(static_cast<int>(track.id));
      track.duration = std::round(spec.clip_seconds);
      const int own = !subgenres.empty() && random.chance(0.4) ? subgenres[random.index(subgenres.size())] : style.genre_id;
      track.genres = {own};
      track.genre_top = style.title;
      if (random.chance(spec.multi_root)) {
        // Tagged with a second root too: FMA leaves genre_top empty. With a sub-genre of its own root as
        // well, the most frequent root is still the true one; otherwise it is a tie.
        const GenreStyle* other = styles[random.index(styles.size())];
        while (other == &style) other = styles[random.index(styles.size())];
        if (own != style.genre_id) track.genres.push_back(style.genre_id);
        track.genres.push_back(other->genre_id);
        track.genre_top.clear();
      }
      std::set<int> all;
      for (int id : track.genres)
        for (int ancestor : ancestors_and_self(plan.genres, id)) all.insert(ancestor);
      track.genres_all.assign(all.begin(), all.end());
      plan.tracks.push_back(std::move(track));
      plan.true_genre.push_back(style.title);
    }
  }
  // #tracks counts the tracks carrying a genre in genres_all, as FMA's does.
  std::map<int, std::int64_t> carried;
  for (const auto& track : plan.tracks)
    for (int id : track.genres_all) ++carried[id];
  auto genres = plan.genres.genres();
  for (auto& genre : genres) genre.track_count = carried[genre.id];
  plan.genres = data::GenreTable(genres);
  return plan;
}

audio::AudioBuffer render_corpus_track(const CorpusSpec& spec, std::int64_t track_id, const std::string& genre) {
  Random random(spec.seed, static_cast<std::uint64_t>(track_id));
  const TrackRecipe recipe = draw_recipe(style_of(genre), spec.borrow, random);
  return render_track(recipe, spec.sample_rate, spec.clip_seconds, spec.channels, random);
}

void write_corpus(const CorpusSpec& spec, const fs::path& root, unsigned threads) {
  const CorpusPlan plan = plan_corpus(spec);
  const fs::path metadata = root / "fma_metadata";
  const fs::path audio_root = root / "fma_large";
  fs::create_directories(metadata);
  data::write_genres_csv(metadata / "genres.csv", plan.genres);
  data::write_tracks_csv(metadata / "tracks.csv", plan.tracks);

  std::vector<std::size_t> todo;
  for (std::size_t i = 0; i < plan.tracks.size(); ++i)
    if (!fs::exists(data::fma_audio_path(audio_root, plan.tracks[i].id))) todo.push_back(i);
  spdlog::info("corpus: {} genres, {} tracks of {:.3g} s at {} Hz, {} channel(s); {} to render", plan.genres.top_level().size(),
               plan.tracks.size(), spec.clip_seconds, spec.sample_rate, spec.channels, todo.size());

  runtime::Progress progress("render", plan.tracks.size(), plan.tracks.size() - todo.size());
  runtime::parallel_for(todo.size(), threads, [&](std::size_t k) {
    runtime::throw_if_interrupted();
    const data::Track& track = plan.tracks[todo[k]];
    const fs::path target = data::fma_audio_path(audio_root, track.id);
    fs::create_directories(target.parent_path());
    const fs::path partial = target.parent_path() / (target.stem().string() + ".partial.mp3");
    audio::write_audio(partial, render_corpus_track(spec, track.id, plan.true_genre[todo[k]]));
    fs::rename(partial, target);
    progress.advance();
  });
}

}  // namespace genrekit::synth
