#pragma once
// FNV-1a: a small, stable 64-bit fingerprint of text (a config, a name), the same on every platform
// and build. Not cryptographic: it tells versions apart, it does not protect them.
#include <cstdint>
#include <string>
#include <string_view>

namespace genrekit::runtime {

constexpr std::uint64_t fnv1a64(std::string_view text) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (const char c : text) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
  return h;
}

// "fnv1a64:" and 16 hex digits.
std::string fingerprint(std::string_view text);

}  // namespace genrekit::runtime
