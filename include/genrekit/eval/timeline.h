#pragma once
// A file's genre probabilities over time, as the thesis' real-time app showed them: the network's
// per-step softmax (one step every ~0.37 s for cnn_lstm), smoothed causally over the last `window`
// steps (17 in the app), written as CSV, JSON, and a self-contained HTML page that shows the whole
// track at once and plays the audio, with a playhead, a genre pie chart and a ranking that move
// with playback.
#include <filesystem>
#include <string>
#include <vector>

namespace genrekit::eval {

struct Timeline {
  std::vector<std::string> classes;
  double step_seconds = 0;    // between step starts
  double window_seconds = 0;  // the audio one step sees: step k covers [k * step_seconds, + window_seconds)
  int window = 17;            // smoothing, in steps
  std::vector<std::vector<double>> steps;  // raw per-step probabilities, steps x classes
};

// smoothed[t] = mean of steps[max(0, t - window + 1) .. t]: only the past, as a live display can.
// std::invalid_argument for window < 1.
std::vector<std::vector<double>> smooth_causally(const std::vector<std::vector<double>>& steps, int window);

// step,start,end,<class...> (smoothed), times in seconds.
std::string timeline_csv(const Timeline& timeline);
// Its header and one row (what predict --stream prints as the steps arrive).
std::string timeline_csv_header(const std::vector<std::string>& classes);
std::string timeline_csv_row(const Timeline& timeline, std::size_t step, const std::vector<double>& smoothed);
// {"classes", "step_seconds", "window_seconds", "window", "raw": [[...]], "smoothed": [[...]]}.
std::string timeline_json(const Timeline& timeline);
// The whole track at once: the smoothed probabilities as areas stacked to 100 % over time (in
// seconds, 5 - 8 ticks), each step drawn at the moment it has ended (what a live display knows
// then; the first window is marked "listening"), one <path class='genre' data-class='C'> per class
// in categorical_colour(C), and a playhead line (id 'playhead') at 0. 1000 x 240 user units.
std::string timeline_overview_svg(const Timeline& timeline);

// The page embeds the audio file (base64) and the smoothed timeline; nothing is fetched. At playback
// time t it shows the latest step that has ended by t (what a live display could know) and moves
// the overview's playhead to t. A click on the overview, or opening it with #t=SECONDS, seeks the
// audio there; #play starts playing (what the headless-browser test uses). DataError when the
// audio cannot be read.
std::string timeline_html(const Timeline& timeline, const std::filesystem::path& audio_file, const std::string& title);

}  // namespace genrekit::eval
