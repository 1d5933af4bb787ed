#include "genrekit/nn/architectures.h"

#include <cmath>
#include <tuple>

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

torch::Tensor CnnLstmNet::step_log_probabilities(const torch::Tensor& spectrogram, std::vector<torch::Tensor>* state) {
  torch::Tensor x = channels_first(spectrogram, shape_);
  for (auto* conv : {&conv1_, &conv2_, &conv3_}) x = F::max_pool1d(torch::relu((*conv)(x)), F::MaxPool1dFuncOptions(2));
  c10::optional<std::tuple<torch::Tensor, torch::Tensor>> carried;
  if (state && state->size() == 2) carried = std::make_tuple((*state)[0], (*state)[1]);
  const auto [steps, final_state] = lstm_->forward(dropout_(x.transpose(1, 2)), carried);  // steps: (batch, steps, 256)
  if (state) *state = std::vector<torch::Tensor>{std::get<0>(final_state), std::get<1>(final_state)};
  return torch::log_softmax(output_(dropout_(steps)), 2);
}

torch::Tensor CnnLstmNet::stream_step_probabilities(const torch::Tensor& chunk, std::vector<torch::Tensor>& state) {
  return step_log_probabilities(chunk, &state).exp();
}

torch::Tensor CnnLstmNet::forward(torch::Tensor spectrogram) {
  // log(mean over steps of the per-step probabilities), computed stably in the log domain.
  const torch::Tensor steps = step_log_probabilities(spectrogram);
  return torch::logsumexp(steps, 1) - std::log(static_cast<double>(steps.size(1)));
}

torch::Tensor CnnLstmNet::step_probabilities(torch::Tensor spectrogram) { return step_log_probabilities(spectrogram).exp(); }

}  // namespace genrekit::nn
