#pragma once
// A fitted classifier of any kind, in scikit-learn's shape: predict, probabilities, and a save that a
// kind's loader reads back. What a kind is (name, settings, factory) lives in model_kind.h.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "genrekit/models/dataset.h"

namespace genrekit::models {

// What every fit shares, resolved by the caller once: class names (for messages), class weights,
// seed, threads.
struct FitContext {
  std::vector<std::string> classes;  // by class index; may be empty (messages then use the index)
  ClassWeights class_weights;
  std::uint64_t seed = 42;
  unsigned threads = 1;
  bool show_progress = true;  // off where many fits run side by side (search, screening)
};

class Classifier {
 public:
  virtual ~Classifier() = default;
  // (rows, n_classes): the kind's probabilities; a kind without them (its table entry says so)
  // gives the softmax of its decision values, which ranks classes as the model does but is not
  // calibrated.
  virtual FeatureMatrix probabilities(const FeatureMatrix& X) const = 0;
  // The class each row gets. Argmax of the probabilities (ties: the lowest class index) unless the
  // kind decides otherwise, as scikit-learn's SVC (one-vs-one votes) and the hard vote do.
  virtual std::vector<int> predict(const FeatureMatrix& X) const { return argmax_rows(probabilities(X)); }
  // Writes the model's files into `dir` (created); the kind's `load` reads them back.
  virtual void save(const std::filesystem::path& dir) const = 0;
  // Things the fit wants the user to know (no convergence within the iteration cap, a collinear
  // class...); logged by the caller and recorded in the run.
  const std::vector<std::string>& notes() const { return notes_; }

 protected:
  std::vector<std::string> notes_;
};

// "class 'Rock'" (or "class index 3" when the context has no names), for messages.
std::string class_label(const FitContext& context, std::size_t index);

// Row-wise softmax, for kinds whose scores are decision values.
FeatureMatrix softmax_rows(FeatureMatrix scores);

}  // namespace genrekit::models
