#pragma once
// Seeded randomness for the synthetic corpus: every track draws from its own generator seeded by
// (corpus seed, track id), so a track's audio does not depend on thread count or order.
#include <cstdint>
#include <random>
#include <utility>
#include <vector>

namespace genrekit::synth {

class Random {
 public:
  explicit Random(std::uint64_t seed) : engine_(seed) {}
  Random(std::uint64_t seed, std::uint64_t stream);

  double uniform(double lo = 0.0, double hi = 1.0) { return std::uniform_real_distribution<double>(lo, hi)(engine_); }
  double normal(double mean, double sd) { return std::normal_distribution<double>(mean, sd)(engine_); }
  int integer(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(engine_); }  // inclusive
  bool chance(double p) { return uniform() < p; }
  std::size_t index(std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(engine_); }

  // One item of a weighted list.
  template <typename T>
  const T& pick(const std::vector<std::pair<T, double>>& weighted) {
    double total = 0;
    for (const auto& [item, weight] : weighted) total += weight;
    double r = uniform(0, total);
    for (const auto& [item, weight] : weighted) {
      if (r < weight) return item;
      r -= weight;
    }
    return weighted.back().first;
  }

  std::mt19937_64& engine() { return engine_; }

 private:
  std::mt19937_64 engine_;
};

}  // namespace genrekit::synth
