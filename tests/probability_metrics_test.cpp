// Every metric evaluate reports against scikit-learn 1.2.1 (and scipy / numpy) on the same fixed
// predictions (tests/data/metrics: 200 tracks, 5 classes, ties in the probabilities), to 1e-9; the
// bootstrap intervals and the paired comparison on runs whose answers are known.
#include <cmath>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "genrekit/eval/metrics.h"
#include "genrekit/eval/probability_metrics.h"
#include "genrekit/eval/resampling.h"
#include "test_support.h"

namespace genrekit::eval {
namespace {

ScoredTracks fixture(nlohmann::json& reference) {
  reference = nlohmann::json::parse(test::read_text(test::fixture("metrics/sklearn.json")));
  ScoredTracks s{.labels = reference["labels"].get<std::vector<std::string>>(), .split = "test"};
  std::istringstream csv(test::read_text(test::fixture("metrics/scored.csv")));
  std::string line;
  std::getline(csv, line);  // header
  while (std::getline(csv, line)) {
    std::istringstream fields(line);
    std::string field;
    std::getline(fields, field, ',');
    s.ids.push_back(field);
    std::getline(fields, field, ',');
    s.truth.push_back(std::stoi(field));
    std::getline(fields, field, ',');
    s.predicted.push_back(std::stoi(field));
    while (std::getline(fields, field, ',')) s.probabilities.push_back(std::stod(field));
  }
  return s;
}

TEST(ProbabilityMetrics, EqualScikitLearnOnFixedPredictions) {
  nlohmann::json ref;
  const ScoredTracks s = fixture(ref);
  ASSERT_EQ(s.size(), 200u);
  ASSERT_NO_THROW(s.check());
  const Metrics m = score_tracks(s, {.resamples = 200, .seed = 1});
  constexpr double kTolerance = 1e-9;
  EXPECT_NEAR(m.accuracy, ref["accuracy"].get<double>(), kTolerance);
  EXPECT_NEAR(m.kappa, ref["kappa"].get<double>(), kTolerance);
  EXPECT_NEAR(m.balanced_accuracy, ref["balanced_accuracy"].get<double>(), kTolerance);
  EXPECT_NEAR(m.macro_f1, ref["f1_macro"].get<double>(), kTolerance);
  EXPECT_NEAR(m.weighted_f1, ref["f1_weighted"].get<double>(), kTolerance);
  EXPECT_NEAR(m.log_loss, ref["log_loss"].get<double>(), kTolerance);
  EXPECT_NEAR(m.roc_auc_ovr_macro, ref["roc_auc_ovr_macro"].get<double>(), kTolerance);
  EXPECT_NEAR(m.top_k_accuracy.at(2), ref["top_k_accuracy"]["2"].get<double>(), kTolerance);
  EXPECT_NEAR(m.top_k_accuracy.at(3), ref["top_k_accuracy"]["3"].get<double>(), kTolerance);
  // classification_report's averages, as per_class.csv prints them (6 decimals).
  const std::string report = per_class_csv(m);
  char expected[160];
  std::snprintf(expected, sizeof expected, "macro avg,%.6f,%.6f,%.6f,200\nweighted avg,%.6f,%.6f,%.6f,200\n",
                ref["macro_avg"][0].get<double>(), ref["macro_avg"][1].get<double>(), ref["macro_avg"][2].get<double>(),
                ref["weighted_avg"][0].get<double>(), ref["weighted_avg"][1].get<double>(), ref["weighted_avg"][2].get<double>());
  EXPECT_NE(report.find(expected), std::string::npos) << report << "\nexpected:\n" << expected;
}

TEST(ProbabilityMetrics, McNemarAndPercentilesEqualScipyAndNumpy) {
  nlohmann::json ref;
  fixture(ref);
  for (const auto& row : ref["mcnemar"])
    EXPECT_NEAR(mcnemar_exact_p(row[0].get<std::size_t>(), row[1].get<std::size_t>()), row[2].get<double>(), 1e-9) << row;
  const auto values = ref["percentile_values"].get<std::vector<double>>();
  for (const auto& [q, expected] : ref["percentiles"].items())
    EXPECT_NEAR(percentile(values, std::stod(q)), expected.get<double>(), 1e-12) << q;
}

TEST(Resampling, IntervalsHoldTheEstimateAndAreReproducible) {
  nlohmann::json ref;
  const ScoredTracks s = fixture(ref);
  const auto one = bootstrap_ci95(s, {.resamples = 500, .seed = 7});
  EXPECT_EQ(one, bootstrap_ci95(s, {.resamples = 500, .seed = 7}));
  const Metrics m = compute_metrics(s.truth, s.predicted, s.labels);
  for (const auto& [name, value] : {std::pair{"accuracy", m.accuracy}, std::pair{"kappa", m.kappa}, std::pair{"f1_macro", m.macro_f1}}) {
    const Interval interval = one.at(name);
    EXPECT_LT(interval[0], value) << name;
    EXPECT_GT(interval[1], value) << name;
    EXPECT_LT(interval[1] - interval[0], 0.2) << name;  // ~4 standard errors of a proportion near 0.8 over 200 tracks
  }
}

TEST(Resampling, ComparisonCountsTheDisagreementsAndBoundsTheDifference) {
  nlohmann::json ref;
  const ScoredTracks a = fixture(ref);
  ScoredTracks b = a;
  // b fixes 10 of a's mistakes and makes 2 new ones.
  int fixed = 0, broken = 0;
  for (std::size_t i = 0; i < b.size(); ++i) {
    if (b.predicted[i] != b.truth[i] && fixed < 10) b.predicted[i] = b.truth[i], ++fixed;
    else if (b.predicted[i] == b.truth[i] && i % 50 == 3 && broken < 2) b.predicted[i] = (b.truth[i] + 1) % 5, ++broken;
  }
  ASSERT_EQ(fixed, 10);
  ASSERT_EQ(broken, 2);
  const Comparison c = compare_runs(a, b, {.resamples = 500, .seed = 3});
  EXPECT_EQ(c.only_b_right, 10u);
  EXPECT_EQ(c.only_a_right, 2u);
  EXPECT_EQ(c.only_b_right_ids.size(), 10u);
  EXPECT_NEAR(c.mcnemar_p, 2 * (1.0 + 12 + 66) / 4096, 1e-12);  // 2 P(X <= 2), X ~ Bin(12, 1/2)
  EXPECT_NEAR(c.accuracy_difference, 8.0 / 200, 1e-12);
  EXPECT_LE(c.accuracy_difference_ci95[0], c.accuracy_difference);
  EXPECT_GE(c.accuracy_difference_ci95[1], c.accuracy_difference);
  EXPECT_GT(c.accuracy_difference_ci95[0], 0.0);  // 10 to 2 is a clear improvement
  ScoredTracks other = b;
  other.ids.pop_back();
  EXPECT_THROW(compare_runs(a, other, {}), std::invalid_argument);
}

TEST(ScoredTracks, PredictionsCsvNamesTheClassesAndKeepsTheDecision) {
  nlohmann::json ref;
  const ScoredTracks s = fixture(ref);
  const std::string csv = predictions_csv(s);
  EXPECT_EQ(csv.substr(0, csv.find('\n')), "id,split,label,predicted,Blues,Old-Time / Historic,\"Pop, Indie\",Rock,Soul-RnB");
  EXPECT_NE(csv.find("\n1000,test,Soul-RnB,Soul-RnB,0.15,0.2,0,0.1,0.55\n"), std::string::npos) << csv.substr(0, 300);
}

}  // namespace
}  // namespace genrekit::eval
