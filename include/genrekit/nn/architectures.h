#pragma once
// The four architectures (thesis.md, "Deep learning"), Keras layer for layer where the thesis used
// Keras; "valid" convolutions, max-pooling that drops a last odd frame, as Keras does.
#include "genrekit/nn/network.h"

namespace genrekit::nn {

// The thesis' "Spotify": 3 x [Conv1D(256, 4, stride 2), ReLU, MaxPool(2)], concat(global mean,
// global max), Dropout 0.5, Dense(classes). 664,336 parameters.
class SpotifyNet : public GenreNetwork {
 public:
  explicit SpotifyNet(const NetworkShape& shape);
  torch::Tensor forward(torch::Tensor spectrogram) override;
  int min_frames() const override { return 106; }

 private:
  NetworkShape shape_;
  torch::nn::Conv1d conv1_{nullptr}, conv2_{nullptr}, conv3_{nullptr};
  torch::nn::Dropout dropout_{nullptr};
  torch::nn::Linear output_{nullptr};
};

// "DeepSound": 3 x [Conv1D(256, 5), BatchNorm, ReLU, MaxPool(2), Dropout 0.5], Dense(classes) per
// time step, mean over time, softmax. 825,616 trainable parameters (827,152 with BatchNorm's
// running statistics, Keras' count).
class DeepSoundNet : public GenreNetwork {
 public:
  explicit DeepSoundNet(const NetworkShape& shape);
  torch::Tensor forward(torch::Tensor spectrogram) override;
  torch::Tensor step_probabilities(torch::Tensor spectrogram) override;
  bool has_steps() const override { return true; }
  int min_frames() const override { return 36; }
  int frames_per_step() const override { return 8; }
  torch::Tensor stream_step_probabilities(const torch::Tensor& chunk, std::vector<torch::Tensor>& state) override;

 private:
  torch::Tensor step_logits(const torch::Tensor& spectrogram);
  NetworkShape shape_;
  torch::nn::Conv1d conv1_{nullptr}, conv2_{nullptr}, conv3_{nullptr};
  torch::nn::BatchNorm1d norm1_{nullptr}, norm2_{nullptr}, norm3_{nullptr};
  torch::nn::Dropout dropout_{nullptr};
  torch::nn::Linear output_{nullptr};
};

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

// Dieleman & Schrauwen's original Spotify network (2014): Conv1D(256, 4) MaxPool(4), Conv1D(256, 4)
// MaxPool(2), Conv1D(512, 4) MaxPool(2), Conv1D(512, 4), ReLU after each; global mean, max and L2
// pooling over time (1,536), two Dense(2048) + ReLU, Dense(classes) (the original regressed 40
// latent factors; here a softmax over genres). 9,344,528 parameters with 128 mels and 16 classes.
class Dieleman2014Net : public GenreNetwork {
 public:
  explicit Dieleman2014Net(const NetworkShape& shape);
  torch::Tensor forward(torch::Tensor spectrogram) override;
  int min_frames() const override { return 103; }

 private:
  NetworkShape shape_;
  torch::nn::Conv1d conv1_{nullptr}, conv2_{nullptr}, conv3_{nullptr}, conv4_{nullptr};
  torch::nn::Linear dense1_{nullptr}, dense2_{nullptr}, output_{nullptr};
};

}  // namespace genrekit::nn
