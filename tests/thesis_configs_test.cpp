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
  EXPECT_EQ(ensemble.get_int("search.xgboost.draws"), 10);
  EXPECT_EQ(ensemble.get_int("search.logistic_regression.draws"), 7);
  EXPECT_EQ(ensemble.get_int("search.linear_svm.draws"), 7);
  EXPECT_EQ(ensemble.get_string("data.subset"), "large");
  EXPECT_EQ(ensemble.get_string("data.missing_genre_top"), "fill");
  EXPECT_EQ(select_columns(columns, ensemble.get_strings("model.feature_groups")).size(), 322u);
  EXPECT_EQ(load("thesis_xgboost_mda40.yaml").get_int("model.mda.top_k"), 40);
  EXPECT_EQ(load("thesis_logistic_regression_pca4.yaml").get_int("model.pca_components"), 4);
  EXPECT_EQ(load("thesis_logistic_regression_pca4.yaml").get_strings("model.train_splits"), std::vector<std::string>{"training"});
}

// The network configs (configs/nn/) against thesis.md, "Deep learning, as the thesis did it".
TEST(ThesisConfigs, NetworksTrainAsTheThesisSays) {
  const std::filesystem::path dir = GENREKIT_CONFIGS_DIR "/nn";
  const auto load = [&](const std::string& name) {
    config::Config config{config::Schema(training_sections())};
    config.merge_file(dir / name);
    return config;
  };
  const auto cnn_lstm = load("cnn_lstm.yaml");
  EXPECT_EQ(cnn_lstm.get_string("model.type"), "cnn_lstm");
  EXPECT_EQ(cnn_lstm.get_string("network.sampling"), "official");  // the honest protocol by default
  EXPECT_DOUBLE_EQ(cnn_lstm.get_float("network.learning_rate"), 1e-4);
  EXPECT_EQ(cnn_lstm.get_int("network.batch_size"), 32);
  EXPECT_EQ(cnn_lstm.get_int("network.epochs"), 60);
  EXPECT_EQ(cnn_lstm.get_int("network.lr_patience"), 10);
  EXPECT_DOUBLE_EQ(cnn_lstm.get_float("network.lr_factor"), 0.5);
  EXPECT_EQ(cnn_lstm.get_int("network.early_stopping_patience"), 2);
  EXPECT_EQ(cnn_lstm.get_string("network.input_scaling"), "none");
  EXPECT_EQ(cnn_lstm.get_int("features.logmel.frames"), 646);
  EXPECT_EQ(cnn_lstm.get_int("features.logmel.n_mels"), 128);
  EXPECT_EQ(cnn_lstm.get_string("data.subset"), "medium");
  const auto sampled = load("cnn_lstm_thesis_sampling.yaml");
  EXPECT_EQ(sampled.get_string("network.sampling"), "thesis");
  EXPECT_DOUBLE_EQ(sampled.get_float("network.sample_fraction"), 0.4);
  EXPECT_DOUBLE_EQ(sampled.get_float("network.validation_fraction"), 0.2);
  EXPECT_EQ(load("cnn_lstm_minus_one_to_one.yaml").get_string("network.input_scaling"), "minus_one_to_one");
  for (const std::string name : {"spotify", "deepsound"}) {
    EXPECT_EQ(load(name + ".yaml").get_string("model.type"), name);
    EXPECT_DOUBLE_EQ(load(name + ".yaml").get_float("network.learning_rate"), 1e-3) << name;
  }
}

}  // namespace
}  // namespace genrekit::models
