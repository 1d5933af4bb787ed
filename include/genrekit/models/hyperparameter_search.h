#pragma once
// Randomized hyperparameter search, as the thesis tuned its ensemble: each kind the model fits (the
// vote's members, or the model itself) with search.<kind>.draws > 0 gets that many draws from its
// search.<kind>.* dimensions (declared in the kind's table entry); every draw is scored by
// stratified k-fold cross-validation on the training rows (kappa or accuracy, averaged over folds),
// and the best draw per kind wins (ties: the earlier draw). Draws and folds come from the seed
// alone; the (draw, fold) fits run in parallel, and the result does not depend on the thread count.
#include <cstdint>
#include <string>
#include <vector>

#include "genrekit/config/config.h"
#include "genrekit/models/model_kind.h"

namespace genrekit::models {

// search.folds, search.scoring, and every kind's search.<kind>.* keys.
config::Section search_section();

enum class SearchScoring { Kappa, Accuracy };

struct SearchSettings {
  int folds = 3;
  SearchScoring scoring = SearchScoring::Kappa;
  std::uint64_t seed = 42;
  unsigned threads = 1;
};

SearchSettings search_settings_from(const config::Config& config);
// True when any kind that model.type fits has search.<kind>.draws > 0.
bool wants_search(const config::Config& config);

struct SearchOutcome {
  std::string report_json;  // every draw's parameters and fold scores, and the winners
  std::string chosen_yaml;  // the winners as config keys (model.xgboost.max_depth: ...): merge it to fit them
};

// Searches the kinds that model.type fits. `ids` key the stratified folds. ConfigError naming a
// search.<kind>.* key whose range is empty or reversed.
SearchOutcome search_hyperparameters(const FeatureMatrix& X, const std::vector<int>& y, const std::vector<std::string>& ids,
                                     int n_classes, const config::Config& config, const FitContext& context,
                                     const SearchSettings& settings);

}  // namespace genrekit::models
