# With GENREKIT_FUZZ=ON (Clang only: libFuzzer is Clang's) the library is built instrumented for
# libFuzzer, with ASan + UBSan, and tests/fuzz adds one fuzz target per reader. scripts/fuzz.sh
# configures such a build in build-fuzz/ and runs the targets.
if(GENREKIT_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "GENREKIT_FUZZ needs Clang (libFuzzer): configure with -DCMAKE_CXX_COMPILER=clang++")
  endif()
  # -mavx2: GCC inlines the baseline kernels' calls into their AVX2 helpers (flatten) and only
  # warns about the vector ABI; Clang refuses such a call from code built without AVX. The readers
  # fuzzed here do not depend on it; the machine fuzzing must have AVX2.
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined -mavx2)
  add_link_options(-fsanitize=address,undefined)
endif()
