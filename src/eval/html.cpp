#include "genrekit/eval/html.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

namespace genrekit::eval {

std::string format_number(const char* pattern, double value) {
  char text[64];
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"  // the patterns are literals at every call
  std::snprintf(text, sizeof text, pattern, value);
#pragma GCC diagnostic pop
  return text;
}

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

const char* categorical_colour(std::size_t index) {
  static constexpr std::array<const char*, 17> kPalette{"#0072b2", "#e69f00", "#009e73", "#d55e00", "#56b4e9", "#cc79a7",
                                                        "#f0e442", "#999999", "#332288", "#88ccee", "#44aa99", "#117733",
                                                        "#999933", "#ddcc77", "#cc6677", "#882255", "#aa4499"};
  return kPalette[index % kPalette.size()];
}

std::vector<double> nice_ticks(double low, double high, int fewest) {
  if (!(high > low)) high = low + 1;
  const auto ticks_at = [&](double step) {
    std::vector<double> ticks;
    for (double t = std::ceil(low / step - 1e-9) * step; t <= high + step * 1e-9; t += step)
      ticks.push_back(std::abs(t) < step * 1e-9 ? 0 : t);
    return ticks;
  };
  const double power = std::pow(10.0, std::ceil(std::log10(high - low)));
  for (double scale = power; scale > power * 1e-3; scale /= 10)
    for (double m : {5.0, 2.5, 2.0, 1.0})
      if (auto ticks = ticks_at(m * scale / 10); static_cast<int>(ticks.size()) >= fewest) return ticks;
  return ticks_at((high - low) / fewest);
}

}  // namespace genrekit::eval
