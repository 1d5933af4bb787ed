#include "genrekit/dsp/resample.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <mutex>
#include <numbers>
#include <stdexcept>

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

// Four independent partial sums: the compiler vectorises them (a plain loop must keep its order).
double dot(const double* w, const float* x, std::ptrdiff_t n) {
  double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  std::ptrdiff_t i = 0;
  for (; i + 4 <= n; i += 4) {
    s0 += w[i] * static_cast<double>(x[i]);
    s1 += w[i + 1] * static_cast<double>(x[i + 1]);
    s2 += w[i + 2] * static_cast<double>(x[i + 2]);
    s3 += w[i + 3] * static_cast<double>(x[i + 3]);
  }
  for (; i < n; ++i) s0 += w[i] * static_cast<double>(x[i]);
  return (s0 + s1) + (s2 + s3);
}

}  // namespace

double resampy_rolloff(ResampyFilter filter) { return spec(filter).rolloff; }

std::vector<float> resample_resampy015(std::span<const float> x, double sr_orig, double sr_new, ResampyFilter filter) {
  if (sr_orig <= 0 || sr_new <= 0) throw std::invalid_argument("resample: sample rates must be positive");
  const double ratio = sr_new / sr_orig;
  const auto n_out = static_cast<std::size_t>(static_cast<double>(x.size()) * ratio);
  std::vector<double> win = filter_table(filter);
  if (ratio < 1)
    for (auto& w : win) w *= ratio;
  std::vector<double> delta(win.size(), 0.0);
  for (std::size_t i = 0; i + 1 < win.size(); ++i) delta[i] = win[i + 1] - win[i];

  const double scale = std::min(1.0, ratio);
  const double time_increment = 1.0 / ratio;
  const auto index_step = static_cast<std::ptrdiff_t>(scale * kPerCrossing);
  const auto nwin = static_cast<std::ptrdiff_t>(win.size());
  const auto n_orig = static_cast<std::ptrdiff_t>(x.size());
  std::vector<float> y(n_out);
  if (time_increment == std::floor(time_increment)) {
    // The time register only takes integer values, so frac = 0 for every output: both wings use the
    // same interpolated weights throughout. Same arithmetic as the loop below, with the weights hoisted.
    const auto step = static_cast<std::ptrdiff_t>(time_increment);
    const std::ptrdiff_t left_taps = nwin / index_step;
    const auto right_offset = static_cast<std::ptrdiff_t>(scale * kPerCrossing);
    const double right_eta = scale * kPerCrossing - static_cast<double>(right_offset);
    const std::ptrdiff_t right_taps = (nwin - right_offset) / index_step;
    // The left wing's weights stored reversed, so both wings are forward dot products over x.
    std::vector<double> left(static_cast<std::size_t>(left_taps)), right(static_cast<std::size_t>(right_taps));
    for (std::ptrdiff_t ii = 0; ii < left_taps; ++ii)
      left[static_cast<std::size_t>(left_taps - 1 - ii)] = win[static_cast<std::size_t>(ii * index_step)];
    for (std::ptrdiff_t k = 0; k < right_taps; ++k) {
      const auto w = static_cast<std::size_t>(right_offset + k * index_step);
      right[static_cast<std::size_t>(k)] = win[w] + right_eta * delta[w];
    }
    std::ptrdiff_t i_last = 0;
    for (std::size_t t = 0; t < n_out; ++t) {
      const auto n = static_cast<std::ptrdiff_t>(t) * step;
      double acc = 0.0;
      const std::ptrdiff_t lim = std::min(n + 1, left_taps);
      acc += dot(left.data() + (left_taps - lim), x.data() + (n - lim + 1), lim);
      if (lim > 0) i_last = lim - 1;
      const std::ptrdiff_t lim2 = std::min({n_orig - i_last - n + 1, right_taps, n_orig - n - 1});
      if (lim2 > 0) acc += dot(right.data(), x.data() + n + 1, lim2);
      if (std::min(n_orig - i_last - n + 1, right_taps) > 0) i_last = std::min(n_orig - i_last - n + 1, right_taps) - 1;
      y[t] = static_cast<float>(acc);
    }
    return y;
  }
  double time_register = 0.0;
  std::ptrdiff_t i_last = 0;  // resampy's loop variable, kept between wings and outputs
  for (std::size_t t = 0; t < n_out; ++t) {
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
      acc += (win[k] + eta * delta[k]) * static_cast<double>(x[static_cast<std::size_t>(n - ii)]);
    }
    if (lim > 0) i_last = lim - 1;
    // Right wing: x[n+1], x[n+2], ...; its length bound uses the left wing's last index (0.1.5).
    frac = scale - frac;
    index_frac = frac * kPerCrossing;
    offset = static_cast<std::ptrdiff_t>(index_frac);
    eta = index_frac - static_cast<double>(offset);
    const std::ptrdiff_t lim2 = std::min(n_orig - i_last - n + 1, (nwin - offset) / index_step);
    for (std::ptrdiff_t k = 0; k < lim2; ++k) {
      if (n + k + 1 >= n_orig) break;  // 0.1.5 read past the end here; the reference treats it as 0
      const auto w = static_cast<std::size_t>(offset + k * index_step);
      acc += (win[w] + eta * delta[w]) * static_cast<double>(x[static_cast<std::size_t>(n + k + 1)]);
    }
    if (lim2 > 0) i_last = lim2 - 1;
    y[t] = static_cast<float>(acc);
    time_register += time_increment;
  }
  return y;
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
