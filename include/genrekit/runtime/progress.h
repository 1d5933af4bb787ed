#pragma once
// Progress of a long loop: on a terminal a bar with count, rate and ETA redrawn in place (log
// messages printed meanwhile go above it); otherwise (logs, batch jobs) a log line every few seconds.
// Safe to advance from many threads.
#include <atomic>
#include <chrono>
#include <cstddef>
#include <functional>
#include <mutex>
#include <string>

namespace genrekit::runtime {

// Runs `print` (which writes to stderr) with the progress bar, if one is drawn, erased first and
// drawn again below what it printed. The console log sink writes through it.
void print_above_progress(const std::function<void()>& print);

class Progress {
 public:
  Progress(std::string label, std::size_t total, std::size_t already_done = 0);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  void advance(std::size_t n = 1);
  // Prints the closing line (count, elapsed, mean rate). Called by the destructor if not before.
  void finish();

  // "12.3 items/s, ETA 4m05s" for `done` of `total` after `seconds`; exposed for tests.
  static std::string rate_and_eta(std::size_t done, std::size_t total, double seconds);

 private:
  void report(std::size_t done, bool force);

  std::string label_;
  std::size_t total_;
  std::size_t start_count_;
  std::atomic<std::size_t> done_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_report_;
  bool terminal_;
  bool finished_ = false;
  std::mutex mutex_;
};

}  // namespace genrekit::runtime
