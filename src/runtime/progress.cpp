#include "genrekit/runtime/progress.h"

#include <cmath>
#include <cstdio>
#include <mutex>
#include <string>
#include <unistd.h>

#include <spdlog/spdlog.h>

namespace genrekit::runtime {

namespace {

std::string format_duration(double seconds) {
  if (!std::isfinite(seconds) || seconds < 0) return "?";
  const auto s = static_cast<long long>(std::llround(seconds));
  char buffer[32];
  if (s >= 3600)
    std::snprintf(buffer, sizeof buffer, "%lldh%02lldm", s / 3600, (s % 3600) / 60);
  else
    std::snprintf(buffer, sizeof buffer, "%lldm%02llds", s / 60, s % 60);
  return buffer;
}

constexpr auto kTerminalInterval = std::chrono::milliseconds(200);
constexpr auto kLogInterval = std::chrono::seconds(5);

// The terminal's one bar line (empty when none is drawn), and the lock of everything written to it.
std::mutex terminal_mutex;
std::string bar_line;

void draw_bar(std::string line) {
  std::lock_guard lock(terminal_mutex);
  bar_line = std::move(line);
  std::fprintf(stderr, "\r%s\033[K", bar_line.c_str());
  std::fflush(stderr);
}

void erase_bar() {
  std::lock_guard lock(terminal_mutex);
  if (bar_line.empty()) return;
  bar_line.clear();
  std::fprintf(stderr, "\r\033[K");
  std::fflush(stderr);
}

}  // namespace

void print_above_progress(const std::function<void()>& print) {
  std::lock_guard lock(terminal_mutex);
  if (!bar_line.empty()) std::fprintf(stderr, "\r\033[K");
  print();
  if (!bar_line.empty()) {
    std::fprintf(stderr, "%s\033[K", bar_line.c_str());
    std::fflush(stderr);
  }
}

Progress::Progress(std::string label, std::size_t total, std::size_t already_done)
    : label_(std::move(label)),
      total_(total),
      start_count_(already_done),
      done_(already_done),
      start_(std::chrono::steady_clock::now()),
      last_report_(start_),
      terminal_(isatty(fileno(stderr)) != 0 && spdlog::default_logger()->should_log(spdlog::level::info)) {
  if (already_done > 0) spdlog::info("{}: resuming, {} of {} already done", label_, already_done, total_);
}

Progress::~Progress() { finish(); }

std::string Progress::rate_and_eta(std::size_t done, std::size_t total, double seconds) {
  const double rate = seconds > 0 ? static_cast<double>(done) / seconds : 0.0;
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.3g items/s", rate);
  std::string text = buffer;
  if (done < total) {
    text += ", ETA ";
    text += rate > 0 ? format_duration(static_cast<double>(total - done) / rate) : "?";
  }
  return text;
}

void Progress::advance(std::size_t n) {
  const std::size_t done = done_.fetch_add(n) + n;
  report(done, false);
}

void Progress::report(std::size_t done, bool force) {
  const auto now = std::chrono::steady_clock::now();
  std::unique_lock lock(mutex_, std::try_to_lock);
  if (!lock.owns_lock() && !force) return;  // someone else is printing; skip this one
  if (!lock.owns_lock()) lock.lock();
  const bool due = now - last_report_ >= (terminal_ ? std::chrono::steady_clock::duration(kTerminalInterval)
                                                    : std::chrono::steady_clock::duration(kLogInterval));
  if (!due && !force) return;
  const double seconds = std::chrono::duration<double>(now - start_).count();
  const std::string rate = rate_and_eta(done - start_count_, total_ - start_count_, seconds);
  if (terminal_) {
    constexpr int kWidth = 30;
    const double fraction = total_ ? static_cast<double>(done) / static_cast<double>(total_) : 1.0;
    const int filled = static_cast<int>(fraction * kWidth);
    char line[512];
    std::snprintf(line, sizeof line, "%s [%.*s%*s] %zu/%zu %s", label_.c_str(), filled, "##############################",
                  kWidth - filled, "", done, total_, rate.c_str());
    draw_bar(line);
  } else {
    spdlog::info("{}: {}/{} ({})", label_, done, total_, rate);
  }
  last_report_ = now;
}

void Progress::finish() {
  std::lock_guard lock(mutex_);
  if (finished_) return;
  finished_ = true;
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const std::size_t done = done_.load();
  if (terminal_) erase_bar();
  spdlog::info("{}: {}/{} in {} ({:.3g} items/s)", label_, done, total_, format_duration(seconds),
               seconds > 0 ? static_cast<double>(done - start_count_) / seconds : 0.0);
}

}  // namespace genrekit::runtime
