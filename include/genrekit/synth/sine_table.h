#pragma once
// A table sine for the synthesiser's oscillators: phase in cycles, linear interpolation between
// 4096 entries (error < 3e-7, far below the MP3 noise floor), ~10x cheaper than std::sin.
#include <array>
#include <cmath>
#include <cstddef>

namespace genrekit::synth {

class SineTable {
 public:
  static constexpr std::size_t kSize = 4096;

  static double at(double cycles) {
    static const SineTable table;
    const double position = (cycles - std::floor(cycles)) * kSize;
    const auto index = static_cast<std::size_t>(position);
    const double fraction = position - static_cast<double>(index);
    return table.values_[index] + fraction * (table.values_[index + 1] - table.values_[index]);
  }

 private:
  SineTable() {
    for (std::size_t i = 0; i <= kSize; ++i)
      values_[i] = std::sin(2 * 3.14159265358979323846 * static_cast<double>(i) / kSize);
  }
  std::array<double, kSize + 1> values_{};
};

}  // namespace genrekit::synth
