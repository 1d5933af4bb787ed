#include "genrekit/synth/instruments.h"

#include <algorithm>
#include <cmath>

#include "genrekit/synth/filters.h"
#include "genrekit/synth/sine_table.h"

namespace genrekit::synth {

namespace {

std::string_view const kNames[] = {"piano", "electric_piano", "organ", "strings", "pad", "guitar",
                                   "distorted_guitar", "finger_bass", "synth_bass", "saw_lead", "flute",
                                   "brass", "vibraphone", "sitar", "reed"};

struct Partial {
  double ratio;      // of the fundamental
  double amplitude;
  double decay;      // 1/s, after the attack
};

// Linear attack, then each partial decays exponentially; a linear release after the note's end.
// Incremental per sample (no exp/sin calls in the loop) because this is the synthesiser's hot path.
void additive(std::vector<float>& out, double sr, const Note& note, const std::vector<Partial>& partials,
              double attack, double release, double vibrato_depth, double vibrato_rate, Random& random) {
  const auto first = static_cast<std::size_t>(note.start * sr);
  if (first >= out.size()) return;
  const std::size_t length = std::min(static_cast<std::size_t>((note.duration + release) * sr), out.size() - first);
  const auto attack_samples = std::max<std::size_t>(1, static_cast<std::size_t>(attack * sr));
  const auto end_of_note = static_cast<std::size_t>(note.duration * sr);
  const double release_samples = std::max(1.0, release * sr);
  struct Voice {
    double phase, increment, amplitude, level, decay;
  };
  std::vector<Voice> voices;
  for (const auto& p : partials) {
    const double f = note.frequency * p.ratio;
    if (f >= 0.45 * sr) continue;
    voices.push_back({random.uniform(), f / sr, p.amplitude, 1.0, std::exp(-p.decay / sr)});
  }
  double vibrato_phase = random.uniform();
  const double vibrato_increment = vibrato_rate / sr;
  for (std::size_t i = 0; i < length; ++i) {
    const double vibrato = 1.0 + vibrato_depth * SineTable::at(vibrato_phase);
    vibrato_phase += vibrato_increment;
    double sum = 0;
    for (auto& v : voices) {
      v.phase += v.increment * vibrato;
      sum += v.amplitude * v.level * SineTable::at(v.phase);
      if (i >= attack_samples) v.level *= v.decay;
    }
    double gain = i < attack_samples ? static_cast<double>(i) / static_cast<double>(attack_samples) : 1.0;
    if (i > end_of_note) gain *= std::max(0.0, 1.0 - static_cast<double>(i - end_of_note) / release_samples);
    out[first + i] += static_cast<float>(note.velocity * gain * sum);
  }
}

std::vector<Partial> harmonic_series(int count, double rolloff, double decay, double decay_growth,
                                     bool odd_only = false, double inharmonicity = 0) {
  std::vector<Partial> partials;
  for (int k = 1; partials.size() < static_cast<std::size_t>(count); ++k) {
    if (odd_only && k % 2 == 0) continue;
    const double ratio = k * std::sqrt(1 + inharmonicity * k * k);
    partials.push_back({ratio, 1.0 / std::pow(k, rolloff), decay + decay_growth * k});
  }
  return partials;
}

// Karplus-Strong plucked string; `damping` near 1 rings longer, `brightness` in (0, 1].
void plucked(std::vector<float>& out, double sr, const Note& note, double damping, double brightness, Random& random) {
  const auto period = std::max<std::size_t>(2, static_cast<std::size_t>(sr / note.frequency));
  std::vector<double> line(period);
  for (auto& x : line) x = random.uniform(-1, 1);
  for (int pass = 0; pass < static_cast<int>((1 - brightness) * 4); ++pass)  // darker: pre-smooth the excitation
    for (std::size_t i = 1; i < period; ++i) line[i] = 0.5 * (line[i] + line[i - 1]);
  const auto first = static_cast<std::size_t>(note.start * sr);
  const auto length = static_cast<std::size_t>((note.duration + 0.05) * sr);
  std::size_t pos = 0;
  for (std::size_t i = 0; i < length && first + i < out.size(); ++i) {
    const std::size_t next = (pos + 1) % period;
    const double y = line[pos];
    line[pos] = damping * 0.5 * (line[pos] + line[next]);
    const double t = static_cast<double>(i) / sr;
    const double release = t > note.duration ? std::max(0.0, 1 - (t - note.duration) / 0.05) : 1.0;
    out[first + i] += static_cast<float>(note.velocity * 0.8 * y * release);
    pos = next;
  }
}

// Two-operator FM (electric piano, bells): the modulation index decays with the note.
void fm(std::vector<float>& out, double sr, const Note& note, double ratio, double index, double decay) {
  const auto first = static_cast<std::size_t>(note.start * sr);
  if (first >= out.size()) return;
  const std::size_t length = std::min(static_cast<std::size_t>((note.duration + 0.1) * sr), out.size() - first);
  const auto attack = static_cast<std::size_t>(0.003 * sr) + 1;
  const auto end_of_note = static_cast<std::size_t>(note.duration * sr);
  const double amplitude_decay = std::exp(-decay / sr), index_decay = std::exp(-3.0 / sr);
  double level = 1, modulation = index, carrier = 0, modulator = 0;
  for (std::size_t i = 0; i < length; ++i) {
    carrier += note.frequency / sr;
    modulator += note.frequency * ratio / sr;
    double gain = i < attack ? static_cast<double>(i) / static_cast<double>(attack) : level;
    if (i > end_of_note) gain *= std::max(0.0, 1.0 - static_cast<double>(i - end_of_note) / (0.1 * sr));
    // Phase modulation in cycles: index / 2pi keeps the classic radian index.
    const double value = SineTable::at(carrier + modulation / 6.283185307179586 * SineTable::at(modulator));
    out[first + i] += static_cast<float>(note.velocity * 0.7 * gain * value);
    if (i >= attack) level *= amplitude_decay;
    modulation *= index_decay;
  }
}

// Renders a note on its own (at full velocity, starting at 0) for voices that post-process it.
template <typename Render>
std::vector<float> render_alone(double sr, const Note& note, Render render) {
  std::vector<float> buffer(static_cast<std::size_t>((note.duration + 0.1) * sr) + 1, 0.0f);
  render(buffer, Note{0, note.duration, note.frequency, 1.0});
  return buffer;
}

void mix_in(std::vector<float>& out, double sr, double start, const std::vector<float>& part, double gain) {
  const auto first = static_cast<std::size_t>(start * sr);
  for (std::size_t i = 0; i < part.size() && first + i < out.size(); ++i)
    out[first + i] += static_cast<float>(gain) * part[i];
}

}  // namespace

std::string_view to_string(Instrument instrument) { return kNames[static_cast<int>(instrument)]; }

double midi_to_hz(double midi) { return 440.0 * std::pow(2.0, (midi - 69.0) / 12.0); }

void render_note(std::vector<float>& out, double sr, const Note& note, Instrument instrument, Random& random) {
  switch (instrument) {
    case Instrument::Piano:
      additive(out, sr, note, harmonic_series(8, 1.3, 1.2, 0.9, false, 0.0004), 0.002, 0.08, 0, 0, random);
      break;
    case Instrument::ElectricPiano: fm(out, sr, note, 1.0, 2.5, 1.8); break;
    case Instrument::Organ:
      additive(out, sr, note,
               {{0.5, 0.5, 0}, {1, 1, 0}, {2, 0.6, 0}, {3, 0.4, 0}, {4, 0.3, 0}, {6, 0.2, 0}, {8, 0.15, 0}}, 0.01, 0.03,
               0.003, 6.5, random);
      break;
    case Instrument::Strings:
      additive(out, sr, note, harmonic_series(12, 1.4, 0.05, 0.02), 0.18, 0.25, 0.006, 5.5, random);
      break;
    case Instrument::Pad: {
      auto partials = harmonic_series(8, 1.6, 0.02, 0.01);
      auto detuned = partials;
      for (auto& p : detuned) p.ratio *= 1.006;
      partials.insert(partials.end(), detuned.begin(), detuned.end());
      additive(out, sr, note, partials, 0.5, 0.6, 0, 0, random);
      break;
    }
    case Instrument::Guitar: plucked(out, sr, note, 0.996, 0.8, random); break;
    case Instrument::DistortedGuitar: {
      std::vector<float> string = render_alone(sr, note, [&](std::vector<float>& buffer, const Note& n) {
        plucked(buffer, sr, n, 0.999, 1.0, random);
      });
      apply_distortion(string, 8.0);
      mix_in(out, sr, note.start, string, 0.35 * note.velocity);
      break;
    }
    case Instrument::FingerBass:
      additive(out, sr, note, {{1, 1, 2.0}, {2, 0.5, 3.0}, {3, 0.2, 4.0}}, 0.005, 0.05, 0, 0, random);
      break;
    case Instrument::SynthBass:
      additive(out, sr, note, harmonic_series(10, 1.0, 3.0, 1.5), 0.003, 0.03, 0, 0, random);
      break;
    case Instrument::SawLead:
      additive(out, sr, note, harmonic_series(16, 1.0, 0.3, 0.05), 0.01, 0.05, 0.004, 5.0, random);
      break;
    case Instrument::Flute: {
      additive(out, sr, note, {{1, 1, 0.2}, {2, 0.25, 0.3}, {3, 0.08, 0.3}}, 0.06, 0.08, 0.008, 5.0, random);
      const auto first = static_cast<std::size_t>(note.start * sr);
      Biquad breath = Biquad::bandpass(sr, note.frequency * 2, 2.0);
      for (std::size_t i = 0; i < static_cast<std::size_t>(note.duration * sr) && first + i < out.size(); ++i)
        out[first + i] += static_cast<float>(0.05 * note.velocity) * breath.process(static_cast<float>(random.uniform(-1, 1)));
      break;
    }
    case Instrument::Brass:
      additive(out, sr, note, harmonic_series(14, 0.8, 0.4, 0.08), 0.05, 0.1, 0.003, 5.0, random);
      break;
    case Instrument::Vibraphone:
      additive(out, sr, note, {{1, 1, 0.8}, {4, 0.3, 2.5}, {10, 0.1, 5.0}}, 0.002, 0.3, 0.01, 6.0, random);
      break;
    case Instrument::Sitar: {
      std::vector<float> string = render_alone(sr, note, [&](std::vector<float>& buffer, const Note& n) {
        plucked(buffer, sr, n, 0.998, 1.0, random);
      });
      for (auto& x : string) x += 0.3f * x * std::fabs(x);  // the bridge's buzz: an asymmetric nonlinearity
      mix_in(out, sr, note.start, string, 1.0);
      break;
    }
    case Instrument::Reed:
      additive(out, sr, note, harmonic_series(9, 1.1, 0.1, 0.02, true), 0.03, 0.06, 0.01, 4.5, random);
      break;
  }
}

}  // namespace genrekit::synth
