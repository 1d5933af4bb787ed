#include "genrekit/features/fma_features.h"

#include <chrono>
#include <cstdio>
#include <stdexcept>
#include <string>

#include "genrekit/dsp/cqt.h"
#include "genrekit/dsp/spectral_utils.h"
#include "genrekit/dsp/stft.h"
#include "genrekit/features/chroma_cens.h"
#include "genrekit/features/chroma_cqt.h"
#include "genrekit/features/mfcc.h"
#include "genrekit/features/rms.h"
#include "genrekit/features/spectral_contrast.h"
#include "genrekit/features/statistics.h"
#include "genrekit/features/tonnetz.h"
#include "genrekit/features/zero_crossing_rate.h"
#include "fma_frames.h"
#include "unchecked_features.h"

namespace genrekit::features {

namespace {

class Stopwatch {
 public:
  double lap() {
    const auto now = std::chrono::steady_clock::now();
    const double seconds = std::chrono::duration<double>(now - last_).count();
    last_ = now;
    return seconds;
  }

 private:
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
};

}  // namespace

StageSeconds& StageSeconds::operator+=(const StageSeconds& other) {
  stft += other.stft;
  tuning += other.tuning;
  cqt += other.cqt;
  spectral += other.spectral;
  chroma += other.chroma;
  mfcc += other.mfcc;
  statistics += other.statistics;
  return *this;
}

FmaProfile parse_fma_profile(std::string_view name) {
  if (name == "fma") return FmaProfile::Fma;
  if (name == "corrected") return FmaProfile::Corrected;
  throw std::invalid_argument("unknown feature profile '" + std::string(name) + "' (expected fma or corrected)");
}

std::string_view to_string(FmaProfile profile) { return profile == FmaProfile::Fma ? "fma" : "corrected"; }

const std::vector<data::FeatureColumn>& fma_feature_columns() {
  static const std::vector<data::FeatureColumn> columns = [] {
    std::vector<data::FeatureColumn> out;
    for (const auto& block : fma::kBlocks)
      for (Statistic statistic : kStatistics)
        for (int r = 1; r <= block.rows; ++r) {
          char number[4];
          std::snprintf(number, sizeof number, "%02d", r % 100);
          out.push_back({block.name, std::string(to_string(statistic)), number});
        }
    return out;
  }();
  return columns;
}

namespace fma {

SpectralFrames spectral_frames(const dsp::Matrix& S, double rate) {
  SpectralFrames out;
  out.rmse = rms_from_spectrogram(S);
  auto [centroid, bandwidth] = unchecked::spectral_centroid_and_bandwidth(S, rate, kBandwidthPower);
  out.centroid = std::move(centroid);
  out.bandwidth = std::move(bandwidth);
  out.rolloff = unchecked::spectral_rolloff(S, rate, kRollPercent);
  out.contrast = unchecked::spectral_contrast_extremes(S, rate, kContrastFmin, kContrastBands, kContrastQuantile);
  return out;
}

dsp::Matrix mel_spectrogram(const dsp::Matrix& power, double sr) {
  return unchecked::melspectrogram(power, sr, kMels, kMelFmin, kMelFmax);
}

dsp::Matrix chroma_of_stft(const dsp::Matrix& power, double rate, double tuning) {
  return unchecked::chroma_stft(power, rate, kChromaBins, tuning);
}

CqtFrames cqt_frames(const dsp::Matrix& C) {
  CqtFrames out;
  out.cens = chroma_cens(C);
  out.chroma = chroma_cqt(C);
  out.tonnetz = tonnetz(out.cens);
  return out;
}

dsp::Matrix block_statistics(const dsp::Matrix& frames, const Block& block) {
  if (frames.rows() != block.rows) throw std::logic_error(std::string("fma_features: wrong row count for ") + block.name);
  return block.float32 ? row_statistics_float32(frames) : row_statistics(frames);
}

std::vector<double> values_of(std::span<const dsp::Matrix> statistics) {
  std::vector<double> values;
  values.reserve(kFmaFeatureCount);
  for (const dsp::Matrix& stats : statistics)  // (rows, 7): statistic by statistic, row by row
    for (Eigen::Index s = 0; s < stats.cols(); ++s)
      for (Eigen::Index r = 0; r < stats.rows(); ++r) values.push_back(stats(r, s));
  return values;
}

void check_signal_length(std::size_t samples, double sr) {
  if (samples < static_cast<std::size_t>(kNfft))
    throw std::invalid_argument("signal of " + std::to_string(samples) + " samples is shorter than one frame (" +
                                std::to_string(kNfft) + " samples, " + std::to_string(kNfft / sr) + " s)");
}

const dsp::Stft& stft() {
  static const dsp::Stft transform(kNfft, kHop);  // plans once; thread-safe to run
  return transform;
}

}  // namespace fma

std::vector<double> fma_features(std::span<const float> y, double sr, FmaProfile profile, StageSeconds* seconds) {
  fma::check_signal_length(y.size(), sr);
  Stopwatch watch;
  StageSeconds spent;
  const double rate = fma::stft_rate(profile, sr);

  // The spectrogram's features first, then the spectrogram is released before the CQT runs: a
  // track never holds both (the larger is the spectrogram, ~42 MB per minute of 44.1 kHz audio).
  dsp::Matrix S = fma::stft().magnitude(y);
  spent.stft += watch.lap();

  // librosa.cqt(tuning=None) estimates the tuning from the signal's own 2048/512 STFT at the true rate.
  const double cqt_tuning = dsp::estimate_tuning(S, sr, fma::kNfft);
  spent.tuning += watch.lap();

  // Features of the magnitude first; then the spectrogram is squared in place for the power-based
  // ones, so a track never holds two copies of it.
  const fma::SpectralFrames spectral = fma::spectral_frames(S, rate);
  const dsp::Matrix contrast =
      contrast_in_db(spectral.contrast, spectral.contrast.peak.maxCoeff(), spectral.contrast.valley.maxCoeff());
  dsp::square_in_float32(S);
  const dsp::Matrix& power = S;
  spent.spectral += watch.lap();

  // chroma_stft(S=power) estimates its own tuning, from the power spectrogram at its (assumed) rate.
  const double chroma_tuning =
      dsp::estimate_tuning(power, rate, fma::kNfft, fma::kChromaTuningResolution, fma::kChromaBins);
  spent.tuning += watch.lap();
  const dsp::Matrix chroma_of_stft = fma::chroma_of_stft(power, rate, chroma_tuning);
  spent.chroma += watch.lap();
  const dsp::Matrix mfccs = mfcc_of_log_mel(dsp::power_to_db(fma::mel_spectrogram(power, sr)));
  spent.mfcc += watch.lap();
  S = dsp::Matrix();

  const dsp::Matrix C = dsp::cqt_magnitude(y, sr, cqt_tuning);
  spent.cqt += watch.lap();
  const fma::CqtFrames chroma = fma::cqt_frames(C);
  spent.chroma += watch.lap();

  const dsp::Matrix zcr = zero_crossing_rate(y, fma::kNfft, fma::kHop);
  // Frame-level matrices in kBlocks order.
  const dsp::Matrix* frames[] = {&chroma.cens,        &chroma.chroma,       &chroma_of_stft,     &mfccs,
                                 &spectral.rmse,      &spectral.bandwidth,  &spectral.centroid,  &contrast,
                                 &spectral.rolloff,   &chroma.tonnetz,      &zcr};
  static_assert(std::size(frames) == fma::kBlockCount);
  std::vector<dsp::Matrix> statistics;
  for (std::size_t b = 0; b < fma::kBlockCount; ++b) statistics.push_back(fma::block_statistics(*frames[b], fma::kBlocks[b]));
  std::vector<double> values = fma::values_of(statistics);
  spent.statistics += watch.lap();
  if (seconds) *seconds += spent;
  return values;
}

}  // namespace genrekit::features
