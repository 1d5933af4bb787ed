#pragma once
// A source-filter voice: a glottal pulse train through vowel formant resonators. Sung, it follows
// a melody; spoken, it makes syllables with a falling pitch contour, consonant noise and pauses
// (the Spoken genre, and rap over Hip-Hop beats).
#include <vector>

#include "genrekit/synth/instruments.h"
#include "genrekit/synth/random.h"

namespace genrekit::synth {

void render_sung_note(std::vector<float>& out, double sr, const Note& note, Random& random);

// Speech-like babble from `start` to `end` seconds. `rate` in syllables per second, `pitch` the
// speaker's mean f0 in Hz, `pause` the probability of a pause after a word.
void render_speech(std::vector<float>& out, double sr, double start, double end, double rate, double pitch,
                   double pause, Random& random);

}  // namespace genrekit::synth
