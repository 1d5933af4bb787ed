#pragma once
// A scratch file for data too large to hold in memory (the frame-level rows of a 3-hour track).
#include <cstddef>
#include <filesystem>
#include <span>
#include <type_traits>

namespace genrekit::runtime {

// An unnamed temporary file: created in `directory` (default: $TMPDIR, else /tmp) and unlinked at
// once, so the kernel frees it when it is closed or the process dies, kill -9 included.
// std::runtime_error naming the directory when it cannot be created or written (a full disk).
class SpillFile {
 public:
  explicit SpillFile(const std::filesystem::path& directory = default_directory());
  ~SpillFile();
  SpillFile(const SpillFile&) = delete;
  SpillFile& operator=(const SpillFile&) = delete;

  // Appends raw bytes at the end; returns the offset they were written at.
  std::size_t append(const void* data, std::size_t bytes);
  void read(std::size_t offset, void* data, std::size_t bytes) const;
  std::size_t size() const { return size_; }

  template <class T>
  std::size_t append(std::span<const T> values) {
    static_assert(std::is_trivially_copyable_v<T>);
    return append(values.data(), values.size_bytes());
  }
  template <class T>
  void read(std::size_t offset, std::span<T> values) const {
    static_assert(std::is_trivially_copyable_v<T>);
    read(offset, values.data(), values.size_bytes());
  }

  static std::filesystem::path default_directory();

 private:
  int fd_ = -1;
  std::size_t size_ = 0;
  std::filesystem::path directory_;
};

}  // namespace genrekit::runtime
