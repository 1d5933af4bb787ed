// The shipped experiment configs (configs/ml/) against the thesis' protocol.
#include <filesystem>

#include "genrekit/features/fma_features.h"
#include "genrekit/models/classical_pipeline.h"
#include "test_support.h"

namespace genrekit::models {
namespace {

// The thesis' experiment configs resolve to the feature sets and settings the thesis describes
// (../shared/docs/thesis.md, "Classical ML").
TEST(ThesisConfigs, ResolveToTheThesisFeatureSetsAndProtocol) {
  const std::filesystem::path dir = GENREKIT_CONFIGS_DIR "/ml";
  const auto columns = features::fma_feature_columns();
  const auto load = [&](const std::string& name) {
    config::Config config{config::Schema(training_sections())};
    config.merge_file(dir / name);
    return config;
  };
  for (const auto& [name, size] : std::vector<std::pair<std::string, std::size_t>>{
           {"thesis_logistic_regression_mfcc.yaml", 140}, {"thesis_xgboost_set322.yaml", 322},
           {"thesis_linear_svm_all518.yaml", 518}, {"fma_medium_logistic_regression_mfcc.yaml", 140}}) {
    EXPECT_EQ(select_columns(columns, load(name).get_strings("model.feature_groups")).size(), size) << name;
  }
  const auto ensemble = load("thesis_ensemble.yaml");
  EXPECT_EQ(ensemble.get_string("model.type"), "hard_vote");
  EXPECT_EQ(ensemble.get_strings("model.train_splits"), (std::vector<std::string>{"training", "validation"}));
  EXPECT_EQ(ensemble.get_int("search.xgboost_draws"), 10);
  EXPECT_EQ(ensemble.get_int("search.linear_draws"), 7);
  EXPECT_EQ(ensemble.get_string("data.subset"), "large");
  EXPECT_EQ(ensemble.get_string("data.missing_genre_top"), "fill");
  EXPECT_EQ(select_columns(columns, ensemble.get_strings("model.feature_groups")).size(), 322u);
  EXPECT_EQ(load("thesis_xgboost_mda40.yaml").get_int("model.mda.top_k"), 40);
  EXPECT_EQ(load("thesis_logistic_regression_pca4.yaml").get_int("model.pca_components"), 4);
  EXPECT_EQ(load("thesis_logistic_regression_pca4.yaml").get_strings("model.train_splits"), std::vector<std::string>{"training"});
}

}  // namespace
}  // namespace genrekit::models
