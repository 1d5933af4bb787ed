#include "genrekit/eval/timeline.h"

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

// The page's behaviour: render(t) picks the latest step ended by t and draws the pie, the top
// genre and the ranking; playback calls it every 100 ms (the thesis app's refresh).
constexpr const char* kScript = R"JS(
const colors = ['#1f77b4','#ff7f0e','#2ca02c','#d62728','#9467bd','#8c564b','#e377c2','#7f7f7f',
                '#bcbd22','#17becf','#393b79','#ad494a','#637939','#8c6d31','#7b4173','#3182bd'];
const player = document.getElementById('player');
function stepAt(t) {
  return Math.min(timeline.smoothed.length - 1, Math.floor((t - timeline.window_seconds) / timeline.step_seconds));
}
function render(t) {
  const step = stepAt(t);
  document.body.dataset.step = String(step);
  document.getElementById('time').textContent = t.toFixed(1) + ' s';
  if (step < 0) {
    document.getElementById('genre').textContent = 'listening...';
    return;
  }
  const p = timeline.smoothed[step];
  let stops = [], at = 0;
  p.forEach((v, c) => { stops.push(colors[c % colors.length] + ' ' + (at * 360) + 'deg ' + ((at + v) * 360) + 'deg'); at += v; });
  document.getElementById('pie').style.background = 'conic-gradient(' + stops.join(',') + ')';
  const order = p.map((v, c) => c).sort((a, b) => p[b] - p[a]);
  document.getElementById('genre').textContent = timeline.classes[order[0]];
  document.getElementById('ranking').innerHTML = order.slice(0, 5).map(c =>
    '<li><span class="swatch" style="background:' + colors[c % colors.length] + '"></span>' +
    timeline.classes[c].replace(/&/g, '&amp;').replace(/</g, '&lt;') + ' ' + (100 * p[c]).toFixed(1) + ' %</li>').join('');
}
let timer = null;
player.addEventListener('play', () => { timer = setInterval(() => render(player.currentTime), 100); });
player.addEventListener('pause', () => { clearInterval(timer); render(player.currentTime); });
player.addEventListener('seeked', () => render(player.currentTime));
const asked = location.hash.match(/t=([0-9.]+)/);
render(asked ? parseFloat(asked[1]) : 0);
if (location.hash.includes('play')) player.play();
)JS";

}  // namespace

std::string timeline_json(const Timeline& timeline) { return timeline_object(timeline).dump() + "\n"; }

std::string timeline_html(const Timeline& timeline, const std::filesystem::path& audio_file, const std::string& title) {
  std::ifstream in(audio_file, std::ios::binary);
  if (!in) throw DataError(audio_file.string() + ": cannot read the audio to embed in the timeline page");
  const std::string audio((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  // "</" cannot end the script: JSON's strings are escaped as "<\/".
  std::string data = timeline_object(timeline).dump();
  for (std::size_t at = data.find("</"); at != std::string::npos; at = data.find("</", at + 3)) data.replace(at, 2, "<\\/");
  return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + markup_escape(title) +
         "</title>\n<style>body{font-family:sans-serif;margin:2em;max-width:44em}#pie{width:240px;height:240px;"
         "border-radius:50%;background:#eee;float:left;margin-right:2em}#genre{font-size:2em;font-weight:bold}"
         ".swatch{display:inline-block;width:1em;height:1em;margin-right:.5em;vertical-align:middle}"
         "ol{list-style:none;padding:0}audio{width:100%;margin:1em 0}</style></head>\n<body>\n<h1>" + markup_escape(title) +
         "</h1>\n<audio id=\"player\" controls src=\"data:" + media_type(audio_file) + ";base64," + base64(audio) +
         "\"></audio>\n<div id=\"pie\"></div><div>now (<span id=\"time\"></span>): <div id=\"genre\"></div><ol id=\"ranking\"></ol>"
         "<p>The network's per-step genre probabilities, one step every " + std::to_string(timeline.step_seconds).substr(0, 5) +
         " s, averaged over the last " + std::to_string(timeline.window) + " steps.</p></div>\n<script>\nconst timeline = " + data +
         ";\n" + kScript + "</script>\n</body></html>\n";
}

}  // namespace genrekit::eval
