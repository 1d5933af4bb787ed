#include "genrekit/synth/track_renderer.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "genrekit/synth/drums.h"
#include "genrekit/synth/filters.h"
#include "genrekit/synth/harmony.h"
#include "genrekit/synth/instruments.h"
#include "genrekit/synth/voice.h"

namespace genrekit::synth {

namespace {

using Signal = std::vector<float>;

struct Timeline {
  double beat = 0.5;  // seconds
  int beats_per_bar = 4;
  int bars = 0;
  double bar() const { return beat * beats_per_bar; }
};

bool is_sustained(Instrument i) {
  return i == Instrument::Pad || i == Instrument::Strings || i == Instrument::Organ || i == Instrument::Reed;
}

// The drum kit's hits for one bar, as (beat position, drum, velocity).
struct Hit {
  double position;
  Drum drum;
  double velocity;
};

std::vector<Hit> drum_bar(Rhythm rhythm, int beats, bool electronic, Random& random) {
  const Drum kick = electronic ? Drum::Kick808 : Drum::Kick;
  const Drum snare = electronic ? Drum::Clap : Drum::Snare;
  std::vector<Hit> hits;
  const auto eighths = [&](Drum d, double v, double swing) {
    for (int b = 0; b < beats; ++b) {
      hits.push_back({static_cast<double>(b), d, v});
      hits.push_back({b + 0.5 + swing, d, 0.7 * v});
    }
  };
  switch (rhythm) {
    case Rhythm::None: break;
    case Rhythm::Straight:
      hits.push_back({0, kick, 1});
      hits.push_back({2, kick, 0.9});
      if (random.chance(0.5)) hits.push_back({2.5, kick, 0.7});
      hits.push_back({1, snare, 0.9});
      hits.push_back({3, snare, 0.9});
      eighths(Drum::ClosedHat, 0.6, 0);
      break;
    case Rhythm::FourOnFloor:
      for (int b = 0; b < 4; ++b) {
        hits.push_back({static_cast<double>(b), kick, 1});
        hits.push_back({b + 0.5, Drum::OpenHat, 0.5});
        for (double s : {0.0, 0.25, 0.5, 0.75}) hits.push_back({b + s, Drum::ClosedHat, 0.35});
      }
      hits.push_back({1, snare, 0.8});
      hits.push_back({3, snare, 0.8});
      break;
    case Rhythm::Breakbeat:
      hits.push_back({0, kick, 1});
      hits.push_back({1.5, kick, 0.8});
      hits.push_back({2.25, kick, 0.7});
      hits.push_back({1, snare, 1});
      hits.push_back({3, snare, 1});
      hits.push_back({2.75, snare, 0.3});
      for (int s = 0; s < 16; ++s)
        if (random.chance(0.7)) hits.push_back({s * 0.25, Drum::ClosedHat, random.uniform(0.25, 0.5)});
      break;
    case Rhythm::HalfTime:
      hits.push_back({0, kick, 1});
      hits.push_back({1.5, kick, 0.8});
      hits.push_back({2, snare, 1});
      if (random.chance(0.5)) hits.push_back({3.5, kick, 0.7});
      eighths(Drum::ClosedHat, 0.5, 0.08);
      break;
    case Rhythm::Swung:
      for (int b = 0; b < beats; ++b) hits.push_back({static_cast<double>(b), Drum::Ride, 0.6});
      hits.push_back({1 + 2.0 / 3, Drum::Ride, 0.5});
      hits.push_back({3 + 2.0 / 3, Drum::Ride, 0.5});
      hits.push_back({1, Drum::ClosedHat, 0.4});
      hits.push_back({3, Drum::ClosedHat, 0.4});
      hits.push_back({0, kick, 0.4});
      if (random.chance(0.5)) hits.push_back({2 + 2.0 / 3, Drum::Brush, 0.5});
      break;
    case Rhythm::Shuffle:
      for (int b = 0; b < beats; ++b) {
        hits.push_back({static_cast<double>(b), Drum::ClosedHat, 0.5});
        hits.push_back({b + 2.0 / 3, Drum::ClosedHat, 0.4});
      }
      hits.push_back({0, kick, 0.9});
      hits.push_back({2, kick, 0.9});
      hits.push_back({1, snare, 0.8});
      hits.push_back({3, snare, 0.8});
      break;
    case Rhythm::TwoBeat:
      hits.push_back({0, kick, 0.9});
      hits.push_back({2, kick, 0.9});
      hits.push_back({1, Drum::Brush, 0.7});
      hits.push_back({3, Drum::Brush, 0.7});
      break;
    case Rhythm::Waltz:
      hits.push_back({0, kick, 0.8});
      hits.push_back({1, Drum::Brush, 0.5});
      hits.push_back({2, Drum::Brush, 0.5});
      break;
    case Rhythm::HandDrums:
      // A 12/8 bell-like pattern over low and high hand drums.
      for (int s = 0; s < beats * 3; ++s) {
        const double pos = s / 3.0;
        if (s % 3 == 0) hits.push_back({pos, Drum::HandLow, 0.9});
        else if (random.chance(0.6)) hits.push_back({pos, Drum::HandHigh, random.uniform(0.4, 0.8)});
      }
      break;
  }
  return hits;
}

void render_drums(Signal& out, double sr, const Timeline& time, const TrackRecipe& r, Random& random) {
  for (int bar = 0; bar < time.bars; ++bar) {
    for (const Hit& hit : drum_bar(r.rhythm, time.beats_per_bar, r.electronic_kit, random)) {
      const double t = (bar * time.beats_per_bar + hit.position) * time.beat + random.normal(0, 0.004);
      render_hit(out, sr, t, hit.drum, hit.velocity * random.uniform(0.85, 1.0), random);
    }
  }
}

void render_bass(Signal& out, double sr, const Timeline& time, const TrackRecipe& r,
                 const std::vector<Chord>& chords, Random& random) {
  const auto scale = scale_of(r.harmony);
  const std::size_t per_bar = chords.size() / static_cast<std::size_t>(time.bars);
  for (int bar = 0; bar < time.bars; ++bar) {
    for (int b = 0; b < time.beats_per_bar; ++b) {
      const auto& c = chords[static_cast<std::size_t>(bar) * per_bar + static_cast<std::size_t>(b) * per_bar / static_cast<std::size_t>(time.beats_per_bar)];
      int note = c.root - 24;
      switch (r.rhythm) {
        case Rhythm::Swung:  // walking bass: scale steps between chord roots
          note += scale[random.index(scale.size())] * (b == 0 ? 0 : 1);
          break;
        case Rhythm::TwoBeat:
        case Rhythm::Waltz:
          if (b % 2 == 1) note += 7;
          break;
        default: break;
      }
      const double start = (bar * time.beats_per_bar + b) * time.beat;
      if (r.rhythm == Rhythm::FourOnFloor) {  // off-beat synth bass
        render_note(out, sr, {start + time.beat / 2, time.beat * 0.4, midi_to_hz(note), 0.9}, r.bass_instrument, random);
      } else if (r.rhythm == Rhythm::HalfTime && b % 2 == 1) {
        continue;
      } else {
        const double length = r.rhythm == Rhythm::HalfTime ? time.beat * 1.8 : time.beat * 0.9;
        render_note(out, sr, {start, length, midi_to_hz(note), 0.9}, r.bass_instrument, random);
      }
    }
  }
}

void render_chords(Signal& out, double sr, const Timeline& time, const TrackRecipe& r,
                   const std::vector<Chord>& chords, Random& random) {
  const double chord_length = time.bar() * static_cast<double>(time.bars) / static_cast<double>(chords.size());
  const int beats_per_chord = std::max(1, static_cast<int>(std::lround(chord_length / time.beat)));
  for (std::size_t i = 0; i < chords.size(); ++i) {
    const double start = static_cast<double>(i) * chord_length;
    std::vector<int> notes = chords[i].notes;
    if (r.chord_instrument == Instrument::DistortedGuitar) notes = {chords[i].root - 12, chords[i].root - 5, chords[i].root};
    if (is_sustained(r.chord_instrument)) {
      for (int n : notes) render_note(out, sr, {start, chord_length * 0.98, midi_to_hz(n), 0.5}, r.chord_instrument, random);
    } else if (r.rhythm == Rhythm::None) {  // arpeggio in eighths
      for (int s = 0; s < beats_per_chord * 2; ++s)
        render_note(out, sr, {start + s * time.beat / 2, time.beat, midi_to_hz(notes[static_cast<std::size_t>(s) % notes.size()]), 0.6},
                    r.chord_instrument, random);
    } else {  // strummed / comped on the beats (eighths for driven guitars)
      const double step = r.chord_instrument == Instrument::DistortedGuitar ? time.beat / 2 : time.beat;
      for (double t = 0; t < chord_length - 1e-9; t += step)
        for (std::size_t k = 0; k < notes.size(); ++k)
          render_note(out, sr, {start + t + 0.012 * static_cast<double>(k), step * 0.9, midi_to_hz(notes[k]), 0.5},
                      r.chord_instrument, random);
    }
  }
}

void render_lead(Signal& out, double sr, const Timeline& time, const TrackRecipe& r, Random& random) {
  const auto scale = scale_of(r.harmony);
  const double end = time.bar() * time.bars;
  const double step = time.beat / std::max(0.25, r.notes_per_beat);
  int degree = static_cast<int>(random.index(scale.size()));
  int octave = 1;
  double t = time.bar() * random.integer(0, 1);
  while (t < end) {
    // Phrases of a few notes, then a rest.
    const int phrase = random.integer(3, 10);
    for (int k = 0; k < phrase && t < end; ++k) {
      if (r.harmony == Harmony::Atonal) {
        degree = static_cast<int>(random.index(scale.size()));
        octave = random.integer(0, 2);
      } else {
        degree += random.integer(-2, 2);
        while (degree < 0) { degree += static_cast<int>(scale.size()); --octave; }
        while (degree >= static_cast<int>(scale.size())) { degree -= static_cast<int>(scale.size()); ++octave; }
        octave = std::clamp(octave, 0, 2);
      }
      const int midi = r.key + 12 * octave + scale[static_cast<std::size_t>(degree)];
      const double length = step * (random.chance(0.25) ? 2 : 1);
      const Note note{t, length * 0.9, midi_to_hz(midi), random.uniform(0.6, 1.0)};
      if (r.sung) render_sung_note(out, sr, note, random);
      else render_note(out, sr, note, r.lead_instrument, random);
      t += length;
    }
    t += step * random.integer(1, 6);
  }
}

// Slowly varying gain (sections, swells): a random walk in dB, `depth` from the recipe's dynamics.
void apply_dynamics(Signal& signal, double sr, double dynamics, Random& random) {
  const double depth_db = 14.0 * dynamics;
  const auto segment = static_cast<std::size_t>(random.uniform(1.5, 4.0) * sr);
  double from = 0, to = random.uniform(-depth_db, 0);
  for (std::size_t i = 0; i < signal.size(); ++i) {
    if (i % segment == 0) {
      from = to;
      to = random.uniform(-depth_db, 0);
    }
    const double u = static_cast<double>(i % segment) / static_cast<double>(segment);
    signal[i] *= static_cast<float>(std::pow(10.0, (from + (to - from) * u) / 20.0));
  }
}

// Band-limited, hissy, crackly: a 78 rpm transfer. Surface noise goes through the same narrow
// band as the music, as it does on the disc.
void apply_old_recording(Signal& signal, double sr, Random& random) {
  Biquad high = Biquad::highpass(sr, 300);
  std::array<Biquad, 3> low{Biquad::lowpass(sr, 3000), Biquad::lowpass(sr, 3000), Biquad::lowpass(sr, 3000)};
  for (auto& x : signal) {
    double y = x + random.uniform(-0.03, 0.03);
    if (random.chance(15.0 / sr)) y += random.uniform(-0.5, 0.5);
    float band = high.process(static_cast<float>(y));
    for (auto& stage : low) band = stage.process(band);
    x = band;
  }
}

void add_noise_texture(Signal& signal, double sr, double level, Random& random) {
  if (level <= 0) return;
  Biquad colour = Biquad::bandpass(sr, random.uniform(300, 6000), random.uniform(0.3, 3));
  // Noise that swells and drops (bursts) rather than a steady floor.
  const auto segment = static_cast<std::size_t>(random.uniform(0.2, 1.5) * sr);
  double gain = 0;
  for (std::size_t i = 0; i < signal.size(); ++i) {
    if (i % segment == 0) gain = random.chance(0.5) ? level * random.uniform(0.5, 2.0) : level * 0.1;
    signal[i] += static_cast<float>(gain) * colour.process(static_cast<float>(random.uniform(-1, 1)));
  }
}

void finish_mix(Signal& mix, double sr, const TrackRecipe& r, Random& random) {
  if (r.distortion > 0.05) apply_distortion(mix, 1 + 6 * r.distortion);
  Biquad tone = Biquad::lowpass(sr, 1500 + 6000 * r.brightness * r.brightness);
  tone.process(mix);
  add_noise_texture(mix, sr, r.noise, random);
  apply_reverb(mix, sr, r.reverb, 0.6 * r.reverb);
  apply_dynamics(mix, sr, r.dynamics, random);
  if (r.old_recording) apply_old_recording(mix, sr, random);
  // Steady genres are mastered loud (compressed); dynamic ones keep their peaks.
  float peak = 1e-6f;
  for (float x : mix) peak = std::max(peak, std::fabs(x));
  const double drive = 1 + 3 * (1 - r.dynamics);
  for (auto& x : mix) x = static_cast<float>(std::tanh(drive * x / peak) / std::tanh(drive));
  const auto level = static_cast<float>(random.uniform(0.5, 0.95));
  for (auto& x : mix) x *= level;
}

}  // namespace

audio::AudioBuffer render_track(const TrackRecipe& r, int sample_rate, double seconds, int channels, Random& random) {
  const double sr = sample_rate;
  const auto length = static_cast<std::size_t>(seconds * sr);
  Timeline time;
  time.beat = 60.0 / r.bpm;
  time.beats_per_bar = r.beats_per_bar;
  time.bars = static_cast<int>(std::ceil(seconds / time.bar())) + 1;
  const auto chords = progression(r.harmony, r.key, time.bars, random);

  struct Stem {
    Signal signal;
    double gain, pan;
  };
  std::vector<Stem> stems;
  const auto stem = [&](double gain, double pan, auto&& render) {
    Signal s(length + static_cast<std::size_t>(sr), 0.0f);  // a second of tail room
    render(s);
    s.resize(length);
    stems.push_back({std::move(s), gain, pan});
  };
  if (r.rhythm != Rhythm::None) stem(0.8, 0.0, [&](Signal& s) { render_drums(s, sr, time, r, random); });
  if (r.has_bass) stem(0.6, 0.0, [&](Signal& s) { render_bass(s, sr, time, r, chords, random); });
  if (r.has_chords) stem(0.3, random.uniform(-0.5, 0.0), [&](Signal& s) { render_chords(s, sr, time, r, chords, random); });
  if (r.has_lead && !(r.speech && r.sung))
    stem(0.45, random.uniform(0.0, 0.4), [&](Signal& s) { render_lead(s, sr, time, r, random); });
  if (r.speech) {
    const bool rap = r.rhythm != Rhythm::None;
    const double rate = rap ? 2 * r.bpm / 60.0 : random.uniform(3.5, 5.5);
    stem(stems.empty() ? 1.0 : 0.7, 0.0, [&](Signal& s) {
      render_speech(s, sr, random.uniform(0, 0.5), seconds, rate, random.uniform(95, 220), rap ? 0.1 : 0.35, random);
    });
  }
  if (stems.empty())  // a recipe that drew no part at all still sounds: a held chord
    stem(0.4, 0.0, [&](Signal& s) { render_chords(s, sr, time, r, chords, random); });

  audio::AudioBuffer out;
  out.sample_rate = sample_rate;
  out.channels = channels;
  std::vector<Signal> mixes(static_cast<std::size_t>(channels), Signal(length, 0.0f));
  for (const auto& s : stems) {
    for (int c = 0; c < channels; ++c) {
      // Constant-power panning; mono takes the plain sum.
      const double angle = (s.pan + 1) * 0.25 * 3.141592653589793;
      const double g = channels == 1 ? s.gain : s.gain * (c == 0 ? std::cos(angle) : std::sin(angle)) * std::sqrt(2.0);
      auto& m = mixes[static_cast<std::size_t>(c)];
      for (std::size_t i = 0; i < length; ++i) m[i] += static_cast<float>(g) * s.signal[i];
    }
  }
  const std::uint64_t mix_seed = random.engine()();
  for (auto& m : mixes) {
    Random mix_random(mix_seed);  // the same dynamics and level on every channel
    finish_mix(m, sr, r, mix_random);
  }
  out.samples.resize(length * static_cast<std::size_t>(channels));
  for (std::size_t i = 0; i < length; ++i)
    for (int c = 0; c < channels; ++c)
      out.samples[i * static_cast<std::size_t>(channels) + static_cast<std::size_t>(c)] = mixes[static_cast<std::size_t>(c)][i];
  return out;
}

}  // namespace genrekit::synth
