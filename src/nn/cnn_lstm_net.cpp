#include "genrekit/nn/architectures.h"

#include <cmath>

namespace genrekit::nn {

namespace F = torch::nn::functional;

CnnLstmNet::CnnLstmNet(const NetworkShape& shape) : shape_(shape) {
  conv1_ = register_module("conv1", torch::nn::Conv1d(torch::nn::Conv1dOptions(shape.mels, 256, 5)));
  conv2_ = register_module("conv2", torch::nn::Conv1d(torch::nn::Conv1dOptions(256, 256, 5)));
  conv3_ = register_module("conv3", torch::nn::Conv1d(torch::nn::Conv1dOptions(256, 256, 5)));
  dropout_ = register_module("dropout", torch::nn::Dropout(0.5));
  lstm_ = register_module("lstm", torch::nn::LSTM(torch::nn::LSTMOptions(256, 256).batch_first(true)));
  output_ = register_module("output", torch::nn::Linear(256, shape.classes));
}

torch::Tensor CnnLstmNet::step_log_probabilities(const torch::Tensor& spectrogram) {
  torch::Tensor x = channels_first(spectrogram, shape_);
  for (auto* conv : {&conv1_, &conv2_, &conv3_}) x = F::max_pool1d(torch::relu((*conv)(x)), F::MaxPool1dFuncOptions(2));
  x = std::get<0>(lstm_(dropout_(x.transpose(1, 2))));  // (batch, steps, 256)
  return torch::log_softmax(output_(dropout_(x)), 2);
}

torch::Tensor CnnLstmNet::forward(torch::Tensor spectrogram) {
  // log(mean over steps of the per-step probabilities), computed stably in the log domain.
  const torch::Tensor steps = step_log_probabilities(spectrogram);
  return torch::logsumexp(steps, 1) - std::log(static_cast<double>(steps.size(1)));
}

torch::Tensor CnnLstmNet::step_probabilities(torch::Tensor spectrogram) { return step_log_probabilities(spectrogram).exp(); }

}  // namespace genrekit::nn
