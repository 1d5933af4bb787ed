// xgboost: gradient-boosted trees through XGBoost's C API (multi:softprob, the hist method).
#include "genrekit/models/model_kind.h"
#include "genrekit/models/xgboost_model.h"

namespace genrekit::models {

namespace {

struct Settings final : ModelSettings {
  XgbParams params;
  std::unique_ptr<Classifier> fit(const FeatureMatrix& X, const std::vector<int>& y, int n_classes) const override {
    return std::make_unique<XgbModel>(XgbModel::train(X, y, n_classes, params));
  }
};

}  // namespace

ModelKind xgboost_kind() {
  using config::ValueType;
  return {.name = "xgboost",
          .summary = "Gradient-boosted trees (XGBoost, multi:softprob, hist)",
          .has_probabilities = true,
          .takes_class_weights = true,
          .keys = {{.path = "model.xgboost.max_depth", .type = ValueType::Int, .default_yaml = "6", .min = 1, .max = 64,
                    .description = "Tree depth."},
                   {.path = "model.xgboost.n_estimators", .type = ValueType::Int, .default_yaml = "100", .min = 1, .max = 100000,
                    .description = "Boosting rounds."},
                   {.path = "model.xgboost.learning_rate", .type = ValueType::Float, .default_yaml = "0.3", .min = 1e-6, .max = 1,
                    .description = "Shrinkage (eta)."},
                   {.path = "model.xgboost.colsample_bytree", .type = ValueType::Float, .default_yaml = "1.0", .min = 0.01, .max = 1,
                    .description = "Share of features per tree."}},
          .search = {{"max_depth", SearchDimension::Draw::FromList,
                      {.path = "search.xgboost.max_depth", .type = ValueType::IntList, .default_yaml = "[6, 12, 24, 48]", .min = 1,
                       .max = 64, .description = "max_depth values to draw from."}},
                     {"n_estimators", SearchDimension::Draw::FromList,
                      {.path = "search.xgboost.n_estimators", .type = ValueType::IntList, .default_yaml = "[50, 100, 200]",
                       .min = 1, .max = 100000, .description = "n_estimators values to draw from."}},
                     {"learning_rate", SearchDimension::Draw::LogUniform,
                      {.path = "search.xgboost.learning_rate", .type = ValueType::FloatList, .default_yaml = "[0.0001, 0.1]",
                       .min = 1e-6, .max = 1, .description = "[low, high]: learning_rate drawn log-uniformly."}},
                     {"colsample_bytree", SearchDimension::Draw::FromList,
                      {.path = "search.xgboost.colsample_bytree", .type = ValueType::FloatList, .default_yaml = "[0.3, 0.5]",
                       .min = 0.01, .max = 1, .description = "colsample_bytree values to draw from."}}},
          .settings = [](const config::Config& config, const FitContext& context) -> std::unique_ptr<ModelSettings> {
            auto s = std::make_unique<Settings>();
            s->params = {.max_depth = static_cast<int>(config.get_int("model.xgboost.max_depth")),
                         .n_estimators = static_cast<int>(config.get_int("model.xgboost.n_estimators")),
                         .learning_rate = config.get_float("model.xgboost.learning_rate"),
                         .colsample_bytree = config.get_float("model.xgboost.colsample_bytree"),
                         .class_weights = context.class_weights,
                         .threads = static_cast<int>(context.threads),
                         .seed = static_cast<unsigned>(context.seed)};
            return s;
          },
          .load = [](const std::filesystem::path& dir, int n_classes, unsigned) -> std::unique_ptr<Classifier> {
            return std::make_unique<XgbModel>(XgbModel::load(dir, n_classes));
          }};
}

}  // namespace genrekit::models
