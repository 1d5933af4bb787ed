#pragma once
// Where a network runs: every device choice is explicit (--device auto|cpu|cuda[:N]) and the rest
// of the code is device-agnostic (tensors and modules are moved to the resolved device).
#include <string_view>

#include <torch/torch.h>

namespace genrekit::nn {

// "auto": CUDA device `auto_index` (the first; a data-parallel rank's LOCAL_RANK) when LibTorch was
// built with CUDA and one is present, else the CPU; "cpu"; "cuda" or "cuda:N". ConfigError naming
// the choice when CUDA is asked for and absent, or N is not a present device.
torch::Device resolve_device(std::string_view choice, int auto_index = 0);

}  // namespace genrekit::nn
