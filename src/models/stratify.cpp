#include "genrekit/models/stratify.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <stdexcept>

#include "genrekit/runtime/splitmix.h"

namespace genrekit::models {

namespace {

std::uint64_t fnv1a(const std::string& text) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (const char c : text) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
  return h;
}

// For each row, its position within its class when the class's rows are ordered by hash.
std::vector<std::size_t> rank_within_class(const std::vector<std::string>& ids, const std::vector<int>& y, std::uint64_t seed,
                                           std::map<int, std::size_t>& class_size) {
  if (ids.size() != y.size()) throw std::invalid_argument("stratify: ids and labels differ in length");
  std::map<int, std::vector<std::size_t>> members;
  for (std::size_t r = 0; r < y.size(); ++r) members[y[r]].push_back(r);
  std::vector<std::size_t> rank(y.size());
  for (auto& [label, rows] : members) {
    std::vector<std::pair<std::uint64_t, std::size_t>> keyed;
    for (std::size_t r : rows) keyed.emplace_back(runtime::splitmix64(seed ^ fnv1a(ids[r])), r);
    std::sort(keyed.begin(), keyed.end(), [&](const auto& a, const auto& b) {
      return a.first != b.first ? a.first < b.first : ids[a.second] < ids[b.second];
    });
    for (std::size_t k = 0; k < keyed.size(); ++k) rank[keyed[k].second] = k;
    class_size[label] = rows.size();
  }
  return rank;
}

void check_fractions(double validation_fraction, double test_fraction, const char* what) {
  if (validation_fraction < 0 || test_fraction < 0 || validation_fraction + test_fraction >= 1)
    throw std::invalid_argument(std::string(what) + ": fractions must be >= 0 and sum to less than 1");
}

}  // namespace

std::vector<data::Split> stratified_split(const std::vector<std::string>& ids, const std::vector<int>& y,
                                          double validation_fraction, double test_fraction, std::uint64_t seed) {
  check_fractions(validation_fraction, test_fraction, "stratified split");
  std::map<int, std::size_t> size;
  const auto rank = rank_within_class(ids, y, seed, size);
  std::vector<data::Split> split(y.size());
  for (std::size_t r = 0; r < y.size(); ++r) {
    const auto n = static_cast<double>(size[y[r]]);
    const auto n_test = static_cast<std::size_t>(std::lround(n * test_fraction));
    const auto n_validation = static_cast<std::size_t>(std::lround(n * validation_fraction));
    split[r] = rank[r] < n_test ? data::Split::Test
             : rank[r] < n_test + n_validation ? data::Split::Validation
                                                : data::Split::Training;
  }
  return split;
}

std::vector<data::Split> stratified_group_split(const std::vector<std::string>& ids, const std::vector<int>& y,
                                                const std::vector<std::string>& groups, double validation_fraction,
                                                double test_fraction, std::uint64_t seed) {
  check_fractions(validation_fraction, test_fraction, "stratified group split");
  if (ids.size() != y.size() || groups.size() != y.size())
    throw std::invalid_argument("stratified group split: ids, labels and groups differ in length");
  std::map<std::string, std::vector<std::size_t>> members;  // "\x01" + id: a row of its own
  for (std::size_t r = 0; r < y.size(); ++r) members[groups[r].empty() ? "\x01" + ids[r] : groups[r]].push_back(r);
  std::map<int, double> class_size;
  for (const int label : y) class_size[label] += 1;

  constexpr std::array<data::Split, 3> kSplits{data::Split::Test, data::Split::Validation, data::Split::Training};
  const std::array<double, 3> fraction{test_fraction, validation_fraction, 1 - test_fraction - validation_fraction};
  std::array<std::map<int, double>, 3> assigned;  // per split, per class: rows given so far

  std::vector<std::pair<std::uint64_t, const std::string*>> order;
  for (const auto& [group, rows] : members) order.emplace_back(runtime::splitmix64(seed ^ fnv1a(group)), &group);
  std::sort(order.begin(), order.end(), [](const auto& a, const auto& b) { return a.first != b.first ? a.first < b.first : *a.second < *b.second; });

  std::vector<data::Split> split(y.size());
  for (const auto& [hash, group] : order) {
    std::map<int, double> counts;
    for (const std::size_t r : members[*group]) counts[y[r]] += 1;
    std::size_t best = 0;
    double best_cost = 0;
    for (std::size_t s = 0; s < kSplits.size(); ++s) {
      // The change of sum_c (assigned - target)^2 that adding the group makes.
      double cost = 0;
      for (const auto& [label, n] : counts) cost += n * (2 * (assigned[s][label] - class_size[label] * fraction[s]) + n);
      if (s == 0 || cost < best_cost) best = s, best_cost = cost;
    }
    for (const auto& [label, n] : counts) assigned[best][label] += n;
    for (const std::size_t r : members[*group]) split[r] = kSplits[best];
  }
  return split;
}

std::vector<int> stratified_folds(const std::vector<std::string>& ids, const std::vector<int>& y, int folds, std::uint64_t seed) {
  if (folds < 2) throw std::invalid_argument("stratified folds: need at least 2 folds");
  std::map<int, std::size_t> size;
  const auto rank = rank_within_class(ids, y, seed, size);
  // Each class continues dealing where the previous one stopped, so fold sizes differ by at most one.
  std::map<int, std::size_t> start;
  std::size_t dealt = 0;
  for (const auto& [label, n] : size) start[label] = dealt, dealt += n;
  std::vector<int> fold(y.size());
  for (std::size_t r = 0; r < y.size(); ++r)
    fold[r] = static_cast<int>((start[y[r]] + rank[r]) % static_cast<std::size_t>(folds));
  return fold;
}

}  // namespace genrekit::models
