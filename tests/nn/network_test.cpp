// The four networks: parameter counts as thesis.md documents them, output shapes for any number of
// frames, per-step outputs, a training step that lowers the loss, and clear errors for bad input.
#include <gtest/gtest.h>

#include "genrekit/error.h"
#include "genrekit/nn/network.h"
#include "genrekit/models/network_section.h"
#include "genrekit/nn/device.h"
#include "../test_support.h"

namespace genrekit::nn {
namespace {

std::int64_t buffers_count(const torch::nn::Module& module) {
  std::int64_t count = 0;
  for (const auto& b : module.named_buffers())
    if (b.key().find("num_batches_tracked") == std::string::npos) count += b.value().numel();
  return count;
}

TEST(Networks, ParameterCountsMatchTheThesis) {
  // thesis.md: Spotify 664,336; DeepSound 827,152 in Keras' count (with BatchNorm's running mean
  // and variance); CNN-LSTM 1,350,416 in PyTorch's count. Dieleman 2014 with 16 outputs: computed
  // layer by layer in src/nn/networks/dieleman2014.cpp.
  EXPECT_EQ(trainable_parameters(*make_network("spotify")), 664'336);
  const auto deepsound = make_network("deepsound");
  EXPECT_EQ(trainable_parameters(*deepsound), 825'616);
  EXPECT_EQ(trainable_parameters(*deepsound) + buffers_count(*deepsound), 827'152);
  EXPECT_EQ(trainable_parameters(*make_network("cnn_lstm")), 1'350'416);
  EXPECT_EQ(trainable_parameters(*make_network("dieleman2014")), 9'344'528);
}

TEST(Networks, StableParameterNames) {
  std::vector<std::string> names;
  for (const auto& p : make_network("cnn_lstm")->named_parameters()) names.push_back(p.key());
  EXPECT_EQ(names, (std::vector<std::string>{"conv1.weight", "conv1.bias", "conv2.weight", "conv2.bias", "conv3.weight",
                                             "conv3.bias", "lstm.weight_ih_l0", "lstm.weight_hh_l0", "lstm.bias_ih_l0",
                                             "lstm.bias_hh_l0", "output.weight", "output.bias"}));
}

TEST(Networks, ClipOutputsAreLogProbabilitiesForAnyLengthFromTheMinimum) {
  torch::manual_seed(1);
  for (const auto& kind : models::network_kinds()) {
    const std::string& a = kind.name;
    const auto net = make_network(a, {.mels = 128, .classes = 16});
    net->eval();
    torch::NoGradGuard no_grad;
    for (int frames : {net->min_frames(), 646, 1000}) {
      const torch::Tensor out = net->forward(torch::randn({3, frames, 128}));
      ASSERT_EQ(out.sizes(), (std::vector<std::int64_t>{3, 16})) << a << " " << frames;
      EXPECT_TRUE(torch::allclose(out.exp().sum(1), torch::ones({3}), 1e-4, 1e-5)) << a;
    }
    EXPECT_THROW(net->forward(torch::randn({1, net->min_frames() - 1, 128})), std::invalid_argument) << a;
    EXPECT_THROW(net->forward(torch::randn({1, 646, 96})), std::invalid_argument) << a;
  }
}

TEST(Networks, StepOutputsEveryEightFramesAndTheClipIsTheirMean) {
  torch::manual_seed(2);
  const auto net = make_network("cnn_lstm");
  net->eval();
  torch::NoGradGuard no_grad;
  const torch::Tensor x = torch::randn({2, 646, 128});
  const torch::Tensor steps = net->step_probabilities(x);
  // 646 frames: (646 - 4) / 2 = 321, (321 - 4) / 2 = 158, (158 - 4) / 2 = 77 steps of ~8 frames (0.37 s).
  ASSERT_EQ(steps.sizes(), (std::vector<std::int64_t>{2, 77, 16}));
  EXPECT_EQ(net->frames_per_position(), 8);
  EXPECT_TRUE(torch::allclose(steps.sum(2), torch::ones({2, 77}), 1e-4, 1e-5));
  // The thesis' clip output: the mean of the per-step softmax outputs.
  EXPECT_TRUE(torch::allclose(net->forward(x).exp(), steps.mean(1), 1e-4, 1e-6));
  EXPECT_FALSE(make_network("spotify")->has_steps());
  EXPECT_THROW(make_network("spotify")->step_probabilities(x), std::logic_error);
}

// What bounded-memory prediction relies on: chunks of frames_per_position() * n + overlap frames
// starting at multiples of frames_per_position() give the whole spectrogram's positions (carrying
// the LSTM's state), and their statistics accumulated chunk by chunk give the whole clip's output.
TEST(Networks, ChunkedPositionsAndPoolingEqualTheWholeSpectrograms) {
  torch::manual_seed(4);
  for (const auto& kind : models::network_kinds()) {
    const auto net = make_network(kind.name, {.mels = 16, .classes = 5});
    net->eval();
    const c10::InferenceMode inference;
    const int per = net->frames_per_position(), overlap = net->min_frames() - per;
    const int frames = per * 23 + overlap + per - 1;  // 23 positions, and frames that make none
    const torch::Tensor x = torch::randn({1, frames, 16});
    const torch::Tensor whole = net->positions(x, nullptr);
    ASSERT_EQ(whole.size(1), 23) << kind.name;
    std::vector<torch::Tensor> carried, chunks;
    TimePoolAccumulator pooled(net->pooling());
    for (int first = 0; first < 23;) {
      const int n = std::min(first % 2 ? 7 : 2, 23 - first);  // uneven chunks
      const torch::Tensor chunk = net->positions(x.narrow(1, first * per, n * per + overlap), &carried);
      ASSERT_EQ(chunk.size(1), n) << kind.name;
      chunks.push_back(chunk);
      pooled.add(chunk);
      first += n;
    }
    EXPECT_TRUE(torch::allclose(torch::cat(chunks, 1), whole, 1e-5, 1e-5)) << kind.name;
    EXPECT_TRUE(torch::allclose(net->clip_from(pooled.result(torch::kCPU)).exp(), net->forward(x).exp(), 1e-5, 1e-6)) << kind.name;
  }
}

TEST(Networks, TrainingStepsLowerTheLossOnAFixedBatch) {
  torch::manual_seed(3);
  for (const auto& kind : models::network_kinds()) {
    const std::string& a = kind.name;
    const auto net = make_network(a, {.mels = 16, .classes = 4});
    net->train();
    torch::optim::Adam adam(net->parameters(), torch::optim::AdamOptions(1e-3));
    const torch::Tensor x = torch::randn({8, net->min_frames() + 20, 16});
    const torch::Tensor y = torch::arange(8) % 4;
    double first = 0, last = 0;
    for (int step = 0; step < 15; ++step) {
      adam.zero_grad();
      const torch::Tensor loss = torch::nll_loss(net->forward(x), y);
      loss.backward();
      adam.step();
      (step == 0 ? first : last) = loss.item<double>();
    }
    EXPECT_LT(last, first) << a;
    for (const auto& p : net->parameters()) EXPECT_TRUE(p.grad().defined()) << a;
  }
}

TEST(Device, ExplicitChoicesAndClearErrors) {
  EXPECT_EQ(resolve_device("cpu"), torch::Device(torch::kCPU));
  EXPECT_EQ(resolve_device("auto").is_cuda(), torch::cuda::is_available());
  EXPECT_THROW(resolve_device("gpu"), ConfigError);
  EXPECT_THROW(resolve_device("cuda:x"), ConfigError);
  if (!torch::cuda::is_available()) {
    try {
      resolve_device("cuda:0");
      ADD_FAILURE() << "cuda:0 accepted without CUDA";
    } catch (const ConfigError& e) {
      EXPECT_NE(std::string(e.what()).find("has no CUDA device"), std::string::npos) << e.what();
    }
  }
  EXPECT_THROW_WITH(make_network("resnet"), ConfigError, "network 'resnet': expected one of spotify, deepsound, cnn_lstm, dieleman2014");
}

}  // namespace
}  // namespace genrekit::nn
