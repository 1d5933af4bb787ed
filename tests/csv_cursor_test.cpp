#include "genrekit/data/csv_cursor.h"

#include <cmath>
#include <cstring>
#include <random>

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
  std::string text = "1.5e+00,,-2,inf,-inf,nan,1e999,abc\n";
  CsvCursor csv(text.data(), text.data() + text.size(), "t.csv");
  ASSERT_TRUE(csv.next_record());
  double v = 0;
  ASSERT_TRUE(csv.next_number(v));
  EXPECT_EQ(v, 1.5);
  ASSERT_TRUE(csv.next_number(v));
  EXPECT_TRUE(std::isnan(v));
  ASSERT_TRUE(csv.next_number(v));
  EXPECT_EQ(v, -2);
  for (const char* missing : {"inf", "-inf", "nan", "1e999"}) {  // non-finite: missing, as an empty cell
    ASSERT_TRUE(csv.next_number(v)) << missing;
    EXPECT_TRUE(std::isnan(v)) << missing;
  }
  EXPECT_FALSE(csv.next_number(v));
  EXPECT_EQ(csv.next_field(), "abc");  // nothing was consumed by the refused number
  EXPECT_TRUE(csv.record_end());
  EXPECT_THROW_WITH(csv.next_field(), DataError, "fewer fields");
}

// The fast paths for FMA's "%.10e" and other plain decimals must give strtod's double, bit for bit.
TEST(CsvCursor, NumberParsingIsBitExactAgainstStrtod) {
  std::mt19937_64 random(7);
  std::uniform_real_distribution<double> mantissa(-10, 10);
  std::uniform_int_distribution<int> exponent(-40, 40);
  std::string text;
  std::vector<std::string> expected_text;
  for (int i = 0; i < 60000; ++i) {
    char buffer[64];
    const double x = mantissa(random) * std::pow(10.0, exponent(random));
    switch (i % 5) {  // FMA's format most often, then others that take the other paths
      case 0: case 1: std::snprintf(buffer, sizeof buffer, "%.10e", x); break;
      case 2: std::snprintf(buffer, sizeof buffer, "%.17g", x); break;
      case 3: std::snprintf(buffer, sizeof buffer, "%.6f", x); break;
      default: std::snprintf(buffer, sizeof buffer, "%.3e", x); break;
    }
    expected_text.emplace_back(buffer);
    text += buffer;
    text += i % 10 == 9 ? "\n" : ",";
  }
  CsvCursor csv(text.data(), text.data() + text.size(), "t.csv");
  std::size_t k = 0;
  while (csv.next_record())
    while (!csv.record_end()) {
      double v = 0;
      ASSERT_TRUE(csv.next_number(v)) << expected_text[k];
      const double reference = std::strtod(expected_text[k].c_str(), nullptr);
      ASSERT_EQ(std::memcmp(&v, &reference, sizeof v), 0) << expected_text[k] << " -> " << v << " vs " << reference;
      ++k;
    }
  EXPECT_EQ(k, expected_text.size());
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
