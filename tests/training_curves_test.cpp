// The training-curves picture: real axes, a fitted y range, the chosen epoch and the learning-rate
// changes marked.
#include <regex>

#include "genrekit/eval/training_curves.h"
#include "test_support.h"

namespace genrekit::eval {
namespace {

std::vector<EpochMetrics> history() {
  std::vector<EpochMetrics> h;
  for (int e = 1; e <= 12; ++e)
    h.push_back({.epoch = e,
                 .train_loss = 2.0 - 0.1 * e,
                 .train_accuracy = 0.30 + 0.02 * e,
                 .validation_loss = 1.95 - 0.06 * e + (e > 8 ? 0.05 * (e - 8) : 0),
                 .validation_accuracy = 0.31 + (e <= 7 ? 0.015 * e : 0.105 - 0.005 * (e - 7)),
                 .learning_rate = e <= 10 ? 1e-4 : 5e-5});
  return h;
}

TEST(TrainingCurves, AxesTicksChosenEpochAndLearningRateChanges) {
  const std::string svg = training_curves_svg(history(), "run <a>");
  EXPECT_EQ(svg.rfind("<svg xmlns='http://www.w3.org/2000/svg'", 0), 0u);
  EXPECT_NE(svg.find("<title>run &lt;a&gt;</title>"), std::string::npos);
  EXPECT_NE(svg.find("chosen: epoch 7</text>"), std::string::npos);  // the best validation accuracy
  EXPECT_NE(svg.find(">lr 5e-05</text>"), std::string::npos);        // the rate halved after epoch 10
  EXPECT_NE(svg.find(">epoch</text>"), std::string::npos);
  // Each panel's y axis: 5 to 8 labelled ticks ("text-anchor='end'"), none of them 0 for the loss,
  // which runs from 0.8 to 1.9: the range is fitted to the values, not anchored at 0.
  const std::size_t split = svg.find(">accuracy</text>");
  ASSERT_NE(split, std::string::npos);
  const std::regex tick("text-anchor='end'>([-0-9.e]+)</text>");
  for (const auto& part : {svg.substr(0, split), svg.substr(split)}) {
    std::vector<double> ticks;
    for (auto it = std::sregex_iterator(part.begin(), part.end(), tick); it != std::sregex_iterator(); ++it) ticks.push_back(std::stod((*it)[1]));
    EXPECT_GE(ticks.size(), 5u);
    EXPECT_LE(ticks.size(), 8u);
    EXPECT_TRUE(std::is_sorted(ticks.begin(), ticks.end()));
  }
  EXPECT_EQ(svg.substr(0, split).find("text-anchor='end'>0</text>"), std::string::npos);
  // Whole epochs on the x axis, the last one labelled.
  EXPECT_NE(svg.find("text-anchor='middle'>12</text>"), std::string::npos);
  EXPECT_EQ(svg.find("text-anchor='middle'>2.5</text>"), std::string::npos);
}

TEST(TrainingCurves, OneEpochStillDraws) {
  const auto h = std::vector<EpochMetrics>{history().front()};
  const std::string svg = training_curves_svg(h, "one");
  EXPECT_NE(svg.find("chosen: epoch 1</text>"), std::string::npos);
  EXPECT_EQ(svg.find("nan"), std::string::npos);
  EXPECT_EQ(svg.find("inf"), std::string::npos);
}

}  // namespace
}  // namespace genrekit::eval
