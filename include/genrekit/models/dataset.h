#pragma once
// A labelled feature matrix for the classical models: rows are tracks (FMA's features.csv joined
// with the tracks chosen from tracks.csv) or the rows of a plain table, columns a selection of features.
#include <filesystem>
#include <cstdint>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "genrekit/data/feature_table.h"
#include "genrekit/data/fma_tracks.h"
#include "genrekit/data/plain_table.h"
#include "genrekit/models/file_labels.h"

namespace genrekit::models {

using FeatureMatrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

// The class with the highest score per row (ties: the lowest class index, as numpy's argmax).
std::vector<int> argmax_rows(const FeatureMatrix& scores);

// How classes are weighed in training: equally, "balanced" (n / (k x n_c) from the labels being
// fitted, as scikit-learn's class_weight="balanced", so each fit of a cross-validation recomputes
// them) or by given weights per class index.
struct ClassWeights {
  bool balanced = false;
  std::vector<double> custom;  // per class index; used when not balanced and not empty
  // Per class index for these labels; empty when every class weighs 1.
  std::vector<double> resolve(const std::vector<int>& y, int n_classes) const;
  // The same as the parallel lists LIBLINEAR's and LIBSVM's parameters take (weight_label, weight).
  struct Lists {
    std::vector<int> labels;
    std::vector<double> weights;
  };
  Lists lists(const std::vector<int>& y, int n_classes) const;
};

// The given rows of a matrix / of a label vector, in the given order.
FeatureMatrix take_rows(const FeatureMatrix& X, const std::vector<std::size_t>& rows);
std::vector<int> take_labels(const std::vector<int>& y, const std::vector<std::size_t>& rows);

struct LabelledSet {
  std::vector<std::string> ids;               // track ids (or a plain table's ids)
  std::vector<data::FeatureColumn> columns;
  FeatureMatrix X;                            // ids.size() x columns.size()
  std::vector<int> y;                         // index into classes
  std::vector<data::Split> split;
  std::vector<std::string> classes;           // sorted genre titles (or labels)
  std::size_t missing_features = 0;           // selected tracks with no row in the feature table
  std::filesystem::path source;               // the feature table it was read from, for messages
};

// The selected tracks (each with a genre_top) that have a row in `features` (indexed by track id),
// in the tracks' order. DataError when a selected track has no genre_top or nothing matches.
LabelledSet join_fma(const data::FeatureTable& features, const std::vector<data::Track>& selected);

// The labelled files (data.labels_csv / data.class_folders) that have a row in `features` (extract's
// features.csv, indexed by the files' keys), in the labels' order; classes: every label. DataError
// when no key matches, showing a key of each side.
LabelledSet join_file_labels(const data::FeatureTable& features, const FileLabels& labels);

// The rows of a plain table that have a label (classes: the sorted labels). Splits come from the
// table's split column (DataError naming a row whose value is not training|validation|test) or,
// without one, from stratified_split(validation_fraction, test_fraction, seed).
LabelledSet label_plain(const data::PlainTable& table, double validation_fraction, double test_fraction, std::uint64_t seed);

// Column indices of the named groups: "mfcc" (a feature: all its columns) or "mfcc/mean" (one
// statistic of it). Empty groups select everything. ConfigError naming an unknown group.
std::vector<std::size_t> select_columns(const std::vector<data::FeatureColumn>& columns,
                                        const std::vector<std::string>& groups);
LabelledSet keep_columns(const LabelledSet& set, const std::vector<std::size_t>& columns);

// Where each of `wanted` sits in `available`, matched by (feature, statistic, number); the names
// ("feature/statistic/number") of those not found go to `missing`.
std::vector<std::size_t> locate_columns(const std::vector<data::FeatureColumn>& available,
                                        const std::vector<data::FeatureColumn>& wanted, std::vector<std::string>& missing);

// Zero mean, unit variance per column (population std, as scikit-learn's StandardScaler), fitted on
// the given rows only. A constant column is centred but not scaled; NaN (FMA's skew / kurtosis of a
// constant row) is replaced by the training mean, i.e. 0 after scaling.
class Standardizer {
 public:
  Standardizer() = default;
  Standardizer(std::vector<double> mean, std::vector<double> scale) : mean_(std::move(mean)), scale_(std::move(scale)) {}
  static Standardizer fit(const FeatureMatrix& X, const std::vector<std::size_t>& rows);
  FeatureMatrix transform(const FeatureMatrix& X) const;
  const std::vector<double>& mean() const { return mean_; }
  const std::vector<double>& scale() const { return scale_; }

 private:
  std::vector<double> mean_, scale_;
};

}  // namespace genrekit::models
