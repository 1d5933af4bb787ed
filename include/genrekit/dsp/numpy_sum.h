#pragma once
// numpy's pairwise summation (np.add.reduce on contiguous data: blocks of up to 128 summed 8-way
// unrolled, halves above), reproduced where librosa's and scipy's results depend on the rounding:
// a mean of identical values must come out exactly equal to them, as numpy's does, or scipy's
// zero-variance test on a constant row (silence) would not fire.
#include <cstddef>

namespace genrekit::dsp {

// A block of at most 128 values: numpy's base case.
template <typename T>
[[gnu::always_inline]] inline T numpy_pairwise_block(const T* x, std::size_t n) {
  if (n < 8) {
    T sum{};
    for (std::size_t i = 0; i < n; ++i) sum += x[i];
    return sum;
  }
  T r[8];
  for (std::size_t j = 0; j < 8; ++j) r[j] = x[j];
  std::size_t i = 8;
  for (; i < n - n % 8; i += 8)
    for (std::size_t j = 0; j < 8; ++j) r[j] += x[i + j];
  T sum = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
  for (; i < n; ++i) sum += x[i];
  return sum;
}

// numpy's halving above 128 values, walked depth-first on a stack of its own rather than by
// recursion: a kernel can instantiate it for vector types (one independent sum per lane) and keep
// it whole in one function (a recursive call would leave the AVX2 code for a function compiled
// without it). Each node's sum is its left half's plus its right half's, as numpy adds them.
template <typename T>
[[gnu::always_inline]] inline T numpy_pairwise_sum_flat(const T* x, std::size_t n) {
  struct Node {
    const T* x;
    std::size_t n, half;
    int state;  // 0: not split yet; 1: its left half being summed; 2: its right half being summed
    T left;     // the left half's sum, from state 2 on
  };
  Node stack[64];  // halving: depth < 64
  std::size_t top = 0;
  stack[0] = {x, n, 0, 0, T{}};
  T result{};
  for (;;) {
    Node& node = stack[top];
    if (node.state == 0 && node.n <= 128) {
      result = numpy_pairwise_block(node.x, node.n);
    } else if (node.state == 0) {
      node.half = node.n / 2;
      node.half -= node.half % 8;
      node.state = 1;
      stack[++top] = {node.x, node.half, 0, 0, T{}};
      continue;
    } else if (node.state == 1) {
      node.left = result;
      node.state = 2;
      stack[++top] = {node.x + node.half, node.n - node.half, 0, 0, T{}};
      continue;
    } else {
      result = node.left + result;
    }
    if (top == 0) return result;
    --top;
  }
}

// Sums above numpy's block out of line: the inlined part stays small at the many call sites.
template <typename T>
T numpy_pairwise_halves(const T* x, std::size_t n) {
  return numpy_pairwise_sum_flat(x, n);
}

// Inlined where it is called (so in the callers' AVX2 clones too) up to 128 values, the mel
// bands' and most sums; longer ones out of line.
template <typename T>
[[gnu::always_inline]] inline T numpy_pairwise_sum(const T* x, std::size_t n) {
  return n <= 128 ? numpy_pairwise_block(x, n) : numpy_pairwise_halves(x, n);
}

}  // namespace genrekit::dsp
