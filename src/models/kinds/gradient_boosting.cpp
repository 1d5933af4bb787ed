// gradient_boosting: scikit-learn's GradientBoostingClassifier with its defaults: the log-loss
// (multinomial deviance; binomial for two classes, one tree per stage), raw scores started at the
// log class priors, each stage fitting one regression tree per class to the residuals y_k - p_k
// (friedman_mse splits over every feature, depth max_depth), leaves set by one Newton step
// ((K - 1) / K x sum r / sum |r| (1 - |r|)), scores moved by learning_rate x the leaf values.
// Not XGBoost: no second-order split gains, no regularisation terms.
//
// The trees are grown level by level over columns sorted once per fit (every stage sees the same
// rows), which finds the same splits as scikit-learn's per-node sorting. scikit-learn tries a node's
// features in a random order and keeps the first best split, so its seed breaks ties between equally
// good splits (common: at the first stage every row of a class has the same residual); here each
// node ranks the features by a permutation drawn from (seed, tree, node) and a tie goes to the
// better-ranked feature. A stage's K trees are independent and grow side by side.
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <optional>

#include "models/decision_tree.h"
#include "genrekit/error.h"
#include "genrekit/models/model_files.h"
#include "genrekit/models/model_kind.h"
#include "genrekit/runtime/interrupt.h"
#include "genrekit/runtime/parallel.h"
#include "genrekit/runtime/progress.h"
#include "genrekit/runtime/splitmix.h"

namespace genrekit::models {

namespace fs = std::filesystem;

namespace {

constexpr double kFeatureThreshold = 1e-7;  // scikit-learn's: closer values are not split apart
constexpr double kEpsilon = std::numeric_limits<double>::epsilon();

struct RegressionTree {
  std::vector<int> feature, left, right;  // feature -1: a leaf
  std::vector<double> threshold, value;
  double predict(const double* row) const {
    std::size_t node = 0;
    while (feature[node] >= 0)
      node = static_cast<std::size_t>(tree_value(row[feature[node]]) <= threshold[node] ? left[node] : right[node]);
    return value[node];
  }
};

// Every column's rows in increasing (float32) value, and the values in that order.
struct SortedColumns {
  std::size_t rows = 0;
  std::vector<int> order;     // column-major: column f's rows at [f * rows, (f + 1) * rows)
  std::vector<float> values;
};

SortedColumns sort_columns(const FeatureMatrix& X, unsigned threads) {
  SortedColumns s;
  s.rows = static_cast<std::size_t>(X.rows());
  s.order.resize(s.rows * static_cast<std::size_t>(X.cols()));
  s.values.resize(s.order.size());
  runtime::parallel_for(static_cast<std::size_t>(X.cols()), threads, [&](std::size_t f) {
    int* order = s.order.data() + f * s.rows;
    std::iota(order, order + s.rows, 0);
    const auto column = static_cast<Eigen::Index>(f);
    std::stable_sort(order, order + s.rows, [&](int a, int b) {
      return static_cast<float>(X(a, column)) < static_cast<float>(X(b, column));
    });
    for (std::size_t i = 0; i < s.rows; ++i) s.values[f * s.rows + i] = static_cast<float>(X(order[i], column));
  });
  return s;
}

struct GrowParams {
  int max_depth = 3;
  int min_samples_split = 2;
  int min_samples_leaf = 1;
};

// One regression tree on `target` (friedman_mse), grown level by level; `leaf_of` gets each
// training row's leaf. Leaf values are the targets' means (the caller replaces them).
RegressionTree grow(const FeatureMatrix& X, const SortedColumns& columns, const std::vector<double>& target, const GrowParams& p,
                    std::uint64_t seed, std::vector<int>& leaf_of) {
  const std::size_t n = target.size();
  RegressionTree tree;
  const auto add_node = [&] {
    tree.feature.push_back(-1), tree.left.push_back(-1), tree.right.push_back(-1);
    tree.threshold.push_back(0), tree.value.push_back(0);
    return static_cast<int>(tree.feature.size() - 1);
  };
  leaf_of.assign(n, add_node());
  struct Stats {
    double count = 0, sum = 0, squares = 0;
  };
  std::vector<int> level{0};
  for (int depth = 0; !level.empty(); ++depth) {
    std::vector<Stats> stats(tree.feature.size());
    for (std::size_t r = 0; r < n; ++r) {
      Stats& s = stats[static_cast<std::size_t>(leaf_of[r])];
      s.count += 1, s.sum += target[r], s.squares += target[r] * target[r];
    }
    // The nodes of this level that may split get a slot.
    std::vector<int> slot_of(tree.feature.size(), -1), splitting;
    for (int node : level) {
      const Stats& s = stats[static_cast<std::size_t>(node)];
      tree.value[static_cast<std::size_t>(node)] = s.sum / s.count;
      const double impurity = s.squares / s.count - (s.sum / s.count) * (s.sum / s.count);
      const bool leaf = depth >= p.max_depth || s.count < p.min_samples_split || s.count < 2.0 * p.min_samples_leaf ||
                        impurity <= kEpsilon;
      if (!leaf) slot_of[static_cast<std::size_t>(node)] = static_cast<int>(splitting.size()), splitting.push_back(node);
    }
    if (splitting.empty()) break;
    struct Best {
      double proxy = -std::numeric_limits<double>::infinity();
      int feature = -1;
      double threshold = 0;
    };
    struct Running {
      double count = 0, sum = 0;
      float last = 0;
    };
    std::vector<Best> best(splitting.size());
    std::vector<Running> running(splitting.size());
    // rank[slot * d + f]: feature f's place in the slot's random order (ties go to the lower place).
    const auto d = static_cast<std::size_t>(X.cols());
    std::vector<std::uint32_t> rank(splitting.size() * d);
    for (std::size_t slot = 0; slot < splitting.size(); ++slot) {
      std::uint32_t* order = rank.data() + slot * d;
      std::iota(order, order + d, 0u);
      std::uint64_t state = runtime::splitmix64(seed ^ (static_cast<std::uint64_t>(splitting[slot]) + 1) * 0x9e3779b97f4a7c15ULL);
      for (std::size_t i = d - 1; i > 0; --i) std::swap(order[i], order[(state = runtime::splitmix64(state)) % (i + 1)]);
    }
    for (std::size_t f = 0; f < static_cast<std::size_t>(X.cols()); ++f) {
      std::fill(running.begin(), running.end(), Running{});
      const int* order = columns.order.data() + f * n;
      const float* values = columns.values.data() + f * n;
      for (std::size_t i = 0; i < n; ++i) {
        const auto row = static_cast<std::size_t>(order[i]);
        const int slot = slot_of[static_cast<std::size_t>(leaf_of[row])];
        if (slot < 0) continue;
        Running& run = running[static_cast<std::size_t>(slot)];
        const float v = values[i];
        if (run.count >= p.min_samples_leaf && static_cast<double>(v) > static_cast<double>(run.last) + kFeatureThreshold) {
          const Stats& s = stats[static_cast<std::size_t>(splitting[static_cast<std::size_t>(slot)])];
          const double right_count = s.count - run.count;
          if (right_count >= p.min_samples_leaf) {
            const double diff = right_count * run.sum - run.count * (s.sum - run.sum);
            const double proxy = diff * diff / (run.count * right_count);
            Best& b = best[static_cast<std::size_t>(slot)];
            const std::uint32_t* ranks = rank.data() + static_cast<std::size_t>(slot) * d;
            if (proxy > b.proxy || (proxy == b.proxy && b.feature >= 0 && ranks[f] < ranks[static_cast<std::size_t>(b.feature)])) {
              double threshold = static_cast<double>(run.last) / 2.0 + static_cast<double>(v) / 2.0;
              if (threshold == static_cast<double>(v) || std::isinf(threshold)) threshold = run.last;
              b = {proxy, static_cast<int>(f), threshold};
            }
          }
        }
        run.count += 1, run.sum += target[row], run.last = v;
      }
    }
    std::vector<int> next;
    for (std::size_t slot = 0; slot < splitting.size(); ++slot) {
      if (best[slot].feature < 0) continue;
      const auto node = static_cast<std::size_t>(splitting[slot]);
      tree.feature[node] = best[slot].feature;
      tree.threshold[node] = best[slot].threshold;
      const int left = add_node(), right = add_node();
      tree.left[node] = left, tree.right[node] = right;
      next.push_back(left), next.push_back(right);
    }
    for (std::size_t r = 0; r < n; ++r) {
      const auto node = static_cast<std::size_t>(leaf_of[r]);
      if (tree.feature[node] < 0) continue;
      leaf_of[r] = tree_value(X(static_cast<Eigen::Index>(r), tree.feature[node])) <= tree.threshold[node] ? tree.left[node] : tree.right[node];
    }
    level = std::move(next);
  }
  return tree;
}

class GradientBoosting : public Classifier {
 public:
  GradientBoosting(std::vector<double> init, double learning_rate, std::vector<RegressionTree> trees, int n_classes)
      : init_(std::move(init)), learning_rate_(learning_rate), trees_(std::move(trees)), n_classes_(n_classes) {}

  FeatureMatrix probabilities(const FeatureMatrix& X) const override {
    const std::size_t per_stage = init_.size();
    FeatureMatrix raw(X.rows(), static_cast<Eigen::Index>(per_stage));
    for (Eigen::Index r = 0; r < X.rows(); ++r) {
      for (std::size_t k = 0; k < per_stage; ++k) raw(r, static_cast<Eigen::Index>(k)) = init_[k];
      for (std::size_t t = 0; t < trees_.size(); ++t)
        raw(r, static_cast<Eigen::Index>(t % per_stage)) += learning_rate_ * trees_[t].predict(X.row(r).data());
    }
    return scores_to_probabilities(raw, n_classes_);
  }

  // Raw scores (one column, the log-odds, for two classes) to class probabilities.
  static FeatureMatrix scores_to_probabilities(const FeatureMatrix& raw, int n_classes) {
    if (n_classes != 2) return softmax_rows(raw);
    FeatureMatrix p(raw.rows(), 2);
    p.col(1) = (1.0 / (1.0 + (-raw.col(0).array()).exp())).matrix();
    p.col(0) = (1.0 - p.col(1).array()).matrix();
    return p;
  }

  // gradient_boosting.npy: one row per node of every tree, [feature (-1: leaf), threshold, left,
  // right, value]; gradient_boosting.json: the initial scores, learning rate and nodes per tree.
  void save(const fs::path& dir) const override {
    std::vector<std::size_t> nodes;
    std::size_t total = 0;
    for (const auto& tree : trees_) total += nodes.emplace_back(tree.feature.size());
    FeatureMatrix table(static_cast<Eigen::Index>(total), 5);
    Eigen::Index row = 0;
    for (const auto& tree : trees_)
      for (std::size_t i = 0; i < tree.feature.size(); ++i, ++row)
        table.row(row) << tree.feature[i], tree.threshold[i], tree.left[i], tree.right[i], tree.value[i];
    write_matrix(dir / "gradient_boosting.npy", table);
    write_json(dir / "gradient_boosting.json", {{"init", init_}, {"learning_rate", learning_rate_}, {"tree_nodes", nodes}});
  }

 private:
  std::vector<double> init_;
  double learning_rate_;
  std::vector<RegressionTree> trees_;  // stage by stage, one per column of the raw scores
  int n_classes_;
};

struct Settings final : ModelSettings {
  int n_estimators = 100;
  double learning_rate = 0.1;
  GrowParams tree;
  std::uint64_t seed = 42;
  unsigned threads = 1;
  bool show_progress = true;

  std::unique_ptr<Classifier> fit(const FeatureMatrix& X, const std::vector<int>& y, int n_classes) const override {
    const std::size_t n = y.size();
    const std::size_t per_stage = n_classes == 2 ? 1 : static_cast<std::size_t>(n_classes);
    // The prior's log-probabilities (log-odds for two classes), clipped as scikit-learn clips them.
    std::vector<double> prior(static_cast<std::size_t>(n_classes), 0.0);
    for (int c : y) prior[static_cast<std::size_t>(c)] += 1.0 / static_cast<double>(n);
    const double eps = std::numeric_limits<float>::epsilon();
    for (double& q : prior) q = std::clamp(q, eps, 1 - eps);
    std::vector<double> init;
    if (per_stage == 1) init.push_back(std::log(prior[1] / (1 - prior[1])));
    else for (double q : prior) init.push_back(std::log(q));

    const SortedColumns columns = sort_columns(X, threads);
    FeatureMatrix raw(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(per_stage));
    for (std::size_t k = 0; k < per_stage; ++k) raw.col(static_cast<Eigen::Index>(k)).setConstant(init[k]);
    std::vector<RegressionTree> trees;
    std::optional<runtime::Progress> progress;
    if (show_progress) progress.emplace("gradient boosting", static_cast<std::size_t>(n_estimators));
    for (int stage = 0; stage < n_estimators; ++stage) {
      runtime::throw_if_interrupted();
      const FeatureMatrix p = GradientBoosting::scores_to_probabilities(raw, n_classes);
      std::vector<RegressionTree> grown(per_stage);
      std::vector<std::vector<int>> leaves(per_stage);
      runtime::parallel_for(per_stage, threads, [&](std::size_t k) {
        const int positive = per_stage == 1 ? 1 : static_cast<int>(k);
        std::vector<double> indicator(n), residual(n);
        for (std::size_t r = 0; r < n; ++r) {
          indicator[r] = y[r] == positive ? 1.0 : 0.0;
          residual[r] = indicator[r] - p(static_cast<Eigen::Index>(r), positive);
        }
        RegressionTree& t = grown[k];
        t = grow(X, columns, residual, tree, runtime::splitmix64(seed ^ (static_cast<std::uint64_t>(stage) << 20) ^ k), leaves[k]);
        // One Newton step per leaf.
        std::vector<double> numerator(t.feature.size(), 0.0), denominator(t.feature.size(), 0.0);
        for (std::size_t r = 0; r < n; ++r) {
          const auto leaf = static_cast<std::size_t>(leaves[k][r]);
          numerator[leaf] += residual[r];
          denominator[leaf] += (indicator[r] - residual[r]) * (1 - indicator[r] + residual[r]);
        }
        const double scale = per_stage == 1 ? 1.0 : static_cast<double>(n_classes - 1) / n_classes;
        for (std::size_t leaf = 0; leaf < t.feature.size(); ++leaf)
          if (t.feature[leaf] < 0)
            t.value[leaf] = std::abs(denominator[leaf]) < 1e-150 ? 0.0 : scale * numerator[leaf] / denominator[leaf];
        for (std::size_t r = 0; r < n; ++r)
          raw(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(k)) += learning_rate * t.value[static_cast<std::size_t>(leaves[k][r])];
      });
      for (auto& t : grown) trees.push_back(std::move(t));
      if (progress) progress->advance();
    }
    return std::make_unique<GradientBoosting>(std::move(init), learning_rate, std::move(trees), n_classes);
  }
};

}  // namespace

ModelKind gradient_boosting_kind() {
  using config::ValueType;
  return {.name = "gradient_boosting",
          .summary = "Gradient boosting of regression trees on the log-loss (scikit-learn's GradientBoostingClassifier)",
          .has_probabilities = true,
          .takes_class_weights = false,
          .keys = {{.path = "model.gradient_boosting.n_estimators", .type = ValueType::Int, .default_yaml = "100", .min = 1,
                    .max = 100000, .description = "Boosting stages (each fits one tree per class)."},
                   {.path = "model.gradient_boosting.learning_rate", .type = ValueType::Float, .default_yaml = "0.1", .min = 1e-6,
                    .max = 10, .description = "Shrinkage of each tree's contribution."},
                   {.path = "model.gradient_boosting.max_depth", .type = ValueType::Int, .default_yaml = "3", .min = 1, .max = 32,
                    .description = "Depth of each regression tree."},
                   {.path = "model.gradient_boosting.min_samples_split", .type = ValueType::Int, .default_yaml = "2", .min = 2,
                    .max = 1000000, .description = "Rows a node needs to be split."},
                   {.path = "model.gradient_boosting.min_samples_leaf", .type = ValueType::Int, .default_yaml = "1", .min = 1,
                    .max = 1000000, .description = "Rows each side of a split must keep."}},
          .search = {{"n_estimators", SearchDimension::Draw::FromList,
                      {.path = "search.gradient_boosting.n_estimators", .type = ValueType::IntList, .default_yaml = "[50, 100, 200]",
                       .min = 1, .max = 100000, .description = "n_estimators values to draw from."}},
                     {"learning_rate", SearchDimension::Draw::LogUniform,
                      {.path = "search.gradient_boosting.learning_rate", .type = ValueType::FloatList, .default_yaml = "[0.01, 0.3]",
                       .min = 1e-6, .max = 10, .description = "[low, high]: learning_rate drawn log-uniformly."}},
                     {"max_depth", SearchDimension::Draw::FromList,
                      {.path = "search.gradient_boosting.max_depth", .type = ValueType::IntList, .default_yaml = "[2, 3, 5]",
                       .min = 1, .max = 32, .description = "max_depth values to draw from."}}},
          .settings = [](const config::Config& config, const FitContext& context) -> std::unique_ptr<ModelSettings> {
            auto s = std::make_unique<Settings>();
            s->n_estimators = static_cast<int>(config.get_int("model.gradient_boosting.n_estimators"));
            s->learning_rate = config.get_float("model.gradient_boosting.learning_rate");
            s->tree = {.max_depth = static_cast<int>(config.get_int("model.gradient_boosting.max_depth")),
                       .min_samples_split = static_cast<int>(config.get_int("model.gradient_boosting.min_samples_split")),
                       .min_samples_leaf = static_cast<int>(config.get_int("model.gradient_boosting.min_samples_leaf"))};
            s->seed = context.seed;
            s->threads = context.threads;
            s->show_progress = context.show_progress;
            return s;
          },
          .load = [](const fs::path& dir, int n_classes, unsigned) -> std::unique_ptr<Classifier> {
            const auto file = dir / "gradient_boosting.json";
            const auto json = read_json(file);
            auto init = json_value<std::vector<double>>(json, "init", file);
            const auto nodes = json_value<std::vector<int>>(json, "tree_nodes", file);
            if (init.size() != (n_classes == 2 ? 1u : static_cast<std::size_t>(n_classes)))
              throw DataError(file.string() + ": " + std::to_string(init.size()) + " initial scores for " + std::to_string(n_classes) + " classes");
            const FeatureMatrix table = read_matrix(dir / "gradient_boosting.npy", 5);
            std::vector<RegressionTree> trees;
            Eigen::Index row = 0;
            for (int count : nodes) {
              RegressionTree& t = trees.emplace_back();
              for (int i = 0; i < count; ++i, ++row) {
                if (row >= table.rows()) throw DataError(file.string() + ": more nodes than gradient_boosting.npy holds");
                t.feature.push_back(static_cast<int>(table(row, 0)));
                t.threshold.push_back(table(row, 1));
                t.left.push_back(static_cast<int>(table(row, 2)));
                t.right.push_back(static_cast<int>(table(row, 3)));
                t.value.push_back(table(row, 4));
                if (t.feature.back() >= 0 && (t.left.back() <= i || t.left.back() >= count || t.right.back() <= i || t.right.back() >= count))
                  throw DataError(dir.string() + "/gradient_boosting.npy: node " + std::to_string(row) + " is corrupt");
              }
            }
            return std::make_unique<GradientBoosting>(std::move(init), json_value<double>(json, "learning_rate", file), std::move(trees),
                                                      n_classes);
          }};
}

}  // namespace genrekit::models
