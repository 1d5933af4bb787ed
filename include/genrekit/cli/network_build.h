#pragma once
// train, evaluate and predict come in two builds. bin/TOOL links the classical code only, so that
// it starts as fast as extract (LibTorch's libraries take ~0.35 s and ~130 MB just to load);
// libexec/genrekit/TOOL also links LibTorch and runs the networks. The first hands a network run to
// the second by exec: the same command line and the same process, so signals, exit codes, logs and
// the run directory are simply the second's. The apps are compiled once for each, with
// GENREKIT_NETWORKS 0 or 1.
#include <string>

namespace genrekit::cli {

// Replaces this process by libexec/genrekit/`tool` beside this executable's bin/ (the build tree
// and an installed prefix have the same layout), with `argv`. Returns only by throwing ConfigError
// (missing, or exec failed).
[[noreturn]] void exec_network_build(const std::string& tool, char** argv);

}  // namespace genrekit::cli
