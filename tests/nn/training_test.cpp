// Network training on a tiny shard set (tests/log_mel_fixture.h): it learns, it is deterministic
// for a seed and thread count, a resumed run equals an uninterrupted one, the schedule decides as
// Keras' callbacks, and bad runs and shards are named.
#include <cmath>
#include <fstream>
#include <span>

#include <ATen/autocast_mode.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "genrekit/audio/decoder.h"
#include "genrekit/audio/resample.h"
#include "genrekit/cli/tool.h"
#include "genrekit/error.h"
#include "genrekit/eval/metrics.h"
#include "genrekit/extraction/settings.h"
#include "genrekit/features/log_mel.h"
#include "genrekit/models/classical_pipeline.h"
#include "genrekit/nn/checkpoint.h"
#include "genrekit/nn/mixed_precision.h"
#include "genrekit/nn/network_prediction.h"
#include "genrekit/nn/network_run.h"
#include "genrekit/nn/training.h"
#include "genrekit/nn/training_schedule.h"
#include "../log_mel_fixture.h"

namespace genrekit::nn {
namespace {

namespace fs = std::filesystem;

config::Config tiny_config(const fs::path& shards, int epochs, const std::string& type = "cnn_lstm") {
  auto sections = models::training_sections();
  sections.push_back(cli::run_section());
  config::Config config{config::Schema(sections)};
  for (const std::string& assignment : std::vector<std::string>{
           "model.type=" + type, "network.logmel_dir=" + shards.string(), "features.logmel.frames=40", "features.logmel.n_mels=8",
        "network.epochs=" + std::to_string(epochs), "network.batch_size=8", "network.learning_rate=0.003",
        "network.early_stopping_patience=0", "network.crop_frames=36", "network.device=cpu", "run.seed=5"})
    config.set(assignment);
  return config;
}

// metrics.jsonl without the wall-clock seconds.
std::vector<nlohmann::json> history_of(const fs::path& run) {
  std::vector<nlohmann::json> lines;
  std::ifstream in(run / "metrics.jsonl");
  for (std::string line; std::getline(in, line);) {
    auto json = nlohmann::json::parse(line);
    json.erase("seconds");
    lines.push_back(json);
  }
  return lines;
}

torch::Tensor flat_parameters(const fs::path& file) {
  auto network = make_network("cnn_lstm", {8, 2});
  load_module(*network, file, "cnn_lstm");
  std::vector<torch::Tensor> all;
  for (const auto& p : network->parameters()) all.push_back(p.detach().flatten());
  return torch::cat(all);
}

TEST(NetworkTraining, LearnsDeterministicallyAndResumesExactly) {
  const fs::path dir = test::scratch_dir();
  const auto shards = test::write_log_mel_fixture(dir / "logmel");
  const auto first = train_network(models::network_settings_from(tiny_config(shards, 3)), dir / "a", 2);
  train_network(models::network_settings_from(tiny_config(shards, 3)), dir / "b", 2);
  EXPECT_EQ(first.epochs, 3);
  EXPECT_EQ(history_of(dir / "a"), history_of(dir / "b"));  // same seed, same threads: same numbers
  EXPECT_TRUE(torch::equal(flat_parameters(dir / "a/network/epoch-0003.pt"), flat_parameters(dir / "b/network/epoch-0003.pt")));

  // Killed after epoch 1 (its commit is all that survives), then resumed to epoch 3.
  train_network(models::network_settings_from(tiny_config(shards, 1)), dir / "c", 2);
  const auto resumed = train_network(models::network_settings_from(tiny_config(shards, 3)), dir / "c", 2);
  EXPECT_EQ(resumed.epochs, 3);
  EXPECT_EQ(history_of(dir / "a"), history_of(dir / "c"));
  EXPECT_TRUE(torch::equal(flat_parameters(dir / "a/network/epoch-0003.pt"), flat_parameters(dir / "c/network/epoch-0003.pt")));
  EXPECT_FALSE(fs::exists(dir / "c/network/epoch-0001.pt"));  // superseded checkpoints are removed
  EXPECT_TRUE(fs::exists(dir / "a/training_curves.svg"));

  // Two easy classes: the best epoch is far above chance on the test split.
  const auto scored = score_network(models::network_settings_from(tiny_config(shards, 3)), dir / "a", data::Split::Test, 2);
  const auto metrics = eval::compute_metrics(scored.truth, scored.predicted, scored.labels);
  EXPECT_EQ(metrics.count, 12u);
  EXPECT_NO_THROW(scored.check());
  for (std::size_t i = 0; i < scored.size(); ++i) {  // the clip probabilities: rows of a softmax
    double sum = 0;
    for (std::size_t c = 0; c < scored.labels.size(); ++c) sum += scored.probabilities_of(i)[c];
    EXPECT_NEAR(sum, 1.0, 1e-5) << scored.ids[i];
  }
  EXPECT_GE(metrics.accuracy, 0.9) << "best validation accuracy " << first.best_validation_accuracy;
}

TEST(Checkpoint, RoundTripGivesTheSameNetworkAndOptimiser) {
  const fs::path dir = test::scratch_dir();
  torch::manual_seed(3);
  auto network = make_network("deepsound", {8, 3});  // BatchNorm: buffers must round-trip too
  torch::optim::Adam optimizer(network->parameters(), torch::optim::AdamOptions(1e-3));
  const torch::Tensor x = torch::randn({4, 40, 8});
  optimizer.zero_grad();
  network->forward(x).mean().backward();
  optimizer.step();  // moments and running statistics are not at their initial values
  save_module(*network, dir / "net.pt");
  save_optimizer(optimizer, dir / "opt.pt");
  EXPECT_FALSE(fs::exists(dir / "net.pt.partial"));
  torch::manual_seed(4);
  auto loaded = make_network("deepsound", {8, 3});
  torch::optim::Adam loaded_optimizer(loaded->parameters(), torch::optim::AdamOptions(1e-3));
  load_module(*loaded, dir / "net.pt", "deepsound");
  load_optimizer(loaded_optimizer, dir / "opt.pt");
  network->eval();
  loaded->eval();
  EXPECT_TRUE(torch::equal(network->forward(x), loaded->forward(x)));
  // The next step is the same on both: the optimiser's moments came back.
  network->train();
  loaded->train();
  torch::manual_seed(5);
  optimizer.zero_grad();
  network->forward(x).mean().backward();
  optimizer.step();
  torch::manual_seed(5);
  loaded_optimizer.zero_grad();
  loaded->forward(x).mean().backward();
  loaded_optimizer.step();
  for (std::size_t i = 0; i < network->parameters().size(); ++i)
    EXPECT_TRUE(torch::equal(network->parameters()[i], loaded->parameters()[i])) << i;
}

TEST(NetworkTraining, NamesBadShardsAndCheckpoints) {
  const fs::path dir = test::scratch_dir();
  const auto shards = test::write_log_mel_fixture(dir / "logmel");
  auto config = tiny_config(shards, 1);
  config.set("features.logmel.frames=646");
  EXPECT_THROW_WITH(train_network(models::network_settings_from(config), dir / "frames", 1), DataError,
                    "the shards hold 40 frames x 8 mels, but the config says features.logmel.frames 646");
  train_network(models::network_settings_from(tiny_config(shards, 1)), dir / "run", 1);
  // A checkpoint of another network where the run expects a cnn_lstm.
  auto spotify = make_network("spotify", {8, 2});
  save_module(*spotify, dir / "run/network/best-0001.pt");
  EXPECT_THROW_WITH(load_trained_network(dir / "run", torch::kCPU), DataError, "does not hold the parameters of a cnn_lstm network");
  fs::remove(dir / "run/network/best-0001.pt");
  EXPECT_THROW_WITH(load_trained_network(dir / "run", torch::kCPU), DataError, "best-0001.pt: missing checkpoint");
  EXPECT_THROW_WITH(load_trained_network(dir / "nowhere", torch::kCPU), DataError, "is this a network train run directory?");
}

// predict_samples' steps for a whole signal, and the same signal streamed in uneven pieces.
TEST(NetworkPrediction, StreamedStepsEqualTheWholeFilesSteps) {
  const fs::path dir = test::scratch_dir();
  const auto config = tiny_config(test::write_log_mel_fixture(dir / "logmel"), 1);
  train_network(models::network_settings_from(config), dir / "run", 1);
  const NetworkPredictor predictor(models::network_settings_from(config), dir / "run", 1);
  std::vector<float> signal(static_cast<std::size_t>(22050 * 7.3));
  std::uint64_t noise = 3;
  for (std::size_t i = 0; i < signal.size(); ++i) {
    noise = runtime::splitmix64(noise);
    signal[i] = 0.3f * std::sin(0.01f * static_cast<float>(i) * (1.0f + static_cast<float>(i) / 1e5f)) +
                0.05f * (static_cast<float>(noise % 2001) / 1000.0f - 1.0f);
  }
  const auto whole = predictor.predict_samples(signal);
  ASSERT_EQ(whole.steps.size(), 16u);  // 158 frames: floor((158 - 28) / 8) steps
  for (const std::size_t piece : {std::size_t{1000}, std::size_t{4096}, std::size_t{333}, std::size_t{50000}}) {
    NetworkStream stream(predictor);
    std::vector<std::vector<double>> streamed;
    for (std::size_t at = 0; at < signal.size(); at += piece) {
      const auto steps = stream.push(std::span<const float>(signal).subspan(at, std::min(piece, signal.size() - at)));
      streamed.insert(streamed.end(), steps.begin(), steps.end());
    }
    const std::size_t before_end = streamed.size();
    const auto last = stream.finish();
    streamed.insert(streamed.end(), last.begin(), last.end());
    EXPECT_GE(before_end, whole.steps.size() - 1) << piece;  // only the step needing the end's padding waits
    ASSERT_EQ(streamed.size(), whole.steps.size()) << piece;
    for (std::size_t t = 0; t < streamed.size(); ++t)
      for (std::size_t c = 0; c < 2; ++c) EXPECT_NEAR(streamed[t][c], whole.steps[t][c], 1e-5) << piece << " step " << t;
  }
}

// predict_file runs a file block by block (decoded, resampled and fed to the network a piece at a
// time). Reference: today's whole-file path computed here from the public pieces (the whole file
// decoded, resampled, one spectrogram of every frame, one forward pass), to 1e-5: a 44,100 Hz file
// of 40 s (seven blocks) for a network with steps and one that pools over the whole clip.
TEST(NetworkPrediction, FilesRunBlockByBlockAsTheWholeFile) {
  const fs::path dir = test::scratch_dir();
  audio::AudioBuffer audio{.sample_rate = 44100, .channels = 1, .samples = std::vector<float>(44100 * 40)};
  std::uint64_t noise = 5;
  for (std::size_t i = 0; i < audio.samples.size(); ++i) {
    noise = runtime::splitmix64(noise);
    audio.samples[i] = 0.3f * std::sin(0.02f * static_cast<float>(i) * (1.0f + static_cast<float>(i % 300000) / 2e5f)) +
                       0.05f * (static_cast<float>(noise % 2001) / 1000.0f - 1.0f);
  }
  const fs::path wav = dir / "long.wav";
  audio::write_audio(wav, audio);
  for (const std::string type : {"cnn_lstm", "spotify"}) {
    const int frames = type == "spotify" ? 110 : 40;  // spotify needs 106 frames
    auto config = tiny_config(test::write_log_mel_fixture(dir / (type + "-logmel"), {.frames = frames}), 1, type);
    config.set("features.logmel.frames=" + std::to_string(frames));
    config.set("network.crop_frames=" + std::to_string(frames - 4));
    train_network(models::network_settings_from(config), dir / type, 1);
    const NetworkPredictor predictor(models::network_settings_from(config), dir / type, 1);
    const auto streamed = predictor.predict_file(wav.string());
    ASSERT_TRUE(streamed.error.empty()) << streamed.error;

    auto settings = extraction::log_mel_settings_from(config);
    settings.params.frames = 0;
    const auto decoded = audio::decode_mono(wav, audio::parse_decoder(config.get_string("features.decoder")));
    const auto mono = audio::resample(decoded.samples, decoded.sample_rate, settings.params.sample_rate, settings.resampler);
    const dsp::Matrix log_mel = features::log_mel_spectrogram(mono, settings.params);
    const auto trained = load_trained_network(dir / type, torch::kCPU);
    std::vector<float> values;
    for (Eigen::Index t = 0; t < log_mel.rows(); ++t)
      for (Eigen::Index m = 0; m < log_mel.cols(); ++m) values.push_back(static_cast<float>(log_mel(t, m)));
    trained.info.scaling.apply(values.data(), static_cast<std::size_t>(log_mel.rows()));
    const c10::InferenceMode inference;
    const torch::Tensor input = torch::from_blob(values.data(), {1, log_mel.rows(), log_mel.cols()});
    const torch::Tensor clip = trained.network->forward(input).exp()[0];
    ASSERT_EQ(streamed.probabilities.size(), 2u);
    for (std::int64_t c = 0; c < 2; ++c) EXPECT_NEAR(streamed.probabilities[static_cast<std::size_t>(c)], clip[c].item<double>(), 1e-5) << type;
    if (trained.network->has_steps()) {
      const torch::Tensor steps = trained.network->step_probabilities(input)[0];
      ASSERT_EQ(streamed.steps.size(), static_cast<std::size_t>(steps.size(0))) << type;
      for (std::size_t t = 0; t < streamed.steps.size(); ++t)
        for (std::int64_t c = 0; c < 2; ++c)
          EXPECT_NEAR(streamed.steps[t][static_cast<std::size_t>(c)], steps[static_cast<std::int64_t>(t)][c].item<double>(), 1e-5) << t;
    } else {
      EXPECT_TRUE(streamed.steps.empty());
    }
  }
}

TEST(MixedPrecision, Bfloat16TrainingOnTheCpuLearns) {
  const fs::path dir = test::scratch_dir();
  auto config = tiny_config(test::write_log_mel_fixture(dir / "logmel"), 3);
  config.set("network.precision=bfloat16");
  train_network(models::network_settings_from(config), dir / "run", 2);
  EXPECT_FALSE(at::autocast::is_cpu_enabled());  // the scopes closed
  torch::nn::Conv1d conv(4, 4, 3);
  {
    const AutocastScope autocast(torch::kCPU, Precision::BFloat16);
    EXPECT_EQ(conv(torch::randn({1, 4, 8})).scalar_type(), torch::kBFloat16);  // autocast is on inside
  }
  EXPECT_EQ(conv(torch::randn({1, 4, 8})).scalar_type(), torch::kFloat32);
  const auto scored = score_network(models::network_settings_from(config), dir / "run", data::Split::Test, 2);
  EXPECT_GE(eval::compute_metrics(scored.truth, scored.predicted, scored.labels).accuracy, 0.9);
  config.set("network.precision=float16");
  EXPECT_THROW_WITH(train_network(models::network_settings_from(config), dir / "fp16", 1), ConfigError, "float16 needs a CUDA device");
}

TEST(MixedPrecision, LossScalerFollowsGradScaler) {
  auto weight = torch::ones({2}, torch::requires_grad());
  torch::optim::SGD optimizer({weight}, 0.1);
  LossScaler scaler(true, 8.0, 2);
  const auto backward = [&](double value) {
    optimizer.zero_grad();
    scaler.scale((weight * value).sum()).backward();
  };
  backward(1.0);
  EXPECT_DOUBLE_EQ(weight.grad()[0].item<double>(), 8.0);  // the loss was scaled
  EXPECT_TRUE(scaler.unscale_and_update(optimizer));
  EXPECT_DOUBLE_EQ(weight.grad()[0].item<double>(), 1.0);  // the step sees the true gradient
  EXPECT_DOUBLE_EQ(scaler.scale_value(), 8.0);
  backward(1.0);
  EXPECT_TRUE(scaler.unscale_and_update(optimizer));
  EXPECT_DOUBLE_EQ(scaler.scale_value(), 16.0);  // two good steps in a row: doubled
  backward(std::numeric_limits<double>::infinity());
  EXPECT_FALSE(scaler.unscale_and_update(optimizer));  // overflow: skip the step
  EXPECT_DOUBLE_EQ(scaler.scale_value(), 8.0);
  EXPECT_EQ(scaler.good_steps(), 0);
  LossScaler off(false);
  EXPECT_DOUBLE_EQ(off.scale_value(), 1.0);
  EXPECT_TRUE(off.unscale_and_update(optimizer));
}

TEST(TrainingSchedule, DecidesAsKerasCallbacks) {
  const ScheduleSettings settings{.lr_factor = 0.5, .lr_patience = 2, .min_learning_rate = 0.3, .early_stopping_patience = 3};
  TrainingSchedule s;
  s.learning_rate = 1.0;
  EXPECT_TRUE(s.record(1, 1.0, 0.5, settings).new_best_accuracy);
  EXPECT_FALSE(s.record(2, 1.1, 0.5, settings).new_best_accuracy);  // equal accuracy is not better
  const auto third = s.record(3, 1.2, 0.7, settings);               // second epoch without a lower loss
  EXPECT_TRUE(third.new_best_accuracy);
  EXPECT_TRUE(third.reduced_learning_rate);
  EXPECT_DOUBLE_EQ(s.learning_rate, 0.5);
  EXPECT_EQ(s.best_epoch, 3);
  EXPECT_FALSE(third.stop);
  const auto fourth = s.record(4, 1.0, 0.1, settings);  // equal loss is no improvement: the third epoch without
  EXPECT_TRUE(fourth.stop);
  EXPECT_FALSE(fourth.reduced_learning_rate);
  EXPECT_EQ(s.record(5, 0.5, 0.1, settings).stop, false);  // a lower loss resets the counts
  EXPECT_EQ(s.epochs_without_lower_loss, 0);
  for (int e = 6; e < 10; ++e) s.record(e, 0.9, 0.1, settings);
  EXPECT_DOUBLE_EQ(s.learning_rate, 0.3);  // floored at min_learning_rate
  const auto restored = TrainingSchedule::from_json(nlohmann::json::parse(s.to_json().dump()));
  EXPECT_EQ(restored.to_json(), s.to_json());
  EXPECT_EQ(TrainingSchedule::from_json(nlohmann::json::parse(TrainingSchedule{}.to_json().dump())).best_loss,
            std::numeric_limits<double>::infinity());
}

}  // namespace
}  // namespace genrekit::nn
