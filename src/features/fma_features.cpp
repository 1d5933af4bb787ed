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
#include "genrekit/features/chroma_stft.h"
#include "genrekit/features/mfcc.h"
#include "genrekit/features/rms.h"
#include "genrekit/features/spectral_bandwidth.h"
#include "genrekit/features/spectral_centroid.h"
#include "genrekit/features/spectral_contrast.h"
#include "genrekit/features/spectral_rolloff.h"
#include "genrekit/features/statistics.h"
#include "genrekit/features/tonnetz.h"
#include "genrekit/features/zero_crossing_rate.h"

namespace genrekit::features {

namespace {

// The 11 features with their row counts, in features.csv's (alphabetical) order.
struct Block {
  const char* name;
  int rows;
};
constexpr Block kBlocks[] = {{"chroma_cens", 12}, {"chroma_cqt", 12},        {"chroma_stft", 12},
                             {"mfcc", 20},        {"rmse", 1},               {"spectral_bandwidth", 1},
                             {"spectral_centroid", 1}, {"spectral_contrast", 7}, {"spectral_rolloff", 1},
                             {"tonnetz", 6},      {"zcr", 1}};

constexpr double kFmaAssumedRate = 22050;  // librosa's default sr, which FMA's calls fell back to
constexpr int kNfft = 2048, kHop = 512;

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
    for (const auto& block : kBlocks)
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

std::vector<double> fma_features(std::span<const float> y, double sr, FmaProfile profile, StageSeconds* seconds) {
  if (y.size() < static_cast<std::size_t>(kNfft))
    throw std::invalid_argument("signal of " + std::to_string(y.size()) + " samples is shorter than one frame (" +
                                std::to_string(kNfft) + " samples, " + std::to_string(kNfft / sr) + " s)");
  Stopwatch watch;
  StageSeconds spent;
  const double stft_rate = profile == FmaProfile::Fma ? kFmaAssumedRate : sr;

  // The spectrogram's features first, then the spectrogram is released before the CQT runs: a
  // track never holds both (the larger is the spectrogram, ~42 MB per minute of 44.1 kHz audio).
  static const dsp::Stft stft(kNfft, kHop);  // plans once; thread-safe to run
  dsp::Matrix S = stft.magnitude(y);
  spent.stft += watch.lap();

  // librosa.cqt(tuning=None) estimates the tuning from the signal's own 2048/512 STFT at the true rate.
  const double cqt_tuning = dsp::estimate_tuning(S, sr, kNfft);
  spent.tuning += watch.lap();

  // Features of the magnitude first; then the spectrogram is squared in place for the power-based
  // ones, so a track never holds two copies of it.
  dsp::Matrix rmse = rms_from_spectrogram(S);
  dsp::Matrix centroid = spectral_centroid(S, stft_rate);
  dsp::Matrix bandwidth = spectral_bandwidth(S, stft_rate, centroid);
  dsp::Matrix contrast = spectral_contrast(S, stft_rate);
  dsp::Matrix rolloff = spectral_rolloff(S, stft_rate);
  S.array() = S.array().square();
  const dsp::Matrix& power = S;
  spent.spectral += watch.lap();

  // chroma_stft(S=power) estimates its own tuning, from the power spectrogram at its (assumed) rate.
  const double chroma_tuning = dsp::estimate_tuning(power, stft_rate, kNfft, 0.01, 12);
  spent.tuning += watch.lap();
  dsp::Matrix chroma_of_stft = chroma_stft(power, stft_rate, 12, chroma_tuning);
  spent.chroma += watch.lap();
  dsp::Matrix mfccs = mfcc(power, sr);
  spent.mfcc += watch.lap();
  S = dsp::Matrix();

  const dsp::Matrix C = dsp::cqt_magnitude(y, sr, cqt_tuning);
  spent.cqt += watch.lap();
  dsp::Matrix cens = chroma_cens(C);
  dsp::Matrix chroma_of_cqt = chroma_cqt(C);
  dsp::Matrix tonnetz_of_cens = tonnetz(cens);
  spent.chroma += watch.lap();

  const dsp::Matrix zcr = zero_crossing_rate(y, kNfft, kHop);
  // Frame-level matrices in kBlocks order; rmse was float32 in librosa, so are its statistics.
  const std::pair<const dsp::Matrix*, bool> frames[] = {
      {&cens, false},    {&chroma_of_cqt, false}, {&chroma_of_stft, false}, {&mfccs, false},
      {&rmse, true},     {&bandwidth, false},     {&centroid, false},       {&contrast, false},
      {&rolloff, false}, {&tonnetz_of_cens, false}, {&zcr, false},
  };
  std::vector<double> values;
  values.reserve(kFmaFeatureCount);
  for (std::size_t b = 0; b < std::size(frames); ++b) {
    const dsp::Matrix& matrix = *frames[b].first;
    if (matrix.rows() != kBlocks[b].rows) throw std::logic_error(std::string("fma_features: wrong row count for ") + kBlocks[b].name);
    const dsp::Matrix stats = frames[b].second ? row_statistics_float32(matrix) : row_statistics(matrix);  // (rows, 7)
    for (Eigen::Index s = 0; s < stats.cols(); ++s)
      for (Eigen::Index r = 0; r < stats.rows(); ++r) values.push_back(stats(r, s));
  }
  spent.statistics += watch.lap();
  if (seconds) *seconds += spent;
  return values;
}

}  // namespace genrekit::features
