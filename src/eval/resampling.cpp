#include "genrekit/eval/resampling.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "genrekit/eval/metrics.h"
#include "genrekit/runtime/splitmix.h"

namespace genrekit::eval {

namespace {

// Resample r's track indices: n draws with replacement from (seed, r) alone.
std::vector<std::size_t> resample(std::size_t n, std::uint64_t seed, int r) {
  std::uint64_t state = runtime::splitmix64(seed ^ (static_cast<std::uint64_t>(r) + 1) * 0x9e3779b97f4a7c15ULL);
  std::vector<std::size_t> rows(n);
  for (auto& row : rows) row = (state = runtime::splitmix64(state)) % n;
  return rows;
}

Metrics metrics_of(const ScoredTracks& s, const std::vector<std::size_t>& rows) {
  std::vector<int> truth, predicted;
  truth.reserve(rows.size()), predicted.reserve(rows.size());
  for (std::size_t r : rows) truth.push_back(s.truth[r]), predicted.push_back(s.predicted[r]);
  return compute_metrics(truth, predicted, s.labels);
}

Interval ci95(const std::vector<double>& values) { return {percentile(values, 2.5), percentile(values, 97.5)}; }

}  // namespace

double percentile(std::vector<double> values, double q) {
  if (values.empty()) return std::nan("");
  std::sort(values.begin(), values.end());
  const double position = q / 100.0 * static_cast<double>(values.size() - 1);
  const auto low = static_cast<std::size_t>(std::floor(position));
  const std::size_t high = std::min(low + 1, values.size() - 1);
  return values[low] + (values[high] - values[low]) * (position - static_cast<double>(low));
}

std::map<std::string, Interval> bootstrap_ci95(const ScoredTracks& s, const ResampleSettings& settings) {
  std::vector<double> accuracy, kappa, f1;
  for (int r = 0; r < settings.resamples; ++r) {
    const Metrics m = metrics_of(s, resample(s.size(), settings.seed, r));
    accuracy.push_back(m.accuracy);
    if (!std::isnan(m.kappa)) kappa.push_back(m.kappa);
    f1.push_back(m.macro_f1);
  }
  return {{"accuracy", ci95(accuracy)}, {"kappa", ci95(kappa)}, {"f1_macro", ci95(f1)}};
}

double mcnemar_exact_p(std::size_t b, std::size_t c) {
  const std::size_t n = b + c, low = std::min(b, c);
  if (n == 0) return 1.0;
  // P(X <= low) for Binomial(n, 1/2), summed in log space (n can be in the thousands).
  double cdf = 0;
  for (std::size_t x = 0; x <= low; ++x)
    cdf += std::exp(std::lgamma(static_cast<double>(n) + 1) - std::lgamma(static_cast<double>(x) + 1) -
                    std::lgamma(static_cast<double>(n - x) + 1) - static_cast<double>(n) * std::log(2.0));
  return std::min(1.0, 2 * cdf);
}

Comparison compare_runs(const ScoredTracks& a, const ScoredTracks& b, const ResampleSettings& settings) {
  if (a.ids != b.ids || a.truth != b.truth || a.labels != b.labels)
    throw std::invalid_argument("compare: the two runs were not scored on the same tracks with the same labels");
  Comparison c;
  c.tracks = a.size();
  for (std::size_t i = 0; i < a.size(); ++i) {
    const bool right_a = a.predicted[i] == a.truth[i], right_b = b.predicted[i] == b.truth[i];
    if (right_a && !right_b) ++c.only_a_right, c.only_a_right_ids.push_back(a.ids[i]);
    if (right_b && !right_a) ++c.only_b_right, c.only_b_right_ids.push_back(a.ids[i]);
  }
  c.mcnemar_p = mcnemar_exact_p(c.only_a_right, c.only_b_right);
  std::vector<std::size_t> all(a.size());
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
  const Metrics ma = metrics_of(a, all), mb = metrics_of(b, all);
  c.accuracy_difference = mb.accuracy - ma.accuracy;
  c.kappa_difference = mb.kappa - ma.kappa;
  std::vector<double> accuracy, kappa;
  for (int r = 0; r < settings.resamples; ++r) {
    const auto rows = resample(a.size(), settings.seed, r);
    const Metrics ra = metrics_of(a, rows), rb = metrics_of(b, rows);
    accuracy.push_back(rb.accuracy - ra.accuracy);
    if (!std::isnan(ra.kappa) && !std::isnan(rb.kappa)) kappa.push_back(rb.kappa - ra.kappa);
  }
  c.accuracy_difference_ci95 = ci95(accuracy);
  c.kappa_difference_ci95 = ci95(kappa);
  return c;
}

std::string comparison_json(const Comparison& c, const std::string& a, const std::string& b) {
  const nlohmann::json json = {{"a", a},
                               {"b", b},
                               {"tracks", c.tracks},
                               {"mcnemar_p", c.mcnemar_p},
                               {"only_a_right", c.only_a_right},
                               {"only_b_right", c.only_b_right},
                               {"accuracy_difference", c.accuracy_difference},
                               {"accuracy_difference_ci95", c.accuracy_difference_ci95},
                               {"kappa_difference", c.kappa_difference},
                               {"kappa_difference_ci95", c.kappa_difference_ci95},
                               {"only_a_right_ids", c.only_a_right_ids},
                               {"only_b_right_ids", c.only_b_right_ids}};
  return json.dump(2) + "\n";
}

}  // namespace genrekit::eval
