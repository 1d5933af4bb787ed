#include "genrekit/nn/network.h"

#include <stdexcept>
#include <string>

#include "genrekit/error.h"
#include "genrekit/nn/architectures.h"

namespace genrekit::nn {

namespace {
constexpr Architecture kArchitectures[] = {Architecture::Spotify, Architecture::DeepSound, Architecture::CnnLstm,
                                           Architecture::Dieleman2014};
}

std::string_view to_string(Architecture architecture) {
  switch (architecture) {
    case Architecture::Spotify: return "spotify";
    case Architecture::DeepSound: return "deepsound";
    case Architecture::CnnLstm: return "cnn_lstm";
    case Architecture::Dieleman2014: return "dieleman2014";
  }
  return "?";
}

Architecture parse_architecture(std::string_view name) {
  for (Architecture a : kArchitectures)
    if (name == to_string(a)) return a;
  throw ConfigError("network '" + std::string(name) + "': expected spotify, deepsound, cnn_lstm or dieleman2014");
}

torch::Tensor GenreNetwork::step_probabilities(torch::Tensor) {
  throw std::logic_error("this network pools over the whole clip and has no per-step outputs");
}

torch::Tensor GenreNetwork::stream_step_probabilities(const torch::Tensor&, std::vector<torch::Tensor>&) {
  throw std::logic_error("this network pools over the whole clip and has no per-step outputs to stream");
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

std::shared_ptr<GenreNetwork> make_network(Architecture architecture, const NetworkShape& shape) {
  if (shape.mels < 1 || shape.classes < 2) throw std::invalid_argument("network: need mels >= 1 and classes >= 2");
  switch (architecture) {
    case Architecture::Spotify: return std::make_shared<SpotifyNet>(shape);
    case Architecture::DeepSound: return std::make_shared<DeepSoundNet>(shape);
    case Architecture::CnnLstm: return std::make_shared<CnnLstmNet>(shape);
    case Architecture::Dieleman2014: return std::make_shared<Dieleman2014Net>(shape);
  }
  throw std::logic_error("unknown architecture");
}

std::int64_t trainable_parameters(const torch::nn::Module& module) {
  std::int64_t count = 0;
  for (const auto& p : module.parameters())
    if (p.requires_grad()) count += p.numel();
  return count;
}

}  // namespace genrekit::nn
