// Uses the installed library as a user would: FMA's 518 features of a 440 Hz tone.
#include <cmath>
#include <cstdio>
#include <numbers>
#include <vector>

#include "genrekit/features/fma_features.h"
#include "genrekit/runtime/versions.h"

int main() {
  std::vector<float> tone(22050 * 2);
  for (std::size_t n = 0; n < tone.size(); ++n)
    tone[n] = static_cast<float>(0.5 * std::sin(2 * std::numbers::pi * 440 * static_cast<double>(n) / 22050));
  const auto values = genrekit::features::fma_features(tone, 22050, genrekit::features::FmaProfile::Fma);
  std::printf("%s: %zu features\n", genrekit::runtime::genrekit_version().c_str(), values.size());
  return values.size() == 518 ? 0 : 1;
}
