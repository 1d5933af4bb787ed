#pragma once
// What the whole-signal and the chunked computations of FMA's 518 features share: the features'
// blocks in features.csv order, the frame-level features computed from one spectrogram or CQT, and
// the statistics that turn each block's frames into its values.
#include <span>
#include <vector>

#include "genrekit/dsp/matrix.h"
#include "genrekit/dsp/stft.h"
#include "genrekit/features/fma_features.h"
#include "genrekit/features/spectral_contrast.h"

namespace genrekit::features::fma {

constexpr double kAssumedRate = 22050;  // librosa's default sr, which FMA's calls fell back to
constexpr int kNfft = 2048, kHop = kFmaHop;

// The parameters FMA's features.py left at librosa 0.5.0's defaults, named here because the 518
// values depend on them (the public functions' defaults are librosa's too, but free to change).
constexpr int kChromaBins = 12;
constexpr double kChromaTuningResolution = 0.01;  // chroma_stft's estimate_tuning
constexpr double kRollPercent = 0.85;
constexpr double kBandwidthPower = 2.0;
constexpr double kContrastFmin = 200.0, kContrastQuantile = 0.02;
constexpr int kContrastBands = 6;
constexpr int kMels = 128;
constexpr double kMelFmin = 0.0, kMelFmax = 0.0;  // 0 Hz to Nyquist

// The 11 features with their row counts, in features.csv's (alphabetical) order. rmse was float32
// in librosa, and so were its statistics.
struct Block {
  const char* name;
  int rows;
  bool float32;
};
inline constexpr Block kBlocks[] = {{"chroma_cens", 12, false},      {"chroma_cqt", 12, false},
                                    {"chroma_stft", 12, false},      {"mfcc", 20, false},
                                    {"rmse", 1, true},               {"spectral_bandwidth", 1, false},
                                    {"spectral_centroid", 1, false}, {"spectral_contrast", 7, false},
                                    {"spectral_rolloff", 1, false},  {"tonnetz", 6, false},
                                    {"zcr", 1, false}};
inline constexpr std::size_t kBlockCount = std::size(kBlocks);

// std::invalid_argument for a signal shorter than one frame.
void check_signal_length(std::size_t samples, double sr);

// The 2048/512 STFT, planned once per process.
const dsp::Stft& stft();

// The rate the five spectral-shape features and chroma_stft are computed at: FMA's quirk or the true one.
inline double stft_rate(FmaProfile profile, double sr) { return profile == FmaProfile::Fma ? kAssumedRate : sr; }

// The features of the magnitude spectrogram that need nothing beyond their own frames (contrast
// up to its dB step, which floors at the whole signal's maximum).
struct SpectralFrames {
  dsp::Matrix rmse, centroid, bandwidth, rolloff;
  ContrastExtremes contrast;
};
SpectralFrames spectral_frames(const dsp::Matrix& S, double rate);

// The mel spectrogram (of the power spectrogram at the true rate) that MFCC is computed from, and
// chroma_stft of the power spectrogram (at the profile's rate), as FMA called them.
dsp::Matrix mel_spectrogram(const dsp::Matrix& power, double sr);
dsp::Matrix chroma_of_stft(const dsp::Matrix& power, double rate, double tuning);

// chroma_cens, chroma_cqt and tonnetz (of chroma_cens, as FMA computed it) of a CQT magnitude.
struct CqtFrames {
  dsp::Matrix cens, chroma, tonnetz;
};
CqtFrames cqt_frames(const dsp::Matrix& C);

// A block's (rows, 7) statistics from its frame-level rows.
dsp::Matrix block_statistics(const dsp::Matrix& frames, const Block& block);

// The 518 values from every block's statistics, given in kBlocks order.
std::vector<double> values_of(std::span<const dsp::Matrix> statistics);

}  // namespace genrekit::features::fma
