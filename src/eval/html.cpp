#include "genrekit/eval/html.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

namespace genrekit::eval {

std::string markup_escape(std::string_view text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string sequential_colour(double t) {
  // viridis sampled at nine evenly spaced points (matplotlib's table), linearly interpolated.
  static constexpr std::array<std::array<int, 3>, 9> kStops{{{68, 1, 84},
                                                             {71, 44, 122},
                                                             {59, 81, 139},
                                                             {44, 113, 142},
                                                             {33, 144, 141},
                                                             {39, 173, 129},
                                                             {92, 200, 99},
                                                             {170, 220, 50},
                                                             {253, 231, 37}}};
  const double x = std::clamp(std::isnan(t) ? 0.0 : t, 0.0, 1.0) * (kStops.size() - 1);
  const auto i = std::min(static_cast<std::size_t>(x), kStops.size() - 2);
  const double f = x - static_cast<double>(i);
  char out[8];
  int rgb[3];
  for (int c = 0; c < 3; ++c)
    rgb[c] = static_cast<int>(std::lround(kStops[i][static_cast<std::size_t>(c)] * (1 - f) + kStops[i + 1][static_cast<std::size_t>(c)] * f));
  std::snprintf(out, sizeof out, "#%02x%02x%02x", rgb[0], rgb[1], rgb[2]);
  return out;
}

const char* text_colour_on(double t) { return t < 0.55 ? "#ffffff" : "#1a1a1a"; }

}  // namespace genrekit::eval
