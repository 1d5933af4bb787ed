#include "genrekit/runtime/fingerprint.h"

#include <cstdio>

namespace genrekit::runtime {

std::string fingerprint(std::string_view text) {
  char out[32];
  std::snprintf(out, sizeof out, "fnv1a64:%016llx", static_cast<unsigned long long>(fnv1a64(text)));
  return out;
}

}  // namespace genrekit::runtime
