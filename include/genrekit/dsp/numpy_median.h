#pragma once
// np.median of n values: the middle one, or the mean of the two middle ones ((a + b) / 2 in T, as
// numpy computes it); NaN when any value is NaN (numpy propagates it). Selection, not a full
// sort, and the values are left as they were.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <stdexcept>
#include <vector>

namespace genrekit::dsp {

namespace detail {

// The k-th smallest (from 0) of x[0, n), none of them NaN, by quickselect with partitions that do
// not branch on the values: a round copies those below the pivot (the median of three) to the front
// of a buffer and those above it to the back, one comparison each, so that unordered values cost
// no mispredicted branches; the values equal to the pivot drop out, and the pivot is the answer
// when k falls among them. `buffers` holds 2n values; x is only read. A run of bad pivots (64
// rounds) leaves the rest to std::nth_element.
template <typename T>
T kth_smallest(const T* x, std::size_t n, std::size_t k, T* buffers) {
  constexpr std::size_t kSmall = 16;
  T* const halves[2] = {buffers, buffers + n};
  const T* source = x;
  int round = 0;
  for (; n > kSmall && round < 64; ++round) {
    T* target = halves[round % 2];  // never the half the source lies in
    const T a = source[0], b = source[n / 2], c = source[n - 1];
    const T pivot = std::max(std::min(a, b), std::min(std::max(a, b), c));
    std::size_t below = 0, above = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const T v = source[i];
      target[below] = v;
      target[n - 1 - above] = v;
      below += v < pivot;
      above += pivot < v;
    }
    if (k < below) {
      source = target;
      n = below;
    } else if (k >= n - above) {
      k -= n - above;
      source = target + (n - above);
      n = above;
    } else {
      return pivot;
    }
  }
  T* const rest = halves[round % 2];
  std::copy(source, source + n, rest);
  std::nth_element(rest, rest + k, rest + n);
  return rest[k];
}

}  // namespace detail

template <typename T>
T numpy_median(const T* values, std::size_t n) {
  if (n == 0) throw std::invalid_argument("median of no values");
  if (std::any_of(values, values + n, [](T v) { return std::isnan(v); })) return std::numeric_limits<T>::quiet_NaN();
  std::vector<T> buffers(2 * n);
  const T upper = detail::kth_smallest(values, n, n / 2, buffers.data());
  if (n % 2) return upper;
  // The value just below the upper middle in sorted order: the largest smaller value when exactly
  // n/2 values are smaller, else another copy of it.
  std::size_t smaller = 0;
  T lower = -std::numeric_limits<T>::infinity();
  for (std::size_t i = 0; i < n; ++i) {
    smaller += values[i] < upper;
    lower = values[i] < upper && values[i] > lower ? values[i] : lower;
  }
  if (smaller < n / 2) lower = upper;
  return (lower + upper) / T(2);
}

}  // namespace genrekit::dsp
