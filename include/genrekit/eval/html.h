#pragma once
// What genrekit's self-contained pages and SVGs share: escaping, and one colour-blind-safe
// sequential colour scale (viridis: dark blue through green to yellow, legible in grey too).
#include <string>
#include <string_view>

namespace genrekit::eval {

// Text safe inside HTML / SVG elements and quoted attributes (& < > " ').
std::string markup_escape(std::string_view text);

// viridis at t in [0, 1] (clamped), "#rrggbb".
std::string sequential_colour(double t);
// The text colour that reads on sequential_colour(t): white on its dark half, near-black on its light one.
const char* text_colour_on(double t);

}  // namespace genrekit::eval
