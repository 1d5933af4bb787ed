// Every kind in the model table, through the table alone (as train, search and predict use it):
// fits separable blobs, gives probability rows that sum to 1, and reads back from its saved files
// with the same predictions and probabilities. A new kind is covered by registering it.
#include <random>
#include <sstream>

#include "genrekit/config/config.h"
#include "genrekit/error.h"
#include "genrekit/eval/metrics.h"
#include "genrekit/models/classical_pipeline.h"
#include "genrekit/models/model_kind.h"
#include "genrekit/models/vote.h"
#include "test_support.h"

namespace genrekit::models {
namespace {

// Three Gaussian blobs in 4 dimensions, 1.5 standard deviations apart at least.
void blobs(FeatureMatrix& X, std::vector<int>& y, int per_class, unsigned seed) {
  std::mt19937 random(seed);
  std::normal_distribution<double> noise(0, 0.7);
  const double centres[3][4] = {{0, 0, 0, 0}, {3, 0, 1, 0}, {0, 3, 0, -1}};
  X.resize(3 * per_class, 4);
  y.clear();
  for (Eigen::Index r = 0; r < X.rows(); ++r) {
    const int c = static_cast<int>(r / per_class);
    for (int d = 0; d < 4; ++d) X(r, d) = centres[c][d] + noise(random);
    y.push_back(c);
  }
}

config::Config small_models() {
  config::Config config{config::Schema(training_sections())};
  config.set("model.xgboost.max_depth=3");
  config.set("model.xgboost.n_estimators=20");
  config.set("model.knn.n_neighbors=15");
  config.set("model.random_forest.n_estimators=20");
  return config;
}

class EveryKind : public ::testing::TestWithParam<std::string> {};

TEST_P(EveryKind, FitsPredictsAndRoundTrips) {
  const ModelKind& kind = model_kind(GetParam());
  FeatureMatrix train_x, test_x;
  std::vector<int> train_y, test_y;
  blobs(train_x, train_y, 60, 1);
  blobs(test_x, test_y, 40, 2);
  const auto model = kind.settings(small_models(), FitContext{.seed = 7, .threads = 2})->fit(train_x, train_y, 3);
  const auto predicted = model->predict(test_x);
  EXPECT_GE(eval::compute_metrics(test_y, predicted, {"a", "b", "c"}).accuracy, 0.9);
  const FeatureMatrix p = model->probabilities(test_x);
  ASSERT_EQ(p.rows(), test_x.rows());
  ASSERT_EQ(p.cols(), 3);
  for (Eigen::Index r = 0; r < p.rows(); ++r) {
    EXPECT_NEAR(p.row(r).sum(), 1.0, 1e-6) << "row " << r;
    EXPECT_GE(p.row(r).minCoeff(), 0.0) << "row " << r;
  }
  const auto dir = test::scratch_dir();
  model->save(dir);
  const auto loaded = kind.load(dir, 3, 2);
  EXPECT_EQ(loaded->predict(test_x), predicted);
  EXPECT_LT((loaded->probabilities(test_x) - p).cwiseAbs().maxCoeff(), 1e-6);
  EXPECT_THROW(kind.load(dir / "nowhere", 3, 1), DataError);
}

std::vector<std::string> kind_names() {
  std::vector<std::string> names;
  for (const auto& kind : model_kinds()) names.push_back(kind.name);
  return names;
}

INSTANTIATE_TEST_SUITE_P(ModelTable, EveryKind, ::testing::ValuesIn(kind_names()),
                         [](const auto& test) { return test.param; });

// The text of a saved LIBSVM model without Platt's lines (probA, probB).
std::string svc_model_without_platt(const std::filesystem::path& dir) {
  std::istringstream in(test::read_text(dir / "svc.model"));
  std::string out, line;
  while (std::getline(in, line))
    if (line.rfind("probA", 0) != 0 && line.rfind("probB", 0) != 0) out += line + "\n";
  return out;
}

TEST(Svc, PairsFittedSideBySideAreLibsvmsOwnOneVsOneModel) {
  // Five overlapping classes of uneven sizes, weighted: many support vectors shared between pairs.
  std::mt19937 random(11);
  std::normal_distribution<double> noise(0, 1.2);
  FeatureMatrix X(230, 3);
  std::vector<int> y;
  for (Eigen::Index r = 0; r < X.rows(); ++r) {
    const int c = static_cast<int>(r % 23 % 5);  // class 0 the largest
    for (Eigen::Index d = 0; d < 3; ++d) X(r, d) = (d == c % 3 ? 1.0 + c / 3 : 0.0) + noise(random);
    y.push_back(c);
  }
  config::Config config = small_models();
  ClassWeights weights;
  weights.balanced = true;
  const auto fit_and_save = [&](bool probability, unsigned threads) {
    config.set(std::string("model.svc.probability=") + (probability ? "true" : "false"));
    const auto model = model_kind("svc").settings(config, FitContext{.class_weights = weights, .seed = 3, .threads = threads})->fit(X, y, 5);
    const auto dir = test::scratch_dir() / (std::to_string(probability) + "-" + std::to_string(threads));
    model->save(dir);
    return svc_model_without_platt(dir);
  };
  // With Platt scaling genrekit makes one svm_train call (LIBSVM's own pair loop); without, it fits
  // the pairs side by side and assembles them: the support vectors, coefficients and rho must be
  // LIBSVM's, digit for digit, on any thread count.
  const std::string libsvm_loop = fit_and_save(true, 1);
  EXPECT_NE(libsvm_loop.find("nr_sv"), std::string::npos);
  EXPECT_EQ(fit_and_save(false, 1), libsvm_loop);
  EXPECT_EQ(fit_and_save(false, 3), libsvm_loop);
}

TEST(ModelTable, HardVoteIsTheMembersMajorityWithTiesToTheLowestClass) {
  FeatureMatrix train_x, test_x;
  std::vector<int> train_y, test_y;
  blobs(train_x, train_y, 60, 1);
  blobs(test_x, test_y, 40, 2);
  const config::Config config = small_models();
  const FitContext context{.seed = 7};
  const auto vote = model_kind("hard_vote").settings(config, context)->fit(train_x, train_y, 3);
  std::vector<std::vector<int>> members;
  for (const char* name : {"logistic_regression", "linear_svm", "xgboost"})
    members.push_back(model_kind(name).settings(config, context)->fit(train_x, train_y, 3)->predict(test_x));
  const auto voted = vote->predict(test_x);
  const auto &lr = members[0], &svm = members[1], &xgb = members[2];
  for (std::size_t i = 0; i < voted.size(); ++i) {
    if (lr[i] == svm[i] || lr[i] == xgb[i]) EXPECT_EQ(voted[i], lr[i]);
    else if (svm[i] == xgb[i]) EXPECT_EQ(voted[i], svm[i]);
    else EXPECT_EQ(voted[i], std::min({lr[i], svm[i], xgb[i]}));  // three-way tie: lowest class
  }
}

TEST(ModelTable, UnknownKindsAndBadVotesAreConfigErrorsNamingTheChoices) {
  EXPECT_THROW_WITH(model_kind("random_forrest"), ConfigError, "expected one of logistic_regression, linear_svm");
  config::Config config{config::Schema(training_sections())};
  config.set("model.vote.members=[xgboost]");
  EXPECT_THROW_WITH(fitted_kinds(config, "hard_vote"), ConfigError, "model.vote.members: a vote needs at least two members");
  config.set("model.vote.members=[xgboost, xgboost]");
  EXPECT_THROW_WITH(fitted_kinds(config, "soft_vote"), ConfigError, "'xgboost' is listed twice");
  EXPECT_THROW_WITH(config.set("model.vote.members=[xgboost, hard_vote]"), ConfigError, "model.vote.members");
}

TEST(ModelTable, TheSchemaHelpAndSearchReadTheTable) {
  const config::Schema schema(training_sections());
  for (const auto& kind : model_kinds()) {
    const auto* type = schema.find("model.type");
    ASSERT_NE(type, nullptr);
    EXPECT_NE(std::find(type->choices.begin(), type->choices.end(), kind.name), type->choices.end()) << kind.name;
    EXPECT_NE(schema.markdown().find(kind.summary), std::string::npos) << kind.name;
    for (const auto& key : kind.keys) EXPECT_NE(schema.find(key.path), nullptr) << key.path;
    for (const auto& dimension : kind.search) {
      EXPECT_NE(schema.find(dimension.key.path), nullptr) << dimension.key.path;
      EXPECT_NE(schema.find("model." + kind.name + "." + dimension.param), nullptr) << kind.name << "." << dimension.param;
    }
    if (!kind.search.empty()) {
      EXPECT_NE(schema.find("search." + kind.name + ".draws"), nullptr) << kind.name;
    }
  }
}

}  // namespace
}  // namespace genrekit::models
