#pragma once
// Rows of a dense matrix in the sparse form LIBLINEAR and LIBSVM read: 1-based indices, zeros left
// out, an optional bias node, a -1 terminator. Both libraries' node types are {int index; double value}.
#include <optional>
#include <vector>

#include "genrekit/models/dataset.h"

namespace genrekit::models {

template <typename Node>
struct SparseRows {
  std::vector<Node> nodes;
  std::vector<Node*> rows;
};

template <typename Node>
SparseRows<Node> to_sparse(const FeatureMatrix& X, std::optional<double> bias = std::nullopt) {
  SparseRows<Node> s;
  std::vector<std::size_t> starts;
  for (Eigen::Index r = 0; r < X.rows(); ++r) {
    starts.push_back(s.nodes.size());
    for (Eigen::Index c = 0; c < X.cols(); ++c)
      if (const double v = X(r, c); v != 0.0) s.nodes.push_back({static_cast<int>(c) + 1, v});
    if (bias) s.nodes.push_back({static_cast<int>(X.cols()) + 1, *bias});
    s.nodes.push_back({-1, 0.0});
  }
  for (std::size_t start : starts) s.rows.push_back(s.nodes.data() + start);
  return s;
}

}  // namespace genrekit::models
