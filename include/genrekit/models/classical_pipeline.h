#pragma once
// `train` and `evaluate` for the classical models: the `model`, `table` and `evaluate` config
// sections and the labelled set they read (FMA's or genrekit's features.csv joined with tracks.csv,
// or a plain feature table).
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "genrekit/config/config.h"
#include "genrekit/data/fma_tracks.h"
#include "genrekit/data/plain_table.h"
#include "genrekit/data/track_selection.h"
#include "genrekit/eval/metrics.h"
#include "genrekit/eval/scored_tracks.h"
#include "genrekit/models/dataset.h"
#include "genrekit/models/file_labels.h"
#include "genrekit/models/classifier.h"
#include "genrekit/models/model_bundle.h"
#include "genrekit/models/pca.h"

namespace genrekit::models {

config::Section model_section();
config::Section table_section();
// The sections a run's config holds: data, model, table, search, evaluate, and for networks
// features (features.logmel.*: the spectrogram settings) and network (train, evaluate and predict
// read the same run configuration; evaluate.split is the split evaluate scores unless told otherwise).
std::vector<config::Section> training_sections();
config::Section evaluate_section();

// Where a classical run's labelled set comes from: FMA's or genrekit's features.csv joined with
// tracks.csv (the data section) or with the labels of users' own audio (data.labels_csv,
// data.class_folders), or a plain feature table (table.format: plain).
struct TableSource {
  std::filesystem::path features_csv;      // model.features_csv, or data.metadata_dir/features.csv
  bool plain = false;
  std::optional<FileLabelSettings> file_labels;  // extract's features.csv joined with these labels
  data::PlainTableLayout layout;           // table.id_column, label_column, split_column
  std::filesystem::path extraction_run;    // plain: table.extraction_run, the extract run its columns came from
  RandomSplit random_split;                // plain tables without a split column
  std::filesystem::path metadata_dir;      // FMA tables: tracks.csv and genres.csv (data.metadata_dir)
  data::TrackFilter filter;                // FMA tables: data.*
  std::vector<std::string> feature_groups;  // model.feature_groups
  unsigned threads = 1;                     // run.threads: features.csv is parsed on them
};

// How a labelled set is made ready to fit (model.train_splits, model.mda.*, model.pca_*).
struct Preparation {
  std::vector<data::Split> train_splits;
  int mda_top_k = 0, mda_trees = 0, mda_max_depth = 0, mda_repeats = 0;
  int pca_components = 0;
  bool pca_whiten = false;
  std::uint64_t seed = 0;
  unsigned threads = 1;
};

// Everything the classical pipeline reads from a run's configuration but the model kinds'
// hyperparameters (each kind's settings factory reads its own keys), read once at the edge.
struct ClassicalSettings {
  std::string type;  // model.type
  TableSource source;
  Preparation preparation;
  std::string class_weight = "none";       // none | balanced | custom
  std::vector<std::string> class_weights;  // custom: "Class=weight", checked against the classes at fit time
};
// ConfigError for what the schema cannot check alone (class weights for a kind that takes none,
// fractions summing to 1 or more, a missing table or folder).
ClassicalSettings classical_settings_from(const config::Config& config);

// The tracks the source selects, labelled, with its features; or the labelled rows of a plain table.
LabelledSet load_labelled_set(const TableSource& source);

// The rows of `set` in any of `splits`, in order.
std::vector<std::size_t> rows_in(const LabelledSet& set, const std::vector<data::Split>& splits);

// Class weights, seed and threads for a fit.
FitContext fit_context_of(const ClassicalSettings& settings, const std::vector<std::string>& classes);

// A labelled set made ready to fit as model.* says: the MDA selection (its ranking written to
// mda_dir/mda.csv), then a standardiser and PCA fitted on the training rows (model.train_splits).
struct PreparedSet {
  LabelledSet set;  // its columns after MDA
  Standardizer standardizer;
  std::optional<Pca> pca;
  FeatureMatrix X;  // every row of `set`, standardised (and projected)
  std::vector<std::size_t> train_rows;
};
PreparedSet prepare_set(LabelledSet set, const Preparation& preparation, const std::filesystem::path& mda_dir);

// model.type fitted on the prepared training rows; with search.* draws, the search runs first and
// writes search.json and search_chosen.yaml into search_dir. `config` is what the model kinds'
// settings factories and the search read (model.NAME.*, search.*).
std::shared_ptr<const Classifier> fit_model(const PreparedSet& prepared, const config::Config& config, const FitContext& context,
                                            const std::filesystem::path& search_dir);

struct TrainReport {
  std::size_t train_rows = 0;
  std::size_t missing_features = 0;
  eval::Metrics training;
  std::optional<eval::Metrics> validation;  // when the selection has validation rows outside training
  std::vector<std::string> notes;           // the fit's (non-convergence, collinear classes...)
};

// Fits standardiser and model on the rows of model.train_splits and writes the bundle to run_dir/model.
TrainReport train_classical(const config::Config& config, const std::filesystem::path& run_dir);

// The bundle in `model_dir` applied to the rows of `split`: each track's prediction and
// probabilities (and a hard vote's shares). DataError when the split is empty, when the features
// file lacks the model's columns, or when a track's genre is not one of the model's classes.
eval::ScoredTracks score_classical(const ClassicalSettings& settings, const std::filesystem::path& model_dir, data::Split split);

}  // namespace genrekit::models
