#pragma once
// Gradient-boosted trees through XGBoost's C API (every call checked; models saved as JSON), for
// multi-class problems with the multi:softprob objective.
#include <filesystem>
#include <memory>
#include <vector>

#include "genrekit/models/classifier.h"

namespace genrekit::models {

struct XgbParams {
  int max_depth = 6;
  int n_estimators = 100;
  double learning_rate = 0.3;     // XGBoost's default eta
  double colsample_bytree = 1.0;
  double subsample = 1.0;
  double colsample_bynode = 1.0;  // share of the tree's features tried at each split
  int parallel_trees = 1;         // trees per round and class: > 1 with one round is XGBoost's random forest
  ClassWeights class_weights;     // each row weighs its class's weight
  int threads = 1;
  unsigned seed = 42;
};

class XgbModel : public Classifier {
 public:
  static XgbModel train(const FeatureMatrix& X, const std::vector<int>& y, int n_classes, const XgbParams& params);
  // dir/xgboost.json, as `save` wrote it; DataError naming the file.
  static XgbModel load(const std::filesystem::path& dir, int n_classes);

  FeatureMatrix probabilities(const FeatureMatrix& X) const override;  // (rows, n_classes)
  void save(const std::filesystem::path& dir) const override;  // dir/xgboost.json, XGBoost's JSON format

 private:
  XgbModel(std::shared_ptr<void> booster, int n_classes) : booster_(std::move(booster)), n_classes_(n_classes) {}
  std::shared_ptr<void> booster_;  // BoosterHandle
  int n_classes_;
};

}  // namespace genrekit::models
