#pragma once
// predict for the networks: audio -> the run's log-mel settings (features.logmel.*, whole file) ->
// the best epoch's network -> clip probabilities (the mean of the per-step outputs for deepsound and
// cnn_lstm) and, for those, the per-step probabilities of the timeline. No LibTorch in this header.
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "genrekit/config/config.h"
#include "genrekit/models/prediction.h"

namespace genrekit::nn {

class NetworkPredictor {
 public:
  // `config`: the run's configuration (network.device chooses where it runs). DataError when
  // `run_dir` is not a finished network run.
  NetworkPredictor(const config::Config& config, const std::filesystem::path& run_dir, unsigned threads);
  ~NetworkPredictor();
  NetworkPredictor(const NetworkPredictor&) = delete;
  NetworkPredictor& operator=(const NetworkPredictor&) = delete;

  const std::vector<std::string>& classes() const;
  bool has_steps() const;
  double step_seconds() const;    // between step starts (0 without steps)
  double window_seconds() const;  // the audio one step sees
  double sample_rate() const;     // the rate the network's spectrograms are computed at

  // Mono samples at sample_rate(); std::invalid_argument when shorter than the network's minimum.
  models::Prediction predict_samples(std::span<const float> mono) const;
  // Decoded, mixed to mono and resampled as the run's shards were; a bad file gets its error.
  models::Prediction predict_file(const std::string& path) const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace genrekit::nn
