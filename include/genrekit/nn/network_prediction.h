#pragma once
// predict for the networks: audio -> the run's log-mel settings (features.logmel.*, whole file) ->
// the best epoch's network -> clip probabilities (the mean of the per-step outputs for the networks
// that have them) and, for those, the per-step probabilities of the timeline; and the same steps from a
// live stream of samples (StepStream). No LibTorch in this header.
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "genrekit/config/config.h"
#include "genrekit/models/prediction.h"

namespace genrekit::nn {

// The networks with per-step outputs (what the timeline and --stream need), for messages:
// "deepsound, cnn_lstm".
std::string networks_with_steps();

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
  friend class StepStream;
  struct State;
  std::unique_ptr<State> state_;
};

// The per-step probabilities of a stream of mono samples at the predictor's rate, each step given
// as soon as the samples it depends on have arrived, equal to predict_samples' steps for the whole
// stream. Work per step is constant: spectrogram frames are computed once, the network sees each
// frame in one chunk (plus its receptive field's overlap) and carries its LSTM state; samples and
// frames no future step needs are dropped, so memory stays bounded however long the stream.
class StepStream {
 public:
  // ConfigError when the predictor's network has no per-step outputs.
  explicit StepStream(const NetworkPredictor& predictor);
  ~StepStream();
  StepStream(const StepStream&) = delete;
  StepStream& operator=(const StepStream&) = delete;

  // Appends samples; returns the steps that became final (steps x classes).
  std::vector<std::vector<double>> push(std::span<const float> samples);
  // End of input: the steps that needed the end of the signal.
  std::vector<std::vector<double>> finish();
  std::size_t steps_given() const { return next_step_; }

 private:
  std::vector<std::vector<double>> advance(bool at_end);

  const NetworkPredictor& predictor_;
  std::vector<float> samples_;       // from sample (first_frame_needed) * hop - context on
  std::size_t samples_dropped_ = 0;  // samples before samples_[0]
  std::size_t total_samples_ = 0;
  std::size_t next_frame_ = 0;       // spectrogram frames computed so far
  std::vector<float> frames_;        // scaled frames from frame next_step_ * frames_per_step on
  std::size_t next_step_ = 0;
  struct NetworkState;
  std::unique_ptr<NetworkState> network_state_;
};

}  // namespace genrekit::nn
