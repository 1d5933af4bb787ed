#pragma once

namespace genrekit::runtime {

// Keeps large freed blocks in the process instead of returning them to the kernel. Extraction
// allocates the same tens-of-MB matrices for every track; by default glibc maps and unmaps each
// one, and the page faults of re-mapping them cost as much as the arithmetic (measured on the
// project's VM: 440 -> 240 ms per 30 s clip). Peak memory is unchanged; the process keeps it.
void retain_large_allocations();

// Serves every thread from the one (main) heap, so that the blocks retained above are reused by
// extraction's worker threads too: glibc otherwise gives each thread its own arena, whose freed
// blocks go back to the kernel and fault in again (one worker thread ran ~12 % slower than the
// same work on the main thread). Extraction allocates a few large blocks per track, so sharing
// the heap's lock costs nothing measurable; call it before starting threads.
void share_heap_between_threads();

}  // namespace genrekit::runtime
