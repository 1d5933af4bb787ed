#pragma once
// FFTW's planner is not thread-safe: every plan is made and destroyed under this one lock, while
// executing existing plans on separate arrays is safe from any thread.
#include <mutex>

namespace genrekit::dsp {

inline std::mutex& fftw_planner_mutex() {
  static std::mutex mutex;
  return mutex;
}

// Gives FFTW the plans recorded for the STFT's and the CQT's real transforms (fftw_wisdom.cpp),
// once per process; call with fftw_planner_mutex() held, before planning.
void use_recorded_fftw_wisdom();

}  // namespace genrekit::dsp
