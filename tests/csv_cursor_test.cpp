#include "genrekit/data/csv_cursor.h"

#include <cmath>

#include "genrekit/error.h"
#include "test_support.h"

namespace genrekit::data {
namespace {

std::vector<std::vector<std::string>> parse(std::string text) {
  CsvCursor csv(text.data(), text.data() + text.size(), "t.csv");
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string_view> fields;
  while (csv.next_record()) {
    csv.read_fields(fields);
    rows.emplace_back(fields.begin(), fields.end());
  }
  return rows;
}

TEST(CsvCursor, Rfc4180QuotingCommasQuotesAndNewlines) {
  const auto rows = parse("a,\"b, c\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",,\"\"\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"a", "b, c", "say \"hi\""}));
  EXPECT_EQ(rows[1], (std::vector<std::string>{"two\nlines", "", ""}));
}

TEST(CsvCursor, ByteOrderMarkBlankLinesAndMissingFinalNewline) {
  const auto rows = parse("\xEF\xBB\xBFx,y\n\n1,2\n\r\n3,4");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0][0], "x");
  EXPECT_EQ(rows[2], (std::vector<std::string>{"3", "4"}));
}

TEST(CsvCursor, LineNumbersCountLinesInsideQuotedFields) {
  std::string text = "h\n\"a\nb\nc\"\nlast\n";
  CsvCursor csv(text.data(), text.data() + text.size(), "t.csv");
  std::vector<std::string_view> fields;
  ASSERT_TRUE(csv.next_record());
  csv.read_fields(fields);
  ASSERT_TRUE(csv.next_record());
  EXPECT_EQ(csv.line(), 2u);
  csv.read_fields(fields);
  ASSERT_TRUE(csv.next_record());
  EXPECT_EQ(csv.where(), "t.csv:5");
}

TEST(CsvCursor, MalformedQuotingIsAnErrorWithLine) {
  EXPECT_THROW_WITH(parse("a\n\"never closed,1\n2\n"), DataError, "t.csv:2: quoted field is never closed");
  EXPECT_THROW_WITH(parse("a\n\"x\"y,1\n"), DataError, "t.csv:2: unexpected character 'y' after a closing quote");
}

TEST(CsvCursor, NumbersFastPathEmptyIsNanAndTextIsRefused) {
  std::string text = "1.5e+00,,-2,inf,abc\n";
  CsvCursor csv(text.data(), text.data() + text.size(), "t.csv");
  ASSERT_TRUE(csv.next_record());
  double v = 0;
  ASSERT_TRUE(csv.next_number(v));
  EXPECT_EQ(v, 1.5);
  ASSERT_TRUE(csv.next_number(v));
  EXPECT_TRUE(std::isnan(v));
  ASSERT_TRUE(csv.next_number(v));
  EXPECT_EQ(v, -2);
  ASSERT_TRUE(csv.next_number(v));
  EXPECT_TRUE(std::isinf(v));
  EXPECT_FALSE(csv.next_number(v));
  EXPECT_EQ(csv.next_field(), "abc");  // nothing was consumed by the refused number
  EXPECT_TRUE(csv.record_end());
  EXPECT_THROW_WITH(csv.next_field(), DataError, "fewer fields");
}

TEST(CsvEscape, QuotesOnlyWhenNeeded) {
  EXPECT_EQ(csv_escape("plain"), "plain");
  EXPECT_EQ(csv_escape("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_escape("say \"x\""), "\"say \"\"x\"\"\"");
  EXPECT_EQ(csv_escape("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(parse(csv_escape("a,\"b\"\nc") + "\n")[0][0], "a,\"b\"\nc");
}

}  // namespace
}  // namespace genrekit::data
