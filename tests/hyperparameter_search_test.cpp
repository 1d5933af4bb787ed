// Randomized search: draws inside the declared ranges, the best mean fold score wins, the outcome
// does not depend on threads, and the chosen values read back as a config file.
#include <random>

#include <nlohmann/json.hpp>

#include "genrekit/cli/tool.h"
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

config::Config search_config() {
  auto sections = training_sections();
  sections.push_back(cli::run_section());
  config::Config config{config::Schema(sections)};  // hard vote of the thesis' three
  config.merge_text(R"(
run: {seed: 9}
search:
  folds: 3
  logistic_regression: {draws: 4, C: [0.001, 10]}
  linear_svm: {draws: 4, C: [0.001, 10]}
  xgboost: {draws: 3, max_depth: [2, 3], n_estimators: [5, 10], learning_rate: [0.05, 0.3]}
)",
                    "test");
  return config;
}

TEST(HyperparameterSearch, PicksTheBestMeanFoldScoreReproduciblyOnAnyThreadCount) {
  FeatureMatrix X;
  std::vector<int> y;
  std::vector<std::string> ids;
  noisy_classes(X, y, ids);
  config::Config config = search_config();
  SearchSettings settings = search_settings_from(config);
  settings.threads = 1;
  const auto one = search_hyperparameters(X, y, ids, 4, config, {}, settings);
  settings.threads = 2;
  const auto two = search_hyperparameters(X, y, ids, 4, config, {}, settings);
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
        EXPECT_TRUE(draw["params"]["colsample_bytree"] == 0.3 || draw["params"]["colsample_bytree"] == 0.5);
      }
    }
    EXPECT_EQ(member["chosen"], best_params) << name;
  }

  // The chosen values are config keys that reproduce the chosen parameters.
  config.merge_text(one.chosen_yaml, "search_chosen.yaml");
  EXPECT_EQ(config.get_float("model.linear_svm.C"), report["members"]["linear_svm"]["chosen"]["C"].get<double>());
  EXPECT_EQ(config.get_float("model.logistic_regression.C"), report["members"]["logistic_regression"]["chosen"]["C"].get<double>());
  EXPECT_EQ(config.get_float("model.xgboost.learning_rate"), report["members"]["xgboost"]["chosen"]["learning_rate"].get<double>());
  EXPECT_EQ(config.get_int("model.xgboost.n_estimators"), report["members"]["xgboost"]["chosen"]["n_estimators"].get<int>());

  // A single model searches only itself; no draws: no search.
  config.set("model.type=linear_svm");
  EXPECT_EQ(nlohmann::json::parse(search_hyperparameters(X, y, ids, 4, config, {}, settings).report_json)["members"].size(), 1u);
  config.set("search.linear_svm.draws=0");
  EXPECT_FALSE(wants_search(config));
  EXPECT_EQ(search_hyperparameters(X, y, ids, 4, config, {}, settings).chosen_yaml, "");
}

TEST(HyperparameterSearch, RangesAreCheckedWhenDrawn) {
  FeatureMatrix X;
  std::vector<int> y;
  std::vector<std::string> ids;
  noisy_classes(X, y, ids);
  config::Config config = search_config();
  config.set("search.linear_svm.C=[10, 1]");
  EXPECT_THROW_WITH(search_hyperparameters(X, y, ids, 4, config, {}, search_settings_from(config)), ConfigError,
                    "search.linear_svm.C: expected [low, high] with 0 < low <= high");
  config.set("search.linear_svm.C=[1, 10]");
  config.set("search.xgboost.max_depth=[]");
  EXPECT_THROW_WITH(search_hyperparameters(X, y, ids, 4, config, {}, search_settings_from(config)), ConfigError,
                    "search.xgboost.max_depth: expected at least one value");
}

TEST(HyperparameterSearch, AClassWithFewerRowsThanFoldsIsAConfigErrorNamingIt) {
  FeatureMatrix X;
  std::vector<int> y;
  std::vector<std::string> ids;
  noisy_classes(X, y, ids);
  // Class 3 keeps two of its 40 rows: two of the three folds can hold it, one cannot.
  std::vector<Eigen::Index> keep;
  int seen = 0;
  for (std::size_t r = 0; r < y.size(); ++r)
    if (y[r] != 3 || ++seen <= 2) keep.push_back(static_cast<Eigen::Index>(r));
  FeatureMatrix fewer(static_cast<Eigen::Index>(keep.size()), X.cols());
  std::vector<int> fewer_y;
  std::vector<std::string> fewer_ids;
  for (std::size_t i = 0; i < keep.size(); ++i) {
    fewer.row(static_cast<Eigen::Index>(i)) = X.row(keep[i]);
    fewer_y.push_back(y[static_cast<std::size_t>(keep[i])]);
    fewer_ids.push_back(ids[static_cast<std::size_t>(keep[i])]);
  }
  const config::Config config = search_config();
  FitContext context;
  context.classes = {"Rock", "Pop", "Folk", "Jazz"};
  EXPECT_THROW_WITH(search_hyperparameters(fewer, fewer_y, fewer_ids, 4, config, context, search_settings_from(config)), ConfigError,
                    "search.folds: class 'Jazz' has 2 training row(s), fewer than the 3 folds, so some folds would hold none "
                    "of it; set search.folds to at most 2");
}

}  // namespace
}  // namespace genrekit::models
