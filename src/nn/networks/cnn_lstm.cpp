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
  // (batch, steps, classes) log-probabilities per step; the LSTM starts from `carried` when it
  // holds (h, c), and leaves its final (h, c) there.
  torch::Tensor positions(const torch::Tensor& spectrogram, std::vector<torch::Tensor>* carried) override;
  // The clip: log(mean over steps of the per-step probabilities), computed stably in the log domain.
  unsigned pooling() const override { return kPoolLogMeanExp; }
  torch::Tensor clip_from(const PooledOverTime& pooled) override { return pooled.log_mean_exp; }
  int min_frames() const override { return 36; }
  int frames_per_position() const override { return 8; }
  bool has_steps() const override { return true; }
  torch::Tensor step_probabilities_from(const torch::Tensor& positions) override { return positions.exp(); }

 private:
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

torch::Tensor CnnLstmNet::positions(const torch::Tensor& spectrogram, std::vector<torch::Tensor>* carried) {
  torch::Tensor x = channels_first(spectrogram, shape_);
  for (auto* conv : {&conv1_, &conv2_, &conv3_}) x = F::max_pool1d(torch::relu((*conv)(x)), F::MaxPool1dFuncOptions(2));
  c10::optional<std::tuple<torch::Tensor, torch::Tensor>> state;
  if (carried && carried->size() == 2) state = std::make_tuple((*carried)[0], (*carried)[1]);
  const auto [steps, final_state] = lstm_->forward(dropout_(x.transpose(1, 2)), state);  // steps: (batch, steps, 256)
  if (carried) *carried = std::vector<torch::Tensor>{std::get<0>(final_state), std::get<1>(final_state)};
  return torch::log_softmax(output_(dropout_(steps)), 2);
}

std::shared_ptr<GenreNetwork> make_cnn_lstm(const NetworkShape& shape) { return std::make_shared<CnnLstmNet>(shape); }

}  // namespace genrekit::nn
