#pragma once

namespace genrekit::cli {

// The exit codes of every genrekit tool.
enum ExitCode : int {
  kExitOk = 0,           // success
  kExitFailure = 1,      // runtime or data failure (including "some items failed")
  kExitUsage = 2,        // bad command line or configuration; nothing was written
  kExitInterrupted = 130, // Ctrl-C (SIGINT); finished work was kept
  kExitTerminated = 143   // SIGTERM (a scheduler's stop or kill); finished work was kept
};

// How a run that stopped on a signal exits: kExitTerminated after SIGTERM, else kExitInterrupted.
ExitCode interrupted_exit_code();

}  // namespace genrekit::cli
