#pragma once
// `train` and `evaluate` for the classical models: the `model`, `table` and `evaluate` config
// sections and the labelled set they read (FMA's or genrekit's features.csv joined with tracks.csv,
// or a plain feature table).
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "genrekit/config/config.h"
#include "genrekit/data/fma_tracks.h"
#include "genrekit/eval/metrics.h"
#include "genrekit/eval/scored_tracks.h"
#include "genrekit/models/dataset.h"
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

bool is_plain_table(const config::Config& config);  // table.format: plain
// model.features_csv, or FMA's own data.metadata_dir/features.csv when it is empty (fma tables).
std::filesystem::path features_csv_from(const config::Config& config);

// The tracks the `data` section selects, labelled, with the features of model.features_csv; or,
// with table.format plain, the labelled rows of that table.
LabelledSet load_labelled_set(const config::Config& config);

// The rows of `set` in any of `splits`, in order.
std::vector<std::size_t> rows_in(const LabelledSet& set, const std::vector<data::Split>& splits);
std::vector<data::Split> train_splits_from(const config::Config& config);  // model.train_splits

// Class weights (model.class_weight), seed and threads (run.*) for a fit of model.type; ConfigError
// when class weights are asked of a kind that takes none.
FitContext fit_context_from(const config::Config& config, const std::vector<std::string>& classes);

// A labelled set made ready to fit as model.* says: the MDA selection (its ranking written to
// mda_dir/mda.csv), then a standardiser and PCA fitted on the training rows (model.train_splits).
struct PreparedSet {
  LabelledSet set;  // its columns after MDA
  Standardizer standardizer;
  std::optional<Pca> pca;
  FeatureMatrix X;  // every row of `set`, standardised (and projected)
  std::vector<std::size_t> train_rows;
};
PreparedSet prepare_set(LabelledSet set, const config::Config& config, const std::filesystem::path& mda_dir);

// model.type fitted on the prepared training rows; with search.* draws, the search runs first and
// writes search.json and search_chosen.yaml into search_dir.
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
eval::ScoredTracks score_classical(const config::Config& config, const std::filesystem::path& model_dir, data::Split split);

}  // namespace genrekit::models
