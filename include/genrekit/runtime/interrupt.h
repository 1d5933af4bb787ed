#pragma once
// Ctrl-C handling for long runs. The first SIGINT/SIGTERM sets a flag that loops poll between
// items, so the item in hand finishes or is abandoned cleanly and finished work is kept; a second
// one ends the process at once with exit code 130.
namespace genrekit::runtime {

void install_interrupt_handler();
bool interrupt_requested();
// Throws genrekit::Interrupted when an interrupt was requested.
void throw_if_interrupted();

}  // namespace genrekit::runtime
