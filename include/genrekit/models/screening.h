#pragma once
// The thesis' screening grid: every (feature set x classifier) cell fitted on the training split and
// scored on evaluate.split, as its Tables 4 and 6 (and FMA's baseline table) report them. A feature
// set and a classifier are each a config fragment (configs/ml/sets/*.yaml, configs/ml/models/*.yaml)
// merged over the run's config; their file names name the rows and columns. The labelled table is
// read once; each feature set is prepared once (MDA, standardiser, PCA); cells run side by side
// (run.threads) and each is committed (cells/<set>__<classifier>.json) as it ends, so --resume after
// a kill fits only the missing ones. screening.csv and screening.html gather the grid.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "genrekit/config/config.h"

namespace genrekit::models {

config::Section screening_section();
bool is_screening(const config::Config& config);  // screening.classifiers is not empty

struct ScreeningCell {
  std::string feature_set, classifier, kind;
  std::size_t dimensions = 0, train_rows = 0, test_rows = 0;
  double accuracy = 0, kappa = 0, f1_macro = 0;
  double fit_seconds = 0, score_seconds = 0;  // fitting on the training rows; predicting the scored ones
  std::optional<double> published;  // the published accuracy for this cell, in percent
  std::vector<std::string> notes;
  std::string error;                // why the cell could not be fitted ("" when it was)
};

struct ScreeningReport {
  std::vector<ScreeningCell> cells;  // grid order: feature sets, then classifiers
  std::size_t fitted_now = 0;        // cells fitted by this run (the rest came from an earlier one)
  std::size_t failed = 0;
};

// Runs (or, with cells already committed in run_dir, finishes) the grid; writes screening.csv and
// screening.html. ConfigError for a fragment that is missing or sets anything but model.* keys.
ScreeningReport run_screening(const config::Config& config, const std::filesystem::path& run_dir);

// screening.csv: feature_set, classifier, model, dimensions, accuracy, kappa, f1_macro,
// fit_seconds, score_seconds, published_accuracy (percent; empty where the source has none),
// train_rows, test_rows, error.
std::string screening_csv(const std::vector<ScreeningCell>& cells);
// A self-contained page: the grid as a table coloured by accuracy (a colour-blind-safe sequential
// scale), the published figure beside each of ours, and what produced it.
std::string screening_html(const std::vector<ScreeningCell>& cells, const std::string& title, const std::string& stamp);

}  // namespace genrekit::models
