#pragma once

namespace genrekit::cli {

// The exit codes of every genrekit tool.
enum ExitCode : int {
  kExitOk = 0,           // success
  kExitFailure = 1,      // runtime or data failure (including "some items failed")
  kExitUsage = 2,        // bad command line or configuration; nothing was written
  kExitInterrupted = 130 // Ctrl-C; finished work was kept
};

}  // namespace genrekit::cli
