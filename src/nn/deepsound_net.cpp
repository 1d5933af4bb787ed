#include "genrekit/nn/architectures.h"

namespace genrekit::nn {

namespace F = torch::nn::functional;

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

torch::Tensor DeepSoundNet::step_logits(const torch::Tensor& spectrogram) {
  torch::Tensor x = channels_first(spectrogram, shape_);
  const std::pair<torch::nn::Conv1d*, torch::nn::BatchNorm1d*> stages[] = {{&conv1_, &norm1_}, {&conv2_, &norm2_}, {&conv3_, &norm3_}};
  for (const auto& [conv, norm] : stages)
    x = dropout_(F::max_pool1d(torch::relu((*norm)((*conv)(x))), F::MaxPool1dFuncOptions(2)));
  return output_(x.transpose(1, 2));  // (batch, steps, classes)
}

torch::Tensor DeepSoundNet::forward(torch::Tensor spectrogram) {
  return torch::log_softmax(step_logits(spectrogram).mean(1), 1);
}

torch::Tensor DeepSoundNet::step_probabilities(torch::Tensor spectrogram) {
  return torch::softmax(step_logits(spectrogram), 2);
}

torch::Tensor DeepSoundNet::stream_step_probabilities(const torch::Tensor& chunk, std::vector<torch::Tensor>&) {
  return step_probabilities(chunk);  // each step sees only its own frames: nothing to carry
}

}  // namespace genrekit::nn
