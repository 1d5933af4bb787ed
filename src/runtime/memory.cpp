#include "genrekit/runtime/memory.h"

#include <malloc.h>

namespace genrekit::runtime {

void retain_large_allocations() {
  mallopt(M_MMAP_THRESHOLD, 1 << 30);  // serve blocks up to 1 GiB from the heap
  mallopt(M_TRIM_THRESHOLD, 1 << 30);  // and do not trim them back on free
  mallopt(M_TOP_PAD, 64 << 20);
}

}  // namespace genrekit::runtime
