#pragma once
// What genrekit's self-contained pages and SVGs share: escaping, one colour-blind-safe sequential
// colour scale (viridis: dark blue through green to yellow, legible in grey too), one categorical
// palette, and axis ticks.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace genrekit::eval {

// One number printed with a printf pattern ("%.1f"), for attributes and cells.
std::string format_number(const char* pattern, double value);

// Text safe inside HTML / SVG elements and quoted attributes (& < > " ').
std::string markup_escape(std::string_view text);

// viridis at t in [0, 1] (clamped), "#rrggbb".
std::string sequential_colour(double t);
// The text colour that reads on sequential_colour(t): white on its dark half, near-black on its light one.
const char* text_colour_on(double t);

// Colour `index` of a categorical palette: Okabe and Ito's eight colour-blind-safe hues (black
// replaced by grey, so that lines and text drawn over an area stay visible), then Paul Tol's nine
// muted ones; it cycles after 17. "#rrggbb".
const char* categorical_colour(std::size_t index);

// Tick values inside [low, high] at the widest step of 1, 2, 2.5 or 5 x 10^k that gives at least
// `fewest` of them (5: the next wider step gave 4 or fewer, so this one gives at most ~10, and 5 - 8
// for most ranges).
std::vector<double> nice_ticks(double low, double high, int fewest);

}  // namespace genrekit::eval
