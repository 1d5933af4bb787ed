#include "genrekit/nn/training_schedule.h"

#include <algorithm>

namespace genrekit::nn {

TrainingSchedule::Decision TrainingSchedule::record(int epoch, double validation_loss, double validation_accuracy,
                                                    const ScheduleSettings& settings) {
  Decision decision;
  if (validation_accuracy > best_accuracy) {  // Keras' ModelCheckpoint(save_best_only, monitor=val_acc): strictly better
    best_accuracy = validation_accuracy;
    best_epoch = epoch;
    decision.new_best_accuracy = true;
  }
  if (validation_loss < best_loss) {
    best_loss = validation_loss;
    epochs_without_lower_loss = 0;
    lr_bad_epochs = 0;
  } else {
    ++epochs_without_lower_loss;
    // Keras' ReduceLROnPlateau: reduce after `patience` epochs without improvement, then count again.
    if (++lr_bad_epochs >= settings.lr_patience) {
      const double reduced = std::max(learning_rate * settings.lr_factor, settings.min_learning_rate);
      decision.reduced_learning_rate = reduced < learning_rate;
      learning_rate = reduced;
      lr_bad_epochs = 0;
    }
    decision.stop = settings.early_stopping_patience > 0 && epochs_without_lower_loss >= settings.early_stopping_patience;
  }
  return decision;
}

nlohmann::json TrainingSchedule::to_json() const {
  return {{"learning_rate", learning_rate},     {"best_loss", best_loss},         {"epochs_without_lower_loss", epochs_without_lower_loss},
          {"lr_bad_epochs", lr_bad_epochs},     {"best_accuracy", best_accuracy}, {"best_epoch", best_epoch}};
}

TrainingSchedule TrainingSchedule::from_json(const nlohmann::json& json) {
  TrainingSchedule s;
  s.learning_rate = json.at("learning_rate").get<double>();
  // JSON has no infinity: nlohmann writes it as null (before the first epoch).
  s.best_loss = json.at("best_loss").is_null() ? std::numeric_limits<double>::infinity() : json.at("best_loss").get<double>();
  s.epochs_without_lower_loss = json.at("epochs_without_lower_loss").get<int>();
  s.lr_bad_epochs = json.at("lr_bad_epochs").get<int>();
  s.best_accuracy = json.at("best_accuracy").get<double>();
  s.best_epoch = json.at("best_epoch").get<int>();
  return s;
}

}  // namespace genrekit::nn
