#include "genrekit/nn/network_prediction.h"

#include <algorithm>
#include <iterator>

#include "genrekit/audio/decoder.h"
#include "genrekit/audio/resample.h"
#include "genrekit/error.h"
#include "genrekit/extraction/settings.h"
#include "genrekit/models/network_section.h"
#include "genrekit/nn/device.h"
#include "genrekit/nn/mixed_precision.h"
#include "genrekit/nn/network_run.h"

namespace genrekit::nn {

std::string networks_with_steps() {
  std::string out;
  for (const auto& kind : models::network_kinds())
    if (make_network(kind.name, {1, 2})->has_steps()) out += (out.empty() ? "" : ", ") + kind.name;
  return out;
}

struct NetworkPredictor::State {
  audio::Decoder decoder = audio::Decoder::FfmpegS16;
  extraction::LogMelSettings log_mel;
  torch::Device device = torch::kCPU;
  Precision precision = Precision::Float32;
  TrainedNetwork trained;
};

NetworkPredictor::NetworkPredictor(const models::NetworkSettings& settings, const std::filesystem::path& run_dir, unsigned threads)
    : state_(std::make_unique<State>()) {
  torch::set_num_threads(static_cast<int>(threads));
  state_->decoder = settings.decoder;
  state_->log_mel = settings.log_mel;
  state_->log_mel.params.frames = 0;  // the whole file, whatever its length
  state_->device = resolve_device(settings.device);
  state_->precision = parse_precision(settings.precision, state_->device);
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
  if (!has_steps()) return 0;
  return state_->trained.network->frames_per_position() * state_->log_mel.params.hop_length / sample_rate();
}

double NetworkPredictor::window_seconds() const {
  return state_->trained.network->min_frames() * state_->log_mel.params.hop_length / sample_rate();
}

namespace {

// (steps, classes) probabilities, any dtype and device -> rows of doubles.
std::vector<std::vector<double>> rows_of(const torch::Tensor& steps) {
  const torch::Tensor host = steps.to(torch::kCPU, torch::kFloat64).contiguous();
  const auto classes = host.size(1);
  std::vector<std::vector<double>> rows;
  for (std::int64_t s = 0; s < host.size(0); ++s) rows.emplace_back(host[s].data_ptr<double>(), host[s].data_ptr<double>() + classes);
  return rows;
}

// Rows [first, last) of a (frames, mels) log-mel, as float32 and scaled, appended to `out`.
void append_scaled_frames(const dsp::Matrix& log_mel, Eigen::Index first, Eigen::Index last, const data::BandScaling& scaling,
                          std::vector<float>& out) {
  const auto mels = static_cast<std::size_t>(log_mel.cols());
  for (Eigen::Index t = first; t < last; ++t) {
    const std::size_t at = out.size();
    out.resize(at + mels);
    for (std::size_t m = 0; m < mels; ++m) out[at + m] = static_cast<float>(log_mel(t, static_cast<Eigen::Index>(m)));
    scaling.apply(out.data() + at, 1);
  }
}

// The too-short message, in frames and seconds.
std::string too_short(std::size_t samples, const NetworkPredictor& predictor, int frames, int min_frames) {
  const auto seconds = [](double s) { return std::to_string(s).substr(0, 5); };
  return "too short: " + std::to_string(frames) + " spectrogram frames (" + seconds(static_cast<double>(samples) / predictor.sample_rate()) +
         " s); the network needs " + std::to_string(min_frames) + " (" + seconds(predictor.window_seconds()) + " s)";
}

models::Prediction prediction_of(const NetworkStream& stream, std::vector<std::vector<double>> steps, double step_seconds) {
  models::Prediction p;
  p.probabilities = stream.clip_probabilities();
  p.top = static_cast<int>(std::max_element(p.probabilities.begin(), p.probabilities.end()) - p.probabilities.begin());
  if (step_seconds > 0) {
    p.steps = std::move(steps);
    p.step_seconds = step_seconds;
  }
  return p;
}

void append(std::vector<std::vector<double>>& to, std::vector<std::vector<double>> steps) {
  to.insert(to.end(), std::make_move_iterator(steps.begin()), std::make_move_iterator(steps.end()));
}

}  // namespace

models::Prediction NetworkPredictor::predict_samples(std::span<const float> mono) const {
  NetworkStream stream(*this);
  auto steps = stream.push(mono);
  append(steps, stream.finish());
  return prediction_of(stream, std::move(steps), step_seconds());
}

models::Prediction NetworkPredictor::predict_file(const std::string& path) const {
  models::Prediction p;
  try {
    audio::MonoReader reader(audio::open_audio(path, state_->decoder));
    audio::ResampleStream resampler(reader.sample_rate(), sample_rate(), state_->log_mel.resampler);
    NetworkStream stream(*this);
    std::vector<std::vector<double>> steps;
    std::vector<float> block, resampled;
    constexpr std::size_t kBlock = 1 << 18;  // ~6 s at 44,100 Hz: chunks long enough for the network
    std::size_t decoded = 0;
    while (reader.read(block, kBlock) > 0) {
      decoded += block.size();
      resampler.push(block, resampled);
      append(steps, stream.push(resampled));
      block.clear();
      resampled.clear();
    }
    if (decoded == 0) throw DataError(path + ": no audio samples (empty or truncated file)");
    resampler.finish(resampled);
    append(steps, stream.push(resampled));
    append(steps, stream.finish());
    p = prediction_of(stream, std::move(steps), step_seconds());
  } catch (const std::exception& e) {
    p.error = e.what();
  }
  p.path = path;
  return p;
}

}  // namespace genrekit::nn

namespace genrekit::nn {

struct NetworkStream::NetworkState {
  std::vector<torch::Tensor> carried;
  TimePoolAccumulator pooled;
};

NetworkStream::NetworkStream(const NetworkPredictor& predictor)
    : predictor_(predictor),
      network_state_(std::make_unique<NetworkState>(std::vector<torch::Tensor>{}, TimePoolAccumulator(predictor.state_->trained.network->pooling()))) {}

NetworkStream::~NetworkStream() = default;

std::vector<std::vector<double>> NetworkStream::push(std::span<const float> samples) {
  samples_.insert(samples_.end(), samples.begin(), samples.end());
  total_samples_ += samples.size();
  return advance(false);
}

std::vector<std::vector<double>> NetworkStream::finish() {
  auto& network = *predictor_.state_->trained.network;
  const std::size_t all_frames = total_samples_ >= 2 ? 1 + total_samples_ / static_cast<std::size_t>(predictor_.state_->log_mel.params.hop_length) : 0;
  if (all_frames < static_cast<std::size_t>(network.min_frames()))
    throw std::invalid_argument(too_short(total_samples_, predictor_, static_cast<int>(all_frames), network.min_frames()));
  return advance(true);
}

std::vector<double> NetworkStream::clip_probabilities() const {
  const auto& state = *predictor_.state_;
  const c10::InferenceMode inference;
  const torch::Tensor clip = state.trained.network->clip_from(network_state_->pooled.result(state.device)).exp().to(torch::kCPU, torch::kFloat64).contiguous();
  return {clip.data_ptr<double>(), clip.data_ptr<double>() + clip.numel()};
}

std::vector<std::vector<double>> NetworkStream::advance(bool at_end) {
  const auto& params = predictor_.state_->log_mel.params;
  auto& network = *predictor_.state_->trained.network;
  const auto hop = static_cast<std::size_t>(params.hop_length), half = static_cast<std::size_t>(params.n_fft / 2);
  const auto mels = static_cast<std::size_t>(params.n_mels);
  // Frame t is centred on sample t * hop and spans n_fft samples. Before the end only frames whose
  // span lies inside the samples are final; at the end the rest, with the end's reflect padding.
  const std::size_t all_frames = 1 + total_samples_ / hop;
  std::size_t final_frames = at_end ? all_frames : (total_samples_ >= half ? (total_samples_ - half) / hop + 1 : 0);
  final_frames = std::min(final_frames, all_frames);
  if (final_frames > next_frame_ && (!at_end || total_samples_ >= 2)) {
    // Compute frames [next_frame_, final_frames) on a slice that starts `context` frames earlier, so
    // that they need no left padding (or on everything from sample 0, whose padding is the real one).
    const std::size_t context = (half + hop - 1) / hop;
    const std::size_t first = next_frame_ >= context ? next_frame_ - context : 0;
    const std::size_t slice_start = first * hop;
    if (slice_start < samples_dropped_) throw std::logic_error("step stream: samples dropped too early");
    const std::size_t slice_end = at_end ? total_samples_ : std::min(total_samples_, (final_frames - 1) * hop + half);
    const std::span<const float> slice(samples_.data() + (slice_start - samples_dropped_), slice_end - slice_start);
    const dsp::Matrix log_mel = features::log_mel_spectrogram(slice, params);
    append_scaled_frames(log_mel, static_cast<Eigen::Index>(next_frame_ - first), static_cast<Eigen::Index>(final_frames - first),
                         predictor_.state_->trained.info.scaling, frames_);
    next_frame_ = final_frames;
    // Samples before the next frame's span (less the context) are never read again.
    const std::size_t keep_from = std::min((next_frame_ >= context ? next_frame_ - context : 0) * hop, total_samples_);
    if (keep_from > samples_dropped_) {
      samples_.erase(samples_.begin(), samples_.begin() + static_cast<std::ptrdiff_t>(keep_from - samples_dropped_));
      samples_dropped_ = keep_from;
    }
  }
  // Positions whose receptive field is complete: n need per_step * n + overlap buffered frames.
  const auto per_step = static_cast<std::size_t>(network.frames_per_position());
  const std::size_t overlap = static_cast<std::size_t>(network.min_frames()) - per_step;
  const std::size_t buffered = frames_.size() / mels;
  if (buffered < per_step + overlap) return {};
  const std::size_t n = (buffered - overlap) / per_step;
  const c10::InferenceMode inference;  // no autograd bookkeeping at all (lighter than NoGradGuard)
  const AutocastScope autocast(predictor_.state_->device, predictor_.state_->precision);
  std::vector<float> chunk(frames_.begin(), frames_.begin() + static_cast<std::ptrdiff_t>((per_step * n + overlap) * mels));
  const torch::Tensor positions = network.positions(
      to_device(chunk, {1, static_cast<std::int64_t>(per_step * n + overlap), static_cast<std::int64_t>(mels)}, predictor_.state_->device),
      &network_state_->carried);
  network_state_->pooled.add(positions);
  frames_.erase(frames_.begin(), frames_.begin() + static_cast<std::ptrdiff_t>(per_step * n * mels));
  next_position_ += n;
  return network.has_steps() ? rows_of(network.step_probabilities_from(positions)[0]) : std::vector<std::vector<double>>{};
}

}  // namespace genrekit::nn
