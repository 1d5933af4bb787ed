// screening.html: the grid as people read the thesis' tables, rows feature sets and columns
// classifiers, each cell coloured by accuracy on one colour-blind-safe scale.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "genrekit/eval/html.h"
#include "genrekit/models/screening.h"

namespace genrekit::models {

std::string screening_html(const std::vector<ScreeningCell>& cells, const std::string& title, const std::string& stamp) {
  using eval::markup_escape;
  std::vector<std::string> sets, classifiers;
  double low = 1, high = 0;
  for (const auto& c : cells) {
    if (std::find(sets.begin(), sets.end(), c.feature_set) == sets.end()) sets.push_back(c.feature_set);
    if (std::find(classifiers.begin(), classifiers.end(), c.classifier) == classifiers.end()) classifiers.push_back(c.classifier);
    if (c.error.empty()) low = std::min(low, c.accuracy), high = std::max(high, c.accuracy);
  }
  const bool any_published = std::any_of(cells.begin(), cells.end(), [](const auto& c) { return c.published.has_value(); });
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">"
      "<title>" + markup_escape(title) + "</title>\n<style>"
      "body{font-family:sans-serif;margin:1.5em;color:#222;max-width:100%}"
      "table{border-collapse:collapse;table-layout:fixed;width:100%}"
      "th,td{border:1px solid #fff;padding:.35em .3em;text-align:center;overflow-wrap:anywhere}"
      "th{background:#eee;font-weight:600;font-size:.85em}th.set{text-align:left}"
      ".acc{font-size:1.05em;font-weight:600}.pub{font-size:.78em;opacity:.9}.failed{background:#ddd;color:#555}"
      ".stamp{color:#555;font-size:.9em}.legend span{display:inline-block;width:2.2em;height:1em;vertical-align:middle}"
      "</style></head>\n<body>\n<h1>" + markup_escape(title) + "</h1>\n<p class=\"stamp\">" + markup_escape(stamp) + "</p>\n";
  char text[160];
  std::snprintf(text, sizeof text, "<p class=\"legend\">Accuracy, %% (%.1f ", 100 * low);
  out += text;
  for (int i = 0; i <= 8; ++i) out += "<span style=\"background:" + eval::sequential_colour(i / 8.0) + "\"></span>";
  std::snprintf(text, sizeof text, " %.1f)%s.</p>\n", 100 * high,
                any_published ? "; below each figure, the published one and our difference" : "");
  out += text;
  out += "<table>\n<tr><th class=\"set\">feature set</th><th>dims</th>";
  for (const auto& c : classifiers) out += "<th>" + markup_escape(c) + "</th>";
  out += "</tr>\n";
  for (const auto& set : sets) {
    std::size_t dims = 0;
    for (const auto& c : cells)
      if (c.feature_set == set) dims = c.dimensions;
    out += "<tr><th class=\"set\">" + markup_escape(set) + "</th><td>" + std::to_string(dims) + "</td>";
    for (const auto& classifier : classifiers) {
      const auto it = std::find_if(cells.begin(), cells.end(), [&](const auto& c) { return c.feature_set == set && c.classifier == classifier; });
      if (it == cells.end()) {
        out += "<td></td>";
        continue;
      }
      if (!it->error.empty()) {
        out += "<td class=\"failed\" title=\"" + markup_escape(it->error) + "\">failed</td>";
        continue;
      }
      const double t = high > low ? (it->accuracy - low) / (high - low) : 1.0;
      std::snprintf(text, sizeof text, "<td style=\"background:%s;color:%s\" title=\"kappa %.4f, macro-F1 %.4f, fit %.1f s\">",
                    eval::sequential_colour(t).c_str(), eval::text_colour_on(t), it->kappa, it->f1_macro, it->fit_seconds);
      out += text;
      std::snprintf(text, sizeof text, "<div class=\"acc\">%.2f</div>", 100 * it->accuracy);
      out += text;
      if (it->published) {
        std::snprintf(text, sizeof text, "<div class=\"pub\">%.2f (%+.2f)</div>", *it->published, 100 * it->accuracy - *it->published);
        out += text;
      }
      out += "</td>";
    }
    out += "</tr>\n";
  }
  return out + "</table>\n</body></html>\n";
}

}  // namespace genrekit::models
