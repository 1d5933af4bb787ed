#include "genrekit/config/config.h"
#include "genrekit/config/number_text.h"

#include "genrekit/error.h"
#include "test_support.h"

namespace genrekit::config {
namespace {

using test::scratch_dir;
using test::write_text;

Schema test_schema() {
  return Schema({{"data", "test section",
                  {
                      {.path = "data.subset", .type = ValueType::Choice, .default_yaml = "medium",
                       .choices = {"small", "medium", "large"}, .description = "subset"},
                      {.path = "data.splits", .type = ValueType::StringList, .default_yaml = "[training]",
                       .choices = {"training", "validation", "test"}, .description = "splits"},
                      {.path = "data.exclude_ids", .type = ValueType::IntList, .default_yaml = "[]", .min = 0,
                       .description = "ids"},
                      {.path = "data.stft.n_fft", .type = ValueType::Int, .default_yaml = "2048", .min = 16,
                       .max = 65536, .description = "fft size"},
                      {.path = "data.rate", .type = ValueType::Float, .default_yaml = "0.5", .min = 0, .max = 1,
                       .description = "rate"},
                      {.path = "data.shuffle", .type = ValueType::Bool, .default_yaml = "true", .description = "b"},
                      {.path = "data.root", .type = ValueType::Path, .default_yaml = "", .description = "root"},
                  }}});
}

TEST(Config, DefaultsComeFromTheSchema) {
  const Config config(test_schema());
  EXPECT_EQ(config.get_string("data.subset"), "medium");
  EXPECT_EQ(config.get_strings("data.splits"), std::vector<std::string>{"training"});
  EXPECT_EQ(config.get_int("data.stft.n_fft"), 2048);
  EXPECT_DOUBLE_EQ(config.get_float("data.rate"), 0.5);
  EXPECT_TRUE(config.get_bool("data.shuffle"));
  EXPECT_EQ(config.get_string("data.root"), "");
  EXPECT_EQ(config.origin("data.subset"), "default");
}

TEST(Config, FilesMergeInOrderAndSetWins) {
  const auto dir = scratch_dir();
  write_text(dir / "a.yaml", "data:\n  subset: small\n  stft:\n    n_fft: 1024\n");
  write_text(dir / "b.yaml", "data:\n  subset: large\n");
  Config config(test_schema());
  config.merge_file(dir / "a.yaml");
  config.merge_file(dir / "b.yaml");
  EXPECT_EQ(config.get_string("data.subset"), "large");  // b overrides a
  EXPECT_EQ(config.get_int("data.stft.n_fft"), 1024);    // a's other key stays
  EXPECT_EQ(config.origin("data.subset"), (dir / "b.yaml").string());
  config.set("data.subset=small");
  config.set("data.splits=[validation, test]");
  EXPECT_EQ(config.get_string("data.subset"), "small");
  EXPECT_EQ(config.get_strings("data.splits"), (std::vector<std::string>{"validation", "test"}));
  EXPECT_EQ(config.origin("data.subset"), "--set");
}

TEST(Config, IncludedFilesMergeFirstRelativeToTheIncludingFile) {
  const auto dir = scratch_dir();
  std::filesystem::create_directories(dir / "sets");
  write_text(dir / "sets" / "large.yaml", "data:\n  subset: large\n  rate: 0.25\n");
  write_text(dir / "sets" / "splits.yaml", "include: large.yaml\ndata:\n  splits: [test]\n");
  write_text(dir / "experiment.yaml", "include: [sets/splits.yaml]\ndata:\n  rate: 0.75\n");
  Config config(test_schema());
  config.merge_file(dir / "experiment.yaml");
  EXPECT_EQ(config.get_string("data.subset"), "large");                                // from two levels down
  EXPECT_EQ(config.get_strings("data.splits"), std::vector<std::string>{"test"});      // from one level down
  EXPECT_DOUBLE_EQ(config.get_float("data.rate"), 0.75);                              // the file's own key wins
  EXPECT_EQ(config.origin("data.subset"), (dir / "sets" / "large.yaml").string());

  write_text(dir / "loop.yaml", "include: loop.yaml\n");
  EXPECT_THROW_WITH(config.merge_file(dir / "loop.yaml"), ConfigError, "nested 16 deep");
  write_text(dir / "missing.yaml", "include: nowhere.yaml\n");
  EXPECT_THROW_WITH(config.merge_file(dir / "missing.yaml"), ConfigError, "nowhere.yaml: cannot open config file");
  write_text(dir / "bad.yaml", "include: {a: 1}\n");
  EXPECT_THROW_WITH(config.merge_file(dir / "bad.yaml"), ConfigError, "bad.yaml:1:10: include: expected a file name");
}

TEST(Config, UnknownKeyNamesFileLineAndSuggestion) {
  Config config(test_schema());
  EXPECT_THROW_WITH(config.merge_text("data:\n  subset: small\n  subsett: large\n", "x.yaml"), ConfigError,
                    "x.yaml:3:3: unknown key 'data.subsett' (did you mean 'data.subset'?)");
  EXPECT_THROW_WITH(config.merge_text("model:\n  depth: 3\n", "x.yaml"), ConfigError, "x.yaml:1:1: unknown key 'model'");
  EXPECT_THROW_WITH(config.set("data.stft.nfft=512"), ConfigError, "did you mean 'data.stft.n_fft'");
}

TEST(Config, WrongTypesAndRangesAreRejectedWithExpectation) {
  Config config(test_schema());
  EXPECT_THROW_WITH(config.merge_text("data:\n  stft:\n    n_fft: 2.5\n", "c.yaml"), ConfigError,
                    "c.yaml:3:5: data.stft.n_fft: expected an integer in [16, 65536], got '2.5'");
  EXPECT_THROW_WITH(config.merge_text("data:\n  stft:\n    n_fft: 8\n", "c.yaml"), ConfigError, "in [16, 65536], got '8'");
  EXPECT_THROW_WITH(config.merge_text("data:\n  rate: high\n", "c.yaml"), ConfigError, "expected a number in [0, 1]");
  EXPECT_THROW_WITH(config.merge_text("data:\n  shuffle: maybe\n", "c.yaml"), ConfigError, "expected true or false");
  EXPECT_THROW_WITH(config.merge_text("data:\n  subset: huge\n", "c.yaml"), ConfigError,
                    "expected one of small|medium|large, got 'huge'");
  EXPECT_THROW_WITH(config.merge_text("data:\n  splits: [training, tset]\n", "c.yaml"), ConfigError,
                    "got 'tset'");
  EXPECT_THROW_WITH(config.merge_text("data:\n  splits: training\n", "c.yaml"), ConfigError, "expected a list");
  EXPECT_THROW_WITH(config.merge_text("data:\n  exclude_ids: [3, -1]\n", "c.yaml"), ConfigError, "got '-1'");
  EXPECT_THROW_WITH(config.merge_text("data: 3\n", "c.yaml"), ConfigError, "data: expected a mapping of keys");
  EXPECT_THROW_WITH(config.merge_text("data:\n  subset: [small\n", "c.yaml"), ConfigError, "c.yaml:3:1: YAML syntax error");
  EXPECT_THROW_WITH(config.set("data.subset"), ConfigError, "expected key.path=value");
  // A failed merge of one key leaves the previous value in place.
  EXPECT_EQ(config.get_string("data.subset"), "medium");
}

TEST(Config, ResolvedYamlReadsBackToTheSameConfig) {
  Config config(test_schema());
  config.set("data.subset=large");
  config.set("data.exclude_ids=[1486, 5574]");
  config.set("data.root=/tmp/some dir");
  Config again(test_schema());
  again.merge_text(config.to_yaml(), "resolved");
  EXPECT_EQ(again.to_yaml(), config.to_yaml());
  EXPECT_EQ(again.get_ints("data.exclude_ids"), (std::vector<std::int64_t>{1486, 5574}));
  EXPECT_EQ(again.get_string("data.root"), "/tmp/some dir");
}

// A copy is a new configuration: merging text, a file or --set into one leaves the other as it was
// (yaml-cpp's nodes are references, and assigning one writes through every holder).
TEST(Config, CopiesAreIndependent) {
  Config base(test_schema());
  base.merge_text("data: {subset: small, stft: {n_fft: 512}}", "base");
  Config copy = base;
  copy.merge_text("data: {subset: large, stft: {n_fft: 1024}}", "copy");
  copy.set("data.rate=0.25");
  const auto dir = scratch_dir();
  write_text(dir / "more.yaml", "data:\n  splits: [test]\n");
  copy.merge_file(dir / "more.yaml");
  EXPECT_EQ(base.get_string("data.subset"), "small");
  EXPECT_EQ(base.get_int("data.stft.n_fft"), 512);
  EXPECT_DOUBLE_EQ(base.get_float("data.rate"), 0.5);
  EXPECT_EQ(base.get_strings("data.splits"), std::vector<std::string>{"training"});
  EXPECT_EQ(copy.get_string("data.subset"), "large");
  EXPECT_EQ(copy.get_int("data.stft.n_fft"), 1024);
  base.set("data.subset=medium");
  EXPECT_EQ(copy.get_string("data.subset"), "large");
}

TEST(Config, ReadingAKeyAsTheWrongTypeIsAProgrammingError) {
  const Config config(test_schema());
  EXPECT_THROW(config.get_int("data.subset"), std::logic_error);
  EXPECT_THROW(config.get_int("data.nothing"), std::logic_error);
}

TEST(Schema, MarkdownListsEveryKeyWithDefault) {
  const Schema schema = test_schema();
  const std::string markdown = schema.markdown();
  EXPECT_NE(markdown.find("| `data.stft.n_fft` | int | `2048` | an integer in [16, 65536] | fft size |"), std::string::npos);
  EXPECT_NE(schema.markdown().find("| `data.subset` | choice | `medium` | one of small|medium|large |"), std::string::npos);
}

TEST(NumberText, ReadsBackAsTheSameDouble) {
  EXPECT_EQ(round_trip_text(0.1), "0.1");
  EXPECT_EQ(round_trip_text(1.2345e-5), "1.2345e-05");
  for (double v : {1.0 / 3, 6.02214076e23, -2.5e-300, 0.30000000000000004})
    EXPECT_EQ(std::stod(round_trip_text(v)), v) << round_trip_text(v);
}

}  // namespace
}  // namespace genrekit::config
