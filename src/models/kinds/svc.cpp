// svc: a kernel SVM through LIBSVM (C-SVC), as scikit-learn's SVC, which wraps the same library:
// one-vs-one over every pair of classes, predict by the pairs' votes (ties to the lowest class),
// probabilities by LIBSVM's Platt scaling when model.svc.probability is on. Without it, the
// probabilities are the softmax of scikit-learn's one-vs-rest decision function (votes plus
// scaled confidences). The rows are handed to LIBSVM sorted by class, so that its class order is
// scikit-learn's (sorted) and so are its tie-breaks.
#include <algorithm>
#include <cmath>
#include <mutex>
#include <numeric>

#include <svm.h>

#include "genrekit/error.h"
#include "genrekit/models/model_files.h"
#include "genrekit/models/model_kind.h"
#include "models/sparse_rows.h"

namespace genrekit::models {

namespace fs = std::filesystem;

namespace {

struct SvcParams {
  double C = 1.0;
  int kernel = RBF;
  int degree = 3;
  std::string gamma = "scale";  // scale | auto | a positive number
  double coef0 = 0.0;
  double tol = 1e-3;
  double cache_mb = 200;
  bool probability = false;
  ClassWeights class_weights;
  std::uint64_t seed = 42;
};

// LIBSVM prints through one global function and draws Platt's cross-validation folds from rand():
// its messages are collected per thread, and a fit that draws holds the lock after its own srand.
thread_local std::string libsvm_messages;
void collect(const char* text) { libsvm_messages += text; }
std::mutex& rand_mutex() {
  static std::mutex mutex;
  return mutex;
}

// scikit-learn's gamma: 'scale' = 1 / (n_features * X.var()) over every value, 'auto' = 1 / n_features.
double resolve_gamma(const std::string& gamma, const FeatureMatrix& X) {
  const auto n = static_cast<double>(X.size());
  if (gamma == "auto") return 1.0 / static_cast<double>(X.cols());
  if (gamma == "scale") {
    const double mean = X.sum() / n;
    const double variance = (X.array() - mean).square().sum() / n;
    return variance > 0 ? 1.0 / (static_cast<double>(X.cols()) * variance) : 1.0;
  }
  return std::stod(gamma);
}

class Svc : public Classifier {
 public:
  Svc(svm_model* model, int n_classes) : model_(model, [](svm_model* m) { svm_free_and_destroy_model(&m); }), n_classes_(n_classes) {
    labels_.resize(static_cast<std::size_t>(svm_get_nr_class(model)));
    svm_get_labels(model, labels_.data());
  }
  // Keeps the training rows alive: LIBSVM's model points into them until it is saved and reloaded.
  Svc(svm_model* model, int n_classes, SparseRows<svm_node> rows) : Svc(model, n_classes) { rows_ = std::move(rows); }

  std::vector<int> predict(const FeatureMatrix& X) const override {
    const auto sparse = to_sparse<svm_node>(X);
    std::vector<int> out;
    for (const svm_node* row : sparse.rows) out.push_back(static_cast<int>(svm_predict(model_.get(), row)));
    return out;
  }

  FeatureMatrix probabilities(const FeatureMatrix& X) const override {
    const auto sparse = to_sparse<svm_node>(X);
    const std::size_t k = labels_.size();
    FeatureMatrix out = FeatureMatrix::Zero(X.rows(), n_classes_);
    std::vector<double> values(std::max<std::size_t>(k * (k - 1) / 2, k));
    for (Eigen::Index r = 0; r < X.rows(); ++r) {
      const svm_node* row = sparse.rows[static_cast<std::size_t>(r)];
      if (svm_check_probability_model(model_.get())) {
        svm_predict_probability(model_.get(), row, values.data());
        for (std::size_t c = 0; c < k; ++c) out(r, labels_[c]) = values[c];
        continue;
      }
      svm_predict_values(model_.get(), row, values.data());
      // scikit-learn's _ovr_decision_function: pair (i, j) votes for i when its value is > 0.
      std::vector<double> votes(k, 0.0), confidence(k, 0.0);
      std::size_t pair = 0;
      for (std::size_t i = 0; i < k; ++i)
        for (std::size_t j = i + 1; j < k; ++j, ++pair) {
          ++votes[values[pair] > 0 ? i : j];
          confidence[i] += values[pair];
          confidence[j] -= values[pair];
        }
      double top = -INFINITY;
      std::vector<double> score(k);
      for (std::size_t c = 0; c < k; ++c) {
        score[c] = votes[c] + confidence[c] / (3 * (std::abs(confidence[c]) + 1));
        top = std::max(top, score[c]);
      }
      double sum = 0;
      for (std::size_t c = 0; c < k; ++c) sum += (score[c] = std::exp(score[c] - top));
      for (std::size_t c = 0; c < k; ++c) out(r, labels_[c]) = score[c] / sum;
    }
    return out;
  }

  void save(const fs::path& dir) const override {
    fs::create_directories(dir);
    const auto file = dir / "svc.model";
    if (svm_save_model(file.c_str(), model_.get()) != 0) throw DataError(file.string() + ": cannot write the model");
  }

  void note(std::string text) { notes_.push_back(std::move(text)); }

 private:
  std::shared_ptr<svm_model> model_;
  int n_classes_;
  std::vector<int> labels_;
  SparseRows<svm_node> rows_;
};

struct Settings final : ModelSettings {
  SvcParams p;
  std::unique_ptr<Classifier> fit(const FeatureMatrix& X, const std::vector<int>& y, int n_classes) const override {
    // Rows sorted by class (stable): LIBSVM orders classes by first appearance, scikit-learn's by value.
    std::vector<std::size_t> order(y.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return y[a] < y[b]; });
    const FeatureMatrix sorted_x = take_rows(X, order);
    std::vector<double> labels;
    for (std::size_t r : order) labels.push_back(y[r]);
    auto sparse = to_sparse<svm_node>(sorted_x);
    svm_problem problem{static_cast<int>(labels.size()), labels.data(), sparse.rows.data()};

    auto weights = p.class_weights.lists(y, n_classes);
    svm_parameter param{};
    param.svm_type = C_SVC;
    param.kernel_type = p.kernel;
    param.degree = p.degree;
    param.gamma = resolve_gamma(p.gamma, X);
    param.coef0 = p.coef0;
    param.cache_size = p.cache_mb;
    param.eps = p.tol;
    param.C = p.C;
    param.nr_weight = static_cast<int>(weights.weights.size());
    param.weight_label = weights.labels.empty() ? nullptr : weights.labels.data();
    param.weight = weights.weights.empty() ? nullptr : weights.weights.data();
    param.shrinking = 1;
    param.probability = p.probability ? 1 : 0;
    if (const char* error = svm_check_parameter(&problem, &param)) throw std::invalid_argument(std::string("LIBSVM: ") + error);
    static std::once_flag once;
    std::call_once(once, [] { svm_set_print_string_function(collect); });
    libsvm_messages.clear();
    svm_model* model = nullptr;
    if (p.probability) {
      std::lock_guard lock(rand_mutex());
      std::srand(static_cast<unsigned>(p.seed));
      model = svm_train(&problem, &param);
    } else {
      model = svm_train(&problem, &param);
    }
    auto fitted = std::make_unique<Svc>(model, n_classes, std::move(sparse));
    if (libsvm_messages.find("reaching max number of iterations") != std::string::npos)
      fitted->note("svc: LIBSVM reached its iteration cap before the tolerance " + std::to_string(p.tol) +
                   " (scikit-learn's SVC warns the same); consider scaling the features or another C");
    return fitted;
  }
};

}  // namespace

ModelKind svc_kind() {
  using config::ValueType;
  return {.name = "svc",
          .summary = "Kernel SVM, one-vs-one (LIBSVM C-SVC; scikit-learn's SVC)",
          .has_probabilities = false,  // only with model.svc.probability: true (Platt scaling)
          .takes_class_weights = true,
          .keys = {{.path = "model.svc.C", .type = ValueType::Float, .default_yaml = "1.0", .min = 1e-9, .max = 1e9,
                    .description = "Penalty of the soft margin."},
                   {.path = "model.svc.kernel", .type = ValueType::Choice, .default_yaml = "rbf",
                    .choices = {"rbf", "linear", "poly", "sigmoid"},
                    .description = "Kernel (FMA's \"SVC poly1\" is poly with degree 1)."},
                   {.path = "model.svc.degree", .type = ValueType::Int, .default_yaml = "3", .min = 1, .max = 20,
                    .description = "poly: the polynomial's degree."},
                   {.path = "model.svc.gamma", .type = ValueType::String, .default_yaml = "scale",
                    .description = "Kernel coefficient: scale (1 / (features x variance of all values), scikit-learn >= 0.22), "
                                   "auto (1 / features, the thesis' scikit-learn 0.19), or a positive number."},
                   {.path = "model.svc.coef0", .type = ValueType::Float, .default_yaml = "0.0", .min = -1e9, .max = 1e9,
                    .description = "poly and sigmoid: the kernel's constant term."},
                   {.path = "model.svc.tol", .type = ValueType::Float, .default_yaml = "0.001", .min = 1e-12, .max = 1,
                    .description = "Stopping tolerance (LIBSVM's eps); LIBSVM's own iteration cap ends a fit that does not "
                                   "reach it, with a note."},
                   {.path = "model.svc.cache_mb", .type = ValueType::Float, .default_yaml = "200", .min = 1, .max = 1e6,
                    .description = "Kernel cache per fit, in MB (speed only).", .affects_results = false},
                   {.path = "model.svc.probability", .type = ValueType::Bool, .default_yaml = "false",
                    .description = "Fit Platt scaling (5-fold internal cross-validation, seeded by run.seed) for calibrated "
                                   "probabilities; about 5x the fitting time. predict still follows the votes."}},
          .search = {{"C", SearchDimension::Draw::LogUniform,
                      {.path = "search.svc.C", .type = ValueType::FloatList, .default_yaml = "[0.01, 1000]", .min = 1e-9,
                       .max = 1e9, .description = "[low, high]: C drawn log-uniformly."}},
                     {"gamma", SearchDimension::Draw::FromList,
                      {.path = "search.svc.gamma", .type = ValueType::StringList, .default_yaml = "[scale, auto]",
                       .description = "gamma values to draw from (scale, auto or numbers)."}}},
          .settings = [](const config::Config& config, const FitContext& context) -> std::unique_ptr<ModelSettings> {
            auto s = std::make_unique<Settings>();
            const std::string kernel = config.get_string("model.svc.kernel");
            const std::string gamma = config.get_string("model.svc.gamma");
            if (gamma != "scale" && gamma != "auto") {
              char* end = nullptr;
              const double value = std::strtod(gamma.c_str(), &end);
              if (end == gamma.c_str() || *end != '\0' || !(value > 0))
                throw ConfigError("model.svc.gamma: expected scale, auto or a positive number, got '" + gamma + "'");
            }
            s->p = {.C = config.get_float("model.svc.C"),
                    .kernel = kernel == "linear" ? LINEAR : kernel == "poly" ? POLY : kernel == "sigmoid" ? SIGMOID : RBF,
                    .degree = static_cast<int>(config.get_int("model.svc.degree")),
                    .gamma = gamma,
                    .coef0 = config.get_float("model.svc.coef0"),
                    .tol = config.get_float("model.svc.tol"),
                    .cache_mb = config.get_float("model.svc.cache_mb"),
                    .probability = config.get_bool("model.svc.probability"),
                    .class_weights = context.class_weights,
                    .seed = context.seed};
            return s;
          },
          .load = [](const fs::path& dir, int n_classes) -> std::unique_ptr<Classifier> {
            const auto file = dir / "svc.model";
            svm_model* model = fs::exists(file) ? svm_load_model(file.c_str()) : nullptr;
            if (!model) throw DataError(file.string() + ": missing or not a LIBSVM model file");
            return std::make_unique<Svc>(model, n_classes);
          }};
}

}  // namespace genrekit::models
