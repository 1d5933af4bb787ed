// The genre timeline: causal smoothing against a hand-computed case, and what the CSV, JSON and
// HTML hold (the page's behaviour is checked in headless chromium by tests/cli/timeline_browser.py).
#include <nlohmann/json.hpp>

#include "genrekit/error.h"
#include "genrekit/eval/timeline.h"
#include "test_support.h"

namespace genrekit::eval {
namespace {

TEST(Timeline, SmoothsOverThePastStepsOnly) {
  // Window 3 over four steps of two classes: [1,0] [0,1] [1,0] [1,0]
  //   t0: [1,0]; t1: mean of t0..t1 = [0.5,0.5]; t2: t0..t2 = [2/3,1/3]; t3: t1..t3 = [2/3,1/3].
  const std::vector<std::vector<double>> steps{{1, 0}, {0, 1}, {1, 0}, {1, 0}};
  const auto smoothed = smooth_causally(steps, 3);
  const std::vector<std::vector<double>> expected{{1, 0}, {0.5, 0.5}, {2.0 / 3, 1.0 / 3}, {2.0 / 3, 1.0 / 3}};
  ASSERT_EQ(smoothed.size(), expected.size());
  for (std::size_t t = 0; t < expected.size(); ++t)
    for (std::size_t c = 0; c < 2; ++c) EXPECT_NEAR(smoothed[t][c], expected[t][c], 1e-12) << t << "," << c;
  EXPECT_EQ(smooth_causally(steps, 1), steps);
  EXPECT_THROW(smooth_causally(steps, 0), std::invalid_argument);
}

TEST(Timeline, WritesCsvJsonAndASelfContainedPage) {
  const Timeline timeline{{"Rock", "Jazz & Blues"}, 0.5, 1.5, 2, {{0.9, 0.1}, {0.1, 0.9}, {0.3, 0.7}}};
  EXPECT_EQ(timeline_csv(timeline),
            "step,start,end,Rock,Jazz & Blues\n"
            "0,0.0000,1.5000,0.900000,0.100000\n"
            "1,0.5000,2.0000,0.500000,0.500000\n"
            "2,1.0000,2.5000,0.200000,0.800000\n");
  const auto json = nlohmann::json::parse(timeline_json(timeline));
  EXPECT_EQ(json.at("raw").size(), 3u);
  EXPECT_DOUBLE_EQ(json.at("smoothed")[2][1], 0.8);
  EXPECT_EQ(json.at("window"), 2);
  const auto dir = test::scratch_dir();
  test::write_text(dir / "song.mp3", "ID3 not really audio");
  const std::string html = timeline_html(timeline, dir / "song.mp3", "song <1>");
  EXPECT_NE(html.find("<title>song &lt;1&gt;</title>"), std::string::npos);
  EXPECT_NE(html.find("src=\"data:audio/mpeg;base64,SUQzIG5vdCByZWFsbHkgYXVkaW8=\""), std::string::npos);  // base64 of the file
  EXPECT_EQ(html.find("http"), std::string::npos);  // nothing fetched
  EXPECT_THROW_WITH(timeline_html(timeline, dir / "missing.mp3", "x"), DataError, "missing.mp3: cannot read the audio");
}

}  // namespace
}  // namespace genrekit::eval
