#include "genrekit/data/csv_cursor.h"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

#include <fast_float/fast_float.h>

#include "genrekit/error.h"

namespace genrekit::data {

namespace {

bool is_delimiter(const char* p, const char* end) { return p == end || *p == ',' || *p == '\n' || *p == '\r'; }

bool is_digit(char c) { return static_cast<unsigned char>(c - '0') < 10; }

// Powers of ten that doubles hold exactly.
constexpr double kPowers[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                              1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

// mantissa x 10^exponent, correctly rounded: both factors are exact doubles (Clinger's fast path).
double scaled(std::uint64_t mantissa, int exponent, bool negative) {
  const auto m = static_cast<double>(mantissa);
  const double value = exponent < 0 ? m / kPowers[-exponent] : m * kPowers[exponent];
  return negative ? -value : value;
}

// Eight ASCII digits at once (SWAR): a check that all eight bytes are '0'..'9', and their value.
bool eight_digits_at(const char* p, const char* end, std::uint64_t& chunk) {
  if (end - p < 8) return false;
  std::memcpy(&chunk, p, 8);
  return ((chunk & 0xF0F0F0F0F0F0F0F0) | (((chunk + 0x0606060606060606) & 0xF0F0F0F0F0F0F0F0) >> 4)) ==
         0x3333333333333333;
}

std::uint64_t eight_digits_value(std::uint64_t chunk) {
  chunk -= 0x3030303030303030;
  chunk = (chunk * 10) + (chunk >> 8);  // pairs of digits
  chunk = (((chunk & 0x000000FF000000FF) * (100 + (1000000ULL << 32))) +
           (((chunk >> 16) & 0x000000FF000000FF) * (1 + (10000ULL << 32)))) >> 32;
  return chunk & 0xFFFFFFFF;
}

// FMA's own "%.10e" shape, "[-]d.dddddddddde[+-]dd" followed by a delimiter, read with fixed
// offsets and no loops; nullptr for any other shape. Exact by the same argument as below.
const char* parse_fma_scientific(const char* p, const char* end, double& value) {
  const bool negative = p != end && *p == '-';
  if (negative) ++p;
  std::uint64_t chunk = 0;
  if (end - p < 16 || !is_digit(p[0]) || p[1] != '.' || !eight_digits_at(p + 2, end, chunk) || !is_digit(p[10]) ||
      !is_digit(p[11]) || p[12] != 'e' || (p[13] != '+' && p[13] != '-') || !is_digit(p[14]) || !is_digit(p[15]))
    return nullptr;
  const std::uint64_t mantissa = ((static_cast<std::uint64_t>(p[0] - '0') * 100000000 + eight_digits_value(chunk)) * 10 +
                                  static_cast<std::uint64_t>(p[10] - '0')) * 10 + static_cast<std::uint64_t>(p[11] - '0');
  const int e = (p[14] - '0') * 10 + (p[15] - '0');
  const int exponent = (p[13] == '-' ? -e : e) - 10;
  if (exponent < -22 || exponent > 22) return nullptr;
  value = scaled(mantissa, exponent, negative);  // mantissa < 10^11 < 2^53
  return p + 16;
}

// Clinger's fast path for plain decimals such as FMA's "%.10e": when the digits fit in 53 bits and
// the decimal exponent is within 22, mantissa x or / an exact power of ten is one correctly rounded
// operation, so the result equals strtod's. Returns nullptr (caller falls back) for anything else.
const char* parse_plain_decimal(const char* p, const char* end, double& value) {
  const bool negative = p != end && *p == '-';
  if (negative) ++p;
  if (p == end || !is_digit(*p)) return nullptr;
  std::uint64_t mantissa = 0;
  int digits = 0, exponent = 0;
  for (; p != end && is_digit(*p); ++p, ++digits) mantissa = mantissa * 10 + static_cast<std::uint64_t>(*p - '0');
  if (p != end && *p == '.') {
    ++p;
    std::uint64_t chunk = 0;
    if (digits <= 7 && eight_digits_at(p, end, chunk)) {  // the common case: "d.dddddddddde+dd"
      mantissa = mantissa * 100000000 + eight_digits_value(chunk);
      p += 8;
      digits += 8;
      exponent -= 8;
    }
    for (; p != end && is_digit(*p); ++p, ++digits, --exponent)
      mantissa = mantissa * 10 + static_cast<std::uint64_t>(*p - '0');
  }
  if (p != end && (*p == 'e' || *p == 'E')) {
    ++p;
    const bool negative_exponent = p != end && *p == '-';
    if (p != end && (*p == '-' || *p == '+')) ++p;
    if (p == end || !is_digit(*p)) return nullptr;
    int e = 0;
    for (; p != end && is_digit(*p) && e < 10000; ++p) e = e * 10 + (*p - '0');
    exponent += negative_exponent ? -e : e;
  }
  if (digits > 15 || mantissa > (std::uint64_t{1} << 53) || exponent < -22 || exponent > 22) return nullptr;
  value = scaled(mantissa, exponent, negative);
  return p;
}

}  // namespace

CsvCursor::CsvCursor(char* begin, char* end, std::string source, std::size_t first_line)
    : p_(begin), end_(end), source_(std::move(source)), line_(first_line) {
  // A UTF-8 byte-order mark is not part of the first field.
  if (end_ - p_ >= 3 && static_cast<unsigned char>(p_[0]) == 0xEF && static_cast<unsigned char>(p_[1]) == 0xBB &&
      static_cast<unsigned char>(p_[2]) == 0xBF)
    p_ += 3;
}

std::string CsvCursor::where() const { return source_ + ":" + std::to_string(record_line_); }

bool CsvCursor::next_record() {
  while (!record_end_) next_field();
  for (;;) {  // skip blank lines
    if (p_ == end_) return false;
    if (*p_ == '\n') {
      ++p_;
      ++line_;
    } else if (*p_ == '\r' && p_ + 1 != end_ && p_[1] == '\n') {
      p_ += 2;
      ++line_;
    } else {
      break;
    }
  }
  record_line_ = line_;
  record_end_ = false;
  return true;
}

void CsvCursor::consume_delimiter() {
  if (p_ == end_) {
    record_end_ = true;
  } else if (*p_ == ',') {
    ++p_;
  } else {  // \n or \r\n (a lone \r also ends the record)
    if (*p_ == '\r') ++p_;
    if (p_ != end_ && *p_ == '\n') ++p_;
    ++line_;
    record_end_ = true;
  }
}

std::string_view CsvCursor::next_field() {
  if (record_end_) throw DataError(where() + ": record has fewer fields than expected");
  if (p_ != end_ && *p_ == '"') {
    const std::size_t opening_line = line_;
    char* const start = p_ + 1;
    char* write = start;
    char* read = start;
    for (;;) {
      if (read == end_)
        throw DataError(source_ + ":" + std::to_string(opening_line) + ": quoted field is never closed");
      if (*read == '"') {
        if (read + 1 != end_ && read[1] == '"') {  // doubled quote: a literal one
          *write++ = '"';
          read += 2;
          continue;
        }
        ++read;  // closing quote
        break;
      }
      if (*read == '\n') ++line_;
      *write++ = *read++;
    }
    p_ = read;
    if (!is_delimiter(p_, end_))
      throw DataError(source_ + ":" + std::to_string(line_) + ": unexpected character '" + std::string(1, *p_) +
                      "' after a closing quote (expected ',' or end of line)");
    consume_delimiter();
    return {start, static_cast<std::size_t>(write - start)};
  }
  char* const start = p_;
  while (!is_delimiter(p_, end_)) ++p_;
  const std::string_view field(start, static_cast<std::size_t>(p_ - start));
  consume_delimiter();
  return field;
}

bool CsvCursor::next_number(double& value) {
  if (record_end_) throw DataError(where() + ": record has fewer fields than expected");
  if (is_delimiter(p_, end_)) {  // empty field: pandas' NaN
    value = std::numeric_limits<double>::quiet_NaN();
    consume_delimiter();
    return true;
  }
  const char* after = parse_fma_scientific(p_, end_, value);
  if (!after) after = parse_plain_decimal(p_, end_, value);
  if (after && is_delimiter(after, end_)) {
    p_ = const_cast<char*>(after);
    consume_delimiter();
    return true;
  }
  const auto result = fast_float::from_chars(p_, end_, value);
  if ((result.ec != std::errc() && result.ec != std::errc::result_out_of_range) || !is_delimiter(result.ptr, end_)) return false;
  if (!std::isfinite(value)) value = std::numeric_limits<double>::quiet_NaN();  // out of range: an infinity
  p_ = const_cast<char*>(result.ptr);
  consume_delimiter();
  return true;
}

void CsvCursor::read_fields(std::vector<std::string_view>& fields) {
  fields.clear();
  while (!record_end_) fields.push_back(next_field());
}

std::string csv_escape(std::string_view field) {
  if (field.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(field);
  std::string out = "\"";
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

}  // namespace genrekit::data
