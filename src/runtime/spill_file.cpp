#include "genrekit/runtime/spill_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <string>

namespace genrekit::runtime {

namespace {

[[noreturn]] void fail(const std::filesystem::path& directory, const char* what) {
  throw std::runtime_error("scratch file in " + directory.string() + ": " + what + ": " + std::strerror(errno));
}

}  // namespace

std::filesystem::path SpillFile::default_directory() {
  const char* tmpdir = std::getenv("TMPDIR");
  return tmpdir && *tmpdir ? std::filesystem::path(tmpdir) : std::filesystem::path("/tmp");
}

SpillFile::SpillFile(const std::filesystem::path& directory) : directory_(directory) {
  std::string name = (directory / "genrekit-spill-XXXXXX").string();
  fd_ = ::mkstemp(name.data());
  if (fd_ < 0) fail(directory_, "cannot create");
  ::unlink(name.c_str());
}

SpillFile::~SpillFile() {
  if (fd_ >= 0) ::close(fd_);
}

std::size_t SpillFile::append(const void* data, std::size_t bytes) {
  const std::size_t offset = size_;
  const auto* p = static_cast<const char*>(data);
  for (std::size_t done = 0; done < bytes;) {
    const ssize_t n = ::pwrite(fd_, p + done, bytes - done, static_cast<off_t>(size_ + done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) fail(directory_, "cannot write (disk full?)");
    done += static_cast<std::size_t>(n);
  }
  size_ += bytes;
  return offset;
}

void SpillFile::read(std::size_t offset, void* data, std::size_t bytes) const {
  if (offset + bytes > size_) throw std::out_of_range("SpillFile::read past the end");
  auto* p = static_cast<char*>(data);
  for (std::size_t done = 0; done < bytes;) {
    const ssize_t n = ::pread(fd_, p + done, bytes - done, static_cast<off_t>(offset + done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) fail(directory_, "cannot read back");
    done += static_cast<std::size_t>(n);
  }
}

}  // namespace genrekit::runtime
