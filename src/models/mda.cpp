#include "genrekit/models/mda.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <spdlog/spdlog.h>

#include "genrekit/eval/metrics.h"
#include "genrekit/models/xgboost_model.h"
#include "genrekit/runtime/interrupt.h"
#include "genrekit/runtime/progress.h"
#include "genrekit/runtime/splitmix.h"

namespace genrekit::models {

namespace {

// Fisher-Yates driven by splitmix64, so a shuffle is the same on every platform (std::shuffle's is not).
std::vector<Eigen::Index> seeded_permutation(Eigen::Index n, std::uint64_t seed) {
  std::vector<Eigen::Index> order(static_cast<std::size_t>(n));
  for (Eigen::Index i = 0; i < n; ++i) order[static_cast<std::size_t>(i)] = i;
  for (Eigen::Index i = n - 1; i > 0; --i) {
    seed = runtime::splitmix64(seed);
    std::swap(order[static_cast<std::size_t>(i)], order[seed % static_cast<std::uint64_t>(i + 1)]);
  }
  return order;
}

}  // namespace

std::vector<FeatureImportance> permutation_importance(const FeatureMatrix& train_x, const std::vector<int>& train_y,
                                                      const FeatureMatrix& valid_x, const std::vector<int>& valid_y,
                                                      int n_classes, const MdaParams& p) {
  if (valid_x.rows() == 0 || static_cast<std::size_t>(valid_x.rows()) != valid_y.size())
    throw std::invalid_argument("MDA: needs validation rows with labels");
  if (valid_x.cols() != train_x.cols()) throw std::invalid_argument("MDA: training and validation columns differ");
  if (p.repeats < 1) throw std::invalid_argument("MDA: repeats must be >= 1");
  const XgbParams forest{.max_depth = p.max_depth,
                         .n_estimators = 1,
                         .learning_rate = 1.0,
                         .subsample = 0.632,
                         .colsample_bynode = std::min(1.0, std::sqrt(static_cast<double>(train_x.cols())) /
                                                               static_cast<double>(train_x.cols())),
                         .parallel_trees = p.trees,
                         .threads = p.threads,
                         .seed = static_cast<unsigned>(p.seed)};
  spdlog::info("MDA: random forest of {} trees (depth {}) on {} rows, importance of {} features on {} validation rows x {} shuffles",
               p.trees, p.max_depth, train_x.rows(), train_x.cols(), valid_x.rows(), p.repeats);
  const XgbModel model = XgbModel::train(train_x, train_y, n_classes, forest);
  const double baseline = eval::accuracy(valid_y, model.predict(valid_x));

  std::vector<FeatureImportance> out;
  runtime::Progress progress("MDA", static_cast<std::size_t>(valid_x.cols()));
  FeatureMatrix shuffled = valid_x;
  for (Eigen::Index c = 0; c < valid_x.cols(); ++c) {
    runtime::throw_if_interrupted();
    std::vector<double> drops;
    for (int r = 0; r < p.repeats; ++r) {
      const auto order = seeded_permutation(valid_x.rows(), runtime::splitmix64(p.seed ^ (static_cast<std::uint64_t>(c) << 20) ^
                                                                                 static_cast<std::uint64_t>(r)));
      for (Eigen::Index i = 0; i < valid_x.rows(); ++i) shuffled(i, c) = valid_x(order[static_cast<std::size_t>(i)], c);
      drops.push_back(baseline - eval::accuracy(valid_y, model.predict(shuffled)));
    }
    shuffled.col(c) = valid_x.col(c);
    double mean = 0, squares = 0;
    for (double d : drops) mean += d / static_cast<double>(drops.size());
    for (double d : drops) squares += (d - mean) * (d - mean) / static_cast<double>(drops.size());
    out.push_back({static_cast<std::size_t>(c), mean, std::sqrt(squares)});
    progress.advance();
  }
  progress.finish();
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.importance > b.importance; });
  return out;
}

}  // namespace genrekit::models
