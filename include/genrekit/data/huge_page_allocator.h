#pragma once
// An allocator for very large arrays (a features.csv of FMA's size holds 55 M doubles): blocks of
// 32 MiB and more are mapped directly and advised to use transparent huge pages, which halves the
// page-fault cost of filling them; smaller ones come from operator new.
#include <cstddef>
#include <new>
#include <utility>

#include <sys/mman.h>

namespace genrekit::data {

template <typename T>
struct HugePageAllocator {
  using value_type = T;
  static constexpr std::size_t kThreshold = std::size_t{32} << 20;

  HugePageAllocator() = default;
  template <typename U>
  explicit HugePageAllocator(const HugePageAllocator<U>&) {}

  T* allocate(std::size_t n) {
    const std::size_t bytes = n * sizeof(T);
    if (bytes < kThreshold) return static_cast<T*>(::operator new(bytes));
    void* p = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) throw std::bad_alloc();
    madvise(p, bytes, MADV_HUGEPAGE);
    return static_cast<T*>(p);
  }

  void deallocate(T* p, std::size_t n) {
    const std::size_t bytes = n * sizeof(T);
    if (bytes < kThreshold) ::operator delete(p);
    else munmap(p, bytes);
  }

  // resize() leaves new elements default-initialised (a double: unwritten) instead of zeroing
  // them: a reader that fills the array from several threads touches its pages there first.
  template <typename U>
  void construct(U* p) noexcept {
    ::new (static_cast<void*>(p)) U;
  }
  template <typename U, typename... Args>
  void construct(U* p, Args&&... args) {
    ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
  }

  template <typename U>
  bool operator==(const HugePageAllocator<U>&) const { return true; }
};

}  // namespace genrekit::data
