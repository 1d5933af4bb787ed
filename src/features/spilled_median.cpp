#include "spilled_median.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <stdexcept>
#include <vector>

#include "genrekit/dsp/numpy_median.h"

namespace genrekit::features {

namespace {

constexpr std::size_t kBlock = 1 << 16;          // values read per call
constexpr std::size_t kInMemory = std::size_t{1} << 20;  // candidates selected directly

// A key whose unsigned order is the doubles' order (sign bit flipped for positives, all bits for
// negatives); NaN is excluded beforehand.
std::uint64_t order_key(double x) {
  const auto bits = std::bit_cast<std::uint64_t>(x);
  return bits >> 63 ? ~bits : bits | (std::uint64_t{1} << 63);
}

void for_each_value(const runtime::SpillFile& file, std::size_t count, const std::function<void(double)>& visit) {
  std::vector<double> block(kBlock);
  for (std::size_t done = 0; done < count;) {
    const std::size_t n = std::min(kBlock, count - done);
    file.read(done * sizeof(double), std::span<double>(block.data(), n));
    for (std::size_t i = 0; i < n; ++i) visit(block[i]);
    done += n;
  }
}

// The k-th smallest (0-based) value. The candidates are the values whose key starts with `prefix`
// (its top `known` bits); each step counts them by their next 16 bits and keeps the bucket that
// holds rank k.
double kth_smallest(const runtime::SpillFile& file, std::size_t count, std::size_t k) {
  std::uint64_t prefix = 0;
  int known = 0;
  std::size_t candidates = count;
  const auto matches = [&](std::uint64_t key) { return known == 0 || (key >> (64 - known)) == prefix; };
  while (candidates > kInMemory && known < 64) {
    std::vector<std::size_t> histogram(1 << 16, 0);
    for_each_value(file, count, [&](double x) {
      const std::uint64_t key = order_key(x);
      if (matches(key)) ++histogram[(key >> (48 - known)) & 0xFFFF];
    });
    std::size_t bucket = 0;
    while (k >= histogram[bucket]) k -= histogram[bucket++];
    prefix = (prefix << 16) | bucket;
    known += 16;
    candidates = histogram[bucket];
  }
  if (known == 64) {  // all candidates share every bit: one value, however many times
    const std::uint64_t bits = prefix >> 63 ? prefix & ~(std::uint64_t{1} << 63) : ~prefix;
    return std::bit_cast<double>(bits);
  }
  std::vector<double> values;
  values.reserve(candidates);
  for_each_value(file, count, [&](double x) {
    if (matches(order_key(x))) values.push_back(x);
  });
  std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(k), values.end());
  return values[k];
}

}  // namespace

double spilled_median(const runtime::SpillFile& file, std::size_t count) {
  if (count == 0) throw std::invalid_argument("median of no values");
  if (count <= kInMemory) {
    std::vector<double> values(count);
    file.read(0, std::span<double>(values));
    return dsp::numpy_median(values.data(), values.size());
  }
  bool any_nan = false;
  for_each_value(file, count, [&](double x) { any_nan = any_nan || std::isnan(x); });
  if (any_nan) return std::numeric_limits<double>::quiet_NaN();
  const double upper = kth_smallest(file, count, count / 2);
  if (count % 2) return upper;
  return (kth_smallest(file, count, count / 2 - 1) + upper) / 2.0;
}

}  // namespace genrekit::features
