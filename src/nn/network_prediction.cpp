#include "genrekit/nn/network_prediction.h"

#include <algorithm>

#include "genrekit/audio/mono.h"
#include "genrekit/error.h"
#include "genrekit/extraction/settings.h"
#include "genrekit/nn/device.h"
#include "genrekit/nn/network_run.h"

namespace genrekit::nn {

struct NetworkPredictor::State {
  audio::Decoder decoder = audio::Decoder::FfmpegS16;
  extraction::LogMelSettings log_mel;
  torch::Device device = torch::kCPU;
  TrainedNetwork trained;
};

NetworkPredictor::NetworkPredictor(const config::Config& config, const std::filesystem::path& run_dir, unsigned threads)
    : state_(std::make_unique<State>()) {
  torch::set_num_threads(static_cast<int>(threads));
  state_->decoder = audio::parse_decoder(config.get_string("features.decoder"));
  state_->log_mel = extraction::log_mel_settings_from(config);
  state_->log_mel.params.frames = 0;  // the whole file, whatever its length
  state_->device = resolve_device(config.get_string("network.device"));
  state_->trained = load_trained_network(run_dir, state_->device);
  if (state_->log_mel.params.n_mels != state_->trained.info.mels)
    throw DataError(run_dir.string() + ": the run's features.logmel.n_mels (" + std::to_string(state_->log_mel.params.n_mels) +
                    ") differs from its network's input (" + std::to_string(state_->trained.info.mels) + " mels)");
}

NetworkPredictor::~NetworkPredictor() = default;

const std::vector<std::string>& NetworkPredictor::classes() const { return state_->trained.info.classes; }
bool NetworkPredictor::has_steps() const { return state_->trained.network->has_steps(); }
double NetworkPredictor::sample_rate() const { return state_->log_mel.params.sample_rate; }

double NetworkPredictor::step_seconds() const {
  return state_->trained.network->frames_per_step() * state_->log_mel.params.hop_length / sample_rate();
}

double NetworkPredictor::window_seconds() const {
  return state_->trained.network->min_frames() * state_->log_mel.params.hop_length / sample_rate();
}

models::Prediction NetworkPredictor::predict_samples(std::span<const float> mono) const {
  const auto& params = state_->log_mel.params;
  auto& network = *state_->trained.network;
  const dsp::Matrix log_mel = features::log_mel_spectrogram(mono, params);
  const auto frames = static_cast<int>(log_mel.rows()), mels = static_cast<int>(log_mel.cols());
  if (frames < network.min_frames())
    throw std::invalid_argument("too short: " + std::to_string(frames) + " spectrogram frames (" +
                                std::to_string(static_cast<double>(mono.size()) / sample_rate()).substr(0, 5) + " s); the network needs " +
                                std::to_string(network.min_frames()) + " (" + std::to_string(window_seconds()).substr(0, 4) + " s)");
  std::vector<float> values(static_cast<std::size_t>(frames) * static_cast<std::size_t>(mels));
  for (int t = 0; t < frames; ++t)
    for (int m = 0; m < mels; ++m) values[static_cast<std::size_t>(t * mels + m)] = static_cast<float>(log_mel(t, m));
  state_->trained.info.scaling.apply(values.data(), static_cast<std::size_t>(frames));
  torch::NoGradGuard no_grad;
  const torch::Tensor input = to_device(values, {1, frames, mels}, state_->device);
  models::Prediction p;
  const torch::Tensor clip = network.forward(input).exp().to(torch::kCPU, torch::kFloat64).contiguous();
  p.probabilities.assign(clip.data_ptr<double>(), clip.data_ptr<double>() + clip.numel());
  p.top = static_cast<int>(std::max_element(p.probabilities.begin(), p.probabilities.end()) - p.probabilities.begin());
  if (network.has_steps()) {
    const torch::Tensor steps = network.step_probabilities(input)[0].to(torch::kCPU, torch::kFloat64).contiguous();
    const auto classes = static_cast<std::size_t>(steps.size(1));
    for (std::int64_t s = 0; s < steps.size(0); ++s) {
      const double* row = steps[s].data_ptr<double>();
      p.steps.emplace_back(row, row + classes);
    }
    p.step_seconds = step_seconds();
  }
  return p;
}

models::Prediction NetworkPredictor::predict_file(const std::string& path) const {
  models::Prediction p;
  try {
    const auto decoded = audio::decode(path, state_->decoder);
    const auto mono = audio::resample(audio::to_mono(decoded), decoded.sample_rate, sample_rate(), state_->log_mel.resampler);
    p = predict_samples(mono);
  } catch (const std::exception& e) {
    p.error = e.what();
  }
  p.path = path;
  return p;
}

}  // namespace genrekit::nn
