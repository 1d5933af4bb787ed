#include "genrekit/nn/network.h"

namespace genrekit::nn {

namespace F = torch::nn::functional;

namespace {

// The thesis' "Spotify": 3 x [Conv1D(256, 4, stride 2), ReLU, MaxPool(2)], concat(global mean,
// global max), Dropout 0.5, Dense(classes). 664,336 parameters.
class SpotifyNet : public GenreNetwork {
 public:
  explicit SpotifyNet(const NetworkShape& shape);
  torch::Tensor positions(const torch::Tensor& spectrogram, std::vector<torch::Tensor>* carried) override;
  unsigned pooling() const override { return kPoolMean | kPoolMax; }
  torch::Tensor clip_from(const PooledOverTime& pooled) override;
  int min_frames() const override { return 106; }
  int frames_per_position() const override { return 64; }

 private:
  NetworkShape shape_;
  torch::nn::Conv1d conv1_{nullptr}, conv2_{nullptr}, conv3_{nullptr};
  torch::nn::Dropout dropout_{nullptr};
  torch::nn::Linear output_{nullptr};
};

}  // namespace

SpotifyNet::SpotifyNet(const NetworkShape& shape) : shape_(shape) {
  const auto conv = [](int in) { return torch::nn::Conv1dOptions(in, 256, 4).stride(2); };
  conv1_ = register_module("conv1", torch::nn::Conv1d(conv(shape.mels)));
  conv2_ = register_module("conv2", torch::nn::Conv1d(conv(256)));
  conv3_ = register_module("conv3", torch::nn::Conv1d(conv(256)));
  dropout_ = register_module("dropout", torch::nn::Dropout(0.5));
  output_ = register_module("output", torch::nn::Linear(512, shape.classes));
}

torch::Tensor SpotifyNet::positions(const torch::Tensor& spectrogram, std::vector<torch::Tensor>*) {
  torch::Tensor x = channels_first(spectrogram, shape_);
  for (auto* conv : {&conv1_, &conv2_, &conv3_}) x = F::max_pool1d(torch::relu((*conv)(x)), F::MaxPool1dFuncOptions(2));
  return x.transpose(1, 2);
}

torch::Tensor SpotifyNet::clip_from(const PooledOverTime& pooled) {
  return torch::log_softmax(output_(dropout_(torch::cat({pooled.mean, pooled.max}, 1))), 1);
}

std::shared_ptr<GenreNetwork> make_spotify(const NetworkShape& shape) { return std::make_shared<SpotifyNet>(shape); }

}  // namespace genrekit::nn
