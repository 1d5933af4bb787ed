#include "genrekit/models/stratify.h"

#include <algorithm>
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

}  // namespace

std::vector<data::Split> stratified_split(const std::vector<std::string>& ids, const std::vector<int>& y,
                                          double validation_fraction, double test_fraction, std::uint64_t seed) {
  if (validation_fraction < 0 || test_fraction < 0 || validation_fraction + test_fraction >= 1)
    throw std::invalid_argument("stratified split: fractions must be >= 0 and sum to less than 1");
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
