#pragma once
// predict for the classical models: new audio through the run's own extraction profile and model;
// the output formats, which the networks' predictions share.
#include <string>
#include <vector>

#include "genrekit/models/classical_pipeline.h"

namespace genrekit::models {

struct Prediction {
  std::string path;
  std::string error;                 // why the file could not be classified ("" when it was)
  std::vector<double> probabilities; // by class of the bundle
  int top = -1;                      // the predicted class
  // Networks with per-step outputs: probabilities per step (the timeline), one every step_seconds.
  std::vector<std::vector<double>> steps;
  double step_seconds = 0;
};

// Decodes and extracts each file as the model's features were, then classifies it; `threads` files
// at a time, with progress; results in input order. A bad file gets its error, the rest go on.
std::vector<Prediction> predict_files(const ModelBundle& bundle, const std::vector<std::string>& files, unsigned threads);

// path,genre,<one probability column per class> (a failed file: empty genre, error in the last column)
std::string predictions_csv(const std::vector<std::string>& classes, const std::vector<Prediction>& predictions);
// [{"path": ..., "genre": ..., "probabilities": {class: p, ...}} or {"path": ..., "error": ...}]
std::string predictions_json(const std::vector<std::string>& classes, const std::vector<Prediction>& predictions);

}  // namespace genrekit::models
