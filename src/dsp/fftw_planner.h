#pragma once
// FFTW's planner is not thread-safe: every plan is made and destroyed under this one lock, while
// executing existing plans on separate arrays is safe from any thread.
#include <mutex>

namespace genrekit::dsp {

inline std::mutex& fftw_planner_mutex() {
  static std::mutex mutex;
  return mutex;
}

}  // namespace genrekit::dsp
