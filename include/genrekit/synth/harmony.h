#pragma once
// Scales and chord progressions for the synthetic genres.
#include <vector>

#include "genrekit/synth/genre_style.h"
#include "genrekit/synth/random.h"

namespace genrekit::synth {

struct Chord {
  int root = 60;           // MIDI
  std::vector<int> notes;  // MIDI, root position around the middle register
};

// Semitone offsets of the melody scale for a harmony type (Atonal: all twelve).
std::vector<int> scale_of(Harmony harmony);

// One chord per bar (two per bar for Jazz), `bars` long, in `key` (MIDI tonic).
std::vector<Chord> progression(Harmony harmony, int key, int bars, Random& random);

}  // namespace genrekit::synth
