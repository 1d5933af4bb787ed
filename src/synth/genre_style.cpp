#include "genrekit/synth/genre_style.h"

#include <algorithm>
#include <stdexcept>

namespace genrekit::synth {

namespace {

using I = Instrument;
using R = Rhythm;
using H = Harmony;

std::vector<GenreStyle> make_styles() {
  std::vector<GenreStyle> s;
  s.push_back({.title = "International", .genre_id = 2, .bpm_low = 80, .bpm_high = 140,
               .rhythms = {{R::HandDrums, 3}, {R::Waltz, 1}, {R::Straight, 1}},
               .harmonies = {{H::Exotic, 4}, {H::Modal, 2}, {H::Minor, 1}},
               .chord_instruments = {{I::Reed, 2}, {I::Strings, 1}, {I::Guitar, 1}},
               .lead_instruments = {{I::Sitar, 3}, {I::Flute, 2}, {I::Reed, 1}},
               .bass_instruments = {{I::FingerBass, 1}}, .chords = 0.6, .lead = 0.95, .bass = 0.5, .sung = 0.3,
               .notes_per_beat = 2, .dynamics = 0.3, .brightness = 0.9, .reverb = 0.25,
               .neighbours = {"Folk", "Experimental", "Pop"}});
  s.push_back({.title = "Blues", .genre_id = 3, .bpm_low = 65, .bpm_high = 110,
               .rhythms = {{R::Shuffle, 4}, {R::Swung, 2}},
               .harmonies = {{H::Blues, 5}, {H::Minor, 1}},
               .chord_instruments = {{I::Guitar, 2}, {I::Piano, 1}, {I::Organ, 1}},
               .lead_instruments = {{I::Reed, 2}, {I::Guitar, 2}, {I::DistortedGuitar, 1}},
               .bass_instruments = {{I::FingerBass, 1}}, .sung = 0.35, .notes_per_beat = 1.5, .dynamics = 0.3,
               .brightness = 0.8, .reverb = 0.2, .old_recording = 0.1,
               .neighbours = {"Jazz", "Rock", "Country", "Soul-RnB"}});
  s.push_back({.title = "Jazz", .genre_id = 4, .bpm_low = 90, .bpm_high = 220,
               .rhythms = {{R::Swung, 5}, {R::Straight, 1}},
               .harmonies = {{H::Jazz, 5}, {H::Blues, 1}},
               .chord_instruments = {{I::Piano, 3}, {I::ElectricPiano, 1}, {I::Vibraphone, 1}},
               .lead_instruments = {{I::Brass, 3}, {I::Vibraphone, 1}, {I::Piano, 1}, {I::Reed, 1}},
               .bass_instruments = {{I::FingerBass, 1}}, .sung = 0.15, .notes_per_beat = 2.5, .dynamics = 0.4,
               .brightness = 0.85, .reverb = 0.25, .old_recording = 0.1,
               .neighbours = {"Blues", "Easy Listening", "Soul-RnB", "Instrumental"}});
  s.push_back({.title = "Classical", .genre_id = 5, .bpm_low = 50, .bpm_high = 130,
               .rhythms = {{R::None, 1}},
               .harmonies = {{H::Major, 3}, {H::Minor, 3}},
               .chord_instruments = {{I::Strings, 3}, {I::Piano, 2}, {I::Organ, 1}},
               .lead_instruments = {{I::Strings, 2}, {I::Piano, 2}, {I::Flute, 1}, {I::Brass, 1}},
               .bass_instruments = {{I::Strings, 1}}, .bass = 0.6, .notes_per_beat = 2, .dynamics = 0.9,
               .brightness = 0.8, .reverb = 0.45, .old_recording = 0.05,
               .neighbours = {"Instrumental", "Old-Time / Historic", "Easy Listening"}});
  s.push_back({.title = "Old-Time / Historic", .genre_id = 8, .bpm_low = 70, .bpm_high = 140,
               .rhythms = {{R::TwoBeat, 3}, {R::Waltz, 1}, {R::None, 1}},
               .harmonies = {{H::Major, 4}, {H::Blues, 1}},
               .chord_instruments = {{I::Piano, 3}, {I::Guitar, 1}, {I::Reed, 1}},
               .lead_instruments = {{I::Brass, 2}, {I::Reed, 2}, {I::Strings, 1}},
               .bass_instruments = {{I::FingerBass, 1}}, .sung = 0.3, .speech = 0.1, .notes_per_beat = 1.5,
               .dynamics = 0.2, .brightness = 0.6, .noise = 0.05, .reverb = 0.1, .old_recording = 0.9,
               .neighbours = {"Classical", "Jazz", "Country", "Blues"}});
  s.push_back({.title = "Country", .genre_id = 9, .bpm_low = 85, .bpm_high = 140,
               .rhythms = {{R::TwoBeat, 3}, {R::Straight, 2}, {R::Waltz, 1}},
               .harmonies = {{H::Major, 5}, {H::Blues, 1}},
               .chord_instruments = {{I::Guitar, 4}, {I::Piano, 1}},
               .lead_instruments = {{I::Strings, 2}, {I::Guitar, 2}, {I::Reed, 1}},
               .bass_instruments = {{I::FingerBass, 1}}, .sung = 0.5, .notes_per_beat = 1.5, .dynamics = 0.25,
               .brightness = 1.0, .reverb = 0.15, .neighbours = {"Folk", "Rock", "Blues", "Pop"}});
  s.push_back({.title = "Pop", .genre_id = 10, .bpm_low = 90, .bpm_high = 128,
               .rhythms = {{R::Straight, 4}, {R::FourOnFloor, 1}},
               .harmonies = {{H::Major, 4}, {H::Minor, 1}},
               .chord_instruments = {{I::Piano, 2}, {I::Pad, 2}, {I::Guitar, 1}, {I::ElectricPiano, 1}},
               .lead_instruments = {{I::SawLead, 1}, {I::Piano, 1}},
               .bass_instruments = {{I::SynthBass, 1}, {I::FingerBass, 1}}, .sung = 0.7, .notes_per_beat = 2,
               .dynamics = 0.15, .brightness = 1.1, .reverb = 0.2,
               .neighbours = {"Rock", "Electronic", "Soul-RnB", "Easy Listening"}});
  s.push_back({.title = "Rock", .genre_id = 12, .bpm_low = 100, .bpm_high = 170,
               .rhythms = {{R::Straight, 5}, {R::HalfTime, 1}},
               .harmonies = {{H::Minor, 2}, {H::Major, 2}, {H::Blues, 1}},
               .chord_instruments = {{I::DistortedGuitar, 5}, {I::Organ, 1}},
               .lead_instruments = {{I::DistortedGuitar, 2}, {I::Guitar, 1}},
               .bass_instruments = {{I::FingerBass, 1}}, .sung = 0.5, .notes_per_beat = 2, .dynamics = 0.15,
               .brightness = 1.15, .noise = 0.02, .distortion = 0.4, .reverb = 0.15,
               .neighbours = {"Pop", "Blues", "Experimental", "Electronic"}});
  s.push_back({.title = "Easy Listening", .genre_id = 13, .bpm_low = 65, .bpm_high = 105,
               .rhythms = {{R::Straight, 2}, {R::Swung, 1}, {R::None, 1}},
               .harmonies = {{H::Jazz, 2}, {H::Major, 3}},
               .chord_instruments = {{I::Pad, 2}, {I::Strings, 2}, {I::ElectricPiano, 2}},
               .lead_instruments = {{I::Flute, 2}, {I::Vibraphone, 2}, {I::Piano, 1}},
               .bass_instruments = {{I::FingerBass, 1}}, .sung = 0.2, .notes_per_beat = 1, .dynamics = 0.1,
               .brightness = 0.7, .reverb = 0.35, .neighbours = {"Jazz", "Pop", "Instrumental", "Classical"}});
  s.push_back({.title = "Soul-RnB", .genre_id = 14, .bpm_low = 65, .bpm_high = 105,
               .rhythms = {{R::Swung, 2}, {R::HalfTime, 2}, {R::Straight, 1}},
               .harmonies = {{H::Jazz, 3}, {H::Minor, 2}, {H::Blues, 1}},
               .chord_instruments = {{I::ElectricPiano, 3}, {I::Organ, 2}, {I::Pad, 1}},
               .lead_instruments = {{I::Brass, 1}, {I::ElectricPiano, 1}},
               .bass_instruments = {{I::FingerBass, 2}, {I::SynthBass, 1}}, .sung = 0.75, .notes_per_beat = 2,
               .dynamics = 0.2, .brightness = 0.9, .reverb = 0.25,
               .neighbours = {"Hip-Hop", "Pop", "Jazz", "Blues"}});
  s.push_back({.title = "Electronic", .genre_id = 15, .bpm_low = 118, .bpm_high = 140,
               .rhythms = {{R::FourOnFloor, 5}, {R::Breakbeat, 2}},
               .harmonies = {{H::Minor, 4}, {H::Modal, 1}},
               .chord_instruments = {{I::Pad, 3}, {I::SawLead, 1}},
               .lead_instruments = {{I::SawLead, 4}, {I::ElectricPiano, 1}},
               .bass_instruments = {{I::SynthBass, 1}}, .sung = 0.1, .notes_per_beat = 4, .dynamics = 0.1,
               .brightness = 1.2, .noise = 0.02, .distortion = 0.1, .reverb = 0.2,
               .neighbours = {"Experimental", "Pop", "Hip-Hop", "Instrumental"}});
  s.push_back({.title = "Folk", .genre_id = 17, .bpm_low = 70, .bpm_high = 130,
               .rhythms = {{R::None, 2}, {R::Waltz, 1}, {R::TwoBeat, 1}},
               .harmonies = {{H::Major, 3}, {H::Modal, 2}, {H::Minor, 1}},
               .chord_instruments = {{I::Guitar, 5}, {I::Reed, 1}},
               .lead_instruments = {{I::Flute, 2}, {I::Strings, 1}, {I::Guitar, 1}},
               .bass_instruments = {{I::FingerBass, 1}}, .chords = 1, .bass = 0.3, .sung = 0.6,
               .notes_per_beat = 1.5, .dynamics = 0.3, .brightness = 0.85, .reverb = 0.2,
               .neighbours = {"Country", "International", "Instrumental", "Pop"}});
  s.push_back({.title = "Spoken", .genre_id = 20, .bpm_low = 60, .bpm_high = 100,
               .rhythms = {{R::None, 1}},
               .harmonies = {{H::Major, 1}, {H::Minor, 1}},
               .chord_instruments = {{I::Pad, 1}, {I::Piano, 1}},
               .lead_instruments = {{I::Piano, 1}},
               .bass_instruments = {{I::FingerBass, 1}}, .chords = 0.2, .lead = 0, .bass = 0, .speech = 1,
               .notes_per_beat = 0.5, .dynamics = 0.4, .brightness = 0.75, .noise = 0.03, .reverb = 0.1,
               .old_recording = 0.2, .neighbours = {"Old-Time / Historic", "Hip-Hop", "Experimental"}});
  s.push_back({.title = "Hip-Hop", .genre_id = 21, .bpm_low = 78, .bpm_high = 100,
               .rhythms = {{R::HalfTime, 3}, {R::Breakbeat, 2}},
               .harmonies = {{H::Minor, 4}, {H::Jazz, 1}},
               .chord_instruments = {{I::ElectricPiano, 2}, {I::Pad, 1}, {I::Piano, 1}},
               .lead_instruments = {{I::SawLead, 1}, {I::Brass, 1}},
               .bass_instruments = {{I::SynthBass, 3}, {I::FingerBass, 1}}, .lead = 0.4, .speech = 0.8,
               .notes_per_beat = 1, .dynamics = 0.1, .brightness = 0.95, .noise = 0.01, .reverb = 0.1,
               .neighbours = {"Soul-RnB", "Electronic", "Spoken", "Pop"}});
  s.push_back({.title = "Experimental", .genre_id = 38, .bpm_low = 40, .bpm_high = 180,
               .rhythms = {{R::None, 3}, {R::Breakbeat, 1}, {R::HandDrums, 1}},
               .harmonies = {{H::Atonal, 5}, {H::Exotic, 1}},
               .chord_instruments = {{I::Pad, 2}, {I::Organ, 1}, {I::Strings, 1}},
               .lead_instruments = {{I::SawLead, 1}, {I::Vibraphone, 1}, {I::Sitar, 1}, {I::Piano, 1}},
               .bass_instruments = {{I::SynthBass, 1}}, .chords = 0.6, .lead = 0.8, .bass = 0.3, .speech = 0.1,
               .notes_per_beat = 1.5, .dynamics = 0.8, .brightness = 1.0, .noise = 0.25, .distortion = 0.3,
               .reverb = 0.4, .old_recording = 0.05, .neighbours = {"Electronic", "Instrumental", "Rock"}});
  s.push_back({.title = "Instrumental", .genre_id = 1235, .bpm_low = 60, .bpm_high = 130,
               .rhythms = {{R::None, 2}, {R::Straight, 2}, {R::HalfTime, 1}},
               .harmonies = {{H::Minor, 2}, {H::Major, 2}, {H::Modal, 1}},
               .chord_instruments = {{I::Pad, 2}, {I::Strings, 2}, {I::Piano, 2}},
               .lead_instruments = {{I::Piano, 2}, {I::Strings, 1}, {I::SawLead, 1}, {I::Guitar, 1}},
               .bass_instruments = {{I::FingerBass, 1}, {I::SynthBass, 1}}, .bass = 0.6, .notes_per_beat = 1.5,
               .dynamics = 0.5, .brightness = 0.95, .noise = 0.02, .reverb = 0.35,
               .neighbours = {"Classical", "Electronic", "Easy Listening", "Experimental"}});
  return s;
}

}  // namespace

const std::vector<GenreStyle>& genre_styles() {
  static const std::vector<GenreStyle> styles = make_styles();
  return styles;
}

const GenreStyle& style_of(const std::string& title) {
  for (const auto& style : genre_styles())
    if (style.title == title) return style;
  throw std::invalid_argument("no synthetic style for genre '" + title + "'");
}

TrackRecipe draw_recipe(const GenreStyle& own, double borrow, Random& random) {
  // Each trait group comes from the track's own genre, or (probability `borrow`) from a neighbour.
  const auto source = [&]() -> const GenreStyle& {
    if (own.neighbours.empty() || !random.chance(borrow)) return own;
    return style_of(own.neighbours[random.index(own.neighbours.size())]);
  };
  TrackRecipe r;
  const GenreStyle& tempo = source();
  r.bpm = random.uniform(tempo.bpm_low, tempo.bpm_high);
  const GenreStyle& groove = source();
  r.rhythm = random.pick(groove.rhythms);
  r.beats_per_bar = r.rhythm == Rhythm::Waltz ? 3 : 4;
  r.electronic_kit = groove.title == "Electronic" || groove.title == "Hip-Hop" || (groove.title == "Pop" && random.chance(0.5));
  const GenreStyle& harmony = source();
  r.harmony = random.pick(harmony.harmonies);
  r.key = 48 + random.integer(0, 11);
  const GenreStyle& band = source();
  r.has_chords = random.chance(band.chords);
  r.has_lead = random.chance(band.lead);
  r.has_bass = random.chance(band.bass);
  r.sung = random.chance(band.sung);
  r.speech = random.chance(band.speech);
  r.chord_instrument = random.pick(band.chord_instruments);
  r.lead_instrument = random.pick(band.lead_instruments);
  r.bass_instrument = random.pick(band.bass_instruments);
  r.notes_per_beat = band.notes_per_beat * random.uniform(0.6, 1.4);
  const GenreStyle& texture = source();
  r.dynamics = std::clamp(texture.dynamics + random.normal(0, 0.1), 0.0, 1.0);
  r.brightness = texture.brightness * random.uniform(0.8, 1.2);
  r.noise = texture.noise * random.uniform(0.5, 1.5);
  r.distortion = texture.distortion * random.uniform(0.5, 1.5);
  r.reverb = std::clamp(texture.reverb + random.normal(0, 0.08), 0.0, 0.8);
  r.old_recording = random.chance(texture.old_recording);
  return r;
}

}  // namespace genrekit::synth
