// random_forest: scikit-learn's RandomForestClassifier: n_estimators CART trees (gini; see
// decision_tree.h), each on a bootstrap sample of the rows (n draws with replacement, each row
// weighed by how often it was drawn) when bootstrap is on; probabilities are the mean of the
// trees' leaf class shares. Tree t's draws come from (seed, t) alone, so the forest does not
// depend on the thread count.
#include <cmath>

#include "models/decision_tree.h"
#include "genrekit/error.h"
#include "genrekit/models/model_files.h"
#include "genrekit/models/model_kind.h"
#include "genrekit/runtime/interrupt.h"
#include "genrekit/runtime/parallel.h"
#include "genrekit/runtime/splitmix.h"

namespace genrekit::models {

namespace fs = std::filesystem;

namespace {

class RandomForest : public Classifier {
 public:
  RandomForest(std::vector<DecisionTree> trees, int n_classes) : trees_(std::move(trees)), n_classes_(n_classes) {}

  FeatureMatrix probabilities(const FeatureMatrix& X) const override {
    FeatureMatrix out = FeatureMatrix::Zero(X.rows(), n_classes_);
    for (Eigen::Index r = 0; r < X.rows(); ++r)
      for (const auto& tree : trees_) out.row(r) += tree.shares(X.row(r).data());
    return out / static_cast<double>(trees_.size());
  }

  // random_forest.npy: one row per node of every tree, [feature (-1: leaf), threshold, left, right,
  // class shares...] (children numbered within their tree); random_forest.json: nodes per tree.
  void save(const fs::path& dir) const override {
    std::size_t total = 0;
    std::vector<std::size_t> nodes;
    for (const auto& tree : trees_) total += nodes.emplace_back(tree.feature.size());
    FeatureMatrix table = FeatureMatrix::Zero(static_cast<Eigen::Index>(total), 4 + n_classes_);
    Eigen::Index row = 0;
    for (const auto& tree : trees_)
      for (std::size_t n = 0; n < tree.feature.size(); ++n, ++row) {
        table(row, 0) = tree.feature[n];
        table(row, 1) = tree.threshold[n];
        table(row, 2) = tree.left[n];
        table(row, 3) = tree.right[n];
        if (tree.leaf_row[n] >= 0) table.row(row).tail(n_classes_) = tree.leaf_shares.row(tree.leaf_row[n]);
      }
    write_matrix(dir / "random_forest.npy", table);
    write_json(dir / "random_forest.json", {{"tree_nodes", nodes}});
  }

 private:
  std::vector<DecisionTree> trees_;
  int n_classes_;
};

// max_features as scikit-learn reads it: sqrt, log2, all (None), an integer count, or a fraction
// of the features (a number with a decimal point: 1.0 is all of them, 1 is one).
int resolve_max_features(const std::string& text, Eigen::Index features) {
  const auto d = static_cast<double>(features);
  int count = 0;
  if (text == "sqrt") count = static_cast<int>(std::sqrt(d));
  else if (text == "log2") count = static_cast<int>(std::log2(d));
  else if (text == "all") count = static_cast<int>(features);
  else if (text.find('.') != std::string::npos) count = static_cast<int>(std::stod(text) * d);
  else count = std::stoi(text);
  return std::clamp(count, 1, static_cast<int>(features));
}

struct Settings final : ModelSettings {
  int n_estimators = 100;
  std::string max_features = "sqrt";
  TreeParams tree;
  bool bootstrap = true;
  ClassWeights class_weights;
  std::uint64_t seed = 42;
  unsigned threads = 1;

  std::unique_ptr<Classifier> fit(const FeatureMatrix& X, const std::vector<int>& y, int n_classes) const override {
    TreeParams params = tree;
    params.max_features = resolve_max_features(max_features, X.cols());
    const auto class_weight = class_weights.resolve(y, n_classes);
    std::vector<DecisionTree> trees(static_cast<std::size_t>(n_estimators));
    runtime::parallel_for(trees.size(), threads, [&](std::size_t t) {
      runtime::throw_if_interrupted();
      std::uint64_t state = runtime::splitmix64(seed ^ (0x9e3779b97f4a7c15ULL * (t + 1)));
      std::vector<double> weight(y.size(), bootstrap ? 0.0 : 1.0);
      if (bootstrap)
        for (std::size_t i = 0; i < y.size(); ++i) weight[(state = runtime::splitmix64(state)) % y.size()] += 1;
      if (!class_weight.empty())
        for (std::size_t r = 0; r < y.size(); ++r) weight[r] *= class_weight[static_cast<std::size_t>(y[r])];
      trees[t] = grow_tree(X, y, weight, n_classes, params, runtime::splitmix64(state));
    });
    return std::make_unique<RandomForest>(std::move(trees), n_classes);
  }
};

}  // namespace

ModelKind random_forest_kind() {
  using config::ValueType;
  return {.name = "random_forest",
          .summary = "Random forest of CART trees, gini, bootstrap (scikit-learn's RandomForestClassifier)",
          .has_probabilities = true,
          .takes_class_weights = true,
          .keys = {{.path = "model.random_forest.n_estimators", .type = ValueType::Int, .default_yaml = "100", .min = 1, .max = 100000,
                    .description = "Trees."},
                   {.path = "model.random_forest.max_depth", .type = ValueType::Int, .default_yaml = "0", .min = 0, .max = 1000,
                    .description = "Tree depth (0: unlimited, scikit-learn's None; the thesis: 30)."},
                   {.path = "model.random_forest.max_features", .type = ValueType::String, .default_yaml = "sqrt",
                    .description = "Features tried per split: sqrt, log2, all, a count (1: one feature, the thesis) or a "
                                   "fraction written with a decimal point (0.3, 1.0 = all)."},
                   {.path = "model.random_forest.min_samples_split", .type = ValueType::Int, .default_yaml = "2", .min = 2,
                    .max = 1000000, .description = "Rows a node needs to be split."},
                   {.path = "model.random_forest.min_samples_leaf", .type = ValueType::Int, .default_yaml = "1", .min = 1,
                    .max = 1000000, .description = "Rows each side of a split must keep."},
                   {.path = "model.random_forest.bootstrap", .type = ValueType::Bool, .default_yaml = "true",
                    .description = "Each tree on a bootstrap sample (false: every row once)."}},
          .search = {{"max_depth", SearchDimension::Draw::FromList,
                      {.path = "search.random_forest.max_depth", .type = ValueType::IntList, .default_yaml = "[10, 20, 30, 0]",
                       .min = 0, .max = 1000, .description = "max_depth values to draw from (0: unlimited)."}},
                     {"max_features", SearchDimension::Draw::FromList,
                      {.path = "search.random_forest.max_features", .type = ValueType::StringList,
                       .default_yaml = "[sqrt, log2, \"0.2\"]", .description = "max_features values to draw from."}}},
          .settings = [](const config::Config& config, const FitContext& context) -> std::unique_ptr<ModelSettings> {
            auto s = std::make_unique<Settings>();
            s->n_estimators = static_cast<int>(config.get_int("model.random_forest.n_estimators"));
            s->max_features = config.get_string("model.random_forest.max_features");
            try {
              resolve_max_features(s->max_features, 100);
            } catch (const std::exception&) {
              throw ConfigError("model.random_forest.max_features: expected sqrt, log2, all, a count or a fraction, got '" +
                                s->max_features + "'");
            }
            s->tree = {.max_depth = static_cast<int>(config.get_int("model.random_forest.max_depth")),
                       .min_samples_split = static_cast<int>(config.get_int("model.random_forest.min_samples_split")),
                       .min_samples_leaf = static_cast<int>(config.get_int("model.random_forest.min_samples_leaf"))};
            s->bootstrap = config.get_bool("model.random_forest.bootstrap");
            s->class_weights = context.class_weights;
            s->seed = context.seed;
            s->threads = context.threads;
            return s;
          },
          .load = [](const fs::path& dir, int n_classes, unsigned) -> std::unique_ptr<Classifier> {
            const auto file = dir / "random_forest.json";
            const auto nodes = json_value<std::vector<int>>(read_json(file), "tree_nodes", file);
            const FeatureMatrix table = read_matrix(dir / "random_forest.npy", 4 + n_classes);
            std::vector<DecisionTree> trees;
            Eigen::Index row = 0;
            for (int count : nodes) {
              DecisionTree& tree = trees.emplace_back();
              std::vector<Eigen::Index> leaves;
              for (int n = 0; n < count; ++n, ++row) {
                if (row >= table.rows()) throw DataError(file.string() + ": more nodes than random_forest.npy holds");
                const auto feature = static_cast<int>(table(row, 0));
                tree.feature.push_back(feature);
                tree.threshold.push_back(table(row, 1));
                tree.left.push_back(static_cast<int>(table(row, 2)));
                tree.right.push_back(static_cast<int>(table(row, 3)));
                const bool children_valid = feature < 0 || (tree.left.back() > n && tree.left.back() < count &&
                                                            tree.right.back() > n && tree.right.back() < count);
                if (!children_valid) throw DataError(dir.string() + "/random_forest.npy: node " + std::to_string(row) + " is corrupt");
                tree.leaf_row.push_back(feature < 0 ? static_cast<int>(leaves.size()) : -1);
                if (feature < 0) leaves.push_back(row);
              }
              tree.leaf_shares.resize(static_cast<Eigen::Index>(leaves.size()), n_classes);
              for (std::size_t l = 0; l < leaves.size(); ++l)
                tree.leaf_shares.row(static_cast<Eigen::Index>(l)) = table.row(leaves[l]).tail(n_classes);
            }
            return std::make_unique<RandomForest>(std::move(trees), n_classes);
          }};
}

}  // namespace genrekit::models
