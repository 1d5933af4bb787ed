#pragma once
// Ctrl-C and scheduler stops for long runs. The first SIGINT/SIGTERM sets a flag that loops poll
// between items, so the item in hand finishes or is abandoned cleanly and finished work is kept; a
// second one ends the process at once with exit code 128 + its signal (130, 143), as a shell reports
// a process that signal killed.
namespace genrekit::runtime {

void install_interrupt_handler();
bool interrupt_requested();
// The first signal received (SIGINT or SIGTERM); 0 when none was.
int interrupt_signal();
// Throws genrekit::Interrupted when an interrupt was requested.
void throw_if_interrupted();

}  // namespace genrekit::runtime
