#pragma once
// The thesis' classical classifiers behind one interface: logistic regression, linear SVM, XGBoost,
// or the voting ensemble of the three: hard (majority; ties go to the lowest class index, as
// scikit-learn's VotingClassifier) or soft (mean of probabilities; the SVM's decision values become
// probabilities through a softmax, since LinearSVC has none of its own).
#include <filesystem>
#include <optional>
#include <string_view>
#include <vector>

#include "genrekit/models/dataset.h"
#include "genrekit/models/linear_model.h"
#include "genrekit/models/xgboost_model.h"

namespace genrekit::models {

enum class ModelType { LogisticRegression, LinearSvm, XGBoost, HardVote, SoftVote };
ModelType parse_model_type(std::string_view name);  // logistic_regression | linear_svm | xgboost | hard_vote | soft_vote
std::string_view to_string(ModelType type);

struct ClassicalParams {
  ModelType type = ModelType::HardVote;
  LinearParams logistic{.kind = LinearKind::LogisticRegression};
  LinearParams svm{.kind = LinearKind::LinearSvm};
  XgbParams xgboost;
  // The ensemble's two linear models (LIBLINEAR is single-threaded) train side by side when this
  // is 2 or more; XGBoost has its own xgboost.threads.
  unsigned threads = 1;
};

class ClassicalModel {
 public:
  static ClassicalModel train(const FeatureMatrix& X, const std::vector<int>& y, int n_classes, const ClassicalParams& params);
  // Reads the files `save` wrote into `dir`; DataError naming a missing or corrupt one.
  static ClassicalModel load(const std::filesystem::path& dir, ModelType type, int n_classes);
  void save(const std::filesystem::path& dir) const;  // logistic_regression.txt, linear_svm.txt, xgboost.json

  std::vector<int> predict(const FeatureMatrix& X) const;
  // (rows, n_classes): the model's probabilities; for the hard vote, the share of votes.
  FeatureMatrix probabilities(const FeatureMatrix& X) const;
  ModelType type() const { return type_; }

 private:
  ClassicalModel(ModelType type, int n_classes) : type_(type), n_classes_(n_classes) {}
  bool uses(ModelType member) const;
  ModelType type_;
  int n_classes_;
  std::optional<LinearModel> logistic_, svm_;
  std::optional<XgbModel> xgboost_;
};

}  // namespace genrekit::models
