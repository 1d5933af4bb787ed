#pragma once
// Band-limited resampling exactly as librosa 0.5.0 did it inside the CQT: resampy 0.1.5's
// windowed-sinc interpolation, then librosa.resample's length fix and optional energy scaling.
#include <cstddef>
#include <memory>
#include <span>
#include <vector>

namespace genrekit::dsp {

// resampy 0.1.5's two filters: (zero crossings, Kaiser beta, roll-off as a fraction of Nyquist),
// 512 table entries per zero crossing.
enum class ResampyFilter { KaiserFast, KaiserBest };
double resampy_rolloff(ResampyFilter filter);
// How many input samples either side of its position in time an output of resample_resampy015
// reads at most (the filter's half-length at this ratio, rounded up, plus one).
std::size_t resampy_reach(ResampyFilter filter, double sr_orig, double sr_new);

// resampy 0.1.5's resample(x, sr_orig, sr_new): int(len * ratio) samples. The interpolation loop
// is 0.1.5's, including its bound on the right wing (it reuses the left loop's last index), which
// shortens the right wing near the end of the signal. Accumulates in double where resampy rounded
// each partial sum to float32 (a difference of ~1e-7 relative).
std::vector<float> resample_resampy015(std::span<const float> x, double sr_orig, double sr_new, ResampyFilter filter);

// resample_resampy015 for a signal that arrives in pieces, holding a few thousand samples whatever
// its length: the outputs are the whole signal's to the bit (the same sums, and the time register
// advanced as resampy advances it). Rates must be whole numbers of hertz (std::invalid_argument).
class ResampyStream {
 public:
  ResampyStream(double sr_orig, double sr_new, ResampyFilter filter);
  ~ResampyStream();
  ResampyStream(const ResampyStream&) = delete;
  ResampyStream& operator=(const ResampyStream&) = delete;
  // Appends to `y` the outputs that no later input changes.
  void push(std::span<const float> x, std::vector<float>& y);
  // End of input: appends the rest, int(length * ratio) outputs in all.
  void finish(std::vector<float>& y);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// librosa.resample(y, orig_sr, target_sr, res_type, fix=True, scale): the above, zero-padded or
// cut to ceil(len * ratio) samples, divided by sqrt(ratio) (in float32) when `scale`.
std::vector<float> librosa_resample(std::span<const float> y, double orig_sr, double target_sr, ResampyFilter filter,
                                    bool scale);

}  // namespace genrekit::dsp
