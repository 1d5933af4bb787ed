#pragma once
// L2-regularised logistic regression and linear SVM through LIBLINEAR (one-vs-rest, as scikit-learn's
// liblinear-based LogisticRegression and LinearSVC), with an intercept (LIBLINEAR's bias feature).
#include <filesystem>
#include <memory>
#include <string_view>
#include <vector>

#include "genrekit/models/classifier.h"

struct model;

namespace genrekit::models {

enum class LinearKind { LogisticRegression, LinearSvm };

struct LinearParams {
  LinearKind kind = LinearKind::LogisticRegression;
  double C = 1.0;
  double tolerance = 1e-4;      // scikit-learn's default tol, passed to LIBLINEAR as eps
  ClassWeights class_weights;   // scale C per class, as scikit-learn's class_weight
  unsigned seed = 42;           // LIBLINEAR's dual solvers shuffle with rand()
};

class LinearModel : public Classifier {
 public:
  // y holds class indices in [0, n_classes). std::invalid_argument for parameters LIBLINEAR rejects.
  // LIBLINEAR's "reaching max number of iterations" becomes a note.
  static LinearModel train(const FeatureMatrix& X, const std::vector<int>& y, int n_classes, const LinearParams& params);
  // The file `save` wrote into `dir` for this kind; DataError naming it when missing or corrupt.
  static LinearModel load(const std::filesystem::path& dir, LinearKind kind, int n_classes);

  // (rows, n_classes): probabilities for logistic regression, decision values for the SVM, by class
  // index (classes absent from training get -inf / 0).
  FeatureMatrix scores(const FeatureMatrix& X) const;
  FeatureMatrix probabilities(const FeatureMatrix& X) const override;  // the SVM's: softmax of its scores
  void save(const std::filesystem::path& dir) const override;  // logistic_regression.txt or linear_svm.txt
  LinearKind kind() const { return kind_; }

 private:
  LinearModel(std::shared_ptr<::model> model, int n_classes, LinearKind kind)
      : model_(std::move(model)), n_classes_(n_classes), kind_(kind) {}
  std::shared_ptr<::model> model_;
  int n_classes_;
  LinearKind kind_;
};

}  // namespace genrekit::models
