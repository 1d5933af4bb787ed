// Randomized search: draws inside the declared ranges, the best mean fold score wins, the outcome
// does not depend on threads, and the chosen values read back as a config file.
#include <random>

#include <nlohmann/json.hpp>

#include "genrekit/error.h"
#include "genrekit/models/classical_pipeline.h"
#include "genrekit/models/hyperparameter_search.h"
#include "test_support.h"

namespace genrekit::models {
namespace {

// Four noisy classes in 5 dimensions, so that the candidates' scores differ.
void noisy_classes(FeatureMatrix& X, std::vector<int>& y, std::vector<std::string>& ids) {
  std::mt19937 random(5);
  std::normal_distribution<double> noise(0, 1.5);
  X.resize(160, 5);
  for (Eigen::Index r = 0; r < X.rows(); ++r) {
    const int c = static_cast<int>(r % 4);
    for (Eigen::Index d = 0; d < 5; ++d) X(r, d) = (d == c ? 2.0 : 0.0) + noise(random);
    y.push_back(c);
    ids.push_back(std::to_string(1000 + r));
  }
}

TEST(HyperparameterSearch, PicksTheBestMeanFoldScoreReproduciblyOnAnyThreadCount) {
  FeatureMatrix X;
  std::vector<int> y;
  std::vector<std::string> ids;
  noisy_classes(X, y, ids);
  ClassicalParams base;  // hard vote: all three members are searched
  SearchSpace space;
  space.max_depth = {2, 3};
  space.n_estimators = {5, 10};
  space.learning_rate = {0.05, 0.3};
  space.C = {1e-3, 10};
  SearchSettings settings{.xgboost_draws = 3, .linear_draws = 4, .folds = 3, .seed = 9, .threads = 1};
  const auto one = search_hyperparameters(X, y, ids, 4, base, space, settings);
  settings.threads = 2;
  const auto two = search_hyperparameters(X, y, ids, 4, base, space, settings);
  EXPECT_EQ(one.report_json, two.report_json);
  EXPECT_EQ(one.chosen_yaml, two.chosen_yaml);

  const auto report = nlohmann::json::parse(one.report_json);
  ASSERT_EQ(report["members"].size(), 3u);
  for (const auto& [name, member] : report["members"].items()) {
    const auto& draws = member["draws"];
    EXPECT_EQ(draws.size(), name == "xgboost" ? 3u : 4u) << name;
    double best = -2;
    nlohmann::json best_params;
    for (const auto& draw : draws) {
      EXPECT_EQ(draw["fold_scores"].size(), 3u);
      double mean = 0;
      for (double v : draw["fold_scores"]) mean += v / 3;
      EXPECT_NEAR(draw["mean"].get<double>(), mean, 1e-12);
      if (mean > best + 1e-15) best = mean, best_params = draw["params"];
      if (name != "xgboost") {
        EXPECT_GE(draw["params"]["C"].get<double>(), 1e-3);
        EXPECT_LE(draw["params"]["C"].get<double>(), 10);
      } else {
        const int depth = draw["params"]["max_depth"];
        EXPECT_TRUE(depth == 2 || depth == 3);
        EXPECT_GE(draw["params"]["learning_rate"].get<double>(), 0.05);
        EXPECT_LE(draw["params"]["learning_rate"].get<double>(), 0.3);
      }
    }
    EXPECT_EQ(member["chosen"], best_params) << name;
  }
  EXPECT_EQ(one.chosen.xgboost.max_depth, report["members"]["xgboost"]["chosen"]["max_depth"].get<int>());
  EXPECT_EQ(one.chosen.svm.C, report["members"]["linear_svm"]["chosen"]["C"].get<double>());

  // The chosen values are valid config keys that reproduce the chosen parameters.
  config::Config config{config::Schema(training_sections())};
  config.merge_text(one.chosen_yaml, "search_chosen.yaml");
  EXPECT_EQ(config.get_float("model.logistic_regression.C"), one.chosen.logistic.C);
  EXPECT_EQ(config.get_float("model.xgboost.learning_rate"), one.chosen.xgboost.learning_rate);
  EXPECT_EQ(config.get_int("model.xgboost.n_estimators"), one.chosen.xgboost.n_estimators);

  // A single model searches only itself; no draws: nothing changes.
  base.type = ModelType::LinearSvm;
  EXPECT_EQ(nlohmann::json::parse(search_hyperparameters(X, y, ids, 4, base, space, settings).report_json)["members"].size(), 1u);
  settings.linear_draws = 0;
  EXPECT_EQ(search_hyperparameters(X, y, ids, 4, base, space, settings).chosen.svm.C, base.svm.C);
}

TEST(HyperparameterSearch, RangesAreCheckedWhenRead) {
  config::Config config{config::Schema(training_sections())};
  config.set("search.C=[10, 1]");
  EXPECT_THROW_WITH(search_space_from(config), ConfigError, "search.C: expected [low, high] with low <= high");
  config.set("search.C=[1, 10]");
  config.set("search.xgboost.max_depth=[]");
  EXPECT_THROW_WITH(search_space_from(config), ConfigError, "search.xgboost.max_depth: expected at least one value");
}

}  // namespace
}  // namespace genrekit::models
