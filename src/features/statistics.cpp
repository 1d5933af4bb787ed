#include "genrekit/features/statistics.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <vector>

#include "genrekit/dsp/numpy_median.h"
#include "genrekit/dsp/numpy_sum.h"

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

namespace {

// One statistics routine for both precisions: T is the dtype the row had in librosa. Every mean is
// numpy's (pairwise sum, then a division), every moment scipy's _moment (d^2, d^2 * d, (d^2)^2).
template <typename T>
dsp::Matrix statistics_as(const dsp::Matrix& frames, T resolution) {
  if (frames.cols() < 1) throw std::invalid_argument("row_statistics: no frames");
  const auto n = static_cast<std::size_t>(frames.cols());
  const auto mean_of = [n](const std::vector<T>& v) { return dsp::numpy_pairwise_sum(v.data(), n) / static_cast<T>(n); };
  dsp::Matrix out(frames.rows(), static_cast<Eigen::Index>(kStatistics.size()));
  std::vector<T> x(n), d(n), work(n);
  for (Eigen::Index r = 0; r < frames.rows(); ++r) {
    for (std::size_t t = 0; t < n; ++t) x[t] = static_cast<T>(frames(r, static_cast<Eigen::Index>(t)));
    const T mean = mean_of(x);
    for (std::size_t t = 0; t < n; ++t) d[t] = x[t] - mean;
    for (std::size_t t = 0; t < n; ++t) work[t] = d[t] * d[t];
    const T m2 = mean_of(work);
    for (std::size_t t = 0; t < n; ++t) work[t] = (d[t] * d[t]) * d[t];
    const T m3 = mean_of(work);
    for (std::size_t t = 0; t < n; ++t) work[t] = (d[t] * d[t]) * (d[t] * d[t]);
    const T m4 = mean_of(work);
    const T limit = resolution * mean;  // scipy.stats' zero-variance test
    const bool constant = m2 <= limit * limit;
    const auto [lowest, highest] = std::minmax_element(x.begin(), x.end());
    const T median = dsp::numpy_median(x.data(), n);
    const bool has_nan = std::isnan(mean);
    const T nan = std::numeric_limits<T>::quiet_NaN();
    for (std::size_t s = 0; s < kStatistics.size(); ++s) {
      T v = 0;
      switch (kStatistics[s]) {
        case Statistic::Kurtosis: v = constant ? nan : m4 / (m2 * m2) - T(3); break;
        case Statistic::Max: v = *highest; break;
        case Statistic::Mean: v = mean; break;
        case Statistic::Median: v = median; break;
        case Statistic::Min: v = *lowest; break;
        case Statistic::Skew: v = constant ? nan : m3 / std::pow(m2, T(1.5)); break;
        case Statistic::Std: v = std::sqrt(m2); break;
      }
      out(r, static_cast<Eigen::Index>(s)) = has_nan ? std::numeric_limits<double>::quiet_NaN() : static_cast<double>(v);
    }
  }
  return out;
}

}  // namespace

dsp::Matrix row_statistics(const dsp::Matrix& frames) { return statistics_as<double>(frames, 1e-15); }
dsp::Matrix row_statistics_float32(const dsp::Matrix& frames) { return statistics_as<float>(frames, 1e-6f); }

}  // namespace genrekit::features
