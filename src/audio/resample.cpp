#include "genrekit/audio/resample.h"

#include <cmath>
#include <stdexcept>
#include <string>

#include <soxr.h>

#include "genrekit/dsp/resample.h"

namespace genrekit::audio {

Resampler parse_resampler(std::string_view name) {
  if (name == "resampy_kaiser_best") return Resampler::ResampyKaiserBest;
  if (name == "soxr_vhq") return Resampler::SoxrVeryHigh;
  throw std::invalid_argument("unknown resampler '" + std::string(name) + "' (expected resampy_kaiser_best or soxr_vhq)");
}

std::string_view to_string(Resampler resampler) {
  return resampler == Resampler::ResampyKaiserBest ? "resampy_kaiser_best" : "soxr_vhq";
}

std::vector<float> resample(std::span<const float> y, double in_rate, double out_rate, Resampler resampler) {
  if (in_rate == out_rate) return {y.begin(), y.end()};
  if (resampler == Resampler::ResampyKaiserBest)
    return dsp::librosa_resample(y, in_rate, out_rate, dsp::ResampyFilter::KaiserBest, false);
  const auto n_out = static_cast<std::size_t>(std::ceil(static_cast<double>(y.size()) * out_rate / in_rate));
  std::vector<float> out(n_out);
  std::size_t produced = 0;
  const soxr_io_spec_t io = soxr_io_spec(SOXR_FLOAT32_I, SOXR_FLOAT32_I);
  const soxr_quality_spec_t quality = soxr_quality_spec(SOXR_VHQ, 0);
  if (const soxr_error_t error = soxr_oneshot(in_rate, out_rate, 1, y.data(), y.size(), nullptr, out.data(), n_out,
                                              &produced, &io, &quality, nullptr))
    throw std::runtime_error(std::string("soxr: ") + error);
  out.resize(n_out, 0.0f);  // zero-fill any shortfall, as librosa's fix_length does
  return out;
}

}  // namespace genrekit::audio
