#include "genrekit/synth/harmony.h"

namespace genrekit::synth {

std::vector<int> scale_of(Harmony harmony) {
  switch (harmony) {
    case Harmony::Major: return {0, 2, 4, 5, 7, 9, 11};
    case Harmony::Minor: return {0, 2, 3, 5, 7, 8, 10};
    case Harmony::Blues: return {0, 3, 5, 6, 7, 10};
    case Harmony::Jazz: return {0, 2, 4, 5, 7, 9, 10, 11};
    case Harmony::Modal: return {0, 2, 3, 5, 7, 9, 10};     // dorian
    case Harmony::Exotic: return {0, 1, 4, 5, 7, 8, 10};    // phrygian dominant
    case Harmony::Atonal: return {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
  }
  return {0, 2, 4, 5, 7, 9, 11};
}

namespace {

// A chord built from `intervals` above key + `degree` semitones.
Chord chord(int key, int degree, std::vector<int> intervals) {
  Chord c;
  c.root = key + degree;
  for (int i : intervals) c.notes.push_back(c.root + i);
  return c;
}

const std::vector<int> kMajorTriad{0, 4, 7}, kMinorTriad{0, 3, 7}, kDominant7{0, 4, 7, 10}, kMajor7{0, 4, 7, 11},
    kMinor7{0, 3, 7, 10}, kMinor9{0, 3, 7, 10, 14};

}  // namespace

std::vector<Chord> progression(Harmony harmony, int key, int bars, Random& random) {
  std::vector<Chord> cycle;
  switch (harmony) {
    case Harmony::Major: {
      const int variant = random.integer(0, 2);
      if (variant == 0) cycle = {chord(key, 0, kMajorTriad), chord(key, 7, kMajorTriad), chord(key, 9, kMinorTriad), chord(key, 5, kMajorTriad)};
      else if (variant == 1) cycle = {chord(key, 0, kMajorTriad), chord(key, 5, kMajorTriad), chord(key, 7, kMajorTriad), chord(key, 0, kMajorTriad)};
      else cycle = {chord(key, 0, kMajorTriad), chord(key, 9, kMinorTriad), chord(key, 5, kMajorTriad), chord(key, 7, kMajorTriad)};
      break;
    }
    case Harmony::Minor: {
      if (random.chance(0.5)) cycle = {chord(key, 0, kMinorTriad), chord(key, 8, kMajorTriad), chord(key, 3, kMajorTriad), chord(key, 10, kMajorTriad)};
      else cycle = {chord(key, 0, kMinorTriad), chord(key, 5, kMinorTriad), chord(key, 7, kMinorTriad), chord(key, 0, kMinorTriad)};
      break;
    }
    case Harmony::Blues:  // the twelve-bar form with dominant sevenths
      for (int degree : {0, 0, 0, 0, 5, 5, 0, 0, 7, 5, 0, 7}) cycle.push_back(chord(key, degree, kDominant7));
      break;
    case Harmony::Jazz:  // ii-V-I-VI turnarounds, two chords a bar
      cycle = {chord(key, 2, kMinor7), chord(key, 7, kDominant7), chord(key, 0, kMajor7), chord(key, 9, kDominant7),
               chord(key, 4, kMinor7), chord(key, 9, kDominant7), chord(key, 2, kMinor9), chord(key, 7, kDominant7)};
      break;
    case Harmony::Modal:
      cycle = {chord(key, 0, kMinor7), chord(key, 10, kMajorTriad)};
      break;
    case Harmony::Exotic:  // a drone on the tonic moving to the flat second
      cycle = {chord(key, 0, {0, 7, 12}), chord(key, 0, {0, 7, 12}), chord(key, 1, kMajorTriad), chord(key, 0, kMajorTriad)};
      break;
    case Harmony::Atonal:
      for (int i = 0; i < 4; ++i) {
        Chord c;
        c.root = key + random.integer(-6, 6);
        for (int n = 0; n < random.integer(2, 5); ++n) c.notes.push_back(c.root + random.integer(0, 18));
        cycle.push_back(c);
      }
      break;
  }
  const int per_bar = harmony == Harmony::Jazz ? 2 : 1;
  std::vector<Chord> chords;
  for (int i = 0; i < bars * per_bar; ++i) chords.push_back(cycle[static_cast<std::size_t>(i) % cycle.size()]);
  return chords;
}

}  // namespace genrekit::synth
