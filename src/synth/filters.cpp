#include "genrekit/synth/filters.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>

namespace genrekit::synth {

namespace {

// Angular frequency and the RBJ "alpha" of a filter at `f` Hz (kept below Nyquist).
std::pair<double, double> omega_alpha(double sr, double f, double q) {
  const double w = 2 * std::numbers::pi * std::min(f, 0.45 * sr) / sr;
  return {w, std::sin(w) / (2 * q)};
}

}  // namespace

Biquad::Biquad(double b0, double b1, double b2, double a0, double a1, double a2)
    : b0_(b0 / a0), b1_(b1 / a0), b2_(b2 / a0), a1_(a1 / a0), a2_(a2 / a0) {}

Biquad Biquad::lowpass(double sr, double cutoff, double q) {
  const auto [w, alpha] = omega_alpha(sr, cutoff, q);
  const double cw = std::cos(w);
  return {(1 - cw) / 2, 1 - cw, (1 - cw) / 2, 1 + alpha, -2 * cw, 1 - alpha};
}

Biquad Biquad::highpass(double sr, double cutoff, double q) {
  const auto [w, alpha] = omega_alpha(sr, cutoff, q);
  const double cw = std::cos(w);
  return {(1 + cw) / 2, -(1 + cw), (1 + cw) / 2, 1 + alpha, -2 * cw, 1 - alpha};
}

Biquad Biquad::bandpass(double sr, double centre, double q) {
  const auto [w, alpha] = omega_alpha(sr, centre, q);
  return {alpha, 0, -alpha, 1 + alpha, -2 * std::cos(w), 1 - alpha};
}

float Biquad::process(float x) {
  const double y = b0_ * x + b1_ * x1_ + b2_ * x2_ - a1_ * y1_ - a2_ * y2_;
  x2_ = x1_;
  x1_ = x;
  y2_ = y1_;
  y1_ = y;
  return static_cast<float>(y);
}

void Biquad::process(std::vector<float>& signal) {
  for (auto& x : signal) x = process(x);
}

void apply_reverb(std::vector<float>& signal, double sr, double room, double mix) {
  if (mix <= 0) return;
  // Comb and allpass lengths (ms) chosen mutually prime, scaled by the room size.
  constexpr std::array<double, 4> kCombMs{29.7, 37.1, 41.1, 43.7};
  constexpr std::array<double, 2> kAllpassMs{5.0, 1.7};
  const double feedback = 0.70 + 0.25 * std::clamp(room, 0.0, 1.0);
  std::vector<float> wet(signal.size(), 0.0f);
  for (double ms : kCombMs) {
    const auto delay = static_cast<std::size_t>(ms * (0.6 + room) * sr / 1000.0);
    std::vector<float> line(std::max<std::size_t>(delay, 1), 0.0f);
    std::size_t pos = 0;
    for (std::size_t i = 0; i < signal.size(); ++i) {
      const float out = line[pos];
      line[pos] = signal[i] + static_cast<float>(feedback) * out;
      wet[i] += 0.25f * out;
      pos = (pos + 1) % line.size();
    }
  }
  for (double ms : kAllpassMs) {
    const auto delay = static_cast<std::size_t>(ms * sr / 1000.0);
    std::vector<float> line(std::max<std::size_t>(delay, 1), 0.0f);
    std::size_t pos = 0;
    for (auto& x : wet) {
      const float buffered = line[pos];
      const float out = -0.5f * x + buffered;
      line[pos] = x + 0.5f * buffered;
      x = out;
      pos = (pos + 1) % line.size();
    }
  }
  const auto dry = static_cast<float>(1 - mix), gain = static_cast<float>(mix);
  for (std::size_t i = 0; i < signal.size(); ++i) signal[i] = dry * signal[i] + gain * wet[i];
}

void apply_distortion(std::vector<float>& signal, double drive) {
  if (drive <= 1.0) return;
  const double norm = 1.0 / std::tanh(drive);
  for (auto& x : signal) x = static_cast<float>(std::tanh(drive * x) * norm);
}

}  // namespace genrekit::synth
