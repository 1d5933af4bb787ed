#include "genrekit/nn/network.h"

#include <stdexcept>
#include <string>

#include "genrekit/error.h"
#include "genrekit/models/network_list.h"

namespace genrekit::nn {

#define GENREKIT_DECLARE_NETWORK(name, summary) std::shared_ptr<GenreNetwork> make_##name(const NetworkShape& shape);
GENREKIT_NETWORKS(GENREKIT_DECLARE_NETWORK)
#undef GENREKIT_DECLARE_NETWORK

namespace {

struct NetworkFactory {
  std::string_view name;
  std::shared_ptr<GenreNetwork> (*make)(const NetworkShape&);
};

constexpr NetworkFactory kFactories[] = {
#define GENREKIT_LIST_FACTORY(name, summary) {#name, make_##name},
    GENREKIT_NETWORKS(GENREKIT_LIST_FACTORY)
#undef GENREKIT_LIST_FACTORY
};

}  // namespace

torch::Tensor GenreNetwork::forward(torch::Tensor spectrogram) {
  return clip_from(pool_over_time(positions(spectrogram, nullptr), pooling()));
}

torch::Tensor GenreNetwork::step_probabilities_from(const torch::Tensor&) {
  throw std::logic_error("this network pools over the whole clip and has no per-step outputs");
}

torch::Tensor GenreNetwork::step_probabilities(torch::Tensor spectrogram) {
  return step_probabilities_from(positions(spectrogram, nullptr));
}

torch::Tensor GenreNetwork::channels_first(const torch::Tensor& spectrogram, const NetworkShape& shape) const {
  if (spectrogram.dim() != 3 || spectrogram.size(2) != shape.mels)
    throw std::invalid_argument("network input: expected (batch, frames, " + std::to_string(shape.mels) + " mels), got " +
                                std::to_string(spectrogram.dim()) + " dimensions" +
                                (spectrogram.dim() == 3 ? " with " + std::to_string(spectrogram.size(2)) + " mels" : ""));
  if (spectrogram.size(1) < min_frames())
    throw std::invalid_argument("network input: " + std::to_string(spectrogram.size(1)) + " frames; this network needs at least " +
                                std::to_string(min_frames()));
  return spectrogram.transpose(1, 2);
}

std::shared_ptr<GenreNetwork> make_network(std::string_view name, const NetworkShape& shape) {
  if (shape.mels < 1 || shape.classes < 2) throw std::invalid_argument("network: need mels >= 1 and classes >= 2");
  std::string known;
  for (const auto& factory : kFactories) {
    if (factory.name == name) return factory.make(shape);
    known += (known.empty() ? "" : ", ") + std::string(factory.name);
  }
  throw ConfigError("network '" + std::string(name) + "': expected one of " + known);
}

std::int64_t trainable_parameters(const torch::nn::Module& module) {
  std::int64_t count = 0;
  for (const auto& p : module.parameters())
    if (p.requires_grad()) count += p.numel();
  return count;
}

}  // namespace genrekit::nn
