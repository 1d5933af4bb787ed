#include "genrekit/data/feature_table.h"

#include <cmath>
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
