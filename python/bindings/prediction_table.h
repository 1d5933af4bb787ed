#pragma once
// A run's predictions as Python receives them, classical and network alike: (probabilities, files x
// classes with NaN rows for the files that failed; each file's error, "" when it did not).
#include <pybind11/numpy.h>

#include <cmath>
#include <string>
#include <tuple>
#include <vector>

#include "genrekit/models/prediction.h"

namespace genrekit::python {

using PredictionTable = std::tuple<pybind11::array_t<double>, std::vector<std::string>>;

inline PredictionTable prediction_table(const std::vector<models::Prediction>& predictions, std::size_t classes) {
  pybind11::array_t<double> probabilities({static_cast<pybind11::ssize_t>(predictions.size()), static_cast<pybind11::ssize_t>(classes)});
  std::vector<std::string> errors;
  double* at = probabilities.mutable_data();
  for (const auto& p : predictions) {
    for (std::size_t c = 0; c < classes; ++c) *at++ = c < p.probabilities.size() && p.error.empty() ? p.probabilities[c] : NAN;
    errors.push_back(p.error);
  }
  return {probabilities, errors};
}

}  // namespace genrekit::python
