// mlp: a multilayer perceptron as scikit-learn's MLPClassifier with its defaults: ReLU hidden
// layers (hidden_layer_sizes), softmax output, log-loss plus alpha/2 x the squared weights over the
// batch size, Glorot-uniform initial weights and biases (bound sqrt(6 / (fan_in + fan_out))), Adam
// with scikit-learn's bias-corrected step, the rows reshuffled every epoch, batches of
// min(batch_size, rows). Training stops when the epoch's mean loss has not fallen by tol for
// n_iter_no_change + 1 epochs in a row, or after max_iter epochs (then a note, as scikit-learn's
// ConvergenceWarning). Every draw comes from run.seed.
#include <algorithm>
#include <cmath>
#include <numeric>

#include "genrekit/error.h"
#include "genrekit/models/model_files.h"
#include "genrekit/models/model_kind.h"
#include "genrekit/runtime/interrupt.h"
#include "genrekit/runtime/splitmix.h"

namespace genrekit::models {

namespace fs = std::filesystem;

namespace {

using Matrix = Eigen::MatrixXd;

struct MlpParams {
  std::vector<int> hidden{100};
  double alpha = 1e-4;
  int batch_size = 200;
  double learning_rate = 1e-3;
  int max_iter = 200;
  double tol = 1e-4;
  int n_iter_no_change = 10;
  double beta_1 = 0.9, beta_2 = 0.999, epsilon = 1e-8;
  std::uint64_t seed = 42;
};

class Uniform {
 public:
  explicit Uniform(std::uint64_t seed) : state_(seed) {}
  double next() { return static_cast<double>((state_ = runtime::splitmix64(state_)) >> 11) * 0x1.0p-53; }
  std::uint64_t next_int() { return state_ = runtime::splitmix64(state_); }

 private:
  std::uint64_t state_;
};

class Mlp : public Classifier {
 public:
  Mlp(std::vector<Matrix> weights, std::vector<Eigen::RowVectorXd> biases) : weights_(std::move(weights)), biases_(std::move(biases)) {}

  FeatureMatrix probabilities(const FeatureMatrix& X) const override {
    Matrix a = X;
    for (std::size_t l = 0; l < weights_.size(); ++l) {
      a = (a * weights_[l]).rowwise() + biases_[l];
      if (l + 1 < weights_.size()) a = a.cwiseMax(0.0);
    }
    return softmax_rows(a);
  }

  void save(const fs::path& dir) const override {
    for (std::size_t l = 0; l < weights_.size(); ++l) {
      FeatureMatrix layer(weights_[l].rows() + 1, weights_[l].cols());
      layer.topRows(weights_[l].rows()) = weights_[l];
      layer.bottomRows(1) = biases_[l];
      write_matrix(dir / ("mlp_layer" + std::to_string(l) + ".npy"), layer);
    }
    write_json(dir / "mlp.json", {{"layers", weights_.size()}});
  }

  void note(std::string text) { notes_.push_back(std::move(text)); }

 private:
  std::vector<Matrix> weights_;  // fan_in x fan_out
  std::vector<Eigen::RowVectorXd> biases_;
};

struct Settings final : ModelSettings {
  MlpParams p;

  std::unique_ptr<Classifier> fit(const FeatureMatrix& X, const std::vector<int>& y, int n_classes) const override {
    const auto n = static_cast<Eigen::Index>(y.size());
    std::vector<Eigen::Index> sizes{X.cols()};
    for (int h : p.hidden) sizes.push_back(h);
    sizes.push_back(n_classes);
    Uniform random(runtime::splitmix64(p.seed));
    std::vector<Matrix> weights, m_w, v_w;
    std::vector<Eigen::RowVectorXd> biases, m_b, v_b;
    for (std::size_t l = 0; l + 1 < sizes.size(); ++l) {
      const double bound = std::sqrt(6.0 / static_cast<double>(sizes[l] + sizes[l + 1]));
      Matrix w(sizes[l], sizes[l + 1]);
      for (Eigen::Index i = 0; i < w.size(); ++i) w.data()[i] = (2 * random.next() - 1) * bound;
      Eigen::RowVectorXd b(sizes[l + 1]);
      for (Eigen::Index i = 0; i < b.size(); ++i) b[i] = (2 * random.next() - 1) * bound;
      weights.push_back(w), biases.push_back(b);
      m_w.push_back(Matrix::Zero(w.rows(), w.cols())), v_w.push_back(Matrix::Zero(w.rows(), w.cols()));
      m_b.push_back(Eigen::RowVectorXd::Zero(b.size())), v_b.push_back(Eigen::RowVectorXd::Zero(b.size()));
    }
    const Eigen::Index batch = std::min<Eigen::Index>(p.batch_size, n);
    std::vector<Eigen::Index> order(static_cast<std::size_t>(n));
    std::iota(order.begin(), order.end(), 0);
    const std::size_t layers = weights.size();
    std::vector<Matrix> activation(layers + 1), delta(layers);
    double best_loss = INFINITY;
    int no_improvement = 0, epoch = 0;
    long step = 0;
    bool converged = false;
    const double clip = std::numeric_limits<double>::epsilon();
    for (; epoch < p.max_iter && !converged; ++epoch) {
      runtime::throw_if_interrupted();
      for (std::size_t i = order.size() - 1; i > 0; --i) std::swap(order[i], order[random.next_int() % (i + 1)]);
      double epoch_loss = 0;
      for (Eigen::Index start = 0; start < n; start += batch) {
        const Eigen::Index rows = std::min(batch, n - start);
        activation[0].resize(rows, X.cols());
        Matrix target = Matrix::Zero(rows, n_classes);
        for (Eigen::Index r = 0; r < rows; ++r) {
          const auto row = order[static_cast<std::size_t>(start + r)];
          activation[0].row(r) = X.row(row);
          target(r, y[static_cast<std::size_t>(row)]) = 1;
        }
        for (std::size_t l = 0; l < layers; ++l) {
          activation[l + 1] = (activation[l] * weights[l]).rowwise() + biases[l];
          if (l + 1 < layers) activation[l + 1] = activation[l + 1].cwiseMax(0.0);
        }
        activation[layers] = softmax_rows(activation[layers]);
        double squares = 0;
        for (const auto& w : weights) squares += w.squaredNorm();
        const double loss = -(target.array() * activation[layers].array().max(clip).min(1 - clip).log()).sum() / static_cast<double>(rows) +
                            0.5 * p.alpha * squares / static_cast<double>(rows);
        epoch_loss += loss * static_cast<double>(rows);
        // Backward: softmax + log-loss gives (p - y); ReLU passes where its output was positive.
        delta[layers - 1] = activation[layers] - target;
        for (std::size_t l = layers - 1; l > 0; --l)
          delta[l - 1] = ((delta[l] * weights[l].transpose()).array() * (activation[l].array() > 0).cast<double>()).matrix();
        ++step;
        const double step_size = p.learning_rate * std::sqrt(1 - std::pow(p.beta_2, static_cast<double>(step))) /
                                 (1 - std::pow(p.beta_1, static_cast<double>(step)));
        for (std::size_t l = 0; l < layers; ++l) {
          const Matrix grad_w = (activation[l].transpose() * delta[l] + p.alpha * weights[l]) / static_cast<double>(rows);
          const Eigen::RowVectorXd grad_b = delta[l].colwise().mean();
          m_w[l] = p.beta_1 * m_w[l] + (1 - p.beta_1) * grad_w;
          v_w[l] = p.beta_2 * v_w[l] + (1 - p.beta_2) * grad_w.cwiseAbs2();
          m_b[l] = p.beta_1 * m_b[l] + (1 - p.beta_1) * grad_b;
          v_b[l] = p.beta_2 * v_b[l] + (1 - p.beta_2) * grad_b.cwiseAbs2();
          weights[l].array() -= step_size * m_w[l].array() / (v_w[l].array().sqrt() + p.epsilon);
          biases[l].array() -= step_size * m_b[l].array() / (v_b[l].array().sqrt() + p.epsilon);
        }
      }
      epoch_loss /= static_cast<double>(n);
      if (!std::isfinite(epoch_loss))
        throw DataError("mlp: the training loss became " + std::to_string(epoch_loss) + " at epoch " + std::to_string(epoch + 1) +
                        "; lower model.mlp.learning_rate_init or check the table for extreme values");
      no_improvement = epoch_loss > best_loss - p.tol ? no_improvement + 1 : 0;
      best_loss = std::min(best_loss, epoch_loss);
      converged = no_improvement > p.n_iter_no_change;
    }
    auto fitted = std::make_unique<Mlp>(std::move(weights), std::move(biases));
    if (!converged)
      fitted->note("mlp: " + std::to_string(p.max_iter) + " epochs (model.mlp.max_iter) ended before the loss stopped falling by " +
                   std::to_string(p.tol) + " (scikit-learn's ConvergenceWarning); final loss " + std::to_string(best_loss));
    return fitted;
  }
};

}  // namespace

ModelKind mlp_kind() {
  using config::ValueType;
  return {.name = "mlp",
          .summary = "Multilayer perceptron, ReLU, Adam (scikit-learn's MLPClassifier)",
          .has_probabilities = true,
          .takes_class_weights = false,
          .keys = {{.path = "model.mlp.hidden_layer_sizes", .type = ValueType::IntList, .default_yaml = "[100]", .min = 1, .max = 100000,
                    .description = "Units of each hidden layer (FMA's baselines: [100] and [200, 50])."},
                   {.path = "model.mlp.alpha", .type = ValueType::Float, .default_yaml = "0.0001", .min = 0, .max = 1e6,
                    .description = "L2 penalty on the weights."},
                   {.path = "model.mlp.batch_size", .type = ValueType::Int, .default_yaml = "200", .min = 1, .max = 10000000,
                    .description = "Rows per Adam step (at most the training rows)."},
                   {.path = "model.mlp.learning_rate_init", .type = ValueType::Float, .default_yaml = "0.001", .min = 1e-9,
                    .max = 10, .description = "Adam's step size."},
                   {.path = "model.mlp.max_iter", .type = ValueType::Int, .default_yaml = "200", .min = 1, .max = 1000000,
                    .description = "Most epochs."},
                   {.path = "model.mlp.tol", .type = ValueType::Float, .default_yaml = "0.0001", .min = 0, .max = 1,
                    .description = "An epoch improves when its loss falls by more than this."},
                   {.path = "model.mlp.n_iter_no_change", .type = ValueType::Int, .default_yaml = "10", .min = 1, .max = 100000,
                    .description = "Stop after more than this many epochs in a row without improvement."}},
          .search = {{"alpha", SearchDimension::Draw::LogUniform,
                      {.path = "search.mlp.alpha", .type = ValueType::FloatList, .default_yaml = "[1e-05, 1.0]", .min = 0,
                       .max = 1e6, .description = "[low, high]: alpha drawn log-uniformly."}},
                     {"learning_rate_init", SearchDimension::Draw::LogUniform,
                      {.path = "search.mlp.learning_rate_init", .type = ValueType::FloatList, .default_yaml = "[0.0001, 0.01]",
                       .min = 1e-9, .max = 10, .description = "[low, high]: learning_rate_init drawn log-uniformly."}}},
          .settings = [](const config::Config& config, const FitContext& context) -> std::unique_ptr<ModelSettings> {
            auto s = std::make_unique<Settings>();
            s->p.hidden.clear();
            for (auto units : config.get_ints("model.mlp.hidden_layer_sizes")) s->p.hidden.push_back(static_cast<int>(units));
            if (s->p.hidden.empty()) throw ConfigError("model.mlp.hidden_layer_sizes: expected at least one hidden layer");
            s->p.alpha = config.get_float("model.mlp.alpha");
            s->p.batch_size = static_cast<int>(config.get_int("model.mlp.batch_size"));
            s->p.learning_rate = config.get_float("model.mlp.learning_rate_init");
            s->p.max_iter = static_cast<int>(config.get_int("model.mlp.max_iter"));
            s->p.tol = config.get_float("model.mlp.tol");
            s->p.n_iter_no_change = static_cast<int>(config.get_int("model.mlp.n_iter_no_change"));
            s->p.seed = context.seed;
            return s;
          },
          .load = [](const fs::path& dir, int n_classes, unsigned) -> std::unique_ptr<Classifier> {
            const auto file = dir / "mlp.json";
            const int layers = json_value<int>(read_json(file), "layers", file);
            std::vector<Matrix> weights;
            std::vector<Eigen::RowVectorXd> biases;
            for (int l = 0; l < layers; ++l) {
              const auto layer_file = dir / ("mlp_layer" + std::to_string(l) + ".npy");
              const FeatureMatrix layer = read_matrix(layer_file);
              if (layer.rows() < 2 || (l > 0 && layer.rows() - 1 != weights.back().cols()))
                throw DataError(layer_file.string() + ": its shape does not follow the previous layer's");
              weights.emplace_back(layer.topRows(layer.rows() - 1));
              biases.emplace_back(layer.bottomRows(1));
            }
            if (weights.empty() || weights.back().cols() != n_classes)
              throw DataError(file.string() + ": the network's output is not one unit per class (" + std::to_string(n_classes) + ")");
            return std::make_unique<Mlp>(std::move(weights), std::move(biases));
          }};
}

}  // namespace genrekit::models
