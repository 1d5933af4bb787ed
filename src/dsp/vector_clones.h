#pragma once
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
