#include "genrekit/synth/voice.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "genrekit/synth/filters.h"

namespace genrekit::synth {

namespace {

// First three formants (Hz) of five vowels, an adult voice.
constexpr std::array<std::array<double, 3>, 5> kVowels{{
    {730, 1090, 2440},  // a
    {530, 1840, 2480},  // e
    {270, 2290, 3010},  // i
    {570, 840, 2410},   // o
    {300, 870, 2240},   // u
}};

// A voiced segment: pulse train at f0(t) shaped by the vowel's formants and an envelope.
template <typename Pitch>
void voiced(std::vector<float>& out, double sr, double start, double duration, const std::array<double, 3>& vowel,
            Pitch pitch, double gain) {
  std::array<Biquad, 3> formants{Biquad::bandpass(sr, vowel[0], 6), Biquad::bandpass(sr, vowel[1], 8),
                                 Biquad::bandpass(sr, vowel[2], 10)};
  constexpr std::array<double, 3> kFormantGain{1.0, 0.6, 0.3};
  const auto first = static_cast<std::size_t>(start * sr);
  const auto length = static_cast<std::size_t>(duration * sr);
  double phase = 0;
  for (std::size_t i = 0; i < length && first + i < out.size(); ++i) {
    const double t = static_cast<double>(i) / sr;
    phase += pitch(t) / sr;
    phase -= std::floor(phase);
    const auto source = static_cast<float>(1.0 - 2.0 * phase);  // sawtooth glottal flow derivative
    double y = 0;
    for (std::size_t k = 0; k < 3; ++k) y += kFormantGain[k] * formants[k].process(source);
    const double env = std::min({1.0, t / 0.02, (duration - t) / 0.03});
    out[first + i] += static_cast<float>(gain * std::max(0.0, env) * y);
  }
}

void consonant(std::vector<float>& out, double sr, double start, double duration, double centre, Random& random) {
  Biquad filter = Biquad::bandpass(sr, centre, 1.5);
  const auto first = static_cast<std::size_t>(start * sr);
  const auto length = static_cast<std::size_t>(duration * sr);
  for (std::size_t i = 0; i < length && first + i < out.size(); ++i)
    out[first + i] += 0.25f * filter.process(static_cast<float>(random.uniform(-1, 1)));
}

}  // namespace

void render_sung_note(std::vector<float>& out, double sr, const Note& note, Random& random) {
  const auto& vowel = kVowels[random.index(kVowels.size())];
  const double vibrato_phase = random.uniform(0, 6.28);
  voiced(out, sr, note.start, note.duration, vowel,
         [&](double t) { return note.frequency * (1 + 0.012 * std::sin(2 * 3.14159 * 5.5 * t + vibrato_phase)); },
         2.0 * note.velocity);
}

void render_speech(std::vector<float>& out, double sr, double start, double end, double rate, double pitch,
                   double pause, Random& random) {
  double t = start;
  while (t < end) {
    // One phrase: a few words whose pitch falls towards the end (declination).
    const int words = random.integer(2, 7);
    const double phrase_start_f0 = pitch * random.uniform(1.05, 1.3);
    for (int w = 0; w < words && t < end; ++w) {
      const int syllables = random.integer(1, 3);
      for (int s = 0; s < syllables && t < end; ++s) {
        if (random.chance(0.6)) {  // onset consonant
          const double c = random.uniform(0.03, 0.07);
          consonant(out, sr, t, c, random.uniform(2500, 6000), random);
          t += c;
        }
        const double d = std::max(0.06, random.normal(1.0 / rate, 0.25 / rate));
        const double f0 = phrase_start_f0 * (1.0 - 0.25 * (w + 1.0) / words) * random.uniform(0.93, 1.07);
        const double glide = random.uniform(-0.15, 0.1);
        voiced(out, sr, t, d, kVowels[random.index(kVowels.size())],
               [&](double u) { return f0 * (1 + glide * u / d); }, random.uniform(1.2, 2.2));
        t += d;
      }
      t += random.chance(pause) ? random.uniform(0.15, 0.5) : random.uniform(0.02, 0.08);
    }
    t += random.uniform(0.3, 0.9);  // breath between phrases
  }
}

}  // namespace genrekit::synth
