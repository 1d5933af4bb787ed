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
  EXPECT_NE(html.find(timeline_overview_svg(timeline)), std::string::npos);
  // Only the SVG namespace names a web address; nothing is fetched.
  EXPECT_EQ(html.find("http"), html.find("http://www.w3.org/2000/svg"));
  EXPECT_EQ(html.find("http", html.find("http") + 1), std::string::npos);
  EXPECT_THROW_WITH(timeline_html(timeline, dir / "missing.mp3", "x"), DataError, "missing.mp3: cannot read the audio");
}

TEST(Timeline, OverviewStacksTheSmoothedStepsAtTheMomentEachHasEnded) {
  // Steps every 0.5 s over 1.5 s of audio: the three steps end at 1.5, 2.0 and 2.5 s, the span's
  // end; the plot is x 48 + 940 * t / 2.5, y 10 + 194 * (1 - share) in a 1000 x 240 box.
  const Timeline timeline{{"Rock", "Jazz & Blues"}, 0.5, 1.5, 2, {{0.9, 0.1}, {0.1, 0.9}, {0.3, 0.7}}};
  const std::string svg = timeline_overview_svg(timeline);
  // Rock's smoothed shares 0.9, 0.5, 0.2 from the floor; Jazz & Blues on top of them, up to 100 %.
  EXPECT_NE(svg.find("data-class='0' fill='#0072b2' d='M612.0,29.4 L800.0,107.0 L988.0,165.2 L988.0,204.0 L800.0,204.0 L612.0,204.0 Z'"),
            std::string::npos)
      << svg;
  EXPECT_NE(svg.find("data-class='1' fill='#e69f00' d='M612.0,10.0 L800.0,10.0 L988.0,10.0 L988.0,165.2 L800.0,107.0 L612.0,29.4 Z'"),
            std::string::npos)
      << svg;
  EXPECT_NE(svg.find("<title>Jazz &amp; Blues</title>"), std::string::npos);
  EXPECT_NE(svg.find("<rect x='48.0' y='10.0' width='564.0' height='194.0' fill='#eeeeee'/>"), std::string::npos);  // listening
  EXPECT_NE(svg.find("data-end='2.5000'"), std::string::npos);
  EXPECT_NE(svg.find("<line id='playhead' x1='48.0'"), std::string::npos);
  for (const char* tick : {">0<", ">0.5<", ">1<", ">1.5<", ">2<", ">2.5<"}) EXPECT_NE(svg.find(tick), std::string::npos) << tick;
  EXPECT_EQ(svg.find(">3<"), std::string::npos);
}

}  // namespace
}  // namespace genrekit::eval
