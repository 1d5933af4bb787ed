#include "genrekit/cli/network_build.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "genrekit/error.h"

namespace genrekit::cli {

void exec_network_build(const std::string& tool, char** argv) {
  namespace fs = std::filesystem;
  std::error_code error;
  const fs::path self = fs::read_symlink("/proc/self/exe", error);
  if (error) throw ConfigError("cannot locate this executable (/proc/self/exe): " + error.message());
  const fs::path full = (self.parent_path() / ".." / "libexec" / "genrekit" / tool).lexically_normal();
  if (!fs::exists(full))
    throw ConfigError("this is a network run, and " + tool + "'s network build " + full.string() +
                      " is missing (build or install genrekit with LibTorch)");
  ::execv(full.c_str(), argv);
  throw ConfigError("cannot run " + full.string() + ": " + std::strerror(errno));
}

}  // namespace genrekit::cli
