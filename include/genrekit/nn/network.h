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

#include "genrekit/nn/time_pooling.h"

namespace genrekit::nn {

struct NetworkShape {
  int mels = 128;
  int classes = 16;
};

// A network is a stack that maps a spectrogram to a sequence of positions in time (one per
// frames_per_position() input frames beyond the first min_frames()), pooled over time (pooling())
// and read by a head (clip_from()). Written that way, every network can also run a recording of
// any length chunk by chunk, in bounded memory: chunks that start at multiples of
// frames_per_position() frames and overlap by min_frames() - frames_per_position() give exactly the
// positions of the whole.
class GenreNetwork : public torch::nn::Module {
 public:
  // (batch, classes) log-probabilities of the clip: what the loss (NLL) and the clip prediction
  // read. clip_from(pool_over_time(positions(spectrogram))).
  torch::Tensor forward(torch::Tensor spectrogram);
  // (batch, positions, channels). `carried` (may be null) holds what the network remembers from
  // the chunk before (an LSTM's state; empty at the start) and is left holding what the next needs.
  virtual torch::Tensor positions(const torch::Tensor& spectrogram, std::vector<torch::Tensor>* carried) = 0;
  virtual unsigned pooling() const = 0;
  virtual torch::Tensor clip_from(const PooledOverTime& pooled) = 0;
  // The fewest input frames the network accepts (each pooling stage needs at least one frame).
  virtual int min_frames() const = 0;
  // Input frames between consecutive positions.
  virtual int frames_per_position() const = 0;

  // The networks with per-step outputs (the real-time timeline): a step is a position.
  virtual bool has_steps() const { return false; }
  // (batch, steps, classes) probabilities from positions(); std::logic_error for the others.
  virtual torch::Tensor step_probabilities_from(const torch::Tensor& positions);
  // step_probabilities_from(positions(spectrogram)).
  torch::Tensor step_probabilities(torch::Tensor spectrogram);

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
