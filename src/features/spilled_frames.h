#pragma once
// Frame-level results of a signal processed in chunks, kept in scratch files instead of memory.
#include <cstddef>
#include <filesystem>
#include <utility>
#include <vector>

#include "genrekit/dsp/matrix.h"
#include "genrekit/dsp/spectral_utils.h"
#include "genrekit/runtime/spill_file.h"

namespace genrekit::features {

// A feature's rows, appended chunk by chunk (frames in order), read back one whole row at a time.
class SpilledRows {
 public:
  SpilledRows(const std::filesystem::path& directory, Eigen::Index rows);
  void append(const dsp::Matrix& block);  // (rows, frames of the chunk)
  dsp::Matrix row(Eigen::Index r) const;  // (1, all frames)
  Eigen::Index rows() const { return rows_; }

 private:
  runtime::SpillFile file_;
  Eigen::Index rows_, frames_ = 0;
  std::vector<std::pair<std::size_t, Eigen::Index>> parts_;  // (byte offset, frames) per chunk
};

// The peaks of a tuning estimate, appended chunk by chunk; the tuning is then estimate_tuning's
// (median of all magnitudes, histogram of the peaks at or above it) over all of them.
class SpilledTuningPeaks {
 public:
  explicit SpilledTuningPeaks(const std::filesystem::path& directory);
  void append(const dsp::TuningPeaks& peaks);
  double tuning(double resolution = 0.01) const;

 private:
  runtime::SpillFile magnitudes_, bins_;
  std::size_t count_ = 0;
};

}  // namespace genrekit::features
