#pragma once
// predict for the networks: audio -> the run's log-mel settings (features.logmel.*, every frame) ->
// the best epoch's network -> clip probabilities and, for the networks with per-step outputs, the
// per-step probabilities of the timeline. Everything runs as a stream (NetworkStream), so a file or
// a live source of any length is held a block at a time. No LibTorch in this header.
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "genrekit/models/network_section.h"
#include "genrekit/models/prediction.h"

namespace genrekit::nn {

// The networks with per-step outputs (what the timeline and --stream need), for messages:
// "deepsound, cnn_lstm".
std::string networks_with_steps();

class NetworkPredictor {
 public:
  // `settings`: the run's (network.device chooses where it runs). DataError when `run_dir` is not a
  // finished network run.
  NetworkPredictor(const models::NetworkSettings& settings, const std::filesystem::path& run_dir, unsigned threads);
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
  // Decoded, mixed to mono and resampled as the run's shards were, block by block: memory stays
  // bounded however long the file. A bad file gets its error.
  models::Prediction predict_file(const std::string& path) const;

 private:
  friend class NetworkStream;
  struct State;
  std::unique_ptr<State> state_;
};

// A network run over a stream of mono samples at the predictor's rate: each step's probabilities as
// soon as the samples it depends on have arrived, and at the end the clip's, equal to running the
// network on the whole signal's spectrogram (to float32 rounding). Work per step is constant:
// spectrogram frames are computed once, the network sees each frame in one chunk (plus its
// receptive field's overlap), carries its LSTM state and accumulates its pooling over time;
// samples and frames no later step needs are dropped, so memory stays bounded however long the
// stream.
class NetworkStream {
 public:
  explicit NetworkStream(const NetworkPredictor& predictor);
  ~NetworkStream();
  NetworkStream(const NetworkStream&) = delete;
  NetworkStream& operator=(const NetworkStream&) = delete;

  // Appends samples; returns the steps that became final (steps x classes; none for the networks
  // without per-step outputs).
  std::vector<std::vector<double>> push(std::span<const float> samples);
  // End of input: the steps that needed the end of the signal. std::invalid_argument when the
  // stream was shorter than the network's minimum.
  std::vector<std::vector<double>> finish();
  // After finish(): the clip's probabilities.
  std::vector<double> clip_probabilities() const;

 private:
  std::vector<std::vector<double>> advance(bool at_end);

  const NetworkPredictor& predictor_;
  std::vector<float> samples_;       // from sample (first_frame_needed) * hop - context on
  std::size_t samples_dropped_ = 0;  // samples before samples_[0]
  std::size_t total_samples_ = 0;
  std::size_t next_frame_ = 0;       // spectrogram frames computed so far
  std::vector<float> frames_;        // scaled frames from frame next_position_ * frames_per_position on
  std::size_t next_position_ = 0;
  struct NetworkState;
  std::unique_ptr<NetworkState> network_state_;
};

}  // namespace genrekit::nn
