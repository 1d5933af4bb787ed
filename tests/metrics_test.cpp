// Metrics against hand-computed cases (and scikit-learn's definitions, noted beside each number).
#include "genrekit/eval/html.h"
#include "genrekit/eval/metrics.h"
#include "genrekit/eval/report_page.h"

#include <cmath>

#include "genrekit/error.h"
#include "test_support.h"

namespace genrekit::eval {
namespace {

TEST(Metrics, ThreeClassesByHand) {
  // truth 0 0 1 1 2 2, predicted 0 1 1 1 2 0: confusion [[1,1,0],[0,2,0],[1,0,1]].
  const Metrics m = compute_metrics({0, 0, 1, 1, 2, 2}, {0, 1, 1, 1, 2, 0}, {"a", "b", "c"});
  EXPECT_EQ(m.confusion, (std::vector<std::vector<std::size_t>>{{1, 1, 0}, {0, 2, 0}, {1, 0, 1}}));
  EXPECT_DOUBLE_EQ(m.accuracy, 4.0 / 6);
  EXPECT_DOUBLE_EQ(accuracy({0, 0, 1, 1, 2, 2}, {0, 1, 1, 1, 2, 0}), m.accuracy);
  EXPECT_THROW(accuracy({0, 1}, {0}), std::invalid_argument);
  // p_o = 2/3; p_e = (2*2 + 2*3 + 2*1) / 36 = 1/3; kappa = (2/3 - 1/3) / (1 - 1/3) = 0.5.
  EXPECT_NEAR(m.kappa, 0.5, 1e-12);
  EXPECT_NEAR(m.per_class[0].precision, 0.5, 1e-12);
  EXPECT_NEAR(m.per_class[1].precision, 2.0 / 3, 1e-12);
  EXPECT_NEAR(m.per_class[1].f1, 0.8, 1e-12);
  EXPECT_NEAR(m.per_class[2].f1, 2.0 / 3, 1e-12);
  EXPECT_EQ(m.per_class[2].support, 2u);
  EXPECT_NEAR(m.balanced_accuracy, (0.5 + 1.0 + 0.5) / 3, 1e-12);
  EXPECT_NEAR(m.macro_f1, (0.5 + 0.8 + 2.0 / 3) / 3, 1e-12);
}

TEST(Metrics, KappaDegenerateCases) {
  EXPECT_DOUBLE_EQ(compute_metrics({0, 1, 2}, {0, 1, 2}, {"a", "b", "c"}).kappa, 1.0);  // perfect
  EXPECT_DOUBLE_EQ(compute_metrics({0, 1, 0, 1}, {0, 1, 1, 0}, {"a", "b"}).kappa, 0.0);  // chance level
  EXPECT_DOUBLE_EQ(compute_metrics({0, 1, 0, 1}, {0, 0, 0, 0}, {"a", "b"}).kappa, 0.0);  // zero rule
  EXPECT_NEAR(compute_metrics({0, 1, 0, 1}, {1, 0, 1, 0}, {"a", "b"}).kappa, -1.0, 1e-12);  // always wrong
  // One class everywhere: chance agreement is total and kappa undefined (sklearn: nan).
  EXPECT_TRUE(std::isnan(compute_metrics({1, 1, 1}, {1, 1, 1}, {"a", "b"}).kappa));
}

TEST(Metrics, ClassesNeverSeenAreLeftOutOfAverages) {
  // Class "c" neither occurs nor is predicted; "b" is predicted but never occurs.
  const Metrics m = compute_metrics({0, 0, 0}, {0, 1, 0}, {"a", "b", "c"});
  EXPECT_DOUBLE_EQ(m.balanced_accuracy, 2.0 / 3);  // over "a" only
  EXPECT_DOUBLE_EQ(m.per_class[1].precision, 0.0);
  EXPECT_NEAR(m.macro_f1, (0.8 + 0.0) / 2, 1e-12);  // over "a" and "b"
}

TEST(Metrics, BadInputs) {
  EXPECT_THROW_WITH(compute_metrics({0}, {0, 1}, {"a", "b"}), std::invalid_argument, "1 true labels but 2 predictions");
  EXPECT_THROW_WITH(compute_metrics({}, {}, {"a"}), std::invalid_argument, "no items");
  EXPECT_THROW_WITH(compute_metrics({0, 2}, {0, 0}, {"a", "b"}), std::invalid_argument, "outside the 2 labels at item 1");
}

TEST(Metrics, FilesAndTheRegressionGate) {
  const Metrics m = compute_metrics({0, 0, 1, 1, 2, 2}, {0, 1, 1, 1, 2, 0}, {"Rock", "Old-Time / Historic", "Pop, Indie"});
  EXPECT_EQ(confusion_csv(m), "true\\predicted,Rock,Old-Time / Historic,\"Pop, Indie\"\n"
                              "Rock,1,1,0\nOld-Time / Historic,0,2,0\n\"Pop, Indie\",1,0,1\n");
  EXPECT_NE(per_class_csv(m).find("Old-Time / Historic,0.666667,1.000000,0.800000,2\n"), std::string::npos);
  // scikit-learn 1.2 classification_report(digits=6) on the same labels.
  EXPECT_NE(per_class_csv(m).find("\nmacro avg,0.722222,0.666667,0.655556,6\nweighted avg,0.722222,0.666667,0.655556,6\n"),
            std::string::npos)
      << per_class_csv(m);
  const std::string json = metrics_json(m);
  const auto both = parse_max_drop("0");
  for (const auto& check : gate(m, json, both)) EXPECT_TRUE(check.passed) << check.message;  // equal to itself
  for (const auto& check : gate(m, R"({"accuracy": 0.68, "kappa": 0.51})", parse_max_drop("0.02"))) EXPECT_TRUE(check.passed);
  const auto checks = gate(m, R"({"accuracy": 0.75, "kappa": 0.5})", parse_max_drop("0.02"));
  ASSERT_EQ(checks.size(), 2u);
  EXPECT_FALSE(checks[0].passed);
  EXPECT_EQ(checks[0].message, "accuracy 0.6667 < baseline 0.7500 - 0.0200");
  EXPECT_TRUE(checks[1].passed);
  // Per-metric drops; log loss may not rise by more than its drop.
  EXPECT_EQ(parse_max_drop("kappa=0.01,accuracy=0.02"), (std::map<std::string, double>{{"accuracy", 0.02}, {"kappa", 0.01}}));
  Metrics with_loss = m;
  with_loss.log_loss = 1.0;
  const auto loss = gate(with_loss, R"({"log_loss": 0.9})", parse_max_drop("log_loss=0.05"));
  ASSERT_EQ(loss.size(), 1u);
  EXPECT_FALSE(loss[0].passed);
  EXPECT_EQ(loss[0].message, "log_loss 1.0000 > baseline 0.9000 + 0.0500");
  const std::string xml = junit_xml(checks, "gate <1>");
  EXPECT_NE(xml.find("<testsuite name=\"gate &lt;1&gt;\" tests=\"2\" failures=\"1\">"), std::string::npos) << xml;
  EXPECT_NE(xml.find("<testcase classname=\"gate &lt;1&gt;\" name=\"accuracy\">\n    <failure message=\"accuracy 0.6667 &lt; baseline"),
            std::string::npos) << xml;
  EXPECT_NE(xml.find("name=\"kappa\"/>"), std::string::npos) << xml;
  EXPECT_THROW_WITH(gate(m, R"({"accuracy": 0.7})", both), ConfigError, "no numeric 'kappa'");
  EXPECT_THROW_WITH(gate(m, "not json", both), ConfigError, "not JSON");
  EXPECT_THROW_WITH(parse_max_drop("kapa=0.1"), ConfigError, "'kapa=0.1': expected metric=drop with a metric among accuracy");
  EXPECT_THROW_WITH(parse_max_drop("kappa=-1"), ConfigError, "expected a non-negative number");
}

TEST(ReportPage, IsSelfContainedEscapedAndStamped) {
  Metrics m = compute_metrics({0, 0, 1, 1, 2, 2}, {0, 1, 1, 1, 2, 0}, {"Rock", "R&B <old>", "Pop"});
  m.ci95["accuracy"] = {0.25, 0.9};
  const std::string html = report_html(m, {.title = "Run \"demo\"",
                                           .stamp = {{"model", "hard_vote"}, {"split", "test"}},
                                           .training_curves_svg = "<svg id='curves'></svg>",
                                           .fit_notes = {"svc: LIBSVM reached its iteration cap <1000>"}});
  EXPECT_NE(html.find("<title>Run &quot;demo&quot;</title>"), std::string::npos);
  EXPECT_NE(html.find("<span>R&amp;B &lt;old&gt;</span>"), std::string::npos);  // a column label
  EXPECT_NE(html.find("<th class=\"row\">R&amp;B &lt;old&gt;</th>"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);  // nothing runs
  EXPECT_EQ(html.find("http"), std::string::npos);     // nothing is fetched
  EXPECT_NE(html.find("<span>model: <b>hard_vote</b></span><span>split: <b>test</b></span>"), std::string::npos);
  // Row "R&B <old>" (2 tracks, both right): the scale's top colour, the count and 100 % of the row.
  EXPECT_NE(html.find("<td style=\"background:" + sequential_colour(1.0) + ";color:#1a1a1a\" title=\"R&amp;B &lt;old&gt; predicted as "
                      "R&amp;B &lt;old&gt;\"><b>2</b><small>100%</small></td>"),
            std::string::npos);
  EXPECT_NE(html.find("<div class=\"value\">0.6667</div><div class=\"interval\">95 % CI 0.2500 - 0.9000</div>"), std::string::npos);
  EXPECT_NE(html.find("<svg id='curves'></svg>"), std::string::npos);
  EXPECT_NE(html.find("<b>What the fit noted</b><ul><li>svc: LIBSVM reached its iteration cap &lt;1000&gt;</li></ul>"), std::string::npos);
  EXPECT_LT(html.find("What the fit noted"), html.find("class=\"cards\""));  // before the numbers it qualifies
  EXPECT_EQ(report_html(m, {.title = "x"}).find("What the fit noted"), std::string::npos);
}

TEST(ReportPage, SequentialColoursRunFromDarkToLight) {
  EXPECT_EQ(sequential_colour(0.0), "#440154");  // viridis' ends
  EXPECT_EQ(sequential_colour(1.0), "#fde725");
  EXPECT_EQ(sequential_colour(-3), sequential_colour(0.0));
  EXPECT_STREQ(text_colour_on(0.1), "#ffffff");
  EXPECT_STREQ(text_colour_on(0.9), "#1a1a1a");
}

}  // namespace
}  // namespace genrekit::eval
