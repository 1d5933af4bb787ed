#pragma once
// The synthetic FMA-shaped corpus: fma_metadata/tracks.csv and genres.csv in FMA's format and
// MP3s in fma_large/NNN/NNNNNN.mp3. It is the demo data and the test bed of the pipeline, because
// real FMA audio cannot be shipped. It is NOT music from FMA: it is synthesised, deterministic for
// a seed, and only as hard as its styles make it.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "genrekit/audio/audio_file.h"
#include "genrekit/config/config.h"
#include "genrekit/data/fma_genres.h"
#include "genrekit/data/fma_tracks.h"

namespace genrekit::synth {

struct CorpusSpec {
  std::vector<std::string> genres;  // genre titles; all 16 when empty
  int tracks_per_genre = 20;        // mean count per genre (exact when balanced)
  bool fma_imbalance = false;       // class sizes in FMA's proportions instead of balanced
  double clip_seconds = 10;
  int sample_rate = 22050;
  int channels = 1;
  double borrow = 0.3;              // probability that a trait group comes from a neighbouring genre
  double multi_root = 0.08;         // share of tracks whose genres span two roots (no genre_top)
  std::uint64_t seed = 42;
};

config::Section corpus_section();
CorpusSpec corpus_spec_from(const config::Config& config);

struct CorpusPlan {
  data::GenreTable genres;
  std::vector<data::Track> tracks;
  std::vector<std::string> true_genre;  // the style each track was rendered from, even without genre_top
};

// The metadata: genres, artists, artist-filtered 80/10/10 splits, nested subsets, ids.
CorpusPlan plan_corpus(const CorpusSpec& spec);

// One track's audio, deterministic for (spec.seed, track id), whatever the thread or order.
audio::AudioBuffer render_corpus_track(const CorpusSpec& spec, std::int64_t track_id, const std::string& genre);

// Writes root/fma_metadata/{tracks,genres}.csv and root/fma_large/NNN/NNNNNN.mp3 on `threads`
// threads with progress. Audio files already present are kept, so an interrupted run resumes;
// each file appears complete or not at all (written beside, then renamed).
void write_corpus(const CorpusSpec& spec, const std::filesystem::path& root, unsigned threads);

}  // namespace genrekit::synth
