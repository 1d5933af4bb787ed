#pragma once
// The thesis' genre networks as torch::nn modules. LibTorch headers live only in the genrekit::nn
// target: include this from nn code, its tests and the tools that train or run networks.
//
// Every network reads log-mel spectrograms shaped (batch, time frames, mel bands), any number of
// frames at or above min_frames(), as float32 on the network's device, and treats the mel bands
// as the channels of 1-D convolutions over time (Keras' Conv1D layout, as the thesis).
#include <memory>
#include <string>
#include <string_view>

#include <torch/torch.h>

namespace genrekit::nn {

struct NetworkShape {
  int mels = 128;
  int classes = 16;
};

class GenreNetwork : public torch::nn::Module {
 public:
  // (batch, classes) log-probabilities of the clip: what the loss (NLL) and the clip prediction read.
  virtual torch::Tensor forward(torch::Tensor spectrogram) = 0;
  // (batch, steps, classes) probabilities per time step (the real-time timeline), for the networks
  // that have per-step outputs (deepsound, cnn_lstm); std::logic_error for the others.
  virtual torch::Tensor step_probabilities(torch::Tensor spectrogram);
  virtual bool has_steps() const { return false; }
  // The fewest input frames the network accepts (each pooling stage needs at least one frame).
  virtual int min_frames() const = 0;
  // Input frames per output step and the frames one step sees (timeline timing); 0 without steps.
  virtual int frames_per_step() const { return 0; }

  // Streaming, for the networks with steps: (1, n, classes) probabilities of the next n steps from a
  // chunk of frames_per_step() * n + min_frames() - frames_per_step() frames that starts at a
  // multiple of frames_per_step() (the steps' receptive fields tile so that chunks give exactly the
  // steps of the whole). `state` carries what the network remembers between chunks (empty at the
  // start). std::logic_error for the others.
  virtual torch::Tensor stream_step_probabilities(const torch::Tensor& chunk, std::vector<torch::Tensor>& state);

 protected:
  // (batch, time, mels) -> (batch, mels, time), after checking the shape against `shape`.
  torch::Tensor channels_first(const torch::Tensor& spectrogram, const NetworkShape& shape) const;
};

// The network named `name` in models/network_list.h, freshly initialised (from torch's generator).
// ConfigError naming the known networks for another name.
std::shared_ptr<GenreNetwork> make_network(std::string_view name, const NetworkShape& shape = {});

// Parameters the optimiser trains (PyTorch's count; Keras also counts BatchNorm's running mean and
// variance, which are buffers here).
std::int64_t trainable_parameters(const torch::nn::Module& module);

}  // namespace genrekit::nn
