#include "genrekit/models/xgboost_model.h"

#include <cmath>
#include <stdexcept>
#include <string>

#include <xgboost/c_api.h>

#include "genrekit/config/number_text.h"
#include "genrekit/error.h"

namespace genrekit::models {

namespace {

// XGBoost's C API returns 0 or -1; XGBGetLastError() says why (the safe_xgboost pattern).
void check(int status, const char* call) {
  if (status != 0) throw DataError(std::string("XGBoost ") + call + ": " + XGBGetLastError());
}
#define GENREKIT_XGB(call) check((call), #call)

std::shared_ptr<void> dmatrix(const FeatureMatrix& X) {
  std::vector<float> values(static_cast<std::size_t>(X.size()));
  for (Eigen::Index r = 0; r < X.rows(); ++r)
    for (Eigen::Index c = 0; c < X.cols(); ++c) values[static_cast<std::size_t>(r * X.cols() + c)] = static_cast<float>(X(r, c));
  DMatrixHandle handle = nullptr;
  GENREKIT_XGB(XGDMatrixCreateFromMat(values.data(), static_cast<bst_ulong>(X.rows()), static_cast<bst_ulong>(X.cols()),
                                      std::nanf(""), &handle));
  return {handle, [](void* h) { XGDMatrixFree(h); }};
}

std::shared_ptr<void> own_booster(BoosterHandle handle) { return {handle, [](void* h) { XGBoosterFree(h); }}; }

}  // namespace

XgbModel XgbModel::train(const FeatureMatrix& X, const std::vector<int>& y, int n_classes, const XgbParams& p) {
  if (static_cast<std::size_t>(X.rows()) != y.size() || y.empty())
    throw std::invalid_argument("xgboost: " + std::to_string(X.rows()) + " rows but " + std::to_string(y.size()) + " labels");
  const auto share = [](double v) { return v > 0 && v <= 1; };
  if (p.max_depth < 1 || p.n_estimators < 1 || p.parallel_trees < 1 || !(p.learning_rate > 0) || !share(p.colsample_bytree) ||
      !share(p.colsample_bynode) || !share(p.subsample))
    throw std::invalid_argument("xgboost: need max_depth, n_estimators and parallel_trees >= 1, learning_rate > 0, "
                                "colsample_bytree, colsample_bynode and subsample in (0, 1]");
  const auto data = dmatrix(X);
  std::vector<float> labels(y.begin(), y.end());
  GENREKIT_XGB(XGDMatrixSetFloatInfo(data.get(), "label", labels.data(), static_cast<bst_ulong>(labels.size())));
  if (const auto class_weight = p.class_weights.resolve(y, n_classes); !class_weight.empty()) {
    std::vector<float> weights;
    for (int c : y) weights.push_back(static_cast<float>(class_weight[static_cast<std::size_t>(c)]));
    GENREKIT_XGB(XGDMatrixSetFloatInfo(data.get(), "weight", weights.data(), static_cast<bst_ulong>(weights.size())));
  }
  DMatrixHandle handles[] = {data.get()};
  BoosterHandle raw = nullptr;
  GENREKIT_XGB(XGBoosterCreate(handles, 1, &raw));
  auto booster = own_booster(raw);
  const std::pair<const char*, std::string> settings[] = {
      {"objective", "multi:softprob"},
      {"num_class", std::to_string(n_classes)},
      {"max_depth", std::to_string(p.max_depth)},
      {"eta", config::round_trip_text(p.learning_rate)},
      {"colsample_bytree", config::round_trip_text(p.colsample_bytree)},
      {"subsample", config::round_trip_text(p.subsample)},
      {"colsample_bynode", config::round_trip_text(p.colsample_bynode)},
      {"num_parallel_tree", std::to_string(p.parallel_trees)},
      {"tree_method", "hist"},
      {"nthread", std::to_string(std::max(1, p.threads))},
      {"seed", std::to_string(p.seed)},
      {"eval_metric", "mlogloss"},
      {"verbosity", "0"},
  };
  for (const auto& [key, value] : settings) GENREKIT_XGB(XGBoosterSetParam(booster.get(), key, value.c_str()));
  for (int round = 0; round < p.n_estimators; ++round) GENREKIT_XGB(XGBoosterUpdateOneIter(booster.get(), round, data.get()));
  return XgbModel(booster, n_classes);
}

XgbModel XgbModel::load(const std::filesystem::path& dir, int n_classes) {
  const auto file = dir / "xgboost.json";
  BoosterHandle raw = nullptr;
  GENREKIT_XGB(XGBoosterCreate(nullptr, 0, &raw));
  auto booster = own_booster(raw);
  if (XGBoosterLoadModel(booster.get(), file.c_str()) != 0)
    throw DataError(file.string() + ": not an XGBoost model: " + XGBGetLastError());
  return XgbModel(booster, n_classes);
}

void XgbModel::save(const std::filesystem::path& dir) const {
  std::filesystem::create_directories(dir);
  const auto file = dir / "xgboost.json";
  if (XGBoosterSaveModel(booster_.get(), file.c_str()) != 0)
    throw DataError(file.string() + ": cannot write the model: " + XGBGetLastError());
}

FeatureMatrix XgbModel::probabilities(const FeatureMatrix& X) const {
  const auto data = dmatrix(X);
  bst_ulong length = 0;
  const float* result = nullptr;
  GENREKIT_XGB(XGBoosterPredict(booster_.get(), data.get(), 0, 0, 0, &length, &result));
  if (length != static_cast<bst_ulong>(X.rows()) * static_cast<bst_ulong>(n_classes_))
    throw DataError("xgboost: the model predicts " + std::to_string(length / std::max<bst_ulong>(1, static_cast<bst_ulong>(X.rows()))) +
                    " classes, expected " + std::to_string(n_classes_));
  FeatureMatrix out(X.rows(), n_classes_);
  for (Eigen::Index r = 0; r < X.rows(); ++r)
    for (int c = 0; c < n_classes_; ++c) out(r, c) = result[r * n_classes_ + c];
  return out;
}

}  // namespace genrekit::models
