#include "genrekit/models/linear_model.h"

#include <cmath>
#include <cstdlib>
#include <limits>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>

#include <linear.h>

#include "genrekit/error.h"
#include "sparse_rows.h"

namespace genrekit::models {

namespace {

constexpr double kBias = 1.0;  // the intercept feature's value (scikit-learn's intercept_scaling)

// LIBLINEAR prints through one global function: its warnings (the iteration cap) are collected
// per thread and become the fitted model's notes.
thread_local std::string liblinear_messages;
void collect(const char* text) { liblinear_messages += text; }

std::filesystem::path file_of(const std::filesystem::path& dir, LinearKind kind) {
  return dir / (kind == LinearKind::LogisticRegression ? "logistic_regression.txt" : "linear_svm.txt");
}

// LIBLINEAR's dual solvers shuffle with the global rand(): one such training at a time, each after
// its own srand, keeps runs reproducible. The primal solver (logistic regression) draws nothing and
// runs concurrently.
std::mutex& rand_mutex() {
  static std::mutex mutex;
  return mutex;
}

void silence_liblinear() {
  static std::once_flag once;
  std::call_once(once, [] { set_print_string_function(collect); });
}

std::shared_ptr<::model> own(::model* m) {
  return std::shared_ptr<::model>(m, [](::model* p) { free_and_destroy_model(&p); });
}

}  // namespace

LinearModel LinearModel::train(const FeatureMatrix& X, const std::vector<int>& y, int n_classes, const LinearParams& p) {
  if (static_cast<std::size_t>(X.rows()) != y.size() || y.empty())
    throw std::invalid_argument("linear model: " + std::to_string(X.rows()) + " rows but " + std::to_string(y.size()) + " labels");
  if (!(p.C > 0)) throw std::invalid_argument("linear model: C must be positive");
  auto sparse = to_sparse<feature_node>(X, kBias);
  std::vector<double> labels(y.begin(), y.end());
  problem prob{};
  prob.l = static_cast<int>(y.size());
  prob.n = static_cast<int>(X.cols()) + 1;
  prob.y = labels.data();
  prob.x = sparse.rows.data();
  prob.bias = kBias;

  auto weights = p.class_weights.lists(y, n_classes);
  parameter param{};
  param.solver_type = p.kind == LinearKind::LogisticRegression ? L2R_LR : L2R_L2LOSS_SVC_DUAL;
  param.eps = p.tolerance;
  param.C = p.C;
  param.nr_weight = static_cast<int>(weights.weights.size());
  param.weight_label = weights.labels.empty() ? nullptr : weights.labels.data();
  param.weight = weights.weights.empty() ? nullptr : weights.weights.data();
  param.p = 0.1;
  if (const char* error = check_parameter(&prob, &param)) throw std::invalid_argument(std::string("LIBLINEAR: ") + error);
  silence_liblinear();
  liblinear_messages.clear();
  std::optional<LinearModel> fitted;
  if (param.solver_type == L2R_LR) {
    fitted.emplace(LinearModel(own(::train(&prob, &param)), n_classes, p.kind));
  } else {
    std::lock_guard lock(rand_mutex());
    std::srand(p.seed);
    fitted.emplace(LinearModel(own(::train(&prob, &param)), n_classes, p.kind));
  }
  if (liblinear_messages.find("max number of iterations") != std::string::npos)
    fitted->notes_.push_back(std::string(p.kind == LinearKind::LogisticRegression ? "logistic_regression" : "linear_svm") +
                             ": LIBLINEAR reached its iteration cap without converging to tolerance " +
                             std::to_string(p.tolerance) + " (C " + std::to_string(p.C) +
                             "); scikit-learn warns the same (ConvergenceWarning)");
  return std::move(*fitted);
}

LinearModel LinearModel::load(const std::filesystem::path& dir, LinearKind kind, int n_classes) {
  const auto file = file_of(dir, kind);
  ::model* m = load_model(file.c_str());
  if (!m) throw DataError(file.string() + ": not a LIBLINEAR model file");
  if ((m->param.solver_type == L2R_LR) != (kind == LinearKind::LogisticRegression)) {
    free_and_destroy_model(&m);
    throw DataError(file.string() + ": holds another LIBLINEAR solver than its name says");
  }
  return LinearModel(own(m), n_classes, kind);
}

void LinearModel::save(const std::filesystem::path& dir) const {
  std::filesystem::create_directories(dir);
  const auto file = file_of(dir, kind_);
  if (save_model(file.c_str(), model_.get()) != 0) throw DataError(file.string() + ": cannot write the model");
}

FeatureMatrix LinearModel::probabilities(const FeatureMatrix& X) const {
  return kind_ == LinearKind::LogisticRegression ? scores(X) : softmax_rows(scores(X));
}

FeatureMatrix LinearModel::scores(const FeatureMatrix& X) const {
  const int trained = get_nr_class(model_.get());
  std::vector<int> label(static_cast<std::size_t>(trained));
  get_labels(model_.get(), label.data());
  const double absent = kind_ == LinearKind::LogisticRegression ? 0.0 : -std::numeric_limits<double>::infinity();
  FeatureMatrix out = FeatureMatrix::Constant(X.rows(), n_classes_, absent);
  const auto sparse = to_sparse<feature_node>(X, kBias);
  std::vector<double> values(static_cast<std::size_t>(std::max(trained, 2)));
  for (Eigen::Index r = 0; r < X.rows(); ++r) {
    const feature_node* row = sparse.rows[static_cast<std::size_t>(r)];
    if (kind_ == LinearKind::LogisticRegression) {
      predict_probability(model_.get(), row, values.data());
      for (int k = 0; k < trained; ++k) out(r, label[static_cast<std::size_t>(k)]) = values[static_cast<std::size_t>(k)];
    } else {
      predict_values(model_.get(), row, values.data());
      if (trained == 2) {  // one decision value, for the first label
        out(r, label[0]) = values[0];
        out(r, label[1]) = -values[0];
      } else {
        for (int k = 0; k < trained; ++k) out(r, label[static_cast<std::size_t>(k)]) = values[static_cast<std::size_t>(k)];
      }
    }
  }
  return out;
}

}  // namespace genrekit::models
