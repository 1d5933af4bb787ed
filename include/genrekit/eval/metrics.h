#pragma once
// Classification metrics with scikit-learn's definitions (the thesis and FMA report them so):
// accuracy, Cohen's kappa (unweighted), balanced accuracy, macro-F1, per-class precision / recall /
// F1 / support, and the confusion matrix (rows: true class, columns: predicted class).
#include <cstddef>
#include <string>
#include <vector>

namespace genrekit::eval {

struct ClassReport {
  std::string label;
  double precision = 0;  // 0 when the class is never predicted (sklearn's zero_division=0)
  double recall = 0;     // 0 when the class never occurs
  double f1 = 0;
  std::size_t support = 0;
};

struct Metrics {
  std::vector<std::string> labels;
  std::vector<std::vector<std::size_t>> confusion;  // [true][predicted]
  std::size_t count = 0;
  double accuracy = 0;
  double kappa = 0;              // NaN when chance agreement is total (a single class everywhere)
  double balanced_accuracy = 0;  // mean recall over the classes that occur
  double macro_f1 = 0;           // mean F1 over the classes that occur or are predicted
  std::vector<ClassReport> per_class;
};

// `truth` and `predicted` hold class indices into `labels`. std::invalid_argument for different
// lengths, no items, or an index outside the labels.
Metrics compute_metrics(const std::vector<int>& truth, const std::vector<int>& predicted,
                        const std::vector<std::string>& labels);

// The share of items where `predicted` equals `truth` (compute_metrics' accuracy without the rest,
// for loops that score many predictions); std::invalid_argument as compute_metrics.
double accuracy(const std::vector<int>& truth, const std::vector<int>& predicted);

// metrics.json (everything), confusion.csv (labels as header and first column), per_class.csv.
std::string metrics_json(const Metrics& metrics);
std::string confusion_csv(const Metrics& metrics);
std::string per_class_csv(const Metrics& metrics);
// For people: the headline numbers and the per-class table.
std::string metrics_text(const Metrics& metrics);
// A self-contained HTML page (inline CSS, no script, nothing fetched): the headline numbers, the
// confusion matrix as a heat map (each cell shaded by its share of the true class), per-class table.
std::string metrics_html(const Metrics& metrics, const std::string& title);

// The CI gate: the ways `current` falls below `baseline` (a metrics.json's text) by more than
// `max_drop` in accuracy or kappa, e.g. "accuracy 0.412 < baseline 0.463 - 0.02"; empty when none.
// DataError when the baseline has no accuracy or kappa.
std::vector<std::string> regressions(const Metrics& current, const std::string& baseline_json, double max_drop);

}  // namespace genrekit::eval
