// fma_features_chunked: FMA's 518 features of a long signal in two passes over it, chunk by chunk.
#include <algorithm>
#include <cmath>
#include <limits>

#include "fma_frames.h"
#include "genrekit/dsp/cqt.h"
#include "genrekit/dsp/spectral_utils.h"
#include "genrekit/features/fma_features.h"
#include "genrekit/features/mfcc.h"
#include "genrekit/features/spectral_contrast.h"
#include "genrekit/features/statistics.h"
#include "genrekit/features/zero_crossing_rate.h"
#include "signal_chunks.h"
#include "spilled_frames.h"

namespace genrekit::features {

namespace {

// Samples either side of a chunk's frames that its CQT frames depend on, and beyond that the
// 20 frames chroma_cens' 41-frame smoothing reaches. The CQT's reach is set by its longest
// filter (C1's, ~0.5 s) and the resampling filters of its octave chain (~0.3 s at the lowest
// octave's rate, whatever the input rate): 3 s covers both with room. The tests compare the
// chunked features with the whole signal's, chunk size by chunk size.
std::size_t cqt_margin(double sr) {
  const auto hops = static_cast<std::size_t>(std::ceil(3.0 * sr / fma::kHop)) + 21;
  return hops * fma::kHop;
}

// A chunk's own frames out of a transform of its samples.
dsp::Matrix own_frames(const dsp::Matrix& frames, const SignalChunk& chunk) {
  const auto offset = static_cast<Eigen::Index>(chunk.offset());
  const auto width = std::min<Eigen::Index>(static_cast<Eigen::Index>(chunk.frames()), frames.cols() - offset);
  return frames.middleCols(offset, width);
}

// The chunk's magnitude spectrogram, its own frames only; `around` is the chunk narrowed to the
// half frame its frames read.
dsp::Matrix spectrogram(const SignalChunk& around) {
  return own_frames(fma::stft().magnitude(around.samples), around);
}

}  // namespace

std::vector<double> fma_features_chunked(const SampleSource& source, double sr, FmaProfile profile,
                                         std::size_t chunk_frames, const std::filesystem::path& scratch_directory) {
  const double rate = fma::stft_rate(profile, sr);
  const auto& dir = scratch_directory;
  // The first pass keeps every sample it reads, which the second reads back (4 bytes a sample: an
  // MP3 decodes at ~1 ms per second of audio, the scratch file reads back ~10x faster).
  runtime::SpillFile signal(dir);
  const SampleSource recorded = [&](std::vector<float>& out, std::size_t max_samples) {
    const std::size_t before = out.size();
    const std::size_t n = source(out, max_samples);
    signal.append(std::span<const float>(out.data() + before, n));
    return n;
  };
  std::size_t replayed = 0;  // samples
  const SampleSource replay = [&](std::vector<float>& out, std::size_t max_samples) {
    const std::size_t n = std::min(max_samples, signal.size() / sizeof(float) - replayed);
    out.resize(out.size() + n);
    signal.read(replayed * sizeof(float), std::span<float>(out.data() + out.size() - n, n));
    replayed += n;
    return n;
  };
  SpilledRows rmse(dir, 1), centroid(dir, 1), bandwidth(dir, 1), rolloff(dir, 1), zcr(dir, 1);
  SpilledRows peak(dir, 7), valley(dir, 7), chroma_of_stft(dir, 12), mfccs(dir, 20);
  SpilledRows cens(dir, 12), chroma_of_cqt(dir, 12), tonnetz_of_cens(dir, 6);
  SpilledTuningPeaks cqt_peaks(dir), chroma_peaks(dir);
  double max_mel = 0, max_peak = -std::numeric_limits<double>::infinity(), max_valley = max_peak;

  // Pass 1: what needs only each frame, the tuning peaks, and the maxima of the dB floors.
  {
    SignalChunks chunks(recorded, fma::kHop, chunk_frames, fma::kNfft / 2);
    SignalChunk chunk;
    while (chunks.next(chunk)) {
      if (chunks.finished()) fma::check_signal_length(chunks.total_samples(), sr);
      const SignalChunk around = chunk.narrowed(fma::kNfft / 2);
      dsp::Matrix S = spectrogram(around);
      cqt_peaks.append(dsp::tuning_peaks(S, sr, fma::kNfft));
      const fma::SpectralFrames spectral = fma::spectral_frames(S, rate);
      rmse.append(spectral.rmse);
      centroid.append(spectral.centroid);
      bandwidth.append(spectral.bandwidth);
      rolloff.append(spectral.rolloff);
      peak.append(spectral.contrast.peak);
      valley.append(spectral.contrast.valley);
      max_peak = std::max(max_peak, spectral.contrast.peak.maxCoeff());
      max_valley = std::max(max_valley, spectral.contrast.valley.maxCoeff());
      zcr.append(own_frames(zero_crossing_rate(around.samples, fma::kNfft, fma::kHop), around));
      dsp::square_in_float32(S);
      chroma_peaks.append(dsp::tuning_peaks(S, rate, fma::kNfft, fma::kChromaTuningResolution, fma::kChromaBins));
      max_mel = std::max(max_mel, fma::mel_spectrogram(S, sr).maxCoeff());
    }
  }
  const double cqt_tuning = cqt_peaks.tuning(), chroma_tuning = chroma_peaks.tuning();

  // Pass 2: the tuned chroma_stft and CQT, and MFCC floored at the whole signal's maximum.
  {
    SignalChunks chunks(replay, fma::kHop, chunk_frames, cqt_margin(sr));
    SignalChunk chunk;
    while (chunks.next(chunk)) {
      dsp::Matrix power = spectrogram(chunk.narrowed(fma::kNfft / 2));
      dsp::square_in_float32(power);
      chroma_of_stft.append(fma::chroma_of_stft(power, rate, chroma_tuning));
      mfccs.append(mfcc_of_log_mel(dsp::power_to_db_part(fma::mel_spectrogram(power, sr), max_mel)));
      power = dsp::Matrix();
      const fma::CqtFrames chroma = fma::cqt_frames(dsp::cqt_magnitude(chunk.samples, sr, cqt_tuning));
      cens.append(own_frames(chroma.cens, chunk));
      chroma_of_cqt.append(own_frames(chroma.chroma, chunk));
      tonnetz_of_cens.append(own_frames(chroma.tonnetz, chunk));
    }
  }

  // Statistics row by row, in kBlocks order; contrast's dB step with the whole signal's floors.
  const SpilledRows* rows[] = {&cens,     &chroma_of_cqt, &chroma_of_stft, &mfccs,           &rmse, &bandwidth,
                               &centroid, nullptr,        &rolloff,        &tonnetz_of_cens, &zcr};
  static_assert(std::size(rows) == fma::kBlockCount);
  std::vector<dsp::Matrix> statistics;
  for (std::size_t b = 0; b < fma::kBlockCount; ++b) {
    const fma::Block& block = fma::kBlocks[b];
    const fma::Block one_row{block.name, 1, block.float32};
    dsp::Matrix stats(block.rows, static_cast<Eigen::Index>(kStatistics.size()));
    for (Eigen::Index r = 0; r < block.rows; ++r) {
      const dsp::Matrix frames = rows[b] ? rows[b]->row(r)
                                         : contrast_in_db({peak.row(r), valley.row(r)}, max_peak, max_valley);
      stats.row(r) = fma::block_statistics(frames, one_row);
    }
    statistics.push_back(std::move(stats));
  }
  return fma::values_of(statistics);
}

}  // namespace genrekit::features
