#include "genrekit/nn/network.h"

namespace genrekit::nn {

namespace F = torch::nn::functional;

namespace {

// Dieleman & Schrauwen's original Spotify network (2014): Conv1D(256, 4) MaxPool(4), Conv1D(256, 4)
// MaxPool(2), Conv1D(512, 4) MaxPool(2), Conv1D(512, 4), ReLU after each; global mean, max and L2
// pooling over time (1,536), two Dense(2048) + ReLU, Dense(classes) (the original regressed 40
// latent factors; here a softmax over genres). 9,344,528 parameters with 128 mels and 16 classes.
class Dieleman2014Net : public GenreNetwork {
 public:
  explicit Dieleman2014Net(const NetworkShape& shape);
  torch::Tensor positions(const torch::Tensor& spectrogram, std::vector<torch::Tensor>* carried) override;
  unsigned pooling() const override { return kPoolMean | kPoolMax | kPoolRootMeanSquare; }
  torch::Tensor clip_from(const PooledOverTime& pooled) override;
  int min_frames() const override { return 103; }
  int frames_per_position() const override { return 16; }

 private:
  NetworkShape shape_;
  torch::nn::Conv1d conv1_{nullptr}, conv2_{nullptr}, conv3_{nullptr}, conv4_{nullptr};
  torch::nn::Linear dense1_{nullptr}, dense2_{nullptr}, output_{nullptr};
};

}  // namespace

Dieleman2014Net::Dieleman2014Net(const NetworkShape& shape) : shape_(shape) {
  conv1_ = register_module("conv1", torch::nn::Conv1d(torch::nn::Conv1dOptions(shape.mels, 256, 4)));
  conv2_ = register_module("conv2", torch::nn::Conv1d(torch::nn::Conv1dOptions(256, 256, 4)));
  conv3_ = register_module("conv3", torch::nn::Conv1d(torch::nn::Conv1dOptions(256, 512, 4)));
  conv4_ = register_module("conv4", torch::nn::Conv1d(torch::nn::Conv1dOptions(512, 512, 4)));
  dense1_ = register_module("dense1", torch::nn::Linear(3 * 512, 2048));
  dense2_ = register_module("dense2", torch::nn::Linear(2048, 2048));
  output_ = register_module("output", torch::nn::Linear(2048, shape.classes));
}

torch::Tensor Dieleman2014Net::positions(const torch::Tensor& spectrogram, std::vector<torch::Tensor>*) {
  torch::Tensor x = channels_first(spectrogram, shape_);
  x = F::max_pool1d(torch::relu(conv1_(x)), F::MaxPool1dFuncOptions(4));
  x = F::max_pool1d(torch::relu(conv2_(x)), F::MaxPool1dFuncOptions(2));
  x = F::max_pool1d(torch::relu(conv3_(x)), F::MaxPool1dFuncOptions(2));
  return torch::relu(conv4_(x)).transpose(1, 2);
}

torch::Tensor Dieleman2014Net::clip_from(const PooledOverTime& pooled) {
  const torch::Tensor x = torch::cat({pooled.mean, pooled.max, pooled.root_mean_square}, 1);  // mean, max, L2 over time
  return torch::log_softmax(output_(torch::relu(dense2_(torch::relu(dense1_(x))))), 1);
}

std::shared_ptr<GenreNetwork> make_dieleman2014(const NetworkShape& shape) { return std::make_shared<Dieleman2014Net>(shape); }

}  // namespace genrekit::nn
