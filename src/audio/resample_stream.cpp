#include <cmath>
#include <stdexcept>
#include <string>

#include <soxr.h>

#include "genrekit/audio/resample.h"
#include "genrekit/dsp/resample.h"

namespace genrekit::audio {

namespace {

class SoxrStream {
 public:
  SoxrStream(double in_rate, double out_rate) : ratio_(out_rate / in_rate) {
    const soxr_io_spec_t io = soxr_io_spec(SOXR_FLOAT32_I, SOXR_FLOAT32_I);
    const soxr_quality_spec_t quality = soxr_quality_spec(SOXR_VHQ, 0);
    soxr_error_t error = nullptr;
    soxr_ = soxr_create(in_rate, out_rate, 1, &error, &io, &quality, nullptr);
    if (error) throw std::runtime_error(std::string("soxr: ") + error);
  }
  ~SoxrStream() { soxr_delete(soxr_); }
  SoxrStream(const SoxrStream&) = delete;
  SoxrStream& operator=(const SoxrStream&) = delete;

  void push(std::span<const float> in, std::vector<float>& out) {
    total_ += in.size();
    while (!in.empty()) {
      std::size_t consumed = 0;
      process(in.data(), in.size(), &consumed, out);
      in = in.subspan(consumed);
    }
  }

  void finish(std::vector<float>& out) {
    const auto fixed = static_cast<std::size_t>(std::ceil(static_cast<double>(total_) * ratio_));
    while (process(nullptr, 0, nullptr, out) > 0 && emitted_ < fixed) {
    }
    if (emitted_ > fixed) out.resize(out.size() - (emitted_ - fixed));  // as resample()'s output buffer cuts it
    out.insert(out.end(), fixed > emitted_ ? fixed - emitted_ : 0, 0.0f);  // zero-fill a shortfall, likewise
    emitted_ = fixed;
  }

 private:
  std::size_t process(const float* in, std::size_t length, std::size_t* consumed, std::vector<float>& out) {
    const std::size_t room = static_cast<std::size_t>(static_cast<double>(length) * ratio_) + 4096;
    const std::size_t at = out.size();
    out.resize(at + room);
    std::size_t produced = 0;
    if (const soxr_error_t error = soxr_process(soxr_, in, length, consumed, out.data() + at, room, &produced))
      throw std::runtime_error(std::string("soxr: ") + error);
    out.resize(at + produced);
    emitted_ += produced;
    return produced;
  }

  double ratio_;
  soxr_t soxr_ = nullptr;
  std::size_t total_ = 0, emitted_ = 0;
};

}  // namespace

struct ResampleStream::State {
  std::unique_ptr<dsp::ResampyStream> resampy;
  std::unique_ptr<SoxrStream> soxr;  // neither: the rates match, samples pass through
  double ratio = 1;
  std::size_t in = 0, out = 0;
};

ResampleStream::ResampleStream(double in_rate, double out_rate, Resampler resampler) : state_(std::make_unique<State>()) {
  if (in_rate == out_rate) return;
  state_->ratio = out_rate / in_rate;
  if (resampler == Resampler::ResampyKaiserBest)
    state_->resampy = std::make_unique<dsp::ResampyStream>(in_rate, out_rate, dsp::ResampyFilter::KaiserBest);
  else
    state_->soxr = std::make_unique<SoxrStream>(in_rate, out_rate);
}

ResampleStream::~ResampleStream() = default;

void ResampleStream::push(std::span<const float> in, std::vector<float>& out) {
  const std::size_t at = out.size();
  state_->in += in.size();
  if (state_->resampy) state_->resampy->push(in, out);
  else if (state_->soxr) state_->soxr->push(in, out);
  else out.insert(out.end(), in.begin(), in.end());
  state_->out += out.size() - at;
}

void ResampleStream::finish(std::vector<float>& out) {
  if (state_->resampy) {
    // librosa.resample's fix: zero-padded to ceil(length * ratio).
    const std::size_t at = out.size();
    state_->resampy->finish(out);
    state_->out += out.size() - at;
    const auto fixed = static_cast<std::size_t>(std::ceil(static_cast<double>(state_->in) * state_->ratio));
    out.insert(out.end(), fixed > state_->out ? fixed - state_->out : 0, 0.0f);
  } else if (state_->soxr) {
    state_->soxr->finish(out);
  }
}

}  // namespace genrekit::audio
