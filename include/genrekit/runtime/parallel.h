#pragma once
// The one work-sharing loop of genrekit: tasks handed out by index to a few threads.
#include <cstddef>
#include <cstdint>
#include <functional>

namespace genrekit::runtime {

// A configured thread count (run.threads): itself when positive, 0 meaning every core.
unsigned thread_count(std::int64_t requested);

// Calls task(i) once for each i in [0, count), on min(threads, count) threads (at least one), each
// thread taking the next index when it is free, so uneven tasks balance. When a task throws, no
// further index is handed out; the first exception is rethrown once every thread has stopped.
void parallel_for(std::size_t count, unsigned threads, const std::function<void(std::size_t)>& task);

// parallel_for over [0, count) in blocks of `block` (the last one shorter): task(first, end).
void parallel_for_blocks(std::size_t count, std::size_t block, unsigned threads,
                         const std::function<void(std::size_t first, std::size_t end)>& task);

}  // namespace genrekit::runtime
