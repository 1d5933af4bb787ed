#include "genrekit/models/classifier.h"

namespace genrekit::models {

std::string class_label(const FitContext& context, std::size_t index) {
  return index < context.classes.size() ? "class '" + context.classes[index] + "'" : "class index " + std::to_string(index);
}

FeatureMatrix softmax_rows(FeatureMatrix scores) {
  for (Eigen::Index r = 0; r < scores.rows(); ++r) {
    const double top = scores.row(r).maxCoeff();
    scores.row(r) = (scores.row(r).array() - top).exp();
    scores.row(r) /= scores.row(r).sum();
  }
  return scores;
}

}  // namespace genrekit::models
