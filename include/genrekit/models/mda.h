#pragma once
// MDA (mean decrease in accuracy): permutation importance of a random forest, the thesis' feature
// selection. The forest is XGBoost's random-forest mode (one round of `trees` parallel trees, rows
// subsampled to 63.2 % as a bootstrap keeps, sqrt(features) tried per split as scikit-learn's
// RandomForestClassifier); importance is the validation accuracy lost when one column's values are
// shuffled, averaged over `repeats` seeded shuffles.
#include <cstdint>
#include <vector>

#include "genrekit/models/dataset.h"

namespace genrekit::models {

struct MdaParams {
  int trees = 100;
  int max_depth = 30;
  int repeats = 5;
  int threads = 1;
  std::uint64_t seed = 42;
};

struct FeatureImportance {
  std::size_t column = 0;
  double importance = 0;  // mean accuracy drop
  double spread = 0;      // its standard deviation over the repeats
};

// One entry per column of the matrices, most important first (ties: lower column first).
std::vector<FeatureImportance> permutation_importance(const FeatureMatrix& train_x, const std::vector<int>& train_y,
                                                      const FeatureMatrix& valid_x, const std::vector<int>& valid_y,
                                                      int n_classes, const MdaParams& params);

}  // namespace genrekit::models
