#pragma once
// A whole file mapped into memory copy-on-write: readers may modify the bytes in place (e.g. to
// unescape CSV quotes) without touching the file. Pages are read lazily by the kernel.
#include <cstddef>
#include <filesystem>

namespace genrekit::data {

class MappedFile {
 public:
  // DataError when it cannot be read. `read_ahead`: read every page now (one sequential pass, for
  // files parsed start to end); otherwise pages come when first touched (random access to shards).
  explicit MappedFile(const std::filesystem::path& file, bool read_ahead = true);
  ~MappedFile();
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;

  char* begin() { return data_; }
  char* end() { return data_ + size_; }
  std::size_t size() const { return size_; }

 private:
  char* data_ = nullptr;
  std::size_t size_ = 0;
};

}  // namespace genrekit::data
