#include "genrekit/dsp/resample.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <mutex>
#include <numbers>
#include <numeric>
#include <string>
#include <stdexcept>

#include "dsp/vector_clones.h"

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace genrekit::dsp {

namespace {

constexpr int kTableBits = 9;  // 512 entries per zero crossing
constexpr int kPerCrossing = 1 << kTableBits;

struct FilterSpec {
  int zero_crossings;
  double beta;
  double rolloff;
};

FilterSpec spec(ResampyFilter filter) {
  return filter == ResampyFilter::KaiserFast ? FilterSpec{16, 8.555504641634386, 0.85}
                                             : FilterSpec{64, 14.769656459379492, 0.9475937167399596};
}

// The right half of the windowed sinc: rolloff * sinc(rolloff * t) * kaiser(2n+1, beta)[n:] for
// t = linspace(0, zeros, n + 1), n = 512 * zeros. Built once per filter.
const std::vector<double>& filter_table(ResampyFilter filter) {
  static std::mutex mutex;
  static std::map<ResampyFilter, std::vector<double>> tables;
  std::lock_guard lock(mutex);
  auto& table = tables[filter];
  if (table.empty()) {
    const FilterSpec s = spec(filter);
    const int n = kPerCrossing * s.zero_crossings;
    table.resize(static_cast<std::size_t>(n) + 1);
    const double i0_beta = std::cyl_bessel_i(0.0, s.beta);
    for (int i = 0; i <= n; ++i) {
      const double t = s.zero_crossings * static_cast<double>(i) / n;  // np.linspace
      const double x = std::numbers::pi * s.rolloff * t;
      const double sinc = i == 0 ? 1.0 : std::sin(x) / x;
      // scipy.signal.windows.kaiser(2n+1, beta) at index n + i: I0(beta sqrt(1 - (i/n)^2)) / I0(beta).
      const double r = static_cast<double>(i) / n;
      const double kaiser = std::cyl_bessel_i(0.0, s.beta * std::sqrt(std::max(0.0, 1.0 - r * r))) / i0_beta;
      table[static_cast<std::size_t>(i)] = s.rolloff * sinc * kaiser;
    }
  }
  return table;
}

// Outputs per block: eight vector sums with AVX2, enough independent additions to keep both adders
// busy through each one's latency.
constexpr std::ptrdiff_t kLanes = 32;

// One tap of the decimating filter: for output t, lane 0 reads phase[t + shift]. The phases hold
// the samples already widened to double (exactly): each sample is read by every tap that reaches
// it, so widening it once instead of at every read leaves the loop its multiplications and additions.
struct Tap {
  double weight;
  const double* phase;
  std::ptrdiff_t shift;
};

// kLanes consecutive outputs, each summed tap by tap in double: the same arithmetic on every path,
// vectorised across outputs. Two passes of eight two-lane sums here: sixteen would not fit in SSE's
// registers.
void interior_block_portable(const Tap* taps, std::size_t n_taps, std::ptrdiff_t t, float* out) {
  using Doubles2 = double __attribute__((vector_size(16)));
  constexpr std::ptrdiff_t kVectors = 8;
  for (std::ptrdiff_t pass = 0; pass < kLanes; pass += 2 * kVectors) {
    Doubles2 acc[kVectors] = {};
    for (std::size_t i = 0; i < n_taps; ++i) {
      const double* src = taps[i].phase + t + taps[i].shift + pass;
      for (std::ptrdiff_t v = 0; v < kVectors; ++v) acc[v] += taps[i].weight * Doubles2{src[2 * v], src[2 * v + 1]};
    }
    for (std::ptrdiff_t v = 0; v < kVectors; ++v) {
      out[pass + 2 * v] = static_cast<float>(acc[v][0]);
      out[pass + 2 * v + 1] = static_cast<float>(acc[v][1]);
    }
  }
}

#if defined(__x86_64__)
GENREKIT_AVX2_TARGET void interior_block_avx2(const Tap* taps, std::size_t n_taps, std::ptrdiff_t t, float* out) {
  constexpr std::ptrdiff_t kVectors = kLanes / 4;
  __m256d acc[kVectors];
  for (auto& a : acc) a = _mm256_setzero_pd();
  for (std::size_t i = 0; i < n_taps; ++i) {
    const double* src = taps[i].phase + t + taps[i].shift;
    const __m256d w = _mm256_set1_pd(taps[i].weight);
#pragma GCC unroll 8
    for (std::ptrdiff_t v = 0; v < kVectors; ++v) acc[v] = _mm256_add_pd(acc[v], _mm256_mul_pd(w, _mm256_loadu_pd(src + 4 * v)));
  }
#pragma GCC unroll 8
  for (std::ptrdiff_t v = 0; v < kVectors; ++v) _mm_storeu_ps(out + 4 * v, _mm256_cvtpd_ps(acc[v]));
}
#endif

using InteriorBlock = void (*)(const Tap*, std::size_t, std::ptrdiff_t, float*);
InteriorBlock interior_block() {
#if defined(__x86_64__)
  static const InteriorBlock chosen = cpu_has_avx2() ? interior_block_avx2 : interior_block_portable;
  return chosen;
#else
  return interior_block_portable;
#endif
}

// to[j] = from[j * stride] widened to double, for j < n; the CQT's halvings (stride 2) in a clone
// of their own, where the compiler knows the stride (and vectorises, with AVX2 where there is).
void widen_every(const float* from, std::ptrdiff_t stride, std::ptrdiff_t n, double* to) noexcept {
  for (std::ptrdiff_t j = 0; j < n; ++j) to[j] = static_cast<double>(from[j * stride]);
}
GENREKIT_AVX2_CLONES void widen_every_other(const float* from, std::ptrdiff_t n, double* to) noexcept {
  for (std::ptrdiff_t j = 0; j < n; ++j) to[j] = static_cast<double>(from[2 * j]);
}

// resampy's loop for an integer time step: y[t] = sum_ii left[ii] x[n - ii] + sum_k right[k] x[n + 1 + k],
// n = t * step, summed in that order in double for every output. Near the ends the wings are cut as
// resampy 0.1.5 cuts them (the right wing's bound reuses the left loop's last index); in between,
// kLanes consecutive outputs advance tap by tap together, reading the signal split into its `step`
// phases so that the lanes' samples are contiguous: the same sums, vectorised across outputs.
void decimate(std::span<const float> x, std::ptrdiff_t step, const std::vector<double>& left,
              const std::vector<double>& right, std::vector<float>& y) {
  const auto n_orig = static_cast<std::ptrdiff_t>(x.size());
  const auto n_out = static_cast<std::ptrdiff_t>(y.size());
  const auto left_taps = static_cast<std::ptrdiff_t>(left.size()), right_taps = static_cast<std::ptrdiff_t>(right.size());
  const auto one_output = [&](std::ptrdiff_t t) {
    const std::ptrdiff_t n = t * step;
    double acc = 0.0;
    const std::ptrdiff_t lim = std::min(n + 1, left_taps);  // >= 1: the left wing always has its centre tap
    for (std::ptrdiff_t ii = 0; ii < lim; ++ii) acc += left[static_cast<std::size_t>(ii)] * static_cast<double>(x[static_cast<std::size_t>(n - ii)]);
    const std::ptrdiff_t i_last = lim - 1;  // resampy's loop variable, left behind by the left wing
    const std::ptrdiff_t bound = std::min(n_orig - i_last - n + 1, right_taps);
    const std::ptrdiff_t lim2 = std::min(bound, n_orig - n - 1);  // 0.1.5 read past the end; the reference reads 0
    for (std::ptrdiff_t k = 0; k < lim2; ++k) acc += right[static_cast<std::size_t>(k)] * static_cast<double>(x[static_cast<std::size_t>(n + 1 + k)]);
    y[static_cast<std::size_t>(t)] = static_cast<float>(acc);
  };
  // Interior outputs: both wings whole, and the right wing's bound (with i_last = left_taps - 1,
  // which every interior output leaves behind) not binding.
  const std::ptrdiff_t first = (left_taps - 1 + step - 1) / step;
  std::ptrdiff_t end = n_out;
  while (end > first && !((end - 1) * step + right_taps + 1 <= n_orig && n_orig - (left_taps - 1) - (end - 1) * step + 1 >= right_taps)) --end;
  std::ptrdiff_t t = 0;
  for (; t < std::min(first, n_out); ++t) one_output(t);
  if (end - t >= kLanes) {
    // The phases of one chunk of outputs at a time (phase[r][j] = x[(j0 + j) step + r]), so the
    // copy stays small whatever the signal's length.
    constexpr std::ptrdiff_t kChunk = 256 * kLanes;
    const std::ptrdiff_t max_back = (left_taps - 1 + step - 1) / step, max_forward = right_taps / step;
    const std::ptrdiff_t phase_length = kChunk + max_back + max_forward + 1;
    std::vector<std::vector<double>> phases(static_cast<std::size_t>(step), std::vector<double>(static_cast<std::size_t>(phase_length)));
    std::vector<Tap> taps;
    for (std::ptrdiff_t ii = 0; ii < left_taps; ++ii) {  // x[t step - ii]
      const std::ptrdiff_t back = (ii + step - 1) / step;
      taps.push_back({left[static_cast<std::size_t>(ii)], phases[static_cast<std::size_t>(back * step - ii)].data(), -back});
    }
    for (std::ptrdiff_t k = 0; k < right_taps; ++k)  // x[t step + 1 + k]
      taps.push_back({right[static_cast<std::size_t>(k)], phases[static_cast<std::size_t>((1 + k) % step)].data(), (1 + k) / step});
    const InteriorBlock block = interior_block();
    while (end - t >= kLanes) {
      const std::ptrdiff_t outputs = std::min(kChunk, (end - t) / kLanes * kLanes);
      const std::ptrdiff_t j0 = t - max_back;  // phase index of the chunk's first slot
      const std::ptrdiff_t slots = outputs + max_back + max_forward + 1;
      for (std::ptrdiff_t r = 0; r < step; ++r) {
        double* phase = phases[static_cast<std::size_t>(r)].data();
        // Slot j holds x[(j0 + j) step + r]; the slots outside the signal (zero) are never read.
        const std::ptrdiff_t lo = std::clamp<std::ptrdiff_t>(-j0, 0, slots);
        const std::ptrdiff_t hi = std::clamp<std::ptrdiff_t>((n_orig - r + step - 1) / step - j0, lo, slots);
        std::fill(phase, phase + lo, 0.0);
        std::fill(phase + hi, phase + slots, 0.0);
        const float* source = x.data() + (j0 + lo) * step + r;
        if (step == 2)
          widen_every_other(source, hi - lo, phase + lo);
        else
          widen_every(source, step, hi - lo, phase + lo);
      }
      for (std::ptrdiff_t b = 0; b < outputs; b += kLanes) block(taps.data(), taps.size(), max_back + b, y.data() + t + b);
      t += outputs;
    }
  }
  for (; t < n_out; ++t) one_output(t);
}

}  // namespace

double resampy_rolloff(ResampyFilter filter) { return spec(filter).rolloff; }

std::size_t resampy_reach(ResampyFilter filter, double sr_orig, double sr_new) {
  const double scale = std::min(1.0, sr_new / sr_orig);  // the filter widens by 1 / scale when decimating
  return static_cast<std::size_t>(std::ceil(spec(filter).zero_crossings / scale)) + 1;
}

namespace {

// resampy's filter for one ratio: the table scaled for decimation, its differences, and the step.
struct Interpolation {
  std::vector<double> win, delta;
  double ratio = 1, scale = 1, time_increment = 1;
  std::ptrdiff_t index_step = 0;

  Interpolation(double sr_orig, double sr_new, ResampyFilter filter) : win(filter_table(filter)) {
    if (sr_orig <= 0 || sr_new <= 0) throw std::invalid_argument("resample: sample rates must be positive");
    ratio = sr_new / sr_orig;
    if (ratio < 1)
      for (auto& w : win) w *= ratio;
    delta.assign(win.size(), 0.0);
    for (std::size_t i = 0; i + 1 < win.size(); ++i) delta[i] = win[i + 1] - win[i];
    scale = std::min(1.0, ratio);
    time_increment = 1.0 / ratio;
    index_step = static_cast<std::ptrdiff_t>(scale * kPerCrossing);
  }
  bool whole_step() const { return time_increment == std::floor(time_increment); }

  // The integer time step's loop: a decimating FIR filter (the time register only takes integer
  // values, so frac = 0 for every output and both wings use the same weights throughout).
  void decimate_all(std::span<const float> x, std::vector<float>& y) const {
    const auto nwin = static_cast<std::ptrdiff_t>(win.size());
    const auto right_offset = static_cast<std::ptrdiff_t>(scale * kPerCrossing);
    const double right_eta = scale * kPerCrossing - static_cast<double>(right_offset);
    std::vector<double> left(static_cast<std::size_t>(nwin / index_step));
    std::vector<double> right(static_cast<std::size_t>((nwin - right_offset) / index_step));
    for (std::size_t ii = 0; ii < left.size(); ++ii) left[ii] = win[ii * static_cast<std::size_t>(index_step)];
    for (std::size_t k = 0; k < right.size(); ++k) {
      const auto w = static_cast<std::size_t>(right_offset) + k * static_cast<std::size_t>(index_step);
      right[k] = win[w] + right_eta * delta[w];
    }
    decimate(x, static_cast<std::ptrdiff_t>(time_increment), left, right, y);
  }

  // int(length * ratio), as resampy sizes its output.
  std::size_t outputs(std::size_t length) const { return static_cast<std::size_t>(static_cast<double>(length) * ratio); }

  // resampy's general loop for `count` outputs from `time_register` on (advanced as resampy advances
  // it), of a signal of n_orig samples of which `x` holds [x_offset, x_offset + x.size()); every
  // sample an output reads must be inside `x`.
  void interpolate(std::span<const float> x, std::ptrdiff_t x_offset, std::ptrdiff_t n_orig, double& time_register, float* y,
                   std::size_t count) const {
    const auto nwin = static_cast<std::ptrdiff_t>(win.size());
    const auto at = [&](std::ptrdiff_t n) { return static_cast<double>(x[static_cast<std::size_t>(n - x_offset)]); };
    std::ptrdiff_t i_last = 0;  // resampy's loop variable: the right wing's bound reuses the left wing's last index
    for (std::size_t t = 0; t < count; ++t) {
      const auto n = static_cast<std::ptrdiff_t>(time_register);
      double acc = 0.0;
      // Left wing: x[n], x[n-1], ...
      double frac = scale * (time_register - static_cast<double>(n));
      double index_frac = frac * kPerCrossing;
      auto offset = static_cast<std::ptrdiff_t>(index_frac);
      double eta = index_frac - static_cast<double>(offset);
      const std::ptrdiff_t lim = std::min(n + 1, (nwin - offset) / index_step);
      for (std::ptrdiff_t ii = 0; ii < lim; ++ii) {
        const auto k = static_cast<std::size_t>(offset + ii * index_step);
        acc += (win[k] + eta * delta[k]) * at(n - ii);
      }
      if (lim > 0) i_last = lim - 1;
      // Right wing: x[n+1], x[n+2], ...
      frac = scale - frac;
      index_frac = frac * kPerCrossing;
      offset = static_cast<std::ptrdiff_t>(index_frac);
      eta = index_frac - static_cast<double>(offset);
      const std::ptrdiff_t lim2 = std::min(n_orig - i_last - n + 1, (nwin - offset) / index_step);
      for (std::ptrdiff_t k = 0; k < lim2; ++k) {
        if (n + k + 1 >= n_orig) break;  // 0.1.5 read past the end here; the reference treats it as 0
        const auto w = static_cast<std::size_t>(offset + k * index_step);
        acc += (win[w] + eta * delta[w]) * at(n + k + 1);
      }
      if (lim2 > 0) i_last = lim2 - 1;
      y[t] = static_cast<float>(acc);
      time_register += time_increment;
    }
  }
};

}  // namespace

std::vector<float> resample_resampy015(std::span<const float> x, double sr_orig, double sr_new, ResampyFilter filter) {
  const Interpolation interpolation(sr_orig, sr_new, filter);
  std::vector<float> y(interpolation.outputs(x.size()));
  if (interpolation.whole_step()) {
    interpolation.decimate_all(x, y);
  } else {
    double time_register = 0.0;
    interpolation.interpolate(x, 0, static_cast<std::ptrdiff_t>(x.size()), time_register, y.data(), y.size());
  }
  return y;
}

// The input is kept from `base` on, a multiple of in_period samples so that the window's outputs
// fall on the whole signal's output grid. An output is final once the samples it reads, and the
// span over which resampy 0.1.5 shortens its right wing near the end, lie inside the window.
struct ResampyStream::State {
  Interpolation interpolation;
  std::size_t in_period, out_period, reach;
  std::vector<float> window;
  std::size_t base = 0, total = 0, emitted = 0, computed = 0;
  double time_register = 0.0;  // the general loop's, for the next output

  static constexpr std::size_t kMinNew = 1 << 15;  // input between two computations

  State(std::size_t in_rate, std::size_t out_rate, ResampyFilter filter)
      : interpolation(static_cast<double>(in_rate), static_cast<double>(out_rate), filter),
        in_period(in_rate / std::gcd(in_rate, out_rate)), out_period(out_rate / std::gcd(in_rate, out_rate)),
        reach(resampy_reach(filter, static_cast<double>(in_rate), static_cast<double>(out_rate))) {}

  std::size_t outputs_before_window() const { return base / in_period * out_period; }

  // Appends the outputs from the next unemitted one up to `end` (absolute); `n_orig`: the signal's
  // length once known. Then drops the input no later output reads.
  void emit(std::size_t end, std::ptrdiff_t n_orig, std::vector<float>& y) {
    if (end <= emitted) return;
    const std::size_t at = y.size();
    if (interpolation.whole_step()) {
      // The window's own decimation: the same sums as the whole signal's (its edges cut only where
      // the whole signal's are: at a base of 0 and at the real end).
      std::vector<float> outputs(interpolation.outputs(window.size()));
      interpolation.decimate_all(window, outputs);
      const std::size_t first = emitted - outputs_before_window(), last = std::min(end - outputs_before_window(), outputs.size());
      y.insert(y.end(), outputs.begin() + static_cast<std::ptrdiff_t>(first), outputs.begin() + static_cast<std::ptrdiff_t>(last));
    } else {
      y.resize(at + (end - emitted));
      interpolation.interpolate(window, static_cast<std::ptrdiff_t>(base), n_orig, time_register, y.data() + at, end - emitted);
    }
    emitted += y.size() - at;
    computed = window.size();
    const std::size_t next_time = emitted * in_period / out_period;  // the next output's input sample, give or take one
    if (next_time > reach + 1) {
      const std::size_t new_base = (next_time - reach - 1) / in_period * in_period;
      if (new_base > base) {
        window.erase(window.begin(), window.begin() + static_cast<std::ptrdiff_t>(new_base - base));
        computed -= new_base - base;
        base = new_base;
      }
    }
  }
};

namespace {

std::size_t whole_hertz(double rate) {
  if (!(rate >= 1) || rate != std::floor(rate))
    throw std::invalid_argument("resampling a stream: the rate " + std::to_string(rate) + " Hz is not a whole number");
  return static_cast<std::size_t>(rate);
}

}  // namespace

ResampyStream::ResampyStream(double sr_orig, double sr_new, ResampyFilter filter)
    : state_(std::make_unique<State>(whole_hertz(sr_orig), whole_hertz(sr_new), filter)) {}

ResampyStream::~ResampyStream() = default;

void ResampyStream::push(std::span<const float> x, std::vector<float>& y) {
  State& s = *state_;
  s.window.insert(s.window.end(), x.begin(), x.end());
  s.total += x.size();
  if (s.window.size() < 4 * s.reach + State::kMinNew || s.window.size() - s.computed < State::kMinNew) return;
  // Outputs whose time is below this input sample (two short of where the right wing's bound could
  // bind, for the time register's rounding) read only samples inside the window.
  const std::size_t limit = s.base + s.window.size() - 2 * s.reach - 3;
  s.emit(limit * s.out_period / s.in_period, std::numeric_limits<std::ptrdiff_t>::max() / 2, y);
}

void ResampyStream::finish(std::vector<float>& y) {
  State& s = *state_;
  s.emit(s.interpolation.outputs(s.total), static_cast<std::ptrdiff_t>(s.total), y);
}

std::vector<float> librosa_resample(std::span<const float> y, double orig_sr, double target_sr, ResampyFilter filter,
                                    bool scale) {
  if (orig_sr == target_sr) return {y.begin(), y.end()};
  const double ratio = target_sr / orig_sr;
  std::vector<float> out = resample_resampy015(y, orig_sr, target_sr, filter);
  out.resize(static_cast<std::size_t>(std::ceil(static_cast<double>(y.size()) * ratio)), 0.0f);
  if (scale) {
    const auto divisor = static_cast<float>(std::sqrt(ratio));  // numpy divides a float32 array in float32
    for (auto& v : out) v /= divisor;
  }
  return out;
}

}  // namespace genrekit::dsp
