#include "genrekit/cli/exit_code.h"

#include <csignal>

#include "genrekit/runtime/interrupt.h"

namespace genrekit::cli {

ExitCode interrupted_exit_code() { return runtime::interrupt_signal() == SIGTERM ? kExitTerminated : kExitInterrupted; }

}  // namespace genrekit::cli
