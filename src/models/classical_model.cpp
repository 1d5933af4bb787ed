#include "genrekit/models/classical_model.h"

#include <cmath>
#include <stdexcept>
#include <string>

#include "genrekit/error.h"
#include "genrekit/runtime/parallel.h"

namespace genrekit::models {

namespace {

constexpr ModelType kTypes[] = {ModelType::LogisticRegression, ModelType::LinearSvm, ModelType::XGBoost, ModelType::HardVote,
                                ModelType::SoftVote};

FeatureMatrix softmax_rows(FeatureMatrix scores) {
  for (Eigen::Index r = 0; r < scores.rows(); ++r) {
    const double top = scores.row(r).maxCoeff();
    scores.row(r) = (scores.row(r).array() - top).exp();
    scores.row(r) /= scores.row(r).sum();
  }
  return scores;
}

}  // namespace

std::string_view to_string(ModelType type) {
  switch (type) {
    case ModelType::LogisticRegression: return "logistic_regression";
    case ModelType::LinearSvm: return "linear_svm";
    case ModelType::XGBoost: return "xgboost";
    case ModelType::HardVote: return "hard_vote";
    case ModelType::SoftVote: return "soft_vote";
  }
  return "?";
}

ModelType parse_model_type(std::string_view name) {
  for (ModelType type : kTypes)
    if (name == to_string(type)) return type;
  throw ConfigError("model type '" + std::string(name) + "': expected logistic_regression, linear_svm, xgboost, hard_vote or soft_vote");
}

bool ClassicalModel::uses(ModelType member) const {
  return type_ == member || type_ == ModelType::HardVote || type_ == ModelType::SoftVote;
}

ClassicalModel ClassicalModel::train(const FeatureMatrix& X, const std::vector<int>& y, int n_classes, const ClassicalParams& p) {
  ClassicalModel m(p.type, n_classes);
  std::vector<std::pair<std::optional<LinearModel>*, const LinearParams*>> linear;
  if (m.uses(ModelType::LogisticRegression)) linear.emplace_back(&m.logistic_, &p.logistic);
  if (m.uses(ModelType::LinearSvm)) linear.emplace_back(&m.svm_, &p.svm);
  runtime::parallel_for(linear.size(), p.threads,
                        [&](std::size_t i) { *linear[i].first = LinearModel::train(X, y, n_classes, *linear[i].second); });
  if (m.uses(ModelType::XGBoost)) m.xgboost_ = XgbModel::train(X, y, n_classes, p.xgboost);
  return m;
}

ClassicalModel ClassicalModel::load(const std::filesystem::path& dir, ModelType type, int n_classes) {
  ClassicalModel m(type, n_classes);
  if (m.uses(ModelType::LogisticRegression)) m.logistic_ = LinearModel::load(dir / "logistic_regression.txt", n_classes);
  if (m.uses(ModelType::LinearSvm)) m.svm_ = LinearModel::load(dir / "linear_svm.txt", n_classes);
  if (m.uses(ModelType::XGBoost)) m.xgboost_ = XgbModel::load(dir / "xgboost.json", n_classes);
  return m;
}

void ClassicalModel::save(const std::filesystem::path& dir) const {
  std::filesystem::create_directories(dir);
  if (logistic_) logistic_->save(dir / "logistic_regression.txt");
  if (svm_) svm_->save(dir / "linear_svm.txt");
  if (xgboost_) xgboost_->save(dir / "xgboost.json");
}

FeatureMatrix ClassicalModel::probabilities(const FeatureMatrix& X) const {
  switch (type_) {
    case ModelType::LogisticRegression: return logistic_->scores(X);
    case ModelType::LinearSvm: return softmax_rows(svm_->scores(X));
    case ModelType::XGBoost: return xgboost_->scores(X);
    case ModelType::SoftVote:
      return (logistic_->scores(X) + softmax_rows(svm_->scores(X)) + xgboost_->scores(X)) / 3.0;
    case ModelType::HardVote: {
      FeatureMatrix votes = FeatureMatrix::Zero(X.rows(), n_classes_);
      for (const auto& predicted : {logistic_->predict(X), svm_->predict(X), xgboost_->predict(X)})
        for (Eigen::Index r = 0; r < X.rows(); ++r) votes(r, predicted[static_cast<std::size_t>(r)]) += 1.0 / 3;
      return votes;
    }
  }
  throw std::logic_error("unknown model type");
}

std::vector<int> ClassicalModel::predict(const FeatureMatrix& X) const { return argmax_rows(probabilities(X)); }

}  // namespace genrekit::models
