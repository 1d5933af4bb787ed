#pragma once
// What every fuzz target shares: the input as a file (the readers take paths, as the tools do), and
// the contract checked on every input. A reader may reject bad input only with genrekit's own
// errors (DataError, ConfigError: a message naming the file and what was expected); any other
// exception escapes to libFuzzer, which reports it, as it reports crashes, leaks, hangs and the
// sanitizers' findings.
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "genrekit/error.h"

namespace genrekit::fuzz {

// A directory of this process's own, under /dev/shm when there is one (no disk writes per input):
// the first of genrekit-fuzz-0, -1, ... that no live process holds (an flock, released when its
// holder exits). One fuzzer alone always gets the same path, so a seeded campaign's inputs and
// error messages are the same run to run (scripts/fuzz.sh --fixed).
inline const std::filesystem::path& scratch_dir() {
  static const std::filesystem::path dir = [] {
    const std::filesystem::path base = std::filesystem::exists("/dev/shm") ? "/dev/shm" : std::filesystem::temp_directory_path();
    for (int slot = 0;; ++slot) {
      auto path = base / ("genrekit-fuzz-" + std::to_string(slot));
      std::filesystem::create_directories(path);
      const int lock = ::open((path / ".lock").c_str(), O_CREAT | O_RDWR | O_CLOEXEC, 0600);
      if (lock >= 0 && ::flock(lock, LOCK_EX | LOCK_NB) == 0) return path;  // kept open: held until exit
      if (lock >= 0) ::close(lock);
    }
  }();
  return dir;
}

inline std::filesystem::path write_input(std::string_view name, std::string_view bytes) {
  const auto path = scratch_dir() / name;
  std::ofstream(path, std::ios::binary | std::ios::trunc).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return path;
}

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

template <class Body>
void expect_clean_rejection(Body&& body) {
  try {
    body();
  } catch (const DataError&) {
  } catch (const ConfigError&) {
  }
}

}  // namespace genrekit::fuzz
