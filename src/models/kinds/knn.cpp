// knn: k nearest neighbours, Euclidean, uniform weights, as scikit-learn's KNeighborsClassifier
// with its brute-force search: each class's probability is its share of the k neighbours, and
// predict takes the most frequent class, ties to the lowest. Neighbours at the same distance are
// taken in training-row order (scikit-learn leaves that order unspecified).
#include <algorithm>
#include <numeric>

#include "genrekit/error.h"
#include "genrekit/models/model_files.h"
#include "genrekit/models/model_kind.h"
#include "genrekit/runtime/parallel.h"

namespace genrekit::models {

namespace fs = std::filesystem;

namespace {

// Query rows per block: the block's distances to every training row are one matrix product.
constexpr std::size_t kBlockRows = 64;

class Knn : public Classifier {
 public:
  Knn(FeatureMatrix train, std::vector<int> labels, int k, int n_classes, unsigned threads)
      : train_(std::move(train)), labels_(std::move(labels)), k_(k), n_classes_(n_classes), threads_(threads) {
    squared_norms_ = train_.rowwise().squaredNorm();
  }

  FeatureMatrix probabilities(const FeatureMatrix& X) const override {
    FeatureMatrix out = FeatureMatrix::Zero(X.rows(), n_classes_);
    runtime::parallel_for_blocks(static_cast<std::size_t>(X.rows()), kBlockRows, threads_, [&](std::size_t begin, std::size_t end) {
      const auto first = static_cast<Eigen::Index>(begin);
      const auto rows = static_cast<Eigen::Index>(end - begin);
      // |q - t|^2 = |q|^2 + |t|^2 - 2 q.t; |q|^2 is the same for every t of a row, so it is left out.
      const Eigen::MatrixXd distance =
          (-2.0 * X.middleRows(first, rows) * train_.transpose()).rowwise() + squared_norms_.transpose();
      std::vector<Eigen::Index> order(static_cast<std::size_t>(train_.rows()));
      for (Eigen::Index r = 0; r < rows; ++r) {
        std::iota(order.begin(), order.end(), 0);
        const auto closer = [&](Eigen::Index a, Eigen::Index other) {
          return distance(r, a) < distance(r, other) || (distance(r, a) == distance(r, other) && a < other);
        };
        std::nth_element(order.begin(), order.begin() + (k_ - 1), order.end(), closer);
        for (int i = 0; i < k_; ++i) out(first + r, labels_[static_cast<std::size_t>(order[static_cast<std::size_t>(i)])]) += 1.0 / k_;
      }
    });
    return out;
  }

  void save(const fs::path& dir) const override {
    write_matrix(dir / "knn_rows.npy", train_);
    write_json(dir / "knn.json", {{"n_neighbors", k_}, {"labels", labels_}});
  }

 private:
  FeatureMatrix train_;
  std::vector<int> labels_;
  Eigen::VectorXd squared_norms_;
  int k_, n_classes_;
  unsigned threads_;
};

struct Settings final : ModelSettings {
  int k = 200;
  unsigned threads = 1;
  std::unique_ptr<Classifier> fit(const FeatureMatrix& X, const std::vector<int>& y, int n_classes) const override {
    if (static_cast<std::size_t>(k) > y.size())
      throw ConfigError("model.knn.n_neighbors: " + std::to_string(k) + " neighbours, but only " + std::to_string(y.size()) +
                        " training rows");
    return std::make_unique<Knn>(X, y, k, n_classes, threads);
  }
};

}  // namespace

ModelKind knn_kind() {
  using config::ValueType;
  return {.name = "knn",
          .summary = "k nearest neighbours, Euclidean, uniform weights (scikit-learn's KNeighborsClassifier)",
          .has_probabilities = true,
          .takes_class_weights = false,
          .keys = {{.path = "model.knn.n_neighbors", .type = ValueType::Int, .default_yaml = "200", .min = 1, .max = 1000000,
                    .description = "k (the thesis and FMA: 200)."}},
          .search = {{"n_neighbors", SearchDimension::Draw::FromList,
                      {.path = "search.knn.n_neighbors", .type = ValueType::IntList, .default_yaml = "[5, 25, 50, 100, 200, 400]",
                       .min = 1, .max = 1000000, .description = "n_neighbors values to draw from."}}},
          .settings = [](const config::Config& config, const FitContext& context) -> std::unique_ptr<ModelSettings> {
            auto s = std::make_unique<Settings>();
            s->k = static_cast<int>(config.get_int("model.knn.n_neighbors"));
            s->threads = context.threads;
            return s;
          },
          .load = [](const fs::path& dir, int n_classes, unsigned threads) -> std::unique_ptr<Classifier> {
            const auto file = dir / "knn.json";
            const auto json = read_json(file);
            auto labels = json_value<std::vector<int>>(json, "labels", file);
            FeatureMatrix rows = read_matrix(dir / "knn_rows.npy");
            if (static_cast<std::size_t>(rows.rows()) != labels.size())
              throw DataError(file.string() + ": " + std::to_string(labels.size()) + " labels for " + std::to_string(rows.rows()) + " rows");
            return std::make_unique<Knn>(std::move(rows), std::move(labels), json_value<int>(json, "n_neighbors", file), n_classes, threads);
          }};
}

}  // namespace genrekit::models
