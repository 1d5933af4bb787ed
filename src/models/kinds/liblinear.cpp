// logistic_regression and linear_svm: LIBLINEAR's L2-regularised one-vs-rest linear models, as
// scikit-learn's LogisticRegression(solver="liblinear") and LinearSVC (squared hinge, dual solver).
// The SVM has no probabilities: soft voting and the reports use the softmax of its decision values.
#include "genrekit/models/linear_model.h"
#include "genrekit/models/model_kind.h"

namespace genrekit::models {

namespace {

struct Settings final : ModelSettings {
  LinearParams params;
  std::unique_ptr<Classifier> fit(const FeatureMatrix& X, const std::vector<int>& y, int n_classes) const override {
    return std::make_unique<LinearModel>(LinearModel::train(X, y, n_classes, params));
  }
};

ModelKind linear_kind(LinearKind kind, const std::string& name, const std::string& summary) {
  using config::ValueType;
  const std::string prefix = "model." + name + ".";
  return {.name = name,
          .summary = summary,
          .has_probabilities = kind == LinearKind::LogisticRegression,
          .takes_class_weights = true,
          .keys = {{.path = prefix + "C", .type = ValueType::Float, .default_yaml = "1.0", .min = 1e-9, .max = 1e9,
                    .description = "Inverse L2 regularisation strength."},
                   {.path = prefix + "tol", .type = ValueType::Float, .default_yaml = "0.0001", .min = 1e-12, .max = 1,
                    .description = "Stopping tolerance (LIBLINEAR's eps); LIBLINEAR's own iteration cap ends a fit that "
                                   "does not reach it, with a note."}},
          .search = {{"C", SearchDimension::Draw::LogUniform,
                      {.path = "search." + name + ".C", .type = ValueType::FloatList, .default_yaml = "[0.001, 1000]",
                       .min = 1e-9, .max = 1e9, .description = "[low, high]: C drawn log-uniformly."}}},
          .settings = [kind, prefix](const config::Config& config, const FitContext& context) -> std::unique_ptr<ModelSettings> {
            auto s = std::make_unique<Settings>();
            s->params = {.kind = kind, .C = config.get_float(prefix + "C"), .tolerance = config.get_float(prefix + "tol"),
                         .class_weights = context.class_weights, .seed = static_cast<unsigned>(context.seed)};
            return s;
          },
          .load = [kind](const std::filesystem::path& dir, int n_classes, unsigned) -> std::unique_ptr<Classifier> {
            return std::make_unique<LinearModel>(LinearModel::load(dir, kind, n_classes));
          }};
}

}  // namespace

ModelKind logistic_regression_kind() {
  return linear_kind(LinearKind::LogisticRegression, "logistic_regression",
                     "L2 logistic regression, one-vs-rest (LIBLINEAR; scikit-learn's liblinear solver)");
}

ModelKind linear_svm_kind() {
  return linear_kind(LinearKind::LinearSvm, "linear_svm", "Linear SVM, squared hinge, one-vs-rest (LIBLINEAR; scikit-learn's LinearSVC)");
}

}  // namespace genrekit::models
