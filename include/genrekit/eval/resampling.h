#pragma once
// Uncertainty by resampling the scored tracks: percentile-bootstrap 95 % intervals of a run's
// accuracy, kappa and macro-F1, and the paired comparison of two runs on the same tracks (the
// exact McNemar test and paired-bootstrap intervals of the differences). Resamples come from the
// seed alone (splitmix64), so a report is reproducible.
#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "genrekit/eval/scored_tracks.h"

namespace genrekit::eval {

using Interval = std::array<double, 2>;  // [low, high]

struct ResampleSettings {
  int resamples = 1000;
  std::uint64_t seed = 42;
};

// {"accuracy", "kappa", "f1_macro"} -> the 2.5th and 97.5th percentiles (numpy's linear
// interpolation) over the resamples; a resample whose kappa is undefined is left out of kappa's.
std::map<std::string, Interval> bootstrap_ci95(const ScoredTracks& scored, const ResampleSettings& settings);

// Two-sided exact McNemar p-value: min(1, 2 P(X <= min(b, c))) for X ~ Binomial(b + c, 1/2), where b
// and c count the tracks only one of the two runs got right (1 when b + c = 0).
double mcnemar_exact_p(std::size_t b, std::size_t c);

struct Comparison {
  std::size_t tracks = 0;
  std::size_t only_a_right = 0, only_b_right = 0;
  std::vector<std::string> only_a_right_ids, only_b_right_ids;
  double mcnemar_p = 1;
  double accuracy_difference = 0, kappa_difference = 0;  // b - a
  Interval accuracy_difference_ci95{}, kappa_difference_ci95{};  // paired bootstrap
};

// comparison.json: the runs' names, the counts, mcnemar_p, the differences (b - a) with their
// intervals, and the ids each run alone got right.
std::string comparison_json(const Comparison& comparison, const std::string& a, const std::string& b);

// `a` and `b` score the same tracks in the same order with the same truth and labels (std::invalid_argument otherwise).
Comparison compare_runs(const ScoredTracks& a, const ScoredTracks& b, const ResampleSettings& settings);

// numpy.percentile(values, q) with its default linear interpolation (values need not be sorted).
double percentile(std::vector<double> values, double q);

}  // namespace genrekit::eval
