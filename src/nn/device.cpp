#include "genrekit/nn/device.h"

#include <charconv>
#include <string>

#include "genrekit/error.h"

namespace genrekit::nn {

torch::Device resolve_device(std::string_view choice, int auto_index) {
  if (choice == "cpu") return torch::kCPU;
  if (choice == "auto") {
    if (!torch::cuda::is_available()) return torch::kCPU;
    if (auto_index >= static_cast<int>(torch::cuda::device_count()))
      throw ConfigError("device auto: local rank " + std::to_string(auto_index) + " has no CUDA device of its own (" +
                        std::to_string(torch::cuda::device_count()) + " here); start one process per GPU");
    return torch::Device(torch::kCUDA, static_cast<torch::DeviceIndex>(auto_index));
  }
  if (choice.substr(0, 4) != "cuda" || (choice.size() > 4 && choice[4] != ':'))
    throw ConfigError("device '" + std::string(choice) + "': expected auto, cpu, cuda or cuda:N");
  int index = 0;
  if (choice.size() > 4) {
    const auto digits = choice.substr(5);
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), index);
    if (digits.empty() || error != std::errc() || end != digits.data() + digits.size() || index < 0)
      throw ConfigError("device '" + std::string(choice) + "': expected cuda:N with N a device number");
  }
  if (!torch::cuda::is_available())
    throw ConfigError("device '" + std::string(choice) + "': this LibTorch has no CUDA device (built without CUDA, or no GPU); "
                      "use --device cpu, or build against a CUDA LibTorch with -DCMAKE_PREFIX_PATH");
  if (static_cast<std::size_t>(index) >= torch::cuda::device_count())
    throw ConfigError("device '" + std::string(choice) + "': only " + std::to_string(torch::cuda::device_count()) +
                      " CUDA device(s) present");
  return {torch::kCUDA, static_cast<torch::DeviceIndex>(index)};
}

}  // namespace genrekit::nn
