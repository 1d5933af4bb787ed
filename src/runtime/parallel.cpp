#include "genrekit/runtime/parallel.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace genrekit::runtime {

unsigned thread_count(std::int64_t requested) {
  if (requested > 0) return static_cast<unsigned>(requested);
  return std::max(1u, std::thread::hardware_concurrency());
}

void parallel_for(std::size_t count, unsigned threads, const std::function<void(std::size_t)>& task) {
  std::atomic<std::size_t> next{0};
  std::exception_ptr failure;
  std::mutex failure_mutex;
  const auto worker = [&] {
    for (std::size_t i = next++; i < count; i = next++) {
      try {
        task(i);
      } catch (...) {
        std::lock_guard lock(failure_mutex);
        if (!failure) failure = std::current_exception();
        next = count;  // hand out nothing more
      }
    }
  };
  const auto n = static_cast<unsigned>(std::clamp<std::size_t>(count, 1, std::max(1u, threads)));
  if (n == 1) {
    worker();
  } else {
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < n; ++t) pool.emplace_back(worker);
    for (auto& thread : pool) thread.join();
  }
  if (failure) std::rethrow_exception(failure);
}

void parallel_for_blocks(std::size_t count, std::size_t block, unsigned threads,
                         const std::function<void(std::size_t, std::size_t)>& task) {
  parallel_for((count + block - 1) / block, threads, [&](std::size_t b) { task(b * block, std::min(count, (b + 1) * block)); });
}

}  // namespace genrekit::runtime
