#pragma once
// Pitched instruments of the synthetic corpus: additive, FM, plucked-string (Karplus-Strong) and
// subtractive voices, each with its own envelope and spectrum, so that instrumentation is one of
// the dimensions in which the synthetic genres differ.
#include <string_view>
#include <vector>

#include "genrekit/synth/random.h"

namespace genrekit::synth {

enum class Instrument {
  Piano, ElectricPiano, Organ, Strings, Pad, Guitar, DistortedGuitar, FingerBass, SynthBass, SawLead,
  Flute, Brass, Vibraphone, Sitar, Reed
};

std::string_view to_string(Instrument instrument);

struct Note {
  double start = 0;     // seconds
  double duration = 0;  // seconds
  double frequency = 0; // Hz
  double velocity = 1;  // 0..1
};

// Adds the note to `out` (mono, sample rate `sr`); samples past the end are dropped.
void render_note(std::vector<float>& out, double sr, const Note& note, Instrument instrument, Random& random);

double midi_to_hz(double midi);

}  // namespace genrekit::synth
