#include "genrekit/dsp/spectral_utils.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <vector>

#include "genrekit/dsp/filterbanks.h"
#include "genrekit/dsp/numpy_median.h"

namespace genrekit::dsp {

Matrix power_to_db(const Matrix& S, double ref, double amin, double top_db) {
  if (amin <= 0) throw std::invalid_argument("power_to_db: amin must be strictly positive");
  const double offset = 10.0 * std::log10(std::max(amin, std::fabs(ref)));
  Matrix db = S.unaryExpr([&](double x) { return 10.0 * std::log10(std::max(amin, std::fabs(x))) - offset; });
  if (top_db >= 0 && db.size() > 0) {
    const double floor = db.maxCoeff() - top_db;
    db = db.cwiseMax(floor);
  }
  return db;
}

Matrix normalize_columns(const Matrix& S, Norm norm) {
  Matrix out = S;
  for (Eigen::Index t = 0; t < S.cols(); ++t) {
    const auto column = S.col(t).cwiseAbs();
    const double length = norm == Norm::Inf ? column.maxCoeff() : norm == Norm::L1 ? column.sum() : column.norm();
    if (length >= std::numeric_limits<double>::min()) out.col(t) /= length;
  }
  return out;
}

double estimate_tuning(const Matrix& S, double sr, int n_fft, double resolution, int bins_per_octave) {
  constexpr double kFmin = 150.0, kFmax = 4000.0, kThreshold = 0.1;
  const Eigen::Index n_bins = S.rows();
  const double fmax = std::min(kFmax, sr / 2);
  const Vector freqs = fft_frequencies(sr, n_fft);
  // The bins inside [fmin, fmax) form one run (the frequencies ascend); only they can hold peaks.
  Eigen::Index first = 0, end = n_bins;
  while (first < n_bins && !(kFmin <= freqs[first])) ++first;
  while (end > first && !(freqs[end - 1] < fmax)) --end;
  std::vector<double> pitches, magnitudes;
  for (Eigen::Index t = 0; t < S.cols(); ++t) {
    const auto x = S.col(t);
    const double limit = kThreshold * x.maxCoeff();
    // Only values above the threshold can be peaks; below it they count as zero (S * (S > thr)).
    const auto gated = [&](Eigen::Index k) { return x[k] > limit ? x[k] : 0.0; };
    for (Eigen::Index k = first; k < end; ++k) {
      // util.localmax with edge padding: strictly above the left neighbour, not below the right.
      const double here = gated(k);
      const double left = gated(k > 0 ? k - 1 : 0), right = gated(k + 1 < n_bins ? k + 1 : n_bins - 1);
      if (!(here > left && here >= right)) continue;
      double shift = 0, skew = 0;  // parabolic interpolation (zero at the outermost bins)
      if (k > 0 && k + 1 < n_bins) {
        const double avg = 0.5 * (x[k + 1] - x[k - 1]);
        double curvature = 2 * x[k] - x[k + 1] - x[k - 1];
        curvature += std::fabs(curvature) < std::numeric_limits<double>::min() ? 1.0 : 0.0;
        shift = avg / curvature;
        skew = 0.5 * avg * shift;
      }
      pitches.push_back((static_cast<double>(k) + shift) * sr / n_fft);
      magnitudes.push_back(x[k] + skew);
    }
  }
  // Keep the peaks at or above the median magnitude of all peaks with a positive pitch.
  std::vector<double> positive;
  for (std::size_t i = 0; i < pitches.size(); ++i)
    if (pitches[i] > 0) positive.push_back(magnitudes[i]);
  if (positive.empty()) return 0.0;
  const double median = numpy_median(positive.data(), positive.size());
  // pitch_tuning: residuals in (-0.5, 0.5] bins, histogram over np.linspace(-0.5, 0.5, n, endpoint=False).
  const int n_edges = static_cast<int>(std::ceil(1.0 / resolution));
  std::vector<double> edges(static_cast<std::size_t>(n_edges));
  for (int i = 0; i < n_edges; ++i) edges[static_cast<std::size_t>(i)] = -0.5 + i * (1.0 / n_edges);
  std::vector<int> counts(static_cast<std::size_t>(n_edges - 1), 0);
  for (std::size_t i = 0; i < pitches.size(); ++i) {
    if (!(pitches[i] > 0) || !(magnitudes[i] >= median)) continue;
    double residual = std::fmod(bins_per_octave * std::log2(pitches[i] / (440.0 / 16)), 1.0);
    if (residual < 0) residual += 1.0;
    if (residual >= 0.5) residual -= 1.0;
    // np.histogram: bins [e_i, e_i+1), the last one closed; values outside are dropped.
    if (residual < edges.front() || residual > edges.back()) continue;
    auto bin = static_cast<std::size_t>(std::upper_bound(edges.begin(), edges.end(), residual) - edges.begin()) - 1;
    if (bin >= counts.size()) bin = counts.size() - 1;
    ++counts[bin];
  }
  const auto best = std::max_element(counts.begin(), counts.end()) - counts.begin();
  return edges[static_cast<std::size_t>(best)];
}

}  // namespace genrekit::dsp
