#pragma once
// What one training epoch of a network measured, as metrics.jsonl lines and as a picture.
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace genrekit::eval {

struct EpochMetrics {
  int epoch = 0;  // 1-based
  double train_loss = 0;
  double train_accuracy = 0;
  double validation_loss = 0;
  double validation_accuracy = 0;
  double learning_rate = 0;
  double seconds = 0;
};

nlohmann::json to_json(const EpochMetrics& metrics);
EpochMetrics epoch_metrics_from_json(const nlohmann::json& json);

// A self-contained SVG: loss (left) and accuracy (right) per epoch, training (solid) and validation
// (dashed), on axes with 5 - 8 ticks and a y range fitted to the values; the chosen epoch (best
// validation accuracy) and every learning-rate change are marked.
std::string training_curves_svg(const std::vector<EpochMetrics>& history, const std::string& title);

}  // namespace genrekit::eval
