#pragma once
// Small signal-processing blocks used to colour the synthetic tracks.
#include <cstddef>
#include <vector>

namespace genrekit::synth {

// RBJ cookbook biquad (direct form I).
class Biquad {
 public:
  static Biquad lowpass(double sr, double cutoff, double q = 0.707);
  static Biquad highpass(double sr, double cutoff, double q = 0.707);
  static Biquad bandpass(double sr, double centre, double q);

  float process(float x);
  void process(std::vector<float>& signal);

 private:
  Biquad(double b0, double b1, double b2, double a0, double a1, double a2);
  double b0_ = 1, b1_ = 0, b2_ = 0, a1_ = 0, a2_ = 0;
  double x1_ = 0, x2_ = 0, y1_ = 0, y2_ = 0;
};

// Schroeder reverberator: four parallel feedback combs, then two allpasses. `mix` in [0, 1].
void apply_reverb(std::vector<float>& signal, double sr, double room, double mix);

// tanh saturation with `drive` >= 1, gain-compensated.
void apply_distortion(std::vector<float>& signal, double drive);

}  // namespace genrekit::synth
