#include "genrekit/data/csv_cursor.h"

#include <cmath>
#include <limits>

#include <fast_float/fast_float.h>

#include "genrekit/error.h"

namespace genrekit::data {

namespace {

bool is_delimiter(const char* p, const char* end) { return p == end || *p == ',' || *p == '\n' || *p == '\r'; }

}  // namespace

CsvCursor::CsvCursor(char* begin, char* end, std::string source) : p_(begin), end_(end), source_(std::move(source)) {
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
  const auto result = fast_float::from_chars(p_, end_, value);
  if (result.ec != std::errc() || !is_delimiter(result.ptr, end_)) return false;
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
