#include "genrekit/eval/report_page.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "genrekit/eval/html.h"

namespace genrekit::eval {

namespace {

// The categorical palette's first three (colour-blind-safe) hues for the three per-class measures.
const char* const kPrecisionColour = categorical_colour(0);
const char* const kRecallColour = categorical_colour(1);
const char* const kF1Colour = categorical_colour(2);

std::string headline_card(const std::string& name, double value, const Metrics& m, const std::string& interval_key) {
  std::string card = "<div class=\"card\"><div class=\"name\">" + markup_escape(name) + "</div><div class=\"value\">" +
                     (std::isnan(value) ? std::string("n/a") : format_number("%.4f", value)) + "</div>";
  if (const auto it = m.ci95.find(interval_key); it != m.ci95.end())
    card += "<div class=\"interval\">95 % CI " + format_number("%.4f", it->second[0]) + " - " + format_number("%.4f", it->second[1]) + "</div>";
  return card + "</div>";
}

std::string bar(double value, const char* colour) {
  // 80 % of the cell at most, so that the value printed beside the bar stays on its line.
  return "<td class=\"bar\"><div style=\"width:" + format_number("%.1f", 80 * value) + "%;background:" + colour + "\"></div><span>" +
         format_number("%.3f", value) + "</span></td>";
}

}  // namespace

std::string report_html(const Metrics& m, const ReportContext& context) {
  const std::size_t k = m.labels.size();
  // Cells shrink with the class count so that the matrix fits 1280 px: ~27 px a column at 40 classes.
  const double cell_font = k <= 12 ? 0.85 : k <= 20 ? 0.72 : k <= 30 ? 0.62 : 0.52;
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">"
      "<title>" + markup_escape(context.title) + "</title>\n<style>"
      "body{font-family:sans-serif;margin:1.2em 1.5em;color:#222}h1{font-size:1.4em;margin:.2em 0}h2{font-size:1.15em;margin:1.4em 0 .4em}"
      ".stamp{color:#444;font-size:.85em;display:flex;flex-wrap:wrap;gap:.3em 1.4em;margin:.3em 0 1em}.stamp b{color:#222}"
      ".cards{display:flex;flex-wrap:wrap;gap:.6em}.card{border:1px solid #ccc;border-radius:4px;padding:.4em .7em;min-width:8.5em}"
      ".card .name{font-size:.8em;color:#555}.card .value{font-size:1.3em;font-weight:600}.card .interval{font-size:.75em;color:#555}"
      "table{border-collapse:collapse}.confusion{table-layout:fixed;width:100%;font-size:" + format_number("%.2f", cell_font) + "em}"
      ".confusion th,.confusion td{border:1px solid #fff;text-align:center;padding:.15em 0;overflow:hidden}"
      ".confusion th.row{width:9.5em;text-align:right;padding-right:.4em;font-size:" + format_number("%.2f", std::max(0.75, cell_font) / cell_font) +
      "em;overflow-wrap:anywhere}.confusion th.corner{width:9.5em;font-weight:normal;color:#555;vertical-align:bottom}"
      ".confusion th.col{vertical-align:bottom;height:9.5em;font-size:" + format_number("%.2f", std::max(0.75, cell_font) / cell_font) + "em}"
      ".confusion th.col span{writing-mode:vertical-rl;transform:rotate(180deg);white-space:nowrap;display:inline-block;max-height:9.3em;"
      "overflow:hidden;text-overflow:ellipsis}.confusion td small{display:block;opacity:.85}"
      ".perclass td,.perclass th{padding:.2em .5em;border-bottom:1px solid #eee;text-align:left}.perclass td.bar{width:14em;position:relative}"
      ".perclass td.bar{white-space:nowrap}.perclass td.bar div{height:1em;display:inline-block;vertical-align:middle}.perclass td.bar span{font-size:.8em;margin-left:.4em}"
      ".legend span{display:inline-block;width:1.8em;height:.9em;vertical-align:middle}.curves svg{max-width:100%;height:auto}"
      ".notes{border-left:4px solid #e69f00;background:#fff8e6;padding:.3em .8em;margin:.6em 0}.notes li{margin:.2em 0}"
      "</style></head>\n<body>\n<h1>" + markup_escape(context.title) + "</h1>\n<div class=\"stamp\">";
  for (const auto& [name, value] : context.stamp) out += "<span>" + markup_escape(name) + ": <b>" + markup_escape(value) + "</b></span>";
  out += "</div>\n";
  if (!context.fit_notes.empty()) {
    out += "<div class=\"notes\"><b>What the fit noted</b><ul>";
    for (const auto& note : context.fit_notes) out += "<li>" + markup_escape(note) + "</li>";
    out += "</ul></div>\n";
  }
  out += "<div class=\"cards\">";
  out += "<div class=\"card\"><div class=\"name\">tracks</div><div class=\"value\">" + std::to_string(m.count) + "</div></div>";
  out += headline_card("accuracy", m.accuracy, m, "accuracy");
  out += headline_card("Cohen's kappa", m.kappa, m, "kappa");
  out += headline_card("macro-F1", m.macro_f1, m, "f1_macro");
  out += headline_card("balanced accuracy", m.balanced_accuracy, m, "");
  if (!std::isnan(m.log_loss)) out += headline_card("log loss", m.log_loss, m, "");
  if (!std::isnan(m.roc_auc_ovr_macro)) out += headline_card("ROC AUC (one-vs-rest, macro)", m.roc_auc_ovr_macro, m, "");
  for (const auto& [top, value] : m.top_k_accuracy) out += headline_card("top-" + std::to_string(top) + " accuracy", value, m, "");
  out += "</div>\n<h2>Confusion matrix</h2>\n<p class=\"legend\">Rows: true genre; columns: predicted. Each cell: tracks, and "
         "their share of the row (colour: 0 ";
  for (int i = 0; i <= 8; ++i) out += "<span style=\"background:" + sequential_colour(i / 8.0) + "\"></span>";
  out += " 100 %).</p>\n<table class=\"confusion\"><thead><tr><th class=\"corner\">true \\ predicted</th>";
  for (const auto& label : m.labels) out += "<th class=\"col\" title=\"" + markup_escape(label) + "\"><span>" + markup_escape(label) + "</span></th>";
  out += "</tr></thead><tbody>\n";
  for (std::size_t a = 0; a < k; ++a) {
    std::size_t row_total = 0;
    for (std::size_t count : m.confusion[a]) row_total += count;
    out += "<tr><th class=\"row\">" + markup_escape(m.labels[a]) + "</th>";
    for (std::size_t b = 0; b < k; ++b) {
      const std::size_t count = m.confusion[a][b];
      const double share = row_total ? static_cast<double>(count) / static_cast<double>(row_total) : 0.0;
      if (count == 0) {
        out += "<td style=\"color:#bbb\">0</td>";
        continue;
      }
      out += "<td style=\"background:" + sequential_colour(share) + ";color:" + text_colour_on(share) + "\" title=\"" +
             markup_escape(m.labels[a]) + " predicted as " + markup_escape(m.labels[b]) + "\"><b>" + std::to_string(count) +
             "</b><small>" + format_number("%.0f%%", 100 * share) + "</small></td>";
    }
    out += "</tr>\n";
  }
  out += "</tbody></table>\n<h2>Per class</h2>\n<p class=\"legend\"><span style=\"background:" + std::string(kPrecisionColour) +
         "\"></span> precision <span style=\"background:" + kRecallColour + "\"></span> recall <span style=\"background:" + kF1Colour +
         "\"></span> F1</p>\n<table class=\"perclass\"><tr><th>genre</th><th>precision</th><th>recall</th><th>F1</th><th>support</th></tr>\n";
  for (const auto& r : m.per_class)
    out += "<tr><td>" + markup_escape(r.label) + "</td>" + bar(r.precision, kPrecisionColour) + bar(r.recall, kRecallColour) +
           bar(r.f1, kF1Colour) + "<td>" + std::to_string(r.support) + "</td></tr>\n";
  out += "</table>\n";
  if (!context.training_curves_svg.empty())
    out += "<h2>Training</h2>\n<div class=\"curves\">" + context.training_curves_svg + "</div>\n";
  return out + "</body></html>\n";
}

}  // namespace genrekit::eval
