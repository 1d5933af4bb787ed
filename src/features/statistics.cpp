#include "genrekit/features/statistics.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <vector>

namespace genrekit::features {

std::string_view to_string(Statistic statistic) {
  switch (statistic) {
    case Statistic::Kurtosis: return "kurtosis";
    case Statistic::Max: return "max";
    case Statistic::Mean: return "mean";
    case Statistic::Median: return "median";
    case Statistic::Min: return "min";
    case Statistic::Skew: return "skew";
    case Statistic::Std: return "std";
  }
  return "?";
}

dsp::Matrix row_statistics(const dsp::Matrix& frames, double resolution) {
  if (frames.cols() < 1) throw std::invalid_argument("row_statistics: no frames");
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const auto n = static_cast<double>(frames.cols());
  dsp::Matrix out(frames.rows(), static_cast<Eigen::Index>(kStatistics.size()));
  std::vector<double> sorted(static_cast<std::size_t>(frames.cols()));
  for (Eigen::Index r = 0; r < frames.rows(); ++r) {
    const auto row = frames.row(r);
    const double mean = row.mean();
    double m2 = 0, m3 = 0, m4 = 0;
    for (Eigen::Index t = 0; t < frames.cols(); ++t) {
      const double d = row[t] - mean;
      m2 += d * d;
      m3 += d * d * d;
      m4 += d * d * d * d;
    }
    m2 /= n;
    m3 /= n;
    m4 /= n;
    const bool constant = m2 <= std::pow(resolution * mean, 2);  // scipy.stats' "zero variance" test
    for (Eigen::Index t = 0; t < frames.cols(); ++t) sorted[static_cast<std::size_t>(t)] = row[t];
    std::sort(sorted.begin(), sorted.end());
    const std::size_t mid = sorted.size() / 2;
    const double median = sorted.size() % 2 ? sorted[mid] : 0.5 * (sorted[mid - 1] + sorted[mid]);
    const bool has_nan = std::isnan(mean);
    for (std::size_t s = 0; s < kStatistics.size(); ++s) {
      double v = 0;
      switch (kStatistics[s]) {
        case Statistic::Kurtosis: v = constant ? nan : m4 / (m2 * m2) - 3.0; break;
        case Statistic::Max: v = row.maxCoeff(); break;
        case Statistic::Mean: v = mean; break;
        case Statistic::Median: v = median; break;
        case Statistic::Min: v = row.minCoeff(); break;
        case Statistic::Skew: v = constant ? nan : m3 / std::pow(m2, 1.5); break;
        case Statistic::Std: v = std::sqrt(m2); break;
      }
      out(r, static_cast<Eigen::Index>(s)) = has_nan ? nan : v;
    }
  }
  return out;
}

}  // namespace genrekit::features
