#pragma once
// Classification metrics with scikit-learn's definitions (the thesis and FMA report them so):
// accuracy, Cohen's kappa (unweighted), balanced accuracy, macro-F1, per-class precision / recall /
// F1 / support, and the confusion matrix (rows: true class, columns: predicted class).
#include <array>
#include <cstddef>
#include <limits>
#include <map>
#include <string>
#include <vector>

#include "genrekit/eval/resampling.h"
#include "genrekit/eval/scored_tracks.h"

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
  double weighted_f1 = 0;        // F1 weighted by each class's support
  std::vector<ClassReport> per_class;

  // From the probabilities (score_tracks; NaN / empty when only labels were scored).
  double log_loss = std::numeric_limits<double>::quiet_NaN();
  double roc_auc_ovr_macro = std::numeric_limits<double>::quiet_NaN();
  std::map<int, double> top_k_accuracy;  // k -> share
  std::map<std::string, Interval> ci95;  // "accuracy", "kappa", "f1_macro" -> bootstrap interval
  // What produced them (written into metrics.json when set).
  std::string split, model, config_hash;
};

// `truth` and `predicted` hold class indices into `labels`. std::invalid_argument for different
// lengths, no items, or an index outside the labels.
Metrics compute_metrics(const std::vector<int>& truth, const std::vector<int>& predicted,
                        const std::vector<std::string>& labels);

// Every metric of a scored run: compute_metrics' on its labels, then log loss, ROC AUC, top-2 and
// top-3 accuracy from its probabilities, and bootstrap 95 % intervals.
Metrics score_tracks(const ScoredTracks& scored, const ResampleSettings& settings);

// The share of items where `predicted` equals `truth` (compute_metrics' accuracy without the rest,
// for loops that score many predictions); std::invalid_argument as compute_metrics.
double accuracy(const std::vector<int>& truth, const std::vector<int>& predicted);

// metrics.json (everything; scikit-learn's names, and the older macro_f1 key), confusion.csv (labels
// as header and first column), per_class.csv (each class, then the "macro avg" and "weighted avg"
// rows of scikit-learn's classification_report, over the classes that occur or are predicted).
std::string metrics_json(const Metrics& metrics);
std::string confusion_csv(const Metrics& metrics);
std::string per_class_csv(const Metrics& metrics);
// For people: the headline numbers and the per-class table.
std::string metrics_text(const Metrics& metrics);

// The CI gate: one check per gated metric (accuracy, kappa, balanced_accuracy, f1_macro,
// f1_weighted, roc_auc_ovr_macro: higher is better; log_loss: lower is better) of `current`
// against `baseline_json` (a metrics.json's text) with its own largest allowed drop.
struct GateCheck {
  std::string metric;
  double value = 0, baseline = 0, max_drop = 0;
  bool passed = true;
  std::string message;  // "accuracy 0.4120 < baseline 0.4630 - 0.0200" or "accuracy 0.4700 (baseline 0.4630, max drop 0.0200)"
};
// ConfigError for an unknown metric, a negative drop or a baseline that is not JSON or lacks the metric.
std::vector<GateCheck> gate(const Metrics& current, const std::string& baseline_json, const std::map<std::string, double>& max_drop);
// "kappa=0.01,accuracy=0.02" (or a lone number, for accuracy and kappa both) -> metric -> drop.
std::map<std::string, double> parse_max_drop(const std::string& text);
// JUnit XML: a test suite `suite` with one test case per check, failed checks as failures.
std::string junit_xml(const std::vector<GateCheck>& checks, const std::string& suite);

}  // namespace genrekit::eval
