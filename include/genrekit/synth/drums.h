#pragma once
// Synthesised percussion: acoustic and electronic kits, brushes and hand drums.
#include <vector>

#include "genrekit/synth/random.h"

namespace genrekit::synth {

enum class Drum { Kick, Kick808, Snare, Clap, ClosedHat, OpenHat, Ride, Brush, HandLow, HandHigh };

// Adds one hit at `time` seconds with `velocity` in 0..1 to `out` (mono, rate `sr`).
void render_hit(std::vector<float>& out, double sr, double time, Drum drum, double velocity, Random& random);

}  // namespace genrekit::synth
