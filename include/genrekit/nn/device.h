#pragma once
// Where a network runs: every device choice is explicit (--device auto|cpu|cuda[:N]) and the rest
// of the code is device-agnostic (tensors and modules are moved to the resolved device).
#include <string_view>

#include <torch/torch.h>

namespace genrekit::nn {

// "auto": the first CUDA device when LibTorch was built with CUDA and one is present, else the CPU;
// "cpu"; "cuda" or "cuda:N". ConfigError naming the choice when CUDA is asked for and absent, or
// N is not a present device.
torch::Device resolve_device(std::string_view choice);

}  // namespace genrekit::nn
