#pragma once
// Network and optimiser state on disk. Every file is written beside its name and renamed, and no
// file is rewritten under the same name, so a kill at any moment leaves the previous epoch whole.
#include <filesystem>
#include <string>

#include <torch/torch.h>

#include "genrekit/nn/network.h"

namespace genrekit::nn {

void save_module(const torch::nn::Module& module, const std::filesystem::path& file);
// DataError naming the file when it is missing or holds another network's parameters.
void load_module(torch::nn::Module& module, const std::filesystem::path& file, const std::string& expected);

void save_optimizer(const torch::optim::Optimizer& optimizer, const std::filesystem::path& file);
void load_optimizer(torch::optim::Optimizer& optimizer, const std::filesystem::path& file);

}  // namespace genrekit::nn
