#pragma once
// The epoch-to-epoch decisions of network training, as the thesis' Keras callbacks made them:
// ReduceLROnPlateau on validation loss, early stopping on validation loss with patience, and the
// best epoch by validation accuracy. Plain state, saved in every checkpoint so that a resumed run
// decides exactly as an uninterrupted one. No LibTorch here.
#include <limits>

#include <nlohmann/json.hpp>

namespace genrekit::nn {

struct ScheduleSettings {
  double lr_factor = 0.5;
  int lr_patience = 10;
  double min_learning_rate = 0;
  int early_stopping_patience = 2;  // 0: never stop early
};

struct TrainingSchedule {
  double learning_rate = 1e-4;
  double best_loss = std::numeric_limits<double>::infinity();
  int epochs_without_lower_loss = 0;  // since best_loss (early stopping)
  int lr_bad_epochs = 0;              // since best_loss or the last reduction (ReduceLROnPlateau)
  double best_accuracy = -1;
  int best_epoch = 0;                 // 1-based; 0 before the first epoch

  struct Decision {
    bool new_best_accuracy = false;
    bool reduced_learning_rate = false;
    bool stop = false;
  };
  // After epoch `epoch` (1-based) scored `validation_loss` and `validation_accuracy`.
  Decision record(int epoch, double validation_loss, double validation_accuracy, const ScheduleSettings& settings);

  nlohmann::json to_json() const;
  static TrainingSchedule from_json(const nlohmann::json& json);
};

}  // namespace genrekit::nn
