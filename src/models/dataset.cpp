#include "genrekit/models/dataset.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <unordered_map>

#include "genrekit/error.h"
#include "genrekit/models/stratify.h"

namespace genrekit::models {

namespace {

FeatureMatrix gather_rows(const data::FeatureTable& features, const std::vector<std::size_t>& rows) {
  FeatureMatrix X(static_cast<Eigen::Index>(rows.size()), static_cast<Eigen::Index>(features.cols()));
  for (std::size_t i = 0; i < rows.size(); ++i)
    for (std::size_t c = 0; c < features.cols(); ++c) X(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(c)) = features.at(rows[i], c);
  return X;
}

}  // namespace

LabelledSet join_fma(const data::FeatureTable& features, const std::vector<data::Track>& selected) {
  std::map<std::string, std::size_t> row_of;
  for (std::size_t r = 0; r < features.rows(); ++r) row_of.emplace(features.index[r], r);
  std::set<std::string> genre_titles;
  for (const auto& track : selected) {
    if (track.genre_top.empty())
      throw DataError("track " + std::to_string(track.id) + " has no genre_top; select with data.missing_genre_top drop or fill");
    genre_titles.insert(track.genre_top);
  }
  LabelledSet set;
  set.columns = features.columns;
  set.classes.assign(genre_titles.begin(), genre_titles.end());
  std::vector<std::size_t> rows;
  for (const auto& track : selected) {
    const auto it = row_of.find(std::to_string(track.id));
    if (it == row_of.end()) {
      ++set.missing_features;
      continue;
    }
    rows.push_back(it->second);
    set.ids.push_back(std::to_string(track.id));
    set.y.push_back(static_cast<int>(std::lower_bound(set.classes.begin(), set.classes.end(), track.genre_top) - set.classes.begin()));
    set.split.push_back(track.split);
  }
  if (rows.empty()) throw DataError("no selected track has a row in the feature table (are the indexes track ids?)");
  set.X = gather_rows(features, rows);
  return set;
}

LabelledSet join_file_labels(const data::FeatureTable& features, const FileLabels& labels) {
  std::unordered_map<std::string, std::size_t> row_of;
  for (std::size_t r = 0; r < features.rows(); ++r) row_of.emplace(features.index[r], r);
  std::set<std::string> label_set;
  for (const auto& [key, label] : labels.by_key) label_set.insert(label.label);
  LabelledSet set;
  set.columns = features.columns;
  set.classes.assign(label_set.begin(), label_set.end());
  std::vector<std::size_t> rows;
  for (const auto& key : labels.keys) {
    const auto it = row_of.find(key);
    if (it == row_of.end()) {
      ++set.missing_features;
      continue;
    }
    const FileLabel& label = labels.by_key.at(key);
    rows.push_back(it->second);
    set.ids.push_back(key);
    set.y.push_back(static_cast<int>(std::lower_bound(set.classes.begin(), set.classes.end(), label.label) - set.classes.begin()));
    set.split.push_back(label.split);
  }
  if (rows.empty())
    throw DataError("no file of " + labels.source.string() + " has a row in the feature table: its keys look like '" +
                    (labels.keys.empty() ? "" : labels.keys.front()) + "', the table's like '" +
                    (features.rows() ? features.index.front() : "") + "' (extract with the same data.labels_csv / data.class_folders)");
  set.X = gather_rows(features, rows);
  return set;
}

LabelledSet label_plain(const data::PlainTable& table, double validation_fraction, double test_fraction, std::uint64_t seed) {
  const data::FeatureTable& features = table.features;
  LabelledSet set;
  set.columns = features.columns;
  std::set<std::string> labels;
  for (const auto& label : table.labels)
    if (!label.empty()) labels.insert(label);
  set.classes.assign(labels.begin(), labels.end());
  std::vector<std::size_t> rows;
  for (std::size_t r = 0; r < features.rows(); ++r) {
    if (table.labels[r].empty()) continue;
    rows.push_back(r);
    set.ids.push_back(features.index[r]);
    set.y.push_back(static_cast<int>(std::lower_bound(set.classes.begin(), set.classes.end(), table.labels[r]) - set.classes.begin()));
    if (!table.splits.empty())
      set.split.push_back(data::parse_split(table.splits[r], "row " + std::to_string(r + 2) + " (" + features.index[r] + ")"));
  }
  if (rows.empty()) throw DataError("the feature table has no labelled row");
  if (table.splits.empty()) set.split = stratified_split(set.ids, set.y, validation_fraction, test_fraction, seed);
  set.X = gather_rows(features, rows);
  return set;
}

std::vector<std::size_t> select_columns(const std::vector<data::FeatureColumn>& columns, const std::vector<std::string>& groups) {
  std::vector<std::size_t> chosen;
  if (groups.empty()) {
    for (std::size_t c = 0; c < columns.size(); ++c) chosen.push_back(c);
    return chosen;
  }
  std::set<std::string> features;
  for (const auto& column : columns) features.insert(column.feature);
  std::set<std::size_t> picked;
  for (const auto& group : groups) {
    const auto slash = group.find('/');
    const std::string feature = group.substr(0, slash);
    const std::string statistic = slash == std::string::npos ? "" : group.substr(slash + 1);
    std::size_t matched = 0;
    for (std::size_t c = 0; c < columns.size(); ++c)
      if (columns[c].feature == feature && (statistic.empty() || columns[c].statistic == statistic)) {
        picked.insert(c);
        ++matched;
      }
    if (matched == 0) {
      std::string known;
      for (const auto& f : features) known += (known.empty() ? "" : ", ") + f;
      throw ConfigError("feature group '" + group + "' matches no column (features: " + known +
                        "; statistics: kurtosis, max, mean, median, min, skew, std)");
    }
  }
  return {picked.begin(), picked.end()};
}

LabelledSet keep_columns(const LabelledSet& set, const std::vector<std::size_t>& columns) {
  LabelledSet out = set;
  out.columns.clear();
  out.X.resize(set.X.rows(), static_cast<Eigen::Index>(columns.size()));
  for (std::size_t j = 0; j < columns.size(); ++j) {
    out.columns.push_back(set.columns[columns[j]]);
    out.X.col(static_cast<Eigen::Index>(j)) = set.X.col(static_cast<Eigen::Index>(columns[j]));
  }
  return out;
}

std::vector<std::size_t> locate_columns(const std::vector<data::FeatureColumn>& available,
                                        const std::vector<data::FeatureColumn>& wanted, std::vector<std::string>& missing) {
  const auto name = [](const data::FeatureColumn& c) { return c.feature + "/" + c.statistic + "/" + c.number; };
  std::map<std::string, std::size_t> index;
  for (std::size_t c = 0; c < available.size(); ++c) index.emplace(name(available[c]), c);
  std::vector<std::size_t> found;
  for (const auto& c : wanted) {
    const auto it = index.find(name(c));
    if (it == index.end()) missing.push_back(name(c));
    else found.push_back(it->second);
  }
  return found;
}

Standardizer Standardizer::fit(const FeatureMatrix& X, const std::vector<std::size_t>& rows) {
  if (rows.empty()) throw DataError("standardisation: no training rows");
  const auto cols = static_cast<std::size_t>(X.cols());
  std::vector<double> mean(cols, 0), scale(cols, 1);
  for (std::size_t c = 0; c < cols; ++c) {
    double sum = 0, n = 0;
    for (std::size_t r : rows)
      if (const double v = X(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(c)); !std::isnan(v)) sum += v, ++n;
    mean[c] = n > 0 ? sum / n : 0.0;
    double squares = 0;
    for (std::size_t r : rows)
      if (const double v = X(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(c)); !std::isnan(v))
        squares += (v - mean[c]) * (v - mean[c]);
    const double sd = n > 0 ? std::sqrt(squares / n) : 0.0;
    scale[c] = sd > 0 ? sd : 1.0;
  }
  return {mean, scale};
}

FeatureMatrix Standardizer::transform(const FeatureMatrix& X) const {
  if (static_cast<std::size_t>(X.cols()) != mean_.size())
    throw DataError("standardisation: the features have " + std::to_string(X.cols()) + " columns, the model was fitted on " +
                    std::to_string(mean_.size()));
  FeatureMatrix out(X.rows(), X.cols());
  for (Eigen::Index r = 0; r < X.rows(); ++r)
    for (Eigen::Index c = 0; c < X.cols(); ++c) {
      const double v = X(r, c);
      out(r, c) = std::isnan(v) ? 0.0 : (v - mean_[static_cast<std::size_t>(c)]) / scale_[static_cast<std::size_t>(c)];
    }
  return out;
}

FeatureMatrix take_rows(const FeatureMatrix& X, const std::vector<std::size_t>& rows) {
  FeatureMatrix out(static_cast<Eigen::Index>(rows.size()), X.cols());
  for (std::size_t i = 0; i < rows.size(); ++i) out.row(static_cast<Eigen::Index>(i)) = X.row(static_cast<Eigen::Index>(rows[i]));
  return out;
}

std::vector<int> take_labels(const std::vector<int>& y, const std::vector<std::size_t>& rows) {
  std::vector<int> out;
  for (std::size_t r : rows) out.push_back(y[r]);
  return out;
}

std::vector<double> ClassWeights::resolve(const std::vector<int>& y, int n_classes) const {
  if (!balanced) return custom;
  std::vector<double> count(static_cast<std::size_t>(n_classes), 0), weight(static_cast<std::size_t>(n_classes), 1.0);
  for (int c : y) ++count[static_cast<std::size_t>(c)];
  for (std::size_t c = 0; c < count.size(); ++c)
    if (count[c] > 0) weight[c] = static_cast<double>(y.size()) / (n_classes * count[c]);
  return weight;
}

ClassWeights::Lists ClassWeights::lists(const std::vector<int>& y, int n_classes) const {
  Lists out;
  out.weights = resolve(y, n_classes);
  for (std::size_t c = 0; c < out.weights.size(); ++c) out.labels.push_back(static_cast<int>(c));
  return out;
}

std::vector<int> argmax_rows(const FeatureMatrix& scores) {
  std::vector<int> out(static_cast<std::size_t>(scores.rows()));
  for (Eigen::Index r = 0; r < scores.rows(); ++r) {
    Eigen::Index best = 0;
    for (Eigen::Index c = 1; c < scores.cols(); ++c)
      if (scores(r, c) > scores(r, best)) best = c;
    out[static_cast<std::size_t>(r)] = static_cast<int>(best);
  }
  return out;
}

}  // namespace genrekit::models
