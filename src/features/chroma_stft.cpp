#include "genrekit/features/chroma_stft.h"

#include <cmath>

#include "genrekit/dsp/filterbank_product.h"
#include "genrekit/dsp/filterbanks.h"
#include "genrekit/dsp/spectral_utils.h"
#include "spectrogram_checks.h"
#include "unchecked_features.h"

namespace genrekit::features {

dsp::Matrix chroma_stft(const dsp::Matrix& power, double sr, int n_chroma, std::optional<double> tuning) {
  check_spectrogram("chroma_stft", power, sr);
  return unchecked::chroma_stft(power, sr, n_chroma, tuning);
}

dsp::Matrix unchecked::chroma_stft(const dsp::Matrix& power, double sr, int n_chroma, std::optional<double> tuning) {
  check_spectrogram_shape("chroma_stft", power, sr);
  if (n_chroma < 1) throw std::invalid_argument("chroma_stft: n_chroma must be positive");
  const int n_fft = n_fft_of(power);
  const double deviation = tuning ? *tuning : dsp::estimate_tuning(power, sr, n_fft, 0.01, n_chroma);
  const double a440 = 440.0 * std::pow(2.0, deviation / n_chroma);
  const dsp::Matrix raw = dsp::filterbank_product(dsp::chroma_filterbank(sr, n_fft, n_chroma, a440), power);
  return dsp::normalize_columns(raw, dsp::Norm::Inf);
}

}  // namespace genrekit::features
