#pragma once
// np.median of more doubles than memory should hold, stored in a scratch file.
#include <cstddef>

#include "genrekit/runtime/spill_file.h"

namespace genrekit::features {

// The median of the `count` doubles stored contiguously from byte 0 of `file`, exactly as
// dsp::numpy_median computes it (NaN when any is NaN), holding at most ~1 M values at a time: a
// radix selection that narrows the candidates 16 bits of the value at a time, one read of the file
// per step, until they fit in memory. std::invalid_argument for count 0.
double spilled_median(const runtime::SpillFile& file, std::size_t count);

}  // namespace genrekit::features
