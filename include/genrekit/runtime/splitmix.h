#pragma once
// splitmix64: a small, well-mixed 64-bit hash, for reproducible per-item random choices derived
// from (seed, id) that do not depend on processing order or thread count.
#include <cstdint>

namespace genrekit::runtime {

constexpr std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

}  // namespace genrekit::runtime
