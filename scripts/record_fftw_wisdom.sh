#!/usr/bin/env bash
# Prints FFTW's measured plans (wisdom) for the real transforms of 2048 and 256 points on
# SIMD-aligned arrays, the problems src/dsp/fftw_wisdom.cpp records. FFTW_MEASURE times its
# candidates, so runs may differ: record several, time each (FFTW_ESTIMATE planning with the wisdom
# imported, as genrekit plans) and keep the fastest. Needs g++ and libfftw3-dev.
#   scripts/record_fftw_wisdom.sh > wisdom.txt
set -euo pipefail
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/record.cpp" <<'CPP'
#include <fftw3.h>
#include <cstdio>
#include <cstdlib>
int main() {
  const int sizes[] = {2048, 256};
  for (const int n : sizes) {
    double* in = fftw_alloc_real(static_cast<std::size_t>(n));
    fftw_complex* out = fftw_alloc_complex(static_cast<std::size_t>(n / 2 + 1));
    fftw_destroy_plan(fftw_plan_dft_r2c_1d(n, in, out, FFTW_MEASURE));
    fftw_free(in);
    fftw_free(out);
  }
  char* wisdom = fftw_export_wisdom_to_string();
  std::fputs(wisdom, stdout);
  std::free(wisdom);
}
CPP
g++ -O2 -o "$work/record" "$work/record.cpp" -lfftw3
"$work/record"
