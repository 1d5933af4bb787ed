#include "genrekit/nn/network.h"

namespace genrekit::nn {

namespace F = torch::nn::functional;

namespace {

// "DeepSound": 3 x [Conv1D(256, 5), BatchNorm, ReLU, MaxPool(2), Dropout 0.5], Dense(classes) per
// time step, mean over time, softmax. 825,616 trainable parameters (827,152 with BatchNorm's
// running statistics, Keras' count).
class DeepSoundNet : public GenreNetwork {
 public:
  explicit DeepSoundNet(const NetworkShape& shape);
  // (batch, steps, classes) logits per step.
  torch::Tensor positions(const torch::Tensor& spectrogram, std::vector<torch::Tensor>* carried) override;
  unsigned pooling() const override { return kPoolMean; }
  torch::Tensor clip_from(const PooledOverTime& pooled) override { return torch::log_softmax(pooled.mean, 1); }
  int min_frames() const override { return 36; }
  int frames_per_position() const override { return 8; }
  bool has_steps() const override { return true; }
  torch::Tensor step_probabilities_from(const torch::Tensor& positions) override { return torch::softmax(positions, 2); }

 private:
  NetworkShape shape_;
  torch::nn::Conv1d conv1_{nullptr}, conv2_{nullptr}, conv3_{nullptr};
  torch::nn::BatchNorm1d norm1_{nullptr}, norm2_{nullptr}, norm3_{nullptr};
  torch::nn::Dropout dropout_{nullptr};
  torch::nn::Linear output_{nullptr};
};

}  // namespace

DeepSoundNet::DeepSoundNet(const NetworkShape& shape) : shape_(shape) {
  // Keras' BatchNormalization defaults: epsilon 1e-3, moving-average momentum 0.99 (0.01 in PyTorch's terms).
  const auto norm = [] { return torch::nn::BatchNorm1dOptions(256).eps(1e-3).momentum(0.01); };
  conv1_ = register_module("conv1", torch::nn::Conv1d(torch::nn::Conv1dOptions(shape.mels, 256, 5)));
  norm1_ = register_module("norm1", torch::nn::BatchNorm1d(norm()));
  conv2_ = register_module("conv2", torch::nn::Conv1d(torch::nn::Conv1dOptions(256, 256, 5)));
  norm2_ = register_module("norm2", torch::nn::BatchNorm1d(norm()));
  conv3_ = register_module("conv3", torch::nn::Conv1d(torch::nn::Conv1dOptions(256, 256, 5)));
  norm3_ = register_module("norm3", torch::nn::BatchNorm1d(norm()));
  dropout_ = register_module("dropout", torch::nn::Dropout(0.5));
  output_ = register_module("output", torch::nn::Linear(256, shape.classes));
}

// Each step sees only its own frames: nothing to carry between chunks.
torch::Tensor DeepSoundNet::positions(const torch::Tensor& spectrogram, std::vector<torch::Tensor>*) {
  torch::Tensor x = channels_first(spectrogram, shape_);
  const std::pair<torch::nn::Conv1d*, torch::nn::BatchNorm1d*> stages[] = {{&conv1_, &norm1_}, {&conv2_, &norm2_}, {&conv3_, &norm3_}};
  for (const auto& [conv, norm] : stages)
    x = dropout_(F::max_pool1d(torch::relu((*norm)((*conv)(x))), F::MaxPool1dFuncOptions(2)));
  return output_(x.transpose(1, 2));
}

std::shared_ptr<GenreNetwork> make_deepsound(const NetworkShape& shape) { return std::make_shared<DeepSoundNet>(shape); }

}  // namespace genrekit::nn
