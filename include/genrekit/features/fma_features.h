#pragma once
// FMA's 518 features (its features.py, librosa 0.5.0): 74 frame-level rows x 7 statistics, in
// features.csv's column order (sorted by feature, statistic, number).
#include <filesystem>
#include <functional>
#include <span>
#include <string_view>
#include <vector>

#include "genrekit/data/feature_table.h"
#include "genrekit/runtime/spill_file.h"

namespace genrekit::features {

// `Fma` reproduces the published file, quirks included: chroma_stft, spectral centroid, bandwidth,
// contrast and rolloff are computed as if the audio were at 22,050 Hz whatever its rate (FMA's
// features.py passed no sr to them). `Corrected` passes the true rate to every feature.
enum class FmaProfile { Fma, Corrected };
FmaProfile parse_fma_profile(std::string_view name);  // "fma" | "corrected"
std::string_view to_string(FmaProfile profile);

constexpr std::size_t kFmaFeatureCount = 518;
constexpr int kFmaHop = 512;  // the frame hop of every frame-level feature

// The 518 column names in features.csv order.
const std::vector<data::FeatureColumn>& fma_feature_columns();

// Seconds spent per stage by one extraction (for benchmarks): the 2048/512 STFT, the two tuning
// estimates (CQT's and chroma_stft's), the CQT, the five spectral shape features (rmse, centroid,
// bandwidth, contrast, rolloff), the four chroma-based ones (chroma_cqt, chroma_cens, tonnetz,
// chroma_stft), mel + MFCC, and the zero-crossing rate with the seven statistics of all 74 rows.
struct StageSeconds {
  double stft = 0, tuning = 0, cqt = 0, spectral = 0, chroma = 0, mfcc = 0, statistics = 0;
  double total() const { return stft + tuning + cqt + spectral + chroma + mfcc + statistics; }
  StageSeconds& operator+=(const StageSeconds& other);
};

// The 518 values of a mono signal at `sr`, in fma_feature_columns() order. std::invalid_argument
// for a signal shorter than one 2048-sample frame, and from the features for inputs they reject.
// Silence and DC are fine: rows that are constant over time get NaN skew and kurtosis, as in FMA's
// file (scipy's definition), and otherwise finite values.
std::vector<double> fma_features(std::span<const float> y, double sr, FmaProfile profile,
                                 StageSeconds* seconds = nullptr);

// The same 518 values for a signal too long to hold (fma_full has 3-hour tracks: ~1.9 GB of
// samples, ~11 GB of intermediate matrices), in bounded memory: the signal is read once from
// `source`, chunk_frames frames at a time (plus margins, so that every frame is computed from
// exactly the samples the whole-signal computation uses), and kept in a scratch file for a second
// pass (reading it back costs a fraction of decoding the file again). The first pass computes the
// features that need only their own frames, the peaks of both tuning estimates, and the maxima the
// dB floors of MFCC and contrast use; the second the tuned chroma_stft and CQT, and MFCC. The
// samples and the frame-level rows go to scratch files in `scratch_directory` (~2.5 GB of disk for
// 3 hours at 44.1 kHz, 0.6 GB of it per hour the samples), the statistics are computed row by row
// from them. Equal to fma_features() of the whole signal (the tests compare them chunk size by
// chunk size). Memory: ~120 MB at 44.1 kHz with the default chunk. Errors as fma_features(), plus
// std::runtime_error when the scratch files cannot be written.
// A source appends up to max_samples samples to `out` and returns how many; 0 at the end.
using SampleSource = std::function<std::size_t(std::vector<float>& out, std::size_t max_samples)>;
constexpr std::size_t kFmaChunkFrames = 4096;        // 47.5 s at 44.1 kHz
std::vector<double> fma_features_chunked(const SampleSource& source, double sr, FmaProfile profile,
                                         std::size_t chunk_frames = kFmaChunkFrames,
                                         const std::filesystem::path& scratch_directory = runtime::SpillFile::default_directory());

}  // namespace genrekit::features
