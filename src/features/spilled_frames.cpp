#include "spilled_frames.h"

#include <algorithm>
#include <span>

#include "spilled_median.h"

namespace genrekit::features {

SpilledRows::SpilledRows(const std::filesystem::path& directory, Eigen::Index rows) : file_(directory), rows_(rows) {}

void SpilledRows::append(const dsp::Matrix& block) {
  if (block.rows() != rows_) throw std::logic_error("SpilledRows: wrong row count");
  // Row-major within a chunk, so that a row's part is one contiguous read.
  const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> by_row = block;
  parts_.emplace_back(file_.append(std::span<const double>(by_row.data(), static_cast<std::size_t>(by_row.size()))),
                      block.cols());
  frames_ += block.cols();
}

dsp::Matrix SpilledRows::row(Eigen::Index r) const {
  dsp::Matrix out(1, frames_);
  Eigen::Index at = 0;
  for (const auto& [offset, frames] : parts_) {
    const auto bytes_before = static_cast<std::size_t>(r * frames) * sizeof(double);
    file_.read(offset + bytes_before, std::span<double>(out.data() + at, static_cast<std::size_t>(frames)));
    at += frames;
  }
  return out;
}

SpilledTuningPeaks::SpilledTuningPeaks(const std::filesystem::path& directory) : magnitudes_(directory), bins_(directory) {}

void SpilledTuningPeaks::append(const dsp::TuningPeaks& peaks) {
  magnitudes_.append(std::span<const double>(peaks.magnitudes));
  bins_.append(std::span<const int>(peaks.bins));
  count_ += peaks.magnitudes.size();
}

double SpilledTuningPeaks::tuning(double resolution) const {
  if (count_ == 0) return 0.0;  // pitch_tuning of no frequencies
  const double median = spilled_median(magnitudes_, count_);
  std::vector<long long> counts(static_cast<std::size_t>(dsp::tuning_histogram_size(resolution)), 0);
  constexpr std::size_t kBlock = 1 << 16;
  std::vector<double> magnitudes(kBlock);
  std::vector<int> bins(kBlock);
  for (std::size_t done = 0; done < count_;) {
    const std::size_t n = std::min(kBlock, count_ - done);
    magnitudes_.read(done * sizeof(double), std::span<double>(magnitudes.data(), n));
    bins_.read(done * sizeof(int), std::span<int>(bins.data(), n));
    dsp::count_tuning_peaks(magnitudes.data(), bins.data(), n, median, counts);
    done += n;
  }
  return dsp::tuning_of_histogram(counts, resolution);
}

}  // namespace genrekit::features
