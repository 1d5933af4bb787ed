#pragma once
// Principal component analysis as scikit-learn's PCA: centred on the training rows, the top
// n_components eigenvectors of the covariance, explained variance with n - 1, optional whitening
// (each component scaled to unit variance). Each component's sign is fixed so that its largest
// loading is positive, so a fit is reproducible.
#include <vector>

#include "genrekit/models/dataset.h"

namespace genrekit::models {

class Pca {
 public:
  Pca() = default;
  Pca(std::vector<double> mean, FeatureMatrix components, std::vector<double> explained_variance, bool whiten);

  // std::invalid_argument unless 1 <= n_components <= min(columns, training rows).
  static Pca fit(const FeatureMatrix& X, const std::vector<std::size_t>& rows, int n_components, bool whiten);
  FeatureMatrix transform(const FeatureMatrix& X) const;  // (rows, n_components)

  const std::vector<double>& mean() const { return mean_; }
  const FeatureMatrix& components() const { return components_; }  // (n_components, columns)
  const std::vector<double>& explained_variance() const { return explained_variance_; }
  bool whiten() const { return whiten_; }

 private:
  std::vector<double> mean_;
  FeatureMatrix components_;
  std::vector<double> explained_variance_;
  bool whiten_ = false;
};

}  // namespace genrekit::models
