// qda: quadratic discriminant analysis, as scikit-learn's QuadraticDiscriminantAnalysis: per class
// the mean and the SVD of the centred rows, the covariance's eigenvalues S^2 / (n - 1) shrunk by
// reg_param towards 1, priors from the class counts; probabilities are the softmax of the decision
// values. A class whose covariance has rank below the feature count gets a note naming it (scikit-
// learn's "Variables are collinear" warning); one whose shrunk eigenvalues reach 0 cannot be used
// and is an error naming the class and model.qda.reg_param, never a model that answers NaN.
#include <cmath>

#include <Eigen/SVD>

#include "genrekit/error.h"
#include "genrekit/models/model_files.h"
#include "genrekit/models/model_kind.h"

namespace genrekit::models {

namespace fs = std::filesystem;

namespace {

struct ClassShape {
  Eigen::RowVectorXd mean;
  Eigen::MatrixXd rotation;  // features x kept directions (scikit-learn's rotations_)
  Eigen::VectorXd scaling;   // the variance along each direction (scalings_)
};

class Qda : public Classifier {
 public:
  Qda(std::vector<ClassShape> shapes, std::vector<double> priors) : shapes_(std::move(shapes)), priors_(std::move(priors)) {}

  FeatureMatrix probabilities(const FeatureMatrix& X) const override {
    FeatureMatrix decision(X.rows(), static_cast<Eigen::Index>(shapes_.size()));
    for (std::size_t c = 0; c < shapes_.size(); ++c) {
      const auto column = static_cast<Eigen::Index>(c);
      if (priors_[c] == 0) {
        decision.col(column).setConstant(-INFINITY);
        continue;
      }
      const ClassShape& s = shapes_[c];
      const Eigen::MatrixXd projected =
          (X.rowwise() - s.mean) * (s.rotation * s.scaling.array().rsqrt().matrix().asDiagonal());
      const double log_det = s.scaling.array().log().sum();
      decision.col(column) = (-0.5 * (projected.rowwise().squaredNorm().array() + log_det) + std::log(priors_[c])).matrix();
    }
    return softmax_rows(decision);
  }

  void save(const fs::path& dir) const override {
    nlohmann::json classes = nlohmann::json::array();
    for (std::size_t c = 0; c < shapes_.size(); ++c) {
      const auto prefix = "qda_class" + std::to_string(c);
      if (priors_[c] > 0) {
        write_matrix(dir / (prefix + "_rotation.npy"), shapes_[c].rotation);
        FeatureMatrix mean_and_scaling(2, shapes_[c].mean.size());
        mean_and_scaling.setZero();
        mean_and_scaling.row(0) = shapes_[c].mean;
        mean_and_scaling.row(1).head(shapes_[c].scaling.size()) = shapes_[c].scaling.transpose();
        write_matrix(dir / (prefix + "_mean_scaling.npy"), mean_and_scaling);
      }
      classes.push_back({{"directions", shapes_[c].scaling.size()}});
    }
    write_json(dir / "qda.json", {{"priors", priors_}, {"classes", classes}});
  }

  void note(std::string text) { notes_.push_back(std::move(text)); }

 private:
  std::vector<ClassShape> shapes_;
  std::vector<double> priors_;
};

struct Settings final : ModelSettings {
  double reg_param = 0;
  double tol = 1e-4;
  FitContext context;
  std::unique_ptr<Classifier> fit(const FeatureMatrix& X, const std::vector<int>& y, int n_classes) const override {
    std::vector<std::vector<std::size_t>> rows(static_cast<std::size_t>(n_classes));
    for (std::size_t r = 0; r < y.size(); ++r) rows[static_cast<std::size_t>(y[r])].push_back(r);
    std::vector<ClassShape> shapes(rows.size());
    std::vector<double> priors;
    std::vector<std::string> collinear;
    for (std::size_t c = 0; c < rows.size(); ++c) {
      priors.push_back(static_cast<double>(rows[c].size()) / static_cast<double>(y.size()));
      if (rows[c].empty()) continue;
      const std::string name = class_label(context, c);
      if (rows[c].size() < 2) throw DataError("qda: " + name + " has a single training row; its covariance is undefined");
      const FeatureMatrix members = take_rows(X, rows[c]);
      ClassShape& s = shapes[c];
      s.mean = members.colwise().mean();
      const Eigen::MatrixXd centred = members.rowwise() - s.mean;
      const Eigen::BDCSVD<Eigen::MatrixXd> svd(centred, Eigen::ComputeThinV);
      const Eigen::VectorXd singular = svd.singularValues();
      const auto rank = (singular.array() > tol).count();
      s.rotation = svd.matrixV();
      s.scaling = (1 - reg_param) * singular.array().square() / static_cast<double>(rows[c].size() - 1) + reg_param;
      if (rank < X.cols()) collinear.push_back(name + " (rank " + std::to_string(rank) + " of " + std::to_string(X.cols()) + ")");
      if (!(s.scaling.minCoeff() > 0) || !s.scaling.allFinite())
        throw DataError("qda: the covariance of " + name + " is singular (rank " + std::to_string(rank) + " of " +
                        std::to_string(X.cols()) + " features); set model.qda.reg_param above 0 (e.g. 0.01) to regularise it");
    }
    auto fitted = std::make_unique<Qda>(std::move(shapes), std::move(priors));
    if (!collinear.empty()) {
      std::string list;
      for (const auto& item : collinear) list += (list.empty() ? "" : ", ") + item;
      fitted->note("qda: collinear features in " + list + " (scikit-learn warns \"Variables are collinear\"); " +
                   (reg_param > 0 ? "model.qda.reg_param " + std::to_string(reg_param) + " regularises them"
                                  : std::string("consider model.qda.reg_param > 0")));
    }
    return fitted;
  }
};

}  // namespace

ModelKind qda_kind() {
  using config::ValueType;
  return {.name = "qda",
          .summary = "Quadratic discriminant analysis (scikit-learn's QuadraticDiscriminantAnalysis)",
          .has_probabilities = true,
          .takes_class_weights = false,
          .keys = {{.path = "model.qda.reg_param", .type = ValueType::Float, .default_yaml = "0.0", .min = 0, .max = 1,
                    .description = "Shrinks each class covariance towards the identity: (1 - r) S + r I."},
                   {.path = "model.qda.tol", .type = ValueType::Float, .default_yaml = "0.0001", .min = 0, .max = 1,
                    .description = "Singular values below this count as collinear (a note, as scikit-learn's warning)."}},
          .search = {{"reg_param", SearchDimension::Draw::FromList,
                      {.path = "search.qda.reg_param", .type = ValueType::FloatList, .default_yaml = "[0.0, 0.001, 0.01, 0.1, 0.5]",
                       .min = 0, .max = 1, .description = "reg_param values to draw from."}}},
          .settings = [](const config::Config& config, const FitContext& context) -> std::unique_ptr<ModelSettings> {
            auto s = std::make_unique<Settings>();
            s->context = context;
            s->reg_param = config.get_float("model.qda.reg_param");
            s->tol = config.get_float("model.qda.tol");
            return s;
          },
          .load = [](const fs::path& dir, int n_classes, unsigned) -> std::unique_ptr<Classifier> {
            const auto file = dir / "qda.json";
            const auto json = read_json(file);
            auto priors = json_value<std::vector<double>>(json, "priors", file);
            if (priors.size() != static_cast<std::size_t>(n_classes))
              throw DataError(file.string() + ": " + std::to_string(priors.size()) + " priors for " + std::to_string(n_classes) + " classes");
            std::vector<ClassShape> shapes(priors.size());
            for (std::size_t c = 0; c < priors.size(); ++c) {
              if (priors[c] == 0) continue;
              const auto prefix = "qda_class" + std::to_string(c);
              const FeatureMatrix rotation = read_matrix(dir / (prefix + "_rotation.npy"));
              const FeatureMatrix mean_scaling = read_matrix(dir / (prefix + "_mean_scaling.npy"), rotation.rows());
              shapes[c] = {mean_scaling.row(0), rotation, mean_scaling.row(1).head(rotation.cols()).transpose()};
            }
            return std::make_unique<Qda>(std::move(shapes), std::move(priors));
          }};
}

}  // namespace genrekit::models
