#pragma once
// `train` and `evaluate` for the classical models: the `model` and `evaluate` config sections, the
// labelled set they read (FMA's or genrekit's features.csv joined with tracks.csv), and the model
// bundle a run directory holds: model/model.json (type, classes, feature columns, standardiser)
// beside the member models' own files.
#include <filesystem>
#include <optional>
#include <vector>

#include "genrekit/audio/decoder.h"
#include "genrekit/config/config.h"
#include "genrekit/data/fma_tracks.h"
#include "genrekit/eval/metrics.h"
#include "genrekit/features/fma_features.h"
#include "genrekit/models/classical_model.h"
#include "genrekit/models/dataset.h"
#include "genrekit/models/pca.h"

namespace genrekit::models {

config::Section model_section();
config::Section evaluate_section();

// How the model's features were extracted, so that predict computes them the same way.
struct ExtractionProfile {
  features::FmaProfile profile = features::FmaProfile::Fma;
  audio::Decoder decoder = audio::Decoder::FfmpegS16;
};

// The profile of a features.csv: from the config.yaml of the extract run that wrote it (beside it);
// without one, FMA's own file is assumed (profile fma, FFmpeg decoding).
ExtractionProfile profile_of_features(const std::filesystem::path& features_csv);

// Raw feature rows to what a model reads: standardised, then projected when there is a PCA.
FeatureMatrix prepare_features(const Standardizer& standardizer, const std::optional<Pca>& pca, const FeatureMatrix& raw);

struct ModelBundle {
  ModelType type;
  std::vector<std::string> classes;
  std::vector<data::FeatureColumn> columns;
  Standardizer standardizer;
  std::optional<Pca> pca;  // model.pca_components > 0
  ClassicalModel model;
  ExtractionProfile extraction;

  // prepare_features with the bundle's own transforms; `raw` holds the bundle's columns, in order.
  FeatureMatrix prepare(const FeatureMatrix& raw) const { return prepare_features(standardizer, pca, raw); }
};

void save_bundle(const std::filesystem::path& dir, const ModelBundle& bundle);
ModelBundle load_bundle(const std::filesystem::path& dir);  // DataError naming a missing or corrupt file

// The tracks the `data` section selects, labelled, with the features of model.features_csv.
LabelledSet load_labelled_set(const config::Config& config);

struct TrainReport {
  std::size_t train_rows = 0;
  std::size_t missing_features = 0;
  eval::Metrics training;
  std::optional<eval::Metrics> validation;  // when the selection has validation rows outside training
};

// Fits standardiser and model on the rows of model.train_splits and writes the bundle to run_dir/model.
TrainReport train_classical(const config::Config& config, const std::filesystem::path& run_dir);

// The bundle in `model_dir` applied to the rows of `split` (DataError when it is empty, when the
// features file lacks the model's columns, or when a track's genre is not one of the model's classes).
eval::Metrics evaluate_classical(const config::Config& config, const std::filesystem::path& model_dir, data::Split split);

}  // namespace genrekit::models
