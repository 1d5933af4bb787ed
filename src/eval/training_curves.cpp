#include "genrekit/eval/training_curves.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "genrekit/eval/html.h"

namespace genrekit::eval {

nlohmann::json to_json(const EpochMetrics& m) {
  return {{"epoch", m.epoch},
          {"train_loss", m.train_loss},
          {"train_accuracy", m.train_accuracy},
          {"validation_loss", m.validation_loss},
          {"validation_accuracy", m.validation_accuracy},
          {"learning_rate", m.learning_rate},
          {"seconds", m.seconds}};
}

EpochMetrics epoch_metrics_from_json(const nlohmann::json& j) {
  return {j.at("epoch").get<int>(),           j.at("train_loss").get<double>(),    j.at("train_accuracy").get<double>(),
          j.at("validation_loss").get<double>(), j.at("validation_accuracy").get<double>(), j.at("learning_rate").get<double>(),
          j.at("seconds").get<double>()};
}

namespace {

constexpr double kPanelWidth = 430, kPanelHeight = 270;
constexpr double kLeft = 56, kRight = 12, kTop = 28, kBottom = 40;  // the plot area's margins inside a panel
const char* const kTrainColour = categorical_colour(0);
const char* const kValidColour = categorical_colour(1);

// The epoch the run keeps: the best validation accuracy, the earliest of equals.
int chosen_epoch(const std::vector<EpochMetrics>& history) {
  int best = history.front().epoch;
  double top = history.front().validation_accuracy;
  for (const auto& m : history)
    if (m.validation_accuracy > top) top = m.validation_accuracy, best = m.epoch;
  return best;
}

// One panel: training (solid) and validation (dashed) over the epochs on axes with ticks, the y
// range fitted to the values, the chosen epoch and the learning-rate changes marked.
std::string panel(const std::vector<EpochMetrics>& history, double x0, const std::string& name, double EpochMetrics::*train,
                  double EpochMetrics::*validation) {
  double low = INFINITY, high = -INFINITY;
  for (const auto& m : history) low = std::min({low, m.*train, m.*validation}), high = std::max({high, m.*train, m.*validation});
  const double pad = std::max((high - low) * 0.08, 1e-6);
  const auto y_ticks = nice_ticks(low - pad, high + pad, 5);
  const double y_low = std::min(low - pad, y_ticks.front()), y_high = std::max(high + pad, y_ticks.back());
  const int first = history.front().epoch, last = std::max(history.back().epoch, first + 1);
  const double plot_w = kPanelWidth - kLeft - kRight, plot_h = kPanelHeight - kTop - kBottom;
  const auto x = [&](double epoch) { return x0 + kLeft + (epoch - first) * plot_w / (last - first); };
  const auto y = [&](double v) { return kTop + plot_h * (1 - (v - y_low) / (y_high - y_low)); };
  char buffer[320];
  std::string svg;
  std::snprintf(buffer, sizeof buffer, "<text x='%.1f' y='16' font-size='13' font-weight='bold'>%s</text>", x0 + kLeft,
                markup_escape(name).c_str());
  svg += buffer;
  for (double t : y_ticks) {
    if (t < y_low || t > y_high) continue;
    std::snprintf(buffer, sizeof buffer,
                  "<line x1='%.1f' y1='%.1f' x2='%.1f' y2='%.1f' stroke='#e5e5e5'/><text x='%.1f' y='%.1f' font-size='10' "
                  "text-anchor='end'>%.4g</text>",
                  x(first), y(t), x(last), y(t), x(first) - 5, y(t) + 3.5, t);
    svg += buffer;
  }
  for (double t : nice_ticks(first, last, std::min(5, last - first + 1))) {
    if (t != std::floor(t) || t < first || t > last) continue;  // whole epochs only
    std::snprintf(buffer, sizeof buffer,
                  "<line x1='%.1f' y1='%.1f' x2='%.1f' y2='%.1f' stroke='#888'/><text x='%.1f' y='%.1f' font-size='10' "
                  "text-anchor='middle'>%.0f</text>",
                  x(t), y(y_low), x(t), y(y_low) + 4, x(t), y(y_low) + 15, t);
    svg += buffer;
  }
  std::snprintf(buffer, sizeof buffer,
                "<rect x='%.1f' y='%.1f' width='%.1f' height='%.1f' fill='none' stroke='#888'/>"
                "<text x='%.1f' y='%.1f' font-size='11' text-anchor='middle'>epoch</text>",
                x(first), y(y_high), plot_w, plot_h, x0 + kLeft + plot_w / 2, y(y_low) + 30);
  svg += buffer;
  // Learning-rate changes: a dotted line where the rate differs from the epoch before.
  for (std::size_t i = 1; i < history.size(); ++i)
    if (history[i].learning_rate != history[i - 1].learning_rate) {
      std::snprintf(buffer, sizeof buffer,
                    "<line x1='%.1f' y1='%.1f' x2='%.1f' y2='%.1f' stroke='#777' stroke-dasharray='2,3'/>"
                    "<text x='%.1f' y='%.1f' font-size='9' fill='#555'>lr %.2g</text>",
                    x(history[i].epoch), y(y_high), x(history[i].epoch), y(y_low), x(history[i].epoch) + 2, y(y_high) + 10,
                    history[i].learning_rate);
      svg += buffer;
    }
  const int chosen = chosen_epoch(history);
  std::snprintf(buffer, sizeof buffer,
                "<line x1='%.1f' y1='%.1f' x2='%.1f' y2='%.1f' stroke='#222' stroke-dasharray='6,3'/>"
                "<text x='%.1f' y='%.1f' font-size='10' text-anchor='middle'>chosen: epoch %d</text>",
                x(chosen), y(y_high), x(chosen), y(y_low), x(chosen), y(y_high) - 4, chosen);
  svg += buffer;
  for (const auto& [member, style] : {std::pair{train, std::string("stroke='") + kTrainColour + "'"},
                                      std::pair{validation, std::string("stroke='") + kValidColour + "' stroke-dasharray='6,3'"}}) {
    svg += "<polyline fill='none' stroke-width='2' " + style + " points='";
    for (const auto& m : history) {
      std::snprintf(buffer, sizeof buffer, "%.1f,%.1f ", x(m.epoch), y(m.*member));
      svg += buffer;
    }
    svg += "'/>";
  }
  return svg;
}

}  // namespace

std::string training_curves_svg(const std::vector<EpochMetrics>& history, const std::string& title) {
  std::string svg = "<svg xmlns='http://www.w3.org/2000/svg' width='880' height='310' viewBox='0 0 880 310' font-family='sans-serif'>"
                    "<title>" + markup_escape(title) + "</title><rect width='100%' height='100%' fill='white'/>";
  if (!history.empty()) {
    svg += panel(history, 0, "loss (negative log-likelihood, nats)", &EpochMetrics::train_loss, &EpochMetrics::validation_loss);
    svg += panel(history, 445, "accuracy", &EpochMetrics::train_accuracy, &EpochMetrics::validation_accuracy);
  }
  svg += std::string("<line x1='60' y1='298' x2='84' y2='298' stroke='") + kTrainColour +
         "' stroke-width='2'/><text x='88' y='302' font-size='11'>training</text><line x1='150' y1='298' x2='174' y2='298' stroke='" +
         kValidColour + "' stroke-width='2' stroke-dasharray='6,3'/><text x='178' y='302' font-size='11'>validation</text>"
         "<text x='260' y='302' font-size='11'>" + markup_escape(title) + "</text></svg>\n";
  return svg;
}

}  // namespace genrekit::eval
