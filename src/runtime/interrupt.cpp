#include "genrekit/runtime/interrupt.h"

#include <atomic>
#include <csignal>
#include <unistd.h>

#include "genrekit/error.h"

namespace genrekit::runtime {

namespace {

std::atomic<int> g_interrupts{0};
std::atomic<int> g_first_signal{0};

extern "C" void on_signal(int signal) {
  int none = 0;
  g_first_signal.compare_exchange_strong(none, signal);
  if (g_interrupts.fetch_add(1) >= 1) _exit(128 + signal);  // second request: stop now
}

}  // namespace

void install_interrupt_handler() {
  struct sigaction action {};
  action.sa_handler = on_signal;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

bool interrupt_requested() { return g_interrupts.load() > 0; }

int interrupt_signal() { return g_first_signal.load(); }

void throw_if_interrupted() {
  if (interrupt_requested()) throw Interrupted();
}

}  // namespace genrekit::runtime
