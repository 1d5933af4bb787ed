#include "genrekit/features/log_mel.h"

#include <cmath>
#include <stdexcept>
#include <string>

#include "genrekit/dsp/stft.h"
#include "genrekit/features/mfcc.h"
#include "unchecked_features.h"

namespace genrekit::features {

dsp::Matrix log_mel_spectrogram(std::span<const float> y, const LogMelParams& p) {
  if (p.floor <= 0) throw std::invalid_argument("log_mel_spectrogram: floor must be positive");
  if (p.n_mels < 1) throw std::invalid_argument("log_mel_spectrogram: n_mels must be positive");
  const dsp::Stft stft(p.n_fft, p.hop_length);
  // |STFT|^2 in float32, as librosa squares its float32 magnitudes.
  const dsp::Matrix power = stft.magnitude(y).unaryExpr([](double m) {
    const auto f = static_cast<float>(m);
    return static_cast<double>(f * f);
  });
  // The thesis' bank spans 0 Hz to Nyquist (fmin 0, fmax 0).
  const dsp::Matrix mel = unchecked::melspectrogram(power, p.sample_rate, p.n_mels, 0.0, 0.0).transpose();  // (time, mel)
  const Eigen::Index frames = p.frames > 0 ? p.frames : mel.rows();
  dsp::Matrix out = dsp::Matrix::Zero(frames, p.n_mels);
  const Eigen::Index kept = std::min(frames, mel.rows());
  out.topRows(kept) = mel.topRows(kept);
  return out.unaryExpr([&](double v) { return std::log(v == 0.0 ? p.floor : v); });
}

std::size_t log_mel_input_samples(const LogMelParams& p, double input_rate) {
  if (p.frames <= 0) return 0;
  // The last frame is centred on (frames - 1) hop and reaches n_fft / 2 beyond it.
  const double output_samples = static_cast<double>(p.frames - 1) * p.hop_length + p.n_fft / 2 + 1;
  return static_cast<std::size_t>(std::ceil(output_samples * input_rate / p.sample_rate + input_rate));
}

}  // namespace genrekit::features
