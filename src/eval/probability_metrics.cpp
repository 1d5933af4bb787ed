#include "genrekit/eval/probability_metrics.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace genrekit::eval {

double log_loss(const ScoredTracks& s) {
  const std::size_t k = s.labels.size();
  const double eps = std::numeric_limits<double>::epsilon();
  double total = 0;
  std::vector<double> row(k);
  for (std::size_t i = 0; i < s.size(); ++i) {
    double sum = 0;
    for (std::size_t c = 0; c < k; ++c) sum += row[c] = std::clamp(s.probabilities_of(i)[c], eps, 1 - eps);
    total -= std::log(row[static_cast<std::size_t>(s.truth[i])] / sum);
  }
  return total / static_cast<double>(s.size());
}

namespace {

// The binary AUC of `scores` with `positive` marking the positives: (sum of the positives' ranks -
// P (P + 1) / 2) / (P N), ranks averaged over ties.
double binary_auc(const std::vector<double>& scores, const std::vector<char>& positive) {
  std::vector<std::size_t> order(scores.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return scores[a] < scores[b]; });
  double rank_sum = 0, positives = 0;
  for (std::size_t i = 0; i < order.size();) {
    std::size_t j = i;
    while (j < order.size() && scores[order[j]] == scores[order[i]]) ++j;
    const double rank = (static_cast<double>(i + 1) + static_cast<double>(j)) / 2.0;  // mean of ranks i+1 .. j
    for (std::size_t t = i; t < j; ++t)
      if (positive[order[t]]) rank_sum += rank, positives += 1;
    i = j;
  }
  const double negatives = static_cast<double>(scores.size()) - positives;
  return (rank_sum - positives * (positives + 1) / 2.0) / (positives * negatives);
}

}  // namespace

double roc_auc_ovr_macro(const ScoredTracks& s) {
  const std::size_t k = s.labels.size();
  std::vector<double> scores(s.size());
  std::vector<char> positive(s.size());
  double sum = 0;
  int classes = 0;
  for (std::size_t c = 0; c < k; ++c) {
    std::size_t count = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
      scores[i] = s.probabilities_of(i)[c];
      positive[i] = static_cast<std::size_t>(s.truth[i]) == c;
      count += static_cast<std::size_t>(positive[i]);
    }
    if (count == 0 || count == s.size()) continue;
    sum += binary_auc(scores, positive);
    ++classes;
  }
  return classes < 2 ? std::numeric_limits<double>::quiet_NaN() : sum / classes;
}

double top_k_accuracy(const ScoredTracks& s, int k) {
  const std::size_t n_classes = s.labels.size();
  std::size_t hits = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const double* p = s.probabilities_of(i);
    const auto truth = static_cast<std::size_t>(s.truth[i]);
    // Classes ranked above the true one: a higher probability, or an equal one at a higher index.
    std::size_t above = 0;
    for (std::size_t c = 0; c < n_classes; ++c) above += p[c] > p[truth] || (p[c] == p[truth] && c > truth);
    hits += above < static_cast<std::size_t>(k);
  }
  return static_cast<double>(hits) / static_cast<double>(s.size());
}

}  // namespace genrekit::eval
