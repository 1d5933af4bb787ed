#pragma once
// np.median of n values: the middle one, or the mean of the two middle ones ((a + b) / 2 in T, as
// numpy computes it); NaN when any value is NaN (numpy propagates it). Selection, not a full
// sort: the values are reordered in place.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <stdexcept>

namespace genrekit::dsp {

template <typename T>
T numpy_median(T* values, std::size_t n) {
  if (n == 0) throw std::invalid_argument("median of no values");
  if (std::any_of(values, values + n, [](T v) { return std::isnan(v); })) return std::numeric_limits<T>::quiet_NaN();
  T* middle = values + n / 2;
  std::nth_element(values, middle, values + n);
  if (n % 2) return *middle;
  return (*std::max_element(values, middle) + *middle) / T(2);
}

}  // namespace genrekit::dsp
