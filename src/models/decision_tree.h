#pragma once
// CART classification trees as scikit-learn grows them (DepthFirstTreeBuilder with the best
// splitter, gini impurity): a node splits unless it is pure, at max_depth, or too small for
// min_samples_split / min_samples_leaf; at each split up to max_features features are drawn without
// replacement (features constant in the node count as drawn, but the draw goes on until one that
// is not constant is found), the node's values are sorted and every gap wider than 1e-7 is tried,
// the threshold is the gap's midpoint, and the first best split found wins. Leaves hold the class
// shares of the (weighted) training rows that reach them.
#include <cstdint>
#include <vector>

#include "genrekit/models/dataset.h"

namespace genrekit::models {

// scikit-learn's trees read X as float32 (its DTYPE), when fitting and when predicting; so do these.
inline double tree_value(double x) { return static_cast<double>(static_cast<float>(x)); }

struct TreeParams {
  int max_depth = 0;          // 0: unlimited
  int max_features = 0;       // features tried per split (>= 1)
  int min_samples_split = 2;
  int min_samples_leaf = 1;
};

struct DecisionTree {
  // Per node: the feature (-1 for a leaf), its threshold (rows with value <= threshold go left) and
  // its children; leaves' class shares are rows of `leaf_shares` (leaf_row: which row, -1 inside).
  std::vector<int> feature, left, right, leaf_row;
  std::vector<double> threshold;
  FeatureMatrix leaf_shares;

  // The class shares of the leaf `row` reaches.
  Eigen::Ref<const Eigen::RowVectorXd> shares(const double* row) const;
};

// Grows one tree on the rows with a positive weight; `seed` drives the feature draws.
DecisionTree grow_tree(const FeatureMatrix& X, const std::vector<int>& y, const std::vector<double>& weight, int n_classes,
                       const TreeParams& params, std::uint64_t seed);

}  // namespace genrekit::models
