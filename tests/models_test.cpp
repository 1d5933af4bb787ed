// The classical models' building blocks: the labelled set, feature groups, standardisation, and the
// LIBLINEAR models on data whose answer is known.
#include <cmath>
#include <random>

#include "genrekit/error.h"
#include "genrekit/eval/metrics.h"
#include "genrekit/models/dataset.h"
#include "genrekit/models/linear_model.h"
#include "genrekit/models/mda.h"
#include "genrekit/models/pca.h"
#include "genrekit/models/xgboost_model.h"
#include "test_support.h"

namespace genrekit::models {
namespace {

data::FeatureTable small_table() {
  data::FeatureTable t;
  t.columns = {{"mfcc", "mean", "01"}, {"mfcc", "std", "01"}, {"zcr", "mean", "01"}};
  t.index = {"2", "3", "5", "7"};
  t.values = {1, 2, 3, 4, 5, 6, std::nan(""), 8, 9, 10, 11, 12};
  return t;
}

std::vector<data::Track> tracks() {
  std::vector<data::Track> out(4);
  const char* genres[] = {"Rock", "Jazz", "Rock", "Pop"};
  const int ids[] = {7, 2, 3, 11};  // 11 has no features
  for (int i = 0; i < 4; ++i) {
    out[static_cast<std::size_t>(i)].id = ids[i];
    out[static_cast<std::size_t>(i)].genre_top = genres[i];
    out[static_cast<std::size_t>(i)].split = i == 2 ? data::Split::Test : data::Split::Training;
  }
  return out;
}

TEST(LabelledSet, JoinsFeaturesWithTracksByIdInTrackOrder) {
  const LabelledSet set = join_fma(small_table(), tracks());
  EXPECT_EQ(set.ids, (std::vector<std::string>{"7", "2", "3"}));
  EXPECT_EQ(set.classes, (std::vector<std::string>{"Jazz", "Pop", "Rock"}));  // sorted, Pop has no features
  EXPECT_EQ(set.y, (std::vector<int>{2, 0, 2}));
  EXPECT_EQ(set.missing_features, 1u);
  EXPECT_EQ(set.X(0, 0), 10);  // track 7's row
  EXPECT_EQ(set.split[2], data::Split::Test);
  auto unlabelled = tracks();
  unlabelled[1].genre_top.clear();
  EXPECT_THROW_WITH(join_fma(small_table(), unlabelled), DataError, "track 2 has no genre_top");
}

TEST(LabelledSet, FeatureGroups) {
  const auto columns = small_table().columns;
  EXPECT_EQ(select_columns(columns, {}), (std::vector<std::size_t>{0, 1, 2}));
  EXPECT_EQ(select_columns(columns, {"mfcc"}), (std::vector<std::size_t>{0, 1}));
  EXPECT_EQ(select_columns(columns, {"zcr", "mfcc/std"}), (std::vector<std::size_t>{1, 2}));
  EXPECT_THROW_WITH(select_columns(columns, {"mfccs"}), ConfigError, "feature group 'mfccs' matches no column (features: mfcc, zcr");
  const LabelledSet kept = keep_columns(join_fma(small_table(), tracks()), select_columns(columns, {"zcr"}));
  EXPECT_EQ(kept.X.cols(), 1);
  EXPECT_EQ(kept.X(1, 0), 3);
}

TEST(Standardizer, FitsOnTrainingRowsOnly) {
  FeatureMatrix X(4, 3);
  X << 1, 5, std::nan(""),  //
      3, 5, 2,              //
      100, 5, 4,            // not a training row: must not move the fit
      5, 5, 6;
  const Standardizer s = Standardizer::fit(X, {0, 1, 3});
  EXPECT_DOUBLE_EQ(s.mean()[0], 3);
  EXPECT_NEAR(s.scale()[0], std::sqrt(8.0 / 3), 1e-12);  // population std
  EXPECT_DOUBLE_EQ(s.scale()[1], 1);                      // constant column: centred only
  EXPECT_DOUBLE_EQ(s.mean()[2], 4);                       // NaN ignored in the fit
  const FeatureMatrix Z = s.transform(X);
  EXPECT_DOUBLE_EQ(Z(0, 2), 0);  // NaN becomes the training mean
  EXPECT_DOUBLE_EQ(Z(1, 1), 0);
  EXPECT_THROW_WITH(s.transform(FeatureMatrix(2, 2)), DataError, "fitted on 3");
}

// Three Gaussian blobs in 4 dimensions: any sound linear model separates them.
void blobs(FeatureMatrix& X, std::vector<int>& y, int per_class, unsigned seed, std::vector<int> sizes = {}) {
  std::mt19937 random(seed);
  std::normal_distribution<double> noise(0, 0.7);
  const double centres[3][4] = {{0, 0, 0, 0}, {3, 0, 1, 0}, {0, 3, 0, -1}};
  if (sizes.empty()) sizes = {per_class, per_class, per_class};
  X.resize(sizes[0] + sizes[1] + sizes[2], 4);
  y.clear();
  Eigen::Index r = 0;
  for (int c = 0; c < 3; ++c)
    for (int i = 0; i < sizes[static_cast<std::size_t>(c)]; ++i, ++r) {
      for (int d = 0; d < 4; ++d) X(r, d) = centres[c][d] + noise(random);
      y.push_back(c);
    }
}

TEST(LinearModel, LogisticRegressionAndSvmSeparateBlobs) {
  FeatureMatrix train_x, test_x;
  std::vector<int> train_y, test_y;
  blobs(train_x, train_y, 60, 1);
  blobs(test_x, test_y, 40, 2);
  for (LinearKind kind : {LinearKind::LogisticRegression, LinearKind::LinearSvm}) {
    const LinearModel model = LinearModel::train(train_x, train_y, 3, {.kind = kind});
    const auto metrics = eval::compute_metrics(test_y, model.predict(test_x), {"a", "b", "c"});
    EXPECT_GE(metrics.accuracy, 0.95) << (kind == LinearKind::LinearSvm ? "svm" : "lr");
  }
  const FeatureMatrix p = LinearModel::train(train_x, train_y, 3, {}).scores(test_x);
  for (Eigen::Index r = 0; r < p.rows(); ++r) EXPECT_NEAR(p.row(r).sum(), 1.0, 1e-9);  // probabilities
}

TEST(LinearModel, SaveLoadDeterminismAndBinaryLabels) {
  FeatureMatrix X;
  std::vector<int> y;
  blobs(X, y, 30, 3);
  const auto dir = test::scratch_dir();
  for (LinearKind kind : {LinearKind::LogisticRegression, LinearKind::LinearSvm}) {
    const LinearModel model = LinearModel::train(X, y, 3, {.kind = kind});
    model.save(dir);
    const LinearModel loaded = LinearModel::load(dir, kind, 3);
    EXPECT_EQ(loaded.kind(), kind);
    EXPECT_TRUE(loaded.scores(X).isApprox(model.scores(X), 1e-12));
    EXPECT_EQ(LinearModel::train(X, y, 3, {.kind = kind}).scores(X), model.scores(X));  // same data, same model
  }
  // Two classes, the second seen first: LIBLINEAR's own label order must not leak out.
  FeatureMatrix X2 = X.topRows(60);
  std::vector<int> y2(y.begin(), y.begin() + 60);
  std::reverse(y2.begin(), y2.end());
  X2 = X2.colwise().reverse().eval();
  for (LinearKind kind : {LinearKind::LogisticRegression, LinearKind::LinearSvm}) {
    const auto predicted = LinearModel::train(X2, y2, 2, {.kind = kind}).predict(X2);
    EXPECT_GE(eval::compute_metrics(y2, predicted, {"a", "b"}).accuracy, 0.95);
  }
  std::filesystem::copy_file(dir / "linear_svm.txt", dir / "logistic_regression.txt", std::filesystem::copy_options::overwrite_existing);
  EXPECT_THROW_WITH(LinearModel::load(dir, LinearKind::LogisticRegression, 3), DataError,
                    "logistic_regression.txt: holds another LIBLINEAR solver");
  test::write_text(dir / "linear_svm.txt", "not a model");
  EXPECT_THROW_WITH(LinearModel::load(dir, LinearKind::LinearSvm, 3), DataError, "linear_svm.txt: not a LIBLINEAR model file");
  EXPECT_THROW_WITH(LinearModel::train(X, y, 3, {.C = 0}), std::invalid_argument, "C must be positive");
}

TEST(ClassWeights, BalancedAndCustomWeightsLiftTheMinorityClass) {
  FeatureMatrix X;
  std::vector<int> y;
  blobs(X, y, 0, 4, {200, 200, 8});
  std::vector<int> truth;
  FeatureMatrix test_x;
  blobs(test_x, truth, 60, 5);
  // The linear model's recall of the minority class; XGBoost's mean probability of it (its recall
  // is already high unweighted on these blobs).
  const auto recall_of_minority = [&](const ClassWeights& weights) {
    const auto linear = LinearModel::train(X, y, 3, {.C = 0.01, .class_weights = weights}).predict(test_x);
    const auto trees = XgbModel::train(X, y, 3, {.max_depth = 2, .n_estimators = 10, .class_weights = weights}).probabilities(test_x);
    return std::pair(eval::compute_metrics(truth, linear, {"a", "b", "c"}).per_class[2].recall, trees.col(2).mean());
  };
  const auto equal = recall_of_minority({});
  const auto balanced = recall_of_minority({.balanced = true});
  const auto custom = recall_of_minority({.custom = {1, 1, 30}});
  EXPECT_GT(balanced.first, equal.first);
  EXPECT_GT(custom.first, equal.first);
  EXPECT_GT(balanced.second, equal.second);
  EXPECT_GT(custom.second, equal.second);

  // n / (k x n_c) from the labels being fitted; custom weights pass through; none is empty.
  const auto weights = ClassWeights{.balanced = true}.resolve({0, 0, 0, 1}, 3);
  EXPECT_EQ(weights, (std::vector<double>{4.0 / 9, 4.0 / 3, 1.0}));  // an absent class keeps 1
  EXPECT_EQ((ClassWeights{.custom = {2, 1}}.resolve({0, 1}, 2)), (std::vector<double>{2, 1}));
  EXPECT_TRUE(ClassWeights{}.resolve({0, 1}, 2).empty());
}

TEST(Pca, FindsTheDirectionsOfLargestVarianceAndWhitens) {
  // Points spread along (1, 1) with variance ~9, along (1, -1) with variance ~0.25, in 3 dimensions.
  std::mt19937 random(9);
  std::normal_distribution<double> wide(0, 3), narrow(0, 0.5), tiny(0, 0.01);
  FeatureMatrix X(2000, 3);
  for (Eigen::Index r = 0; r < X.rows(); ++r) {
    const double a = wide(random), b = narrow(random);
    X.row(r) << (a + b) / std::sqrt(2.0) + 5, (a - b) / std::sqrt(2.0) - 1, tiny(random);
  }
  std::vector<std::size_t> rows(2000);
  for (std::size_t i = 0; i < rows.size(); ++i) rows[i] = i;
  const Pca pca = Pca::fit(X, rows, 2, false);
  EXPECT_NEAR(std::fabs(pca.components()(0, 0)), 1 / std::sqrt(2.0), 0.02);
  EXPECT_NEAR(std::fabs(pca.components()(0, 1)), 1 / std::sqrt(2.0), 0.02);
  EXPECT_GT(pca.components().row(0).maxCoeff(), 0);  // sign convention: largest loading positive
  EXPECT_NEAR(pca.explained_variance()[0], 9, 0.6);
  EXPECT_NEAR(pca.explained_variance()[1], 0.25, 0.03);
  const FeatureMatrix Y = pca.transform(X);
  EXPECT_NEAR(Y.col(0).mean(), 0, 1e-9);
  const FeatureMatrix W = Pca::fit(X, rows, 2, true).transform(X);
  for (Eigen::Index k = 0; k < 2; ++k) {
    const double variance = (W.col(k).array() - W.col(k).mean()).square().sum() / static_cast<double>(W.rows() - 1);
    EXPECT_NEAR(variance, 1.0, 1e-9) << "whitened component " << k;
  }
  EXPECT_THROW_WITH(Pca::fit(X, rows, 4, false), std::invalid_argument, "n_components must lie in [1, 3]");
}

TEST(XgbModel, LearnsBlobsAndRoundTripsThroughJson) {
  FeatureMatrix train_x, test_x;
  std::vector<int> train_y, test_y;
  blobs(train_x, train_y, 60, 1);
  blobs(test_x, test_y, 40, 2);
  const XgbModel model = XgbModel::train(train_x, train_y, 3, {.max_depth = 3, .n_estimators = 30});
  EXPECT_GE(eval::compute_metrics(test_y, model.predict(test_x), {"a", "b", "c"}).accuracy, 0.9);
  const FeatureMatrix p = model.probabilities(test_x);
  for (Eigen::Index r = 0; r < p.rows(); ++r) EXPECT_NEAR(p.row(r).sum(), 1.0, 1e-5);
  const auto dir = test::scratch_dir();
  model.save(dir);
  EXPECT_EQ(XgbModel::load(dir, 3).probabilities(test_x), p);
  EXPECT_EQ(XgbModel::train(train_x, train_y, 3, {.max_depth = 3, .n_estimators = 30}).probabilities(test_x), p);  // seeded
  test::write_text(dir / "xgboost.json", "{\"learner\": 1");
  EXPECT_THROW_WITH(XgbModel::load(dir, 3), DataError, "not an XGBoost model");
  EXPECT_THROW_WITH(XgbModel::train(train_x, train_y, 3, {.max_depth = 0}), std::invalid_argument, "need max_depth, n_estimators and parallel_trees >= 1");
}

TEST(Mda, RanksTheInformativeColumnsFirstAndNoiseNearZero) {
  FeatureMatrix blob_train, blob_valid;
  std::vector<int> train_y, valid_y;
  blobs(blob_train, train_y, 80, 1);
  blobs(blob_valid, valid_y, 60, 2);
  // Two pure-noise columns beside the blobs' four (0 and 1 separate the classes by 3, 2 and 3 by 1).
  const auto with_noise = [](const FeatureMatrix& X, unsigned seed) {
    std::mt19937 random(seed);
    std::normal_distribution<double> noise(0, 1);
    FeatureMatrix out(X.rows(), 6);
    out.leftCols(4) = X;
    for (Eigen::Index r = 0; r < X.rows(); ++r) out(r, 4) = noise(random), out(r, 5) = noise(random);
    return out;
  };
  const MdaParams params{.trees = 30, .max_depth = 8, .repeats = 3};
  const auto ranking = permutation_importance(with_noise(blob_train, 3), train_y, with_noise(blob_valid, 4), valid_y, 3, params);
  ASSERT_EQ(ranking.size(), 6u);
  EXPECT_EQ(std::min(ranking[0].column, ranking[1].column), 0u);
  EXPECT_EQ(std::max(ranking[0].column, ranking[1].column), 1u);
  EXPECT_GT(ranking[1].importance, 0.05);
  for (const auto& entry : ranking)
    if (entry.column >= 4) {
      EXPECT_LT(std::abs(entry.importance), 0.03) << "noise column " << entry.column;
      EXPECT_LT(entry.importance, ranking[1].importance);
    }
  // Seeded: the same ranking again.
  const auto again = permutation_importance(with_noise(blob_train, 3), train_y, with_noise(blob_valid, 4), valid_y, 3, params);
  for (std::size_t i = 0; i < ranking.size(); ++i) EXPECT_EQ(again[i].importance, ranking[i].importance);
  EXPECT_THROW(permutation_importance(blob_train, train_y, FeatureMatrix(0, 4), {}, 3, params), std::invalid_argument);
}

}  // namespace
}  // namespace genrekit::models
