#include "genrekit/eval/training_curves.h"

#include <algorithm>
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

constexpr double kPanelWidth = 420, kPanelHeight = 260, kMargin = 48;

// One panel: two polylines (training solid, validation dashed) over the epochs, with axis labels.
std::string panel(const std::vector<EpochMetrics>& history, double x0, const char* name, double EpochMetrics::*train,
                  double EpochMetrics::*validation) {
  double low = 0, high = 1e-12;
  for (const auto& m : history) high = std::max({high, m.*train, m.*validation});
  const int last = history.empty() ? 1 : std::max(history.back().epoch, 2);
  const auto x = [&](int epoch) { return x0 + kMargin + (epoch - 1) * (kPanelWidth - kMargin - 10) / (last - 1); };
  const auto y = [&](double v) { return 20 + (kPanelHeight - 60) * (1 - (v - low) / (high - low)); };
  char buffer[256];
  std::string svg;
  std::snprintf(buffer, sizeof buffer,
                "<text x='%.0f' y='14' font-size='13'>%s</text><line x1='%.1f' y1='%.1f' x2='%.1f' y2='%.1f' stroke='#888'/>"
                "<line x1='%.1f' y1='20' x2='%.1f' y2='%.1f' stroke='#888'/>",
                x0 + kMargin, name, x(1), y(low), x(last), y(low), x(1), x(1), y(low));
  svg += buffer;
  std::snprintf(buffer, sizeof buffer,
                "<text x='%.1f' y='%.1f' font-size='10' text-anchor='end'>%.3g</text><text x='%.1f' y='%.1f' font-size='10' "
                "text-anchor='end'>%.3g</text><text x='%.1f' y='%.1f' font-size='10'>epoch %d</text>",
                x(1) - 4, y(high) + 4, high, x(1) - 4, y(low), low, x(last) - 40, y(low) + 16, last);
  svg += buffer;
  for (const auto& [member, style] : {std::pair{train, "stroke='#1f77b4'"}, std::pair{validation, "stroke='#d62728' stroke-dasharray='5,3'"}}) {
    svg += "<polyline fill='none' stroke-width='2' " + std::string(style) + " points='";
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
  std::string svg = "<svg xmlns='http://www.w3.org/2000/svg' width='880' height='300' font-family='sans-serif'>"
                    "<title>" + markup_escape(title) + "</title><rect width='100%' height='100%' fill='white'/>";
  svg += panel(history, 0, "loss", &EpochMetrics::train_loss, &EpochMetrics::validation_loss);
  svg += panel(history, 440, "accuracy", &EpochMetrics::train_accuracy, &EpochMetrics::validation_accuracy);
  svg += "<text x='60' y='292' font-size='11' fill='#1f77b4'>training</text>"
         "<text x='130' y='292' font-size='11' fill='#d62728'>validation (dashed)</text>"
         "<text x='300' y='292' font-size='11'>" + markup_escape(title) + "</text></svg>\n";
  return svg;
}

}  // namespace genrekit::eval
