#include "genrekit/data/feature_table.h"

#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>

#include "genrekit/error.h"
#include "test_support.h"

namespace genrekit::data {
namespace {

using test::read_text;
using test::scratch_dir;
using test::write_text;

FeatureTable small_table() {
  FeatureTable t;
  t.columns = {{"chroma_cens", "kurtosis", "01"}, {"mfcc", "mean", "20"}, {"zcr", "std", "01"}};
  t.index = {"2", "3", "dir/with, comma.mp3"};
  const double nan = std::numeric_limits<double>::quiet_NaN();
  t.values = {7.1806526184, -1.5e-12, 0.0, nan, 123456789.0, -0.000123, 1e300, 2.0, -3.25};
  return t;
}

TEST(FeatureTable, WritesFmaFormatExactly) {
  const auto dir = scratch_dir();
  write_feature_csv(dir / "features.csv", small_table());
  // tests/data/features_small.csv is also what tests/pandas_reads_features.py reads with pandas.
  EXPECT_EQ(read_text(dir / "features.csv"), read_text(test::fixture("features_small.csv")));
}

// A table above the parallel reader's 8 MB threshold: 3,000 rows x 300 columns.
FeatureTable large_table(bool quoted_index) {
  FeatureTable t;
  for (int c = 0; c < 300; ++c) {
    char feature[16];
    std::snprintf(feature, sizeof feature, "f%d", c / 7);
    t.columns.push_back({feature, "mean", std::to_string(c % 7)});
  }
  for (int r = 0; r < 3000; ++r) {
    std::string id = std::to_string(2 + 3 * r);
    if (quoted_index && r % 97 == 5) id.append(", \"quoted\"\nand on two lines.mp3");
    t.index.push_back(id);
    for (int c = 0; c < 300; ++c) t.values.push_back(r % 50 == c % 50 ? std::nan("") : std::sin(r * 0.37 + c) * std::pow(10.0, c % 9 - 4));
  }
  return t;
}

// The same table, values bit for bit, on 1 and 3 threads, with and without quoted (multi-line) ids;
// a bad row or a repeated id in the parallel reader's later parts is named at its exact line.
TEST(FeatureTable, ThreadsReadTheSameTableAndNameTheSameLines) {
  const auto dir = scratch_dir();
  for (const bool quoted : {false, true}) {
    const FeatureTable table = large_table(quoted);
    write_feature_csv(dir / "large.csv", table);
    const FeatureTable one = read_feature_csv(dir / "large.csv", 1), three = read_feature_csv(dir / "large.csv", 3);
    EXPECT_EQ(one.index, table.index);
    EXPECT_EQ(three.index, table.index);
    ASSERT_EQ(three.values.size(), table.values.size());
    EXPECT_EQ(std::memcmp(three.values.data(), one.values.data(), one.values.size() * sizeof(double)), 0) << quoted;
  }
  FeatureTable table = large_table(false);
  table.index[2900] = table.index[10];
  write_feature_csv(dir / "twice.csv", table);
  EXPECT_THROW_WITH(read_feature_csv(dir / "twice.csv", 3), DataError, "twice.csv:2905: id '32' is already the id of the row at line 15");
  std::string text = read_text(dir / "large.csv");
  std::size_t at = 0;
  for (int line = 1; line < 2800; ++line) at = text.find('\n', at) + 1;
  text.replace(text.find(',', at), 1, ",oops,");
  write_text(dir / "bad.csv", text);
  EXPECT_THROW_WITH(read_feature_csv(dir / "bad.csv", 3), DataError, "bad.csv:2800: column 2 (f0/mean/0): expected a number, got 'oops'");
}

// Records may end with \r\n or a lone \r, as the CSV cursor allows (a fuzzing finding: the reader
// sized the table by \n alone).
TEST(FeatureTable, ReadsCarriageReturnLineEndings) {
  const auto dir = scratch_dir();
  write_feature_csv(dir / "features.csv", small_table());
  std::string text = read_text(dir / "features.csv");
  for (const std::string ending : {"\r", "\r\n"}) {
    std::string converted;
    for (const char c : text) converted += c == '\n' ? ending : std::string(1, c);
    write_text(dir / "converted.csv", converted);
    const FeatureTable table = read_feature_csv(dir / "converted.csv");
    EXPECT_EQ(table.index, small_table().index) << (ending == "\r" ? "CR" : "CRLF");
  }
}

TEST(FeatureTable, RoundTripKeepsValuesNanAndIndex) {
  const auto dir = scratch_dir();
  const FeatureTable table = small_table();
  write_feature_csv(dir / "features.csv", table);
  const FeatureTable again = read_feature_csv(dir / "features.csv");
  EXPECT_EQ(again.columns, table.columns);
  EXPECT_EQ(again.index, table.index);
  EXPECT_EQ(again.index_name, "track_id");
  ASSERT_EQ(again.values.size(), table.values.size());
  for (std::size_t i = 0; i < table.values.size(); ++i) {
    if (std::isnan(table.values[i])) {
      EXPECT_TRUE(std::isnan(again.values[i]));
    } else {
      // %.10e keeps 11 significant digits.
      EXPECT_NEAR(again.values[i], table.values[i], 1e-10 * std::fabs(table.values[i]));
    }
  }
  write_feature_csv(dir / "again.csv", again);
  EXPECT_EQ(read_text(dir / "again.csv"), read_text(dir / "features.csv"));
}

TEST(FeatureTable, BadRowsNameFileLineAndColumn) {
  const auto dir = scratch_dir();
  const std::string header = "feature,mfcc,mfcc\nstatistics,mean,std\nnumber,01,01\ntrack_id,,\n";
  write_text(dir / "short.csv", header + "2,1.0,2.0\n3,1.0\n");
  EXPECT_THROW_WITH(read_feature_csv(dir / "short.csv"), DataError, "short.csv:6: expected 2 values, found 1");
  write_text(dir / "long.csv", header + "2,1.0,2.0,3.0\n");
  EXPECT_THROW_WITH(read_feature_csv(dir / "long.csv"), DataError, "long.csv:5: expected 2 values, found more");
  write_text(dir / "text.csv", header + "2,1.0,abc\n");
  EXPECT_THROW_WITH(read_feature_csv(dir / "text.csv"), DataError,
                    "text.csv:5: column 3 (mfcc/std/01): expected a number, got 'abc'");
  write_text(dir / "header.csv", "feature,mfcc\nnumber,01\n");
  EXPECT_THROW_WITH(read_feature_csv(dir / "header.csv"), DataError, "header.csv:2: expected a header row starting with 'statistics'");
  write_text(dir / "ragged.csv", "feature,mfcc,mfcc\nstatistics,mean\nnumber,01,01\ntrack_id,,\n");
  EXPECT_THROW_WITH(read_feature_csv(dir / "ragged.csv"), DataError, "three header rows have different lengths");
  write_text(dir / "twice.csv", header + "2,1.0,2.0\n5,1.0,2.0\n2,3.0,4.0\n");
  EXPECT_THROW_WITH(read_feature_csv(dir / "twice.csv"), DataError, "twice.csv:7: id '2' is already the id of the row at line 5");
}

}  // namespace
}  // namespace genrekit::data
