#include "genrekit/eval/timeline.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "genrekit/data/csv_cursor.h"
#include "genrekit/error.h"
#include "genrekit/eval/html.h"

namespace genrekit::eval {

std::vector<std::vector<double>> smooth_causally(const std::vector<std::vector<double>>& steps, int window) {
  if (window < 1) throw std::invalid_argument("timeline smoothing window " + std::to_string(window) + ": expected at least 1 step");
  std::vector<std::vector<double>> out(steps.size());
  std::vector<double> sum;
  for (std::size_t t = 0; t < steps.size(); ++t) {
    sum.resize(steps[t].size(), 0.0);
    for (std::size_t c = 0; c < sum.size(); ++c) sum[c] += steps[t][c];
    if (t >= static_cast<std::size_t>(window))
      for (std::size_t c = 0; c < sum.size(); ++c) sum[c] -= steps[t - static_cast<std::size_t>(window)][c];
    const double n = static_cast<double>(std::min<std::size_t>(t + 1, static_cast<std::size_t>(window)));
    out[t].resize(sum.size());
    for (std::size_t c = 0; c < sum.size(); ++c) out[t][c] = sum[c] / n;
  }
  return out;
}

std::string timeline_csv_header(const std::vector<std::string>& classes) {
  std::string out = "step,start,end";
  for (const auto& c : classes) out += ',' + data::csv_escape(c);
  return out + '\n';
}

std::string timeline_csv_row(const Timeline& timeline, std::size_t step, const std::vector<double>& smoothed) {
  char number[48];
  const double start = static_cast<double>(step) * timeline.step_seconds;
  std::snprintf(number, sizeof number, "%zu,%.4f,%.4f", step, start, start + timeline.window_seconds);
  std::string out = number;
  for (const double p : smoothed) {
    std::snprintf(number, sizeof number, ",%.6f", p);
    out += number;
  }
  return out + '\n';
}

std::string timeline_csv(const Timeline& timeline) {
  std::string out = timeline_csv_header(timeline.classes);
  const auto smoothed = smooth_causally(timeline.steps, timeline.window);
  for (std::size_t t = 0; t < smoothed.size(); ++t) out += timeline_csv_row(timeline, t, smoothed[t]);
  return out;
}

namespace {

nlohmann::json timeline_object(const Timeline& timeline) {
  return {{"classes", timeline.classes},
          {"step_seconds", timeline.step_seconds},
          {"window_seconds", timeline.window_seconds},
          {"window", timeline.window},
          {"raw", timeline.steps},
          {"smoothed", smooth_causally(timeline.steps, timeline.window)}};
}

std::string base64(const std::string& bytes) {
  static constexpr char kDigits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    const std::size_t n = std::min<std::size_t>(3, bytes.size() - i);
    std::uint32_t group = 0;
    for (std::size_t k = 0; k < 3; ++k) group = (group << 8) | (k < n ? static_cast<unsigned char>(bytes[i + k]) : 0u);
    for (std::size_t k = 0; k < 4; ++k) out += k <= n ? kDigits[(group >> (18 - 6 * k)) & 63] : '=';
  }
  return out;
}

std::string media_type(const std::filesystem::path& file) {
  std::string extension = file.extension().string();
  for (char& c : extension) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (extension == ".mp3") return "audio/mpeg";
  if (extension == ".wav") return "audio/wav";
  if (extension == ".ogg" || extension == ".oga" || extension == ".opus") return "audio/ogg";
  if (extension == ".flac") return "audio/flac";
  return "application/octet-stream";
}

// The page's behaviour: render(t) picks the latest step ended by t, draws the pie, the top genre
// and the ranking, and moves the playhead; playback calls it every 100 ms (the thesis app's
// refresh). A click on the overview or a #t=SECONDS hash seeks the audio.
constexpr const char* kScript = R"JS(
const player = document.getElementById('player');
const overview = document.getElementById('overview');
const playhead = document.getElementById('playhead');
const span = {left: +overview.dataset.left, width: +overview.dataset.width, end: +overview.dataset.end};
const clampTime = t => Math.min(Math.max(t, 0), span.end);
function stepAt(t) {
  return Math.min(timeline.smoothed.length - 1, Math.floor((t - timeline.window_seconds) / timeline.step_seconds));
}
function render(t) {
  const x = span.left + clampTime(t) / span.end * span.width;
  playhead.setAttribute('x1', x);
  playhead.setAttribute('x2', x);
  const step = stepAt(t);
  document.body.dataset.step = String(step);
  document.getElementById('time').textContent = t.toFixed(1) + ' s';
  if (step < 0) {
    document.getElementById('genre').textContent = 'listening...';
    document.getElementById('pie').style.background = '';
    document.getElementById('ranking').innerHTML = '';
    return;
  }
  const p = timeline.smoothed[step];
  let stops = [], at = 0;
  p.forEach((v, c) => { stops.push(colours[c] + ' ' + (at * 360) + 'deg ' + ((at + v) * 360) + 'deg'); at += v; });
  document.getElementById('pie').style.background = 'conic-gradient(' + stops.join(',') + ')';
  const order = p.map((v, c) => c).sort((a, b) => p[b] - p[a]);
  document.getElementById('genre').textContent = timeline.classes[order[0]];
  document.getElementById('ranking').innerHTML = order.slice(0, 5).map(c =>
    '<li><span class="swatch" style="background:' + colours[c] + '"></span>' +
    timeline.classes[c].replace(/&/g, '&amp;').replace(/</g, '&lt;') + ' ' + (100 * p[c]).toFixed(1) + ' %</li>').join('');
}
function seek(t) {
  player.currentTime = t;
  render(t);
}
let timer = null;
player.addEventListener('play', () => { timer = setInterval(() => render(player.currentTime), 100); });
player.addEventListener('pause', () => { clearInterval(timer); render(player.currentTime); });
player.addEventListener('seeked', () => render(player.currentTime));
overview.addEventListener('click', event => {
  const box = overview.getBoundingClientRect();
  const user = (event.clientX - box.left) / box.width * overview.viewBox.baseVal.width;
  const t = clampTime((user - span.left) / span.width * span.end);
  history.replaceState(null, '', '#t=' + t.toFixed(2));
  seek(t);
});
const hashTime = () => { const m = location.hash.match(/t=([0-9.]+)/); return m ? parseFloat(m[1]) : null; };
window.addEventListener('hashchange', () => { if (hashTime() !== null) seek(hashTime()); });
if (hashTime() !== null) seek(hashTime()); else render(0);
if (location.hash.includes('play')) player.play();
)JS";

constexpr double kWidth = 1000, kHeight = 240;
constexpr double kLeft = 48, kRight = 12, kTop = 10, kBottom = 36;

// When the last step ends: the overview's time span.
double end_seconds(const Timeline& timeline) {
  const std::size_t n = std::max<std::size_t>(timeline.steps.size(), 1);
  return std::max(static_cast<double>(n - 1) * timeline.step_seconds + timeline.window_seconds, 1e-3);
}

// The classes in the order of their mean smoothed probability over the track, highest first, with it.
std::vector<std::pair<std::size_t, double>> by_mean_share(const Timeline& timeline, const std::vector<std::vector<double>>& smoothed) {
  std::vector<std::pair<std::size_t, double>> order;
  for (std::size_t c = 0; c < timeline.classes.size(); ++c) {
    double sum = 0;
    for (const auto& p : smoothed) sum += p[c];
    order.emplace_back(c, smoothed.empty() ? 0.0 : sum / static_cast<double>(smoothed.size()));
  }
  std::stable_sort(order.begin(), order.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  return order;
}

}  // namespace

std::string timeline_json(const Timeline& timeline) { return timeline_object(timeline).dump() + "\n"; }

std::string timeline_overview_svg(const Timeline& timeline) {
  const auto smoothed = smooth_causally(timeline.steps, timeline.window);
  const double end = end_seconds(timeline), plot_w = kWidth - kLeft - kRight, plot_h = kHeight - kTop - kBottom;
  const auto x = [&](double seconds) { return format_number("%.1f", kLeft + seconds / end * plot_w); };
  const auto y = [&](double share) { return format_number("%.1f", kTop + plot_h * (1 - share)); };
  std::string svg = "<svg id='overview' xmlns='http://www.w3.org/2000/svg' viewBox='0 0 " + format_number("%.0f", kWidth) + " " +
                    format_number("%.0f", kHeight) + "' data-left='" + format_number("%.0f", kLeft) + "' data-width='" + format_number("%.0f", plot_w) +
                    "' data-end='" + format_number("%.4f", end) + "' font-family='sans-serif' role='img'><title>" +
                    markup_escape("Genre probabilities over the whole track") + "</title>";
  // The first window: no step has ended yet.
  svg += "<rect x='" + x(0) + "' y='" + y(1) + "' width='" + format_number("%.1f", timeline.window_seconds / end * plot_w) + "' height='" +
         format_number("%.1f", plot_h) + "' fill='#eeeeee'/><text x='" + x(timeline.window_seconds / 2) + "' y='" + y(0.5) +
         "' font-size='11' fill='#555' text-anchor='middle'>listening</text>";
  std::vector<double> below(smoothed.size(), 0.0);
  for (std::size_t c = 0; c < timeline.classes.size() && !smoothed.empty(); ++c) {
    std::string upper, lower;
    for (std::size_t t = 0; t < smoothed.size(); ++t) {
      const std::string at = x(static_cast<double>(t) * timeline.step_seconds + timeline.window_seconds);
      upper += (t == 0 ? "M" : " L") + at + "," + y(below[t] + smoothed[t][c]);
      lower = " L" + at + "," + y(below[t]) + lower;
      below[t] += smoothed[t][c];
    }
    svg += "<path class='genre' data-class='" + std::to_string(c) + "' fill='" + categorical_colour(c) + "' d='" + upper + lower +
           " Z'><title>" + markup_escape(timeline.classes[c]) + "</title></path>";
  }
  for (const double share : {0.0, 0.25, 0.5, 0.75, 1.0})
    svg += "<text x='" + format_number("%.1f", kLeft - 5) + "' y='" + format_number("%.1f", kTop + plot_h * (1 - share) + 3.5) +
           "' font-size='10' text-anchor='end'>" + format_number("%.0f", 100 * share) + " %</text>";
  for (const double tick : nice_ticks(0, end, 5)) {
    if (tick > end) continue;
    svg += "<line x1='" + x(tick) + "' y1='" + y(0) + "' x2='" + x(tick) + "' y2='" + format_number("%.1f", kTop + plot_h + 4) +
           "' stroke='#888'/><text x='" + x(tick) + "' y='" + format_number("%.1f", kTop + plot_h + 15) +
           "' font-size='10' text-anchor='middle'>" + format_number("%.4g", tick) + "</text>";
  }
  svg += "<rect x='" + x(0) + "' y='" + y(1) + "' width='" + format_number("%.1f", plot_w) + "' height='" + format_number("%.1f", plot_h) +
         "' fill='none' stroke='#888'/><text x='" + format_number("%.1f", kLeft + plot_w / 2) + "' y='" + format_number("%.1f", kHeight - 4) +
         "' font-size='11' text-anchor='middle'>time (s)</text>";
  svg += "<line id='playhead' x1='" + x(0) + "' y1='" + y(1) + "' x2='" + x(0) + "' y2='" + y(0) +
         "' stroke='#000' stroke-width='2'/></svg>";
  return svg;
}

std::string timeline_html(const Timeline& timeline, const std::filesystem::path& audio_file, const std::string& title) {
  std::ifstream in(audio_file, std::ios::binary);
  if (!in) throw DataError(audio_file.string() + ": cannot read the audio to embed in the timeline page");
  const std::string audio((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  // "</" cannot end the script: JSON's strings are escaped as "<\/".
  std::string data = timeline_object(timeline).dump();
  for (std::size_t at = data.find("</"); at != std::string::npos; at = data.find("</", at + 3)) data.replace(at, 2, "<\\/");
  nlohmann::json colours = nlohmann::json::array();
  for (std::size_t c = 0; c < timeline.classes.size(); ++c) colours.push_back(categorical_colour(c));
  std::string legend;
  for (const auto& [c, share] : by_mean_share(timeline, smooth_causally(timeline.steps, timeline.window)))
    legend += "<li><span class=\"swatch\" style=\"background:" + std::string(categorical_colour(c)) + "\"></span>" +
              markup_escape(timeline.classes[c]) + " " + format_number("%.1f", 100 * share) + " %</li>";
  return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + markup_escape(title) +
         "</title>\n<style>body{font-family:sans-serif;margin:2em auto;padding:0 2em;max-width:70em}#overview{width:100%;height:auto;"
         "cursor:pointer;display:block}#pie{width:200px;height:200px;border-radius:50%;background:#eee;float:left;margin-right:2em}"
         "#genre{font-size:2em;font-weight:bold}.swatch{display:inline-block;width:1em;height:1em;margin-right:.5em;"
         "vertical-align:middle}ol{list-style:none;padding:0}#legend li{display:inline-block;margin:0 1.2em .3em 0}"
         "audio{width:100%;margin:1em 0}.note{color:#555}</style></head>\n<body>\n<h1>" + markup_escape(title) +
         "</h1>\n<audio id=\"player\" controls src=\"data:" + media_type(audio_file) + ";base64," + base64(audio) + "\"></audio>\n" +
         timeline_overview_svg(timeline) + "\n<p class=\"note\">The network's genre probabilities, one step every " +
         format_number("%.3g", timeline.step_seconds) + " s over " + format_number("%.3g", timeline.window_seconds) +
         " s of audio, averaged over the last " + std::to_string(timeline.window) +
         " steps. Click the chart to play from there.</p>\n<ol id=\"legend\">" + legend +
         "</ol>\n<div id=\"pie\"></div><div>now (<span id=\"time\"></span>): <div id=\"genre\"></div><ol id=\"ranking\"></ol></div>\n"
         "<script>\nconst timeline = " + data + ";\nconst colours = " + colours.dump() + ";\n" + kScript + "</script>\n</body></html>\n";
}

}  // namespace genrekit::eval
