#pragma once
// Randomized hyperparameter search, as the thesis tuned its ensemble: each member model gets its
// own draws from declared ranges, every draw is scored by stratified k-fold cross-validation on
// the training rows (kappa or accuracy, averaged over folds), and the best draw per member wins
// (ties: the earlier draw). Draws and folds come from the seed alone; the (draw, fold) fits run in
// parallel, and the result does not depend on the thread count.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "genrekit/config/config.h"
#include "genrekit/models/classical_model.h"

namespace genrekit::models {

config::Section search_section();

struct SearchSpace {
  std::vector<int> max_depth{6, 12, 24, 48};
  std::vector<int> n_estimators{50, 100, 200};
  std::array<double, 2> learning_rate{1e-4, 0.1};  // log-uniform
  std::vector<double> colsample_bytree{0.3, 0.5};
  std::array<double, 2> C{1e-3, 1e3};              // log-uniform, logistic regression and linear SVM
};

enum class SearchScoring { Kappa, Accuracy };

struct SearchSettings {
  int xgboost_draws = 0;  // 0: XGBoost keeps the given parameters
  int linear_draws = 0;   // 0: the linear models keep theirs
  int folds = 3;
  SearchScoring scoring = SearchScoring::Kappa;
  std::uint64_t seed = 42;
  unsigned threads = 1;
};

SearchSpace search_space_from(const config::Config& config);      // ConfigError naming a bad range
SearchSettings search_settings_from(const config::Config& config);

struct SearchOutcome {
  ClassicalParams chosen;    // `base` with the winners' values
  std::string report_json;   // every draw's parameters and fold scores, and the winners
  std::string chosen_yaml;   // the winners as config keys (model.xgboost.max_depth: ...), ready for -c
};

// Searches the members that `base.type` uses. `ids` key the stratified folds.
SearchOutcome search_hyperparameters(const FeatureMatrix& X, const std::vector<int>& y, const std::vector<std::string>& ids,
                                     int n_classes, const ClassicalParams& base, const SearchSpace& space,
                                     const SearchSettings& settings);

}  // namespace genrekit::models
