#include "genrekit/runtime/run_dir.h"

#include <nlohmann/json.hpp>

#include "genrekit/cli/tool.h"
#include "genrekit/error.h"
#include "genrekit/runtime/logging.h"
#include "genrekit/runtime/progress.h"
#include "test_support.h"

namespace genrekit::runtime {
namespace {

using test::read_text;
using test::scratch_dir;

config::Config run_config() { return config::Config(config::Schema({cli::run_section()})); }

TEST(RunDir, RecordsConfigCommandAndManifest) {
  setup_logging("warn");
  const auto dir = scratch_dir() / "run";
  auto config = run_config();
  config.set("run.seed=7");
  const auto run = RunDir::open(dir, "extract", config, {"extract", "-o", dir.string(), "--seed", "7"}, false);
  EXPECT_FALSE(run.resumed());
  EXPECT_EQ(read_text(dir / "config.yaml"), config.to_yaml());
  EXPECT_NE(read_text(dir / "command.txt").find("extract -o"), std::string::npos);
  const auto manifest = nlohmann::json::parse(read_text(dir / "manifest.json"));
  EXPECT_EQ(manifest["tool"], "extract");
  EXPECT_EQ(manifest["seed"], 7);
  for (const char* library : {"xgboost", "liblinear", "libtorch", "libsndfile", "fftw"})
    EXPECT_TRUE(manifest["libraries"].contains(library)) << library;
  EXPECT_EQ(manifest["runs"].size(), 1u);
  EXPECT_TRUE(std::filesystem::exists(dir / "log.txt"));
}

TEST(RunDir, NeverOverwritesAndResumesOnlyWithTheSameConfig) {
  setup_logging("warn");
  const auto dir = scratch_dir() / "run";
  auto config = run_config();
  RunDir::open(dir, "extract", config, {"extract"}, false);
  test::write_text(dir / "features.csv", "finished work");
  EXPECT_THROW_WITH(RunDir::open(dir, "extract", config, {"extract"}, false), ConfigError,
                    "already exists and is not empty");
  const auto resumed = RunDir::open(dir, "extract", config, {"extract", "--resume"}, true);
  EXPECT_TRUE(resumed.resumed());
  EXPECT_EQ(nlohmann::json::parse(read_text(dir / "manifest.json"))["runs"].size(), 2u);
  config.set("run.threads=3");  // threads do not change results: resuming with another count is fine
  EXPECT_NO_THROW(RunDir::open(dir, "extract", config, {"extract", "--threads", "3"}, true));
  config.set("run.seed=8");
  EXPECT_THROW_WITH(RunDir::open(dir, "extract", config, {"extract"}, true), ConfigError, "run.seed: 42 -> 8");
  const auto stranger = dir.parent_path() / "other";
  std::filesystem::create_directories(stranger);
  test::write_text(stranger / "notes.txt", "mine");
  EXPECT_THROW_WITH(RunDir::open(stranger, "extract", run_config(), {"extract"}, true), ConfigError,
                    "not a genrekit run");
}

TEST(RunDir, AStartThatFinishedNothingIsStartedAgain) {
  setup_logging("warn");
  const auto dir = scratch_dir() / "run";
  RunDir::open(dir, "extract", run_config(), {"extract", "--bad"}, false);  // then it failed
  EXPECT_TRUE(holds_no_finished_work(dir));
  auto config = run_config();
  config.set("run.seed=9");  // the corrected command may differ in anything
  const auto again = RunDir::open(dir, "extract", config, {"extract"}, false);
  EXPECT_FALSE(again.resumed());
  EXPECT_EQ(read_text(dir / "config.yaml"), config.to_yaml());
  EXPECT_EQ(nlohmann::json::parse(read_text(dir / "manifest.json"))["runs"].size(), 1u);
  EXPECT_EQ(read_text(dir / "command.txt").find("--bad"), std::string::npos);
  test::write_text(dir / "features.csv", "finished work");
  EXPECT_FALSE(holds_no_finished_work(dir));
  EXPECT_FALSE(holds_no_finished_work(dir / "nowhere"));
}

TEST(RunDir, QuotesCommandLinesForTheShell) {
  EXPECT_EQ(quote_command_line({"extract", "-o", "out dir", "--set", "data.genres=[Rock]", "it's"}),
            "extract -o 'out dir' --set 'data.genres=[Rock]' 'it'\\''s'");
}

TEST(Progress, RateAndEta) {
  EXPECT_EQ(Progress::rate_and_eta(50, 100, 10.0), "5 items/s, ETA 0m10s");
  EXPECT_EQ(Progress::rate_and_eta(10, 100000, 1.0), "10 items/s, ETA 2h46m");
  EXPECT_EQ(Progress::rate_and_eta(100, 100, 4.0), "25 items/s");
  EXPECT_EQ(Progress::rate_and_eta(0, 100, 0.0), "0 items/s, ETA ?");
}

}  // namespace
}  // namespace genrekit::runtime
