#include "genrekit/nn/network.h"

#include <cmath>
#include <tuple>

namespace genrekit::nn {

namespace F = torch::nn::functional;

namespace {

// "CNN-LSTM", the thesis' best: 3 x [Conv1D(256, 5), ReLU, MaxPool(2)], Dropout 0.5, LSTM(256)
// over the steps, Dropout 0.5, Dense(classes) + softmax per step, mean of the steps' probabilities.
// 1,350,416 parameters (Keras: 1,349,392; PyTorch's LSTM has a second bias vector).
class CnnLstmNet : public GenreNetwork {
 public:
  explicit CnnLstmNet(const NetworkShape& shape);
  torch::Tensor forward(torch::Tensor spectrogram) override;
  torch::Tensor step_probabilities(torch::Tensor spectrogram) override;
  bool has_steps() const override { return true; }
  int min_frames() const override { return 36; }
  int frames_per_step() const override { return 8; }
  torch::Tensor stream_step_probabilities(const torch::Tensor& chunk, std::vector<torch::Tensor>& state) override;

 private:
  // (batch, steps, classes) per-step log-probabilities; the LSTM starts from `state` when it holds
  // (h, c), and leaves its final (h, c) there when given.
  torch::Tensor step_log_probabilities(const torch::Tensor& spectrogram, std::vector<torch::Tensor>* state = nullptr);
  NetworkShape shape_;
  torch::nn::Conv1d conv1_{nullptr}, conv2_{nullptr}, conv3_{nullptr};
  torch::nn::Dropout dropout_{nullptr};
  torch::nn::LSTM lstm_{nullptr};
  torch::nn::Linear output_{nullptr};
};

}  // namespace

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

std::shared_ptr<GenreNetwork> make_cnn_lstm(const NetworkShape& shape) { return std::make_shared<CnnLstmNet>(shape); }

}  // namespace genrekit::nn
