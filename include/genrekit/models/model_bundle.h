#pragma once
// The model bundle a run directory holds: model/model.json (type, classes, feature columns,
// standardiser, PCA, extraction profile, and what the fit noted: non-convergence, collinear
// classes) beside the member models' own files.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "genrekit/audio/decoder.h"
#include "genrekit/data/feature_table.h"
#include "genrekit/features/fma_features.h"
#include "genrekit/models/classifier.h"
#include "genrekit/models/dataset.h"
#include "genrekit/models/pca.h"

namespace genrekit::models {

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
  std::string type;  // the model kind's name (model_kind.h)
  std::vector<std::string> classes;
  std::vector<data::FeatureColumn> columns;
  Standardizer standardizer;
  std::optional<Pca> pca;  // model.pca_components > 0
  std::shared_ptr<const Classifier> model;
  std::optional<ExtractionProfile> extraction;  // none for a plain feature table: predict cannot compute it

  // prepare_features with the bundle's own transforms; `raw` holds the bundle's columns, in order.
  FeatureMatrix prepare(const FeatureMatrix& raw) const { return prepare_features(standardizer, pca, raw); }
};

void save_bundle(const std::filesystem::path& dir, const ModelBundle& bundle);
// DataError naming a missing or corrupt file; the model scores on `threads` threads.
ModelBundle load_bundle(const std::filesystem::path& dir, unsigned threads = 1);
// What the fit noted (model.json's fit_notes), without loading the model.
std::vector<std::string> read_fit_notes(const std::filesystem::path& dir);

}  // namespace genrekit::models
