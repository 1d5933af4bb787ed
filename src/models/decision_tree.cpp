#include "decision_tree.h"

#include <algorithm>
#include <limits>
#include <numeric>

#include "genrekit/runtime/splitmix.h"

namespace genrekit::models {

namespace {

// scikit-learn's FEATURE_THRESHOLD: values closer than this are not split apart.
constexpr double kFeatureThreshold = 1e-7;
constexpr double kEpsilon = std::numeric_limits<double>::epsilon();

struct Split {
  int feature = -1;
  double threshold = 0;
  std::size_t position = 0;  // rows [start, position) go left
  double proxy = -std::numeric_limits<double>::infinity();
};

class Grower {
 public:
  Grower(const FeatureMatrix& X, const std::vector<int>& y, const std::vector<double>& weight, int n_classes,
         const TreeParams& params, std::uint64_t seed)
      : X_(X), y_(y), weight_(weight), k_(static_cast<std::size_t>(n_classes)), params_(params), random_(seed) {
    for (std::size_t r = 0; r < y.size(); ++r)
      if (weight[r] > 0) samples_.push_back(static_cast<int>(r));
    values_.resize(samples_.size());
    left_counts_.resize(k_);
  }

  DecisionTree grow() {
    struct Pending {
      std::size_t start, end;
      int depth, parent;
      bool is_left;
      std::vector<int> constant;  // features known constant here (from the parent)
    };
    std::vector<Pending> stack{{0, samples_.size(), 0, -1, false, {}}};
    std::vector<std::vector<double>> leaves;
    std::vector<double> counts(k_);
    while (!stack.empty()) {
      Pending node = std::move(stack.back());
      stack.pop_back();
      const int id = static_cast<int>(tree_.feature.size());
      if (node.parent >= 0) (node.is_left ? tree_.left : tree_.right)[static_cast<std::size_t>(node.parent)] = id;
      tree_.feature.push_back(-1);
      tree_.threshold.push_back(0);
      tree_.left.push_back(-1);
      tree_.right.push_back(-1);
      tree_.leaf_row.push_back(-1);

      std::fill(counts.begin(), counts.end(), 0.0);
      double total = 0;
      for (std::size_t i = node.start; i < node.end; ++i) {
        const auto r = static_cast<std::size_t>(samples_[i]);
        counts[static_cast<std::size_t>(y_[r])] += weight_[r];
        total += weight_[r];
      }
      double sum_squares = 0;
      for (double c : counts) sum_squares += c * c;
      const double impurity = 1.0 - sum_squares / (total * total);
      const std::size_t n = node.end - node.start;
      bool leaf = (params_.max_depth > 0 && node.depth >= params_.max_depth) ||
                  n < static_cast<std::size_t>(params_.min_samples_split) ||
                  n < 2 * static_cast<std::size_t>(params_.min_samples_leaf) || impurity <= kEpsilon;
      Split split;
      if (!leaf) {
        split = best_split(node.start, node.end, counts, total, node.constant);
        leaf = split.feature < 0;
      }
      if (leaf) {
        tree_.leaf_row.back() = static_cast<int>(leaves.size());
        std::vector<double> shares(counts);
        for (double& s : shares) s /= total;
        leaves.push_back(std::move(shares));
        continue;
      }
      tree_.feature.back() = split.feature;
      tree_.threshold.back() = split.threshold;
      // Right pushed first: the left child is grown (and numbered) first, as scikit-learn's stack does.
      stack.push_back({split.position, node.end, node.depth + 1, id, false, node.constant});
      stack.push_back({node.start, split.position, node.depth + 1, id, true, std::move(node.constant)});
    }
    tree_.leaf_shares.resize(static_cast<Eigen::Index>(leaves.size()), static_cast<Eigen::Index>(k_));
    for (std::size_t l = 0; l < leaves.size(); ++l)
      for (std::size_t c = 0; c < k_; ++c) tree_.leaf_shares(static_cast<Eigen::Index>(l), static_cast<Eigen::Index>(c)) = leaves[l][c];
    return std::move(tree_);
  }

 private:
  std::uint64_t next() { return random_ = runtime::splitmix64(random_); }

  // The best split of samples_[start, end), which it leaves partitioned (left rows first). `constant`
  // gains the features found constant here. Split::feature -1 when no split is valid.
  Split best_split(std::size_t start, std::size_t end, const std::vector<double>& counts, double total, std::vector<int>& constant) {
    const auto d = static_cast<int>(X_.cols());
    std::vector<int> features(static_cast<std::size_t>(d));
    std::iota(features.begin(), features.end(), 0);
    std::vector<char> known_constant(static_cast<std::size_t>(d), 0);
    for (int f : constant) known_constant[static_cast<std::size_t>(f)] = 1;
    Split best;
    int visited = 0, constants_seen = 0;
    std::size_t remaining = features.size();
    while (remaining > 0 && (visited < params_.max_features || visited <= constants_seen)) {
      const std::size_t pick = next() % remaining;
      const int f = features[pick];
      std::swap(features[pick], features[--remaining]);
      ++visited;
      if (known_constant[static_cast<std::size_t>(f)]) {
        ++constants_seen;
        continue;
      }
      for (std::size_t i = start; i < end; ++i) values_[i] = {tree_value(X_(samples_[i], f)), samples_[i]};
      std::sort(values_.begin() + static_cast<std::ptrdiff_t>(start), values_.begin() + static_cast<std::ptrdiff_t>(end));
      if (values_[end - 1].first <= values_[start].first + kFeatureThreshold) {
        ++constants_seen;
        constant.push_back(f);
        continue;
      }
      scan(f, start, end, counts, total, best);
    }
    if (best.feature >= 0) {
      const int f = best.feature;
      const auto middle = std::partition(samples_.begin() + static_cast<std::ptrdiff_t>(start), samples_.begin() + static_cast<std::ptrdiff_t>(end),
                                         [&](int r) { return tree_value(X_(r, f)) <= best.threshold; });
      best.position = static_cast<std::size_t>(middle - samples_.begin());
    }
    return best;
  }

  // Every gap of feature f's sorted values in values_[start, end): gini's proxy improvement (the
  // sum over classes of count^2 / weight on each side), the first maximum kept.
  void scan(int f, std::size_t start, std::size_t end, const std::vector<double>& counts, double total, Split& best) {
    std::fill(left_counts_.begin(), left_counts_.end(), 0.0);
    double left_weight = 0, left_squares = 0, right_squares = 0;
    for (double c : counts) right_squares += c * c;
    const auto min_leaf = static_cast<std::size_t>(params_.min_samples_leaf);
    for (std::size_t p = start + 1; p < end; ++p) {
      const auto moved = static_cast<std::size_t>(values_[p - 1].second);
      const auto c = static_cast<std::size_t>(y_[moved]);
      const double w = weight_[moved];
      const double before_left = left_counts_[c], before_right = counts[c] - before_left;
      left_counts_[c] += w;
      left_weight += w;
      left_squares += left_counts_[c] * left_counts_[c] - before_left * before_left;
      right_squares += (before_right - w) * (before_right - w) - before_right * before_right;
      if (values_[p].first <= values_[p - 1].first + kFeatureThreshold) continue;
      if (p - start < min_leaf || end - p < min_leaf) continue;
      const double right_weight = total - left_weight;
      if (!(left_weight > 0) || !(right_weight > 0)) continue;
      const double proxy = left_squares / left_weight + right_squares / right_weight;
      if (proxy > best.proxy) {
        double threshold = values_[p - 1].first / 2.0 + values_[p].first / 2.0;
        if (threshold == values_[p].first || std::isinf(threshold)) threshold = values_[p - 1].first;
        best = {f, threshold, 0, proxy};
      }
    }
  }

  const FeatureMatrix& X_;
  const std::vector<int>& y_;
  const std::vector<double>& weight_;
  std::size_t k_;
  TreeParams params_;
  std::uint64_t random_;
  std::vector<int> samples_;
  std::vector<std::pair<double, int>> values_;
  std::vector<double> left_counts_;
  DecisionTree tree_;
};

}  // namespace

Eigen::Ref<const Eigen::RowVectorXd> DecisionTree::shares(const double* row) const {
  std::size_t node = 0;
  while (feature[node] >= 0)
    node = static_cast<std::size_t>(tree_value(row[feature[node]]) <= threshold[node] ? left[node] : right[node]);
  return leaf_shares.row(leaf_row[node]);
}

DecisionTree grow_tree(const FeatureMatrix& X, const std::vector<int>& y, const std::vector<double>& weight, int n_classes,
                       const TreeParams& params, std::uint64_t seed) {
  return Grower(X, y, weight, n_classes, params, seed).grow();
}

}  // namespace genrekit::models
