#pragma once
// What a trained network run needs besides its parameters: network/network.json (the network,
// classes, input frames and mels, the fitted input scaling), and the helpers that load the chosen
// checkpoint and move batches to the device.
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <torch/torch.h>

#include "genrekit/data/log_mel_batches.h"
#include "genrekit/nn/mixed_precision.h"
#include "genrekit/nn/network.h"

namespace genrekit::nn {

struct NetworkRunInfo {
  std::string network;  // its model.type
  std::vector<std::string> classes;
  int frames = 0;  // the training clips' length (any length from the network's minimum is accepted)
  int mels = 0;
  data::InputScaling scaling_kind = data::InputScaling::None;
  data::BandScaling scaling;
};

void write_network_run_info(const std::filesystem::path& network_dir, const NetworkRunInfo& info);
// DataError naming the file when it is missing (not a network run) or malformed.
NetworkRunInfo read_network_run_info(const std::filesystem::path& network_dir);

struct TrainedNetwork {
  NetworkRunInfo info;
  std::shared_ptr<GenreNetwork> network;  // in eval mode, on the device
  int epoch = 0;                          // the epoch its parameters are from
};

// The run's best epoch (by validation accuracy) on `device`. DataError when the run has no
// finished epoch or its files are missing or from another network.
TrainedNetwork load_trained_network(const std::filesystem::path& run_dir, const torch::Device& device);

// (shape) float32 tensor of `values` on `device` (no copy on the CPU; through pinned memory with an
// asynchronous copy on CUDA). `values` must outlive the tensor's use on the CPU.
torch::Tensor to_device(std::vector<float>& values, at::IntArrayRef shape, const torch::Device& device);

// The network's float32 log-probabilities of a loader batch of (frames, mels) spectrograms, moved
// to `device`; the forward pass, and only it, under autocast at `precision`, as torch.autocast is
// meant to be used. Training, validation and evaluation all go through it.
torch::Tensor forward_batch(GenreNetwork& network, data::Batch& batch, int mels, const torch::Device& device,
                            Precision precision);

}  // namespace genrekit::nn
