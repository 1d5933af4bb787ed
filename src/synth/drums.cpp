#include "genrekit/synth/drums.h"

#include <algorithm>
#include <cmath>
#include <optional>

#include "genrekit/synth/filters.h"
#include "genrekit/synth/sine_table.h"

namespace genrekit::synth {

namespace {

// A sine whose pitch falls exponentially from f_start to f_end (kicks, toms, hand drums).
void swept_sine(std::vector<float>& out, double sr, std::size_t first, double f_start, double f_end, double sweep,
                double decay, double gain) {
  if (first >= out.size()) return;
  const std::size_t length = std::min(static_cast<std::size_t>(6 * decay * sr), out.size() - first);
  const double sweep_factor = std::exp(-1.0 / (sweep * sr)), decay_factor = std::exp(-1.0 / (decay * sr));
  double phase = 0, bend = 1, level = gain;
  for (std::size_t i = 0; i < length; ++i) {
    phase += (f_end + (f_start - f_end) * bend) / sr;
    out[first + i] += static_cast<float>(level * SineTable::at(phase));
    bend *= sweep_factor;
    level *= decay_factor;
  }
}

// Filtered white noise with an exponential decay (snares, hats, brushes, claps).
void noise_burst(std::vector<float>& out, double sr, std::size_t first, Biquad filter, double decay, double gain,
                 double attack, Random& random) {
  if (first >= out.size()) return;
  const std::size_t length = std::min(static_cast<std::size_t>(6 * decay * sr), out.size() - first);
  const double decay_factor = std::exp(-1.0 / (decay * sr));
  const double attack_samples = attack * sr;
  double level = gain;
  for (std::size_t i = 0; i < length; ++i) {
    const double ramp = static_cast<double>(i) < attack_samples ? static_cast<double>(i) / attack_samples : 1.0;
    out[first + i] += static_cast<float>(ramp * level) * filter.process(static_cast<float>(random.uniform(-1, 1)));
    level *= decay_factor;
  }
}

}  // namespace

void render_hit(std::vector<float>& out, double sr, double time, Drum drum, double velocity, Random& random) {
  if (time < 0) return;
  const auto first = static_cast<std::size_t>(time * sr);
  const double v = velocity;
  switch (drum) {
    case Drum::Kick:
      swept_sine(out, sr, first, 160, 50, 0.03, 0.12, 0.9 * v);
      noise_burst(out, sr, first, Biquad::lowpass(sr, 3000), 0.004, 0.3 * v, 0, random);
      break;
    case Drum::Kick808: swept_sine(out, sr, first, 90, 45, 0.05, 0.35, 1.0 * v); break;
    case Drum::Snare:
      swept_sine(out, sr, first, 240, 180, 0.02, 0.05, 0.4 * v);
      noise_burst(out, sr, first, Biquad::bandpass(sr, 2500, 0.8), 0.07, 0.9 * v, 0, random);
      break;
    case Drum::Clap:
      for (int k = 0; k < 3; ++k)
        noise_burst(out, sr, first + static_cast<std::size_t>(k * 0.011 * sr), Biquad::bandpass(sr, 1400, 1.5),
                    k == 2 ? 0.06 : 0.008, 0.9 * v, 0, random);
      break;
    case Drum::ClosedHat: noise_burst(out, sr, first, Biquad::highpass(sr, 7500), 0.015, 0.35 * v, 0, random); break;
    case Drum::OpenHat: noise_burst(out, sr, first, Biquad::highpass(sr, 6500), 0.12, 0.3 * v, 0, random); break;
    case Drum::Ride: {
      // Inharmonic partials give the metallic ring; a little noise the stick.
      for (double ratio : {1.0, 1.47, 1.94, 2.63, 3.41, 4.13})
        swept_sine(out, sr, first, 420 * ratio, 420 * ratio, 1.0, 0.25, 0.05 * v);
      noise_burst(out, sr, first, Biquad::highpass(sr, 5000), 0.08, 0.12 * v, 0, random);
      break;
    }
    case Drum::Brush: noise_burst(out, sr, first, Biquad::bandpass(sr, 3500, 0.6), 0.05, 0.25 * v, 0.02, random); break;
    case Drum::HandLow: swept_sine(out, sr, first, 180, 110, 0.02, 0.09, 0.7 * v); break;
    case Drum::HandHigh: swept_sine(out, sr, first, 420, 320, 0.01, 0.05, 0.5 * v); break;
  }
}

}  // namespace genrekit::synth
