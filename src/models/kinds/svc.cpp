// svc: a kernel SVM through LIBSVM (C-SVC), as scikit-learn's SVC, which wraps the same library:
// one-vs-one over every pair of classes, predict by the pairs' votes (ties to the lowest class),
// probabilities by LIBSVM's Platt scaling when model.svc.probability is on. Without it, the
// probabilities are the softmax of scikit-learn's one-vs-rest decision function (votes plus
// scaled confidences). The rows are handed to LIBSVM sorted by class, so that its class order is
// scikit-learn's (sorted) and so are its tie-breaks. Without Platt scaling the pairs are trained
// side by side on model threads, each by LIBSVM as its own two-class problem, and assembled into
// the one model LIBSVM's own one-vs-one loop builds (the same numbers: each pair is the same
// computation; scikit-learn's SVC trains them one after another).
#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <functional>
#include <cmath>
#include <mutex>
#include <numeric>

#include <svm.h>

#include "genrekit/error.h"
#include "genrekit/models/model_files.h"
#include "genrekit/models/model_kind.h"
#include "genrekit/runtime/parallel.h"
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
  unsigned threads = 1;
};

// LIBSVM prints through one global function and draws Platt's cross-validation folds from rand():
// its messages are collected per thread, and a fit that draws holds the lock after its own srand.
thread_local std::string libsvm_messages;
void collect(const char* text) { libsvm_messages += text; }
// Whether the fits on this thread since libsvm_messages was cleared stopped at LIBSVM's cap.
bool stopped_at_iteration_cap() { return libsvm_messages.find("reaching max number of iterations") != std::string::npos; }
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

template <typename T>
T* allocate(std::size_t n) {  // LIBSVM frees its models' arrays with free()
  void* memory = std::calloc(std::max<std::size_t>(n, 1), sizeof(T));
  if (!memory) throw std::bad_alloc();
  return static_cast<T*>(memory);
}

// LIBSVM's C-SVC one-vs-one loop with the pairs trained side by side: rows sorted by class (labels
// 0..k-1 in `y` order), pair (a, b) fitted by svm_train as a two-class problem (class a's rows,
// then b's: svm_train's own sub-problem, so its alphas and rho are the same numbers), then the
// model assembled as svm_train assembles it: a row is a support vector when it is one in any pair,
// and pair (a, b)'s coefficients of a's rows go to sv_coef[b - 1], of b's rows to sv_coef[a].
// `capped` is set when a pair stopped at LIBSVM's iteration cap.
svm_model* train_pairs_side_by_side(const svm_problem& problem, const svm_parameter& param, const std::vector<int>& classes,
                                    unsigned threads, bool& capped) {
  const std::size_t k = classes.size();
  std::vector<int> start(k), count(k, 0);
  for (int r = 0; r < problem.l; ++r) {
    const auto c = static_cast<std::size_t>(std::find(classes.begin(), classes.end(), static_cast<int>(problem.y[r])) - classes.begin());
    if (count[c]++ == 0) start[c] = r;
  }
  std::vector<std::pair<std::size_t, std::size_t>> pairs;
  for (std::size_t a = 0; a < k; ++a)
    for (std::size_t b = a + 1; b < k; ++b) pairs.emplace_back(a, b);
  // The largest pairs first, so that the last to finish are small.
  std::vector<std::size_t> order(pairs.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t p, std::size_t q) {
    return count[pairs[p].first] + count[pairs[p].second] > count[pairs[q].first] + count[pairs[q].second];
  });
  std::vector<std::shared_ptr<svm_model>> fitted(pairs.size());
  std::atomic<bool> any_capped{false};
  runtime::parallel_for(order.size(), threads, [&](std::size_t i) {
    const auto [a, b] = pairs[order[i]];
    std::vector<svm_node*> x(problem.x + start[a], problem.x + start[a] + count[a]);
    x.insert(x.end(), problem.x + start[b], problem.x + start[b] + count[b]);
    std::vector<double> y(x.size(), static_cast<double>(classes[b]));
    std::fill(y.begin(), y.begin() + count[a], static_cast<double>(classes[a]));
    const svm_problem pair_problem{static_cast<int>(x.size()), y.data(), x.data()};
    svm_parameter pair_param = param;  // only the two classes' weights: the others would be reported as absent
    std::vector<int> weight_labels;
    std::vector<double> weights;
    for (int w = 0; w < param.nr_weight; ++w)
      if (param.weight_label[w] == classes[a] || param.weight_label[w] == classes[b])
        weight_labels.push_back(param.weight_label[w]), weights.push_back(param.weight[w]);
    pair_param.nr_weight = static_cast<int>(weights.size());
    pair_param.weight_label = weight_labels.empty() ? nullptr : weight_labels.data();
    pair_param.weight = weights.empty() ? nullptr : weights.data();
    libsvm_messages.clear();
    fitted[order[i]].reset(svm_train(&pair_problem, &pair_param), [](svm_model* m) { svm_free_and_destroy_model(&m); });
    if (stopped_at_iteration_cap()) any_capped = true;
  });
  capped = any_capped;

  // Which rows are support vectors anywhere, and each pair's coefficient of each of its rows.
  std::vector<char> support(static_cast<std::size_t>(problem.l), 0);
  std::vector<std::vector<double>> coefficient(pairs.size());
  for (std::size_t p = 0; p < pairs.size(); ++p) {
    const auto [a, b] = pairs[p];
    const svm_model& m = *fitted[p];
    // A row that is no support vector of the pair has alpha 0, times its label: +0 for a's rows, -0
    // for b's (as LIBSVM writes them).
    coefficient[p].assign(static_cast<std::size_t>(count[a] + count[b]), -0.0);
    std::fill_n(coefficient[p].begin(), count[a], 0.0);
    for (int s = 0; s < m.l; ++s) {
      const int local = m.sv_indices[s] - 1;  // within the pair's rows
      coefficient[p][static_cast<std::size_t>(local)] = m.sv_coef[0][s];
      support[static_cast<std::size_t>(local < count[a] ? start[a] + local : start[b] + local - count[a])] = 1;
    }
  }
  auto* model = allocate<svm_model>(1);
  model->param = param;
  model->param.nr_weight = 0, model->param.weight_label = nullptr, model->param.weight = nullptr;  // not the caller's to keep
  model->nr_class = static_cast<int>(k);
  model->free_sv = 0;
  model->label = allocate<int>(k);
  model->nSV = allocate<int>(k);
  std::vector<int> first_support(k);
  for (std::size_t c = 0; c < k; ++c) {
    model->label[c] = classes[c];
    first_support[c] = model->l;
    for (int r = start[c]; r < start[c] + count[c]; ++r) model->nSV[c] += support[static_cast<std::size_t>(r)];
    model->l += model->nSV[c];
  }
  const auto total = static_cast<std::size_t>(model->l);
  model->SV = allocate<svm_node*>(total);
  model->sv_indices = allocate<int>(total);
  for (int r = 0, s = 0; r < problem.l; ++r)
    if (support[static_cast<std::size_t>(r)]) model->SV[s] = problem.x[r], model->sv_indices[s++] = r + 1;
  model->sv_coef = allocate<double*>(k - 1);
  for (std::size_t c = 0; c + 1 < k; ++c) model->sv_coef[c] = allocate<double>(total);
  model->rho = allocate<double>(pairs.size());
  for (std::size_t p = 0; p < pairs.size(); ++p) {
    const auto [a, b] = pairs[p];
    model->rho[p] = fitted[p]->rho[0];
    for (const auto& [of, row] : {std::pair{a, b - 1}, std::pair{b, a}}) {
      const int offset = of == a ? 0 : count[a];
      int q = first_support[of];
      for (int r = 0; r < count[of]; ++r)
        if (support[static_cast<std::size_t>(start[of] + r)]) model->sv_coef[row][q++] = coefficient[p][static_cast<std::size_t>(offset + r)];
    }
  }
  return model;
}

class Svc : public Classifier {
 public:
  // `threads`: rows scored side by side (LIBSVM's model is only read).
  Svc(svm_model* model, int n_classes, unsigned threads)
      : model_(model, [](svm_model* m) { svm_free_and_destroy_model(&m); }), n_classes_(n_classes), threads_(threads) {
    labels_.resize(static_cast<std::size_t>(svm_get_nr_class(model)));
    svm_get_labels(model, labels_.data());
  }
  // Keeps the training rows alive: LIBSVM's model points into them until it is saved and reloaded.
  Svc(svm_model* model, int n_classes, unsigned threads, SparseRows<svm_node> rows) : Svc(model, n_classes, threads) {
    rows_ = std::move(rows);
  }

  std::vector<int> predict(const FeatureMatrix& X) const override {
    const auto sparse = to_sparse<svm_node>(X);
    std::vector<int> out(sparse.rows.size());
    for_row_blocks(out.size(), [&](std::size_t r) { out[r] = static_cast<int>(svm_predict(model_.get(), sparse.rows[r])); });
    return out;
  }

  FeatureMatrix probabilities(const FeatureMatrix& X) const override {
    const auto sparse = to_sparse<svm_node>(X);
    const std::size_t k = labels_.size();
    FeatureMatrix out = FeatureMatrix::Zero(X.rows(), n_classes_);
    for_row_blocks(static_cast<std::size_t>(X.rows()), [&](std::size_t row_index) {
      const auto r = static_cast<Eigen::Index>(row_index);
      std::vector<double> values(std::max<std::size_t>(k * (k - 1) / 2, k));
      const svm_node* row = sparse.rows[row_index];
      if (svm_check_probability_model(model_.get())) {
        svm_predict_probability(model_.get(), row, values.data());
        for (std::size_t c = 0; c < k; ++c) out(r, labels_[c]) = values[c];
        return;
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
    });
    return out;
  }

  void save(const fs::path& dir) const override {
    fs::create_directories(dir);
    const auto file = dir / "svc.model";
    if (svm_save_model(file.c_str(), model_.get()) != 0) throw DataError(file.string() + ": cannot write the model");
  }

  void note(std::string text) { notes_.push_back(std::move(text)); }

 private:
  // task(r) for every row r, blocks of 64 rows on threads_ threads.
  void for_row_blocks(std::size_t rows, const std::function<void(std::size_t)>& task) const {
    runtime::parallel_for_blocks(rows, 64, threads_, [&](std::size_t first, std::size_t end) {
      for (std::size_t r = first; r < end; ++r) task(r);
    });
  }

  std::shared_ptr<svm_model> model_;
  int n_classes_;
  unsigned threads_;
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
    std::vector<int> classes;  // present, in sorted order
    for (double label : labels)
      if (classes.empty() || classes.back() != static_cast<int>(label)) classes.push_back(static_cast<int>(label));
    bool capped = false;
    if (p.probability) {
      // Platt's folds come from rand(): one svm_train call, the pairs in LIBSVM's order.
      std::lock_guard lock(rand_mutex());
      std::srand(static_cast<unsigned>(p.seed));
      model = svm_train(&problem, &param);
    } else if (classes.size() < 2) {
      model = svm_train(&problem, &param);
    } else {
      model = train_pairs_side_by_side(problem, param, classes, p.threads, capped);
    }
    auto fitted = std::make_unique<Svc>(model, n_classes, p.threads, std::move(sparse));
    if (capped || stopped_at_iteration_cap())
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
                    .seed = context.seed,
                    .threads = context.threads};
            return s;
          },
          .load = [](const fs::path& dir, int n_classes, unsigned threads) -> std::unique_ptr<Classifier> {
            const auto file = dir / "svc.model";
            svm_model* model = fs::exists(file) ? svm_load_model(file.c_str()) : nullptr;
            if (!model) throw DataError(file.string() + ": missing or not a LIBSVM model file");
            return std::make_unique<Svc>(model, n_classes, threads);
          }};
}

}  // namespace genrekit::models
