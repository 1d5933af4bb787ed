// gaussian_nb: Gaussian naive Bayes, as scikit-learn's GaussianNB: per class the mean and the
// population variance of each feature plus var_smoothing x the largest feature variance, priors
// from the class counts; probabilities from the joint log-likelihood, normalised by log-sum-exp.
#include <cmath>

#include "genrekit/error.h"
#include "genrekit/models/model_files.h"
#include "genrekit/models/model_kind.h"

namespace genrekit::models {

namespace fs = std::filesystem;

namespace {

class GaussianNb : public Classifier {
 public:
  // Rows of `means` and `variances` by class index; a class without training rows has prior 0.
  GaussianNb(FeatureMatrix means, FeatureMatrix variances, std::vector<double> priors)
      : means_(std::move(means)), variances_(std::move(variances)), priors_(std::move(priors)) {}

  FeatureMatrix probabilities(const FeatureMatrix& X) const override {
    const auto k = static_cast<Eigen::Index>(priors_.size());
    FeatureMatrix joint(X.rows(), k);
    for (Eigen::Index c = 0; c < k; ++c) {
      if (priors_[static_cast<std::size_t>(c)] == 0) {
        joint.col(c).setConstant(-INFINITY);
        continue;
      }
      const double constant = std::log(priors_[static_cast<std::size_t>(c)]) -
                              0.5 * (2.0 * M_PI * variances_.row(c).array()).log().sum();
      joint.col(c) = ((X.rowwise() - means_.row(c)).array().square().rowwise() / variances_.row(c).array())
                         .rowwise()
                         .sum()
                         .matrix() *
                         -0.5 +
                     Eigen::VectorXd::Constant(X.rows(), constant);
    }
    for (Eigen::Index r = 0; r < X.rows(); ++r) {
      const double top = joint.row(r).maxCoeff();
      const double log_sum = top + std::log((joint.row(r).array() - top).exp().sum());
      joint.row(r) = (joint.row(r).array() - log_sum).exp();
    }
    return joint;
  }

  void save(const fs::path& dir) const override {
    write_matrix(dir / "gaussian_nb_means.npy", means_);
    write_matrix(dir / "gaussian_nb_variances.npy", variances_);
    write_json(dir / "gaussian_nb.json", {{"priors", priors_}});
  }

 private:
  FeatureMatrix means_, variances_;
  std::vector<double> priors_;
};

struct Settings final : ModelSettings {
  double var_smoothing = 1e-9;
  std::unique_ptr<Classifier> fit(const FeatureMatrix& X, const std::vector<int>& y, int n_classes) const override {
    const Eigen::RowVectorXd overall_mean = X.colwise().mean();
    const double epsilon =
        var_smoothing * (X.rowwise() - overall_mean).array().square().colwise().sum().maxCoeff() / static_cast<double>(X.rows());
    FeatureMatrix means = FeatureMatrix::Zero(n_classes, X.cols()), variances = FeatureMatrix::Zero(n_classes, X.cols());
    std::vector<double> counts(static_cast<std::size_t>(n_classes), 0.0);
    for (std::size_t r = 0; r < y.size(); ++r) {
      means.row(y[r]) += X.row(static_cast<Eigen::Index>(r));
      counts[static_cast<std::size_t>(y[r])] += 1;
    }
    for (int c = 0; c < n_classes; ++c)
      if (counts[static_cast<std::size_t>(c)] > 0) means.row(c) /= counts[static_cast<std::size_t>(c)];
    for (std::size_t r = 0; r < y.size(); ++r)
      variances.row(y[r]) += (X.row(static_cast<Eigen::Index>(r)) - means.row(y[r])).array().square().matrix();
    std::vector<double> priors;
    for (int c = 0; c < n_classes; ++c) {
      const double n = counts[static_cast<std::size_t>(c)];
      if (n > 0) variances.row(c) /= n;
      variances.row(c).array() += epsilon;
      priors.push_back(n / static_cast<double>(y.size()));
    }
    if (!(variances.minCoeff() > 0))
      throw DataError("gaussian_nb: every feature is constant; raise model.gaussian_nb.var_smoothing or check the table");
    return std::make_unique<GaussianNb>(std::move(means), std::move(variances), std::move(priors));
  }
};

}  // namespace

ModelKind gaussian_nb_kind() {
  using config::ValueType;
  return {.name = "gaussian_nb",
          .summary = "Gaussian naive Bayes (scikit-learn's GaussianNB)",
          .has_probabilities = true,
          .takes_class_weights = false,
          .keys = {{.path = "model.gaussian_nb.var_smoothing", .type = ValueType::Float, .default_yaml = "1e-09", .min = 0, .max = 1e6,
                    .description = "Added to every variance, as a share of the largest feature variance."}},
          .search = {{"var_smoothing", SearchDimension::Draw::LogUniform,
                      {.path = "search.gaussian_nb.var_smoothing", .type = ValueType::FloatList, .default_yaml = "[1e-09, 0.1]",
                       .min = 1e-15, .max = 1e6, .description = "[low, high]: var_smoothing drawn log-uniformly."}}},
          .settings = [](const config::Config& config, const FitContext&) -> std::unique_ptr<ModelSettings> {
            auto s = std::make_unique<Settings>();
            s->var_smoothing = config.get_float("model.gaussian_nb.var_smoothing");
            return s;
          },
          .load = [](const fs::path& dir, int n_classes, unsigned) -> std::unique_ptr<Classifier> {
            const auto file = dir / "gaussian_nb.json";
            auto priors = json_value<std::vector<double>>(read_json(file), "priors", file);
            if (priors.size() != static_cast<std::size_t>(n_classes))
              throw DataError(file.string() + ": " + std::to_string(priors.size()) + " priors for " + std::to_string(n_classes) + " classes");
            FeatureMatrix means = read_matrix(dir / "gaussian_nb_means.npy");
            FeatureMatrix variances = read_matrix(dir / "gaussian_nb_variances.npy", means.cols());
            return std::make_unique<GaussianNb>(std::move(means), std::move(variances), std::move(priors));
          }};
}

}  // namespace genrekit::models
