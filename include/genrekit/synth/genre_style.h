#pragma once
// How each of FMA's 16 top-level genres sounds in the synthetic corpus: distributions over tempo,
// meter, rhythm, harmony, instrumentation, dynamics and texture. A track draws one recipe from its
// genre's style, and borrows some traits from a musically neighbouring genre, so that genres
// overlap the way real ones do and a good classifier lands well above chance but below 100 %.
#include <string>
#include <utility>
#include <vector>

#include "genrekit/synth/instruments.h"
#include "genrekit/synth/random.h"

namespace genrekit::synth {

enum class Rhythm { None, Straight, Swung, FourOnFloor, Breakbeat, HalfTime, Shuffle, TwoBeat, Waltz, HandDrums };
enum class Harmony { Major, Minor, Blues, Jazz, Modal, Exotic, Atonal };

template <typename T>
using Weighted = std::vector<std::pair<T, double>>;

struct GenreStyle {
  std::string title;             // FMA's genre title
  int genre_id = 0;              // FMA's genre id
  double bpm_low = 90, bpm_high = 120;
  Weighted<Rhythm> rhythms;
  Weighted<Harmony> harmonies;
  Weighted<Instrument> chord_instruments, lead_instruments, bass_instruments;
  double chords = 1, lead = 1, bass = 1;  // probability that the part plays
  double sung = 0;               // probability that the lead is a voice
  double speech = 0;             // probability of speech over (or instead of) the music
  double notes_per_beat = 1;     // lead density
  double dynamics = 0.3;         // 0 steady .. 1 wide swells and drops
  double brightness = 1;         // scales the final low-pass cut-off
  double noise = 0;              // broadband noise / texture level
  double distortion = 0;         // 0 clean .. 1 heavily driven mix
  double reverb = 0.2;
  double old_recording = 0;      // probability of band-limited, hissy, crackly "78 rpm" colour
  std::vector<std::string> neighbours;  // genres traits are borrowed from
};

// The 16 styles, in FMA's genre-id order of their titles.
const std::vector<GenreStyle>& genre_styles();
const GenreStyle& style_of(const std::string& title);

// Everything needed to render one track, drawn from a style.
struct TrackRecipe {
  double bpm = 120;
  int beats_per_bar = 4;
  Rhythm rhythm = Rhythm::Straight;
  bool electronic_kit = false;
  Harmony harmony = Harmony::Major;
  int key = 60;                  // MIDI note of the tonic
  bool has_chords = true, has_lead = true, has_bass = true, sung = false, speech = false;
  Instrument chord_instrument = Instrument::Piano, lead_instrument = Instrument::Piano,
             bass_instrument = Instrument::FingerBass;
  double notes_per_beat = 1, dynamics = 0.3, brightness = 1, noise = 0, distortion = 0, reverb = 0.2;
  bool old_recording = false;
};

// `borrow` is the probability that each trait group comes from a neighbouring genre instead.
TrackRecipe draw_recipe(const GenreStyle& style, double borrow, Random& random);

}  // namespace genrekit::synth
