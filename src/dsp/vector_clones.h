#pragma once
#include <cstddef>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

// GENREKIT_AVX2_CLONES on a function compiles it twice, for baseline x86-64 (SSE2) and for AVX2,
// and the dynamic loader binds the AVX2 copy on CPUs that have it (GCC / Clang target_clones, an
// ifunc): the speed of wider vectors without building for one CPU. AVX2 and not FMA: without fused
// multiply-adds the compiler cannot contract a * b + c, so both copies give the same bits.
// Only for loops that cannot throw (mark them noexcept): GCC 12 gives a cloned function no
// unwinding, and an exception thrown in one ends the process instead of reaching its caller.
#if defined(__x86_64__) && defined(__linux__) && (defined(__GNUC__) || defined(__clang__))
#define GENREKIT_AVX2_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define GENREKIT_AVX2_CLONES
#endif

// Kernels written in GCC's generic vectors need the machine's width: 32-byte vectors compiled for
// SSE2 go through the stack and run ten times slower, so such a kernel cannot take the clones
// above (one source, one vector type, compiled twice). It is instantiated twice instead, with 2-
// and 4-lane vectors, the second in a GENREKIT_AVX2_TARGET function that runs when cpu_has_avx2().
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define GENREKIT_AVX2_TARGET __attribute__((target("avx2")))
inline bool cpu_has_avx2() { return __builtin_cpu_supports("avx2"); }
#else
#define GENREKIT_AVX2_TARGET
inline bool cpu_has_avx2() { return false; }
#endif

namespace genrekit::dsp::vectors {

using Doubles2 = double __attribute__((vector_size(16)));
using Doubles4 = double __attribute__((vector_size(32)));

template <typename Vec>
constexpr std::size_t kLanes = sizeof(Vec) / sizeof(double);

// The same vectors at any double's address, and over storage declared as doubles.
template <typename Vec>
struct Unaligned;
template <>
struct Unaligned<Doubles2> {
  using type = double __attribute__((vector_size(16), aligned(8), may_alias));
};
template <>
struct Unaligned<Doubles4> {
  using type = double __attribute__((vector_size(32), aligned(8), may_alias));
};

// (By reference: a 32-byte vector passed or returned by value draws GCC's ABI warning in the
// baseline build, although these are always inlined.)
template <typename Vec>
[[gnu::always_inline]] inline void load(Vec& v, const double* at) noexcept {
  v = *reinterpret_cast<const typename Unaligned<Vec>::type*>(at);
}
template <typename Vec>
[[gnu::always_inline]] inline void store(double* at, const Vec& v) noexcept {
  *reinterpret_cast<typename Unaligned<Vec>::type*>(at) = v;
}

// a > b ? a : b and a < b ? a : b lane by lane: b where either is NaN. x86's maxpd and minpd, one
// instruction where GCC compiles the selects to a compare and a blend. The 4-lane forms are for
// GENREKIT_AVX2_TARGET code only, where they are inlined from a flattened function: GCC refuses
// an always_inline AVX2 function inside a generic template before that reaches AVX2 code.
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
[[gnu::always_inline]] inline Doubles2 max_of(Doubles2 a, Doubles2 b) noexcept {
  return reinterpret_cast<Doubles2>(_mm_max_pd(reinterpret_cast<__m128d>(a), reinterpret_cast<__m128d>(b)));
}
[[gnu::always_inline]] inline Doubles2 min_of(Doubles2 a, Doubles2 b) noexcept {
  return reinterpret_cast<Doubles2>(_mm_min_pd(reinterpret_cast<__m128d>(a), reinterpret_cast<__m128d>(b)));
}
GENREKIT_AVX2_TARGET inline Doubles4 max_of(Doubles4 a, Doubles4 b) noexcept {
  return reinterpret_cast<Doubles4>(_mm256_max_pd(reinterpret_cast<__m256d>(a), reinterpret_cast<__m256d>(b)));
}
GENREKIT_AVX2_TARGET inline Doubles4 min_of(Doubles4 a, Doubles4 b) noexcept {
  return reinterpret_cast<Doubles4>(_mm256_min_pd(reinterpret_cast<__m256d>(a), reinterpret_cast<__m256d>(b)));
}
#else
template <typename Vec>
inline Vec max_of(Vec a, Vec b) noexcept {
  return a > b ? a : b;
}
template <typename Vec>
inline Vec min_of(Vec a, Vec b) noexcept {
  return a < b ? a : b;
}
#endif

}  // namespace genrekit::dsp::vectors
