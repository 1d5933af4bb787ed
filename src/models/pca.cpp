#include "genrekit/models/pca.h"

#include <cmath>
#include <stdexcept>
#include <string>

#include <Eigen/Eigenvalues>

namespace genrekit::models {

Pca::Pca(std::vector<double> mean, FeatureMatrix components, std::vector<double> explained_variance, bool whiten)
    : mean_(std::move(mean)), components_(std::move(components)), explained_variance_(std::move(explained_variance)), whiten_(whiten) {}

Pca Pca::fit(const FeatureMatrix& X, const std::vector<std::size_t>& rows, int n_components, bool whiten) {
  const auto d = X.cols();
  if (n_components < 1 || n_components > d || static_cast<std::size_t>(n_components) > rows.size())
    throw std::invalid_argument("pca: n_components must lie in [1, " + std::to_string(std::min<std::size_t>(static_cast<std::size_t>(d), rows.size())) +
                                "], got " + std::to_string(n_components));
  Eigen::MatrixXd centred(static_cast<Eigen::Index>(rows.size()), d);
  for (std::size_t i = 0; i < rows.size(); ++i) centred.row(static_cast<Eigen::Index>(i)) = X.row(static_cast<Eigen::Index>(rows[i]));
  const Eigen::RowVectorXd mean = centred.colwise().mean();
  centred.rowwise() -= mean;
  const Eigen::MatrixXd covariance = centred.transpose() * centred / static_cast<double>(std::max<std::size_t>(1, rows.size() - 1));
  const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(covariance);
  FeatureMatrix components(n_components, d);
  std::vector<double> variance;
  for (int k = 0; k < n_components; ++k) {
    const Eigen::Index column = d - 1 - k;  // eigenvalues come in increasing order
    Eigen::VectorXd v = solver.eigenvectors().col(column);
    Eigen::Index largest = 0;
    v.cwiseAbs().maxCoeff(&largest);
    if (v[largest] < 0) v = -v;
    components.row(k) = v.transpose();
    variance.push_back(std::max(0.0, solver.eigenvalues()[column]));
  }
  return {std::vector<double>(mean.data(), mean.data() + d), components, variance, whiten};
}

FeatureMatrix Pca::transform(const FeatureMatrix& X) const {
  if (static_cast<std::size_t>(X.cols()) != mean_.size())
    throw std::invalid_argument("pca: " + std::to_string(X.cols()) + " columns, fitted on " + std::to_string(mean_.size()));
  const Eigen::Map<const Eigen::RowVectorXd> mean(mean_.data(), static_cast<Eigen::Index>(mean_.size()));
  FeatureMatrix projected = (X.rowwise() - mean) * components_.transpose();
  if (whiten_)
    for (Eigen::Index k = 0; k < projected.cols(); ++k) {
      const double sd = std::sqrt(explained_variance_[static_cast<std::size_t>(k)]);
      if (sd > 0) projected.col(k) /= sd;
    }
  return projected;
}

}  // namespace genrekit::models
