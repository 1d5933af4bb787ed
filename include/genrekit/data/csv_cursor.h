#pragma once
// A fast RFC 4180 CSV reader over a writable buffer (a MappedFile): quoted fields may hold commas,
// doubled quotes and newlines; quotes are unescaped in place, so fields are views into the buffer
// with no allocation. Blank lines are skipped, as pandas does. Line numbers count physical lines.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace genrekit::data {

class CsvCursor {
 public:
  // `first_line`: the physical line `begin` is on (a cursor over a part of a file).
  CsvCursor(char* begin, char* end, std::string source, std::size_t first_line = 1);

  // Moves to the next record, skipping what is left of the current one; false at the end.
  bool next_record();
  // True when the current record has no more fields.
  bool record_end() const { return record_end_; }
  // The next field of the current record; DataError when the record has no more.
  std::string_view next_field();
  // Parses the next field as a number and returns true; returns false and consumes nothing when
  // the field is not a plain number (the caller reports it with next_field). A missing value is
  // NaN, whether the cell is empty (pandas' NaN) or spells a non-finite number (nan, inf, -inf,
  // or one too large for a double): no model ever reads an infinity.
  bool next_number(double& value);
  // All remaining fields of the current record.
  void read_fields(std::vector<std::string_view>& fields);

  // "file:line" of the current record's first line, for error messages.
  std::string where() const;
  std::size_t line() const { return record_line_; }
  // Where the cursor stands: after the current record once record_end().
  char* position() const { return p_; }
  const std::string& source() const { return source_; }

 private:
  void consume_delimiter();

  char* p_;
  char* end_;
  std::string source_;
  std::size_t line_ = 1;         // physical line of p_
  std::size_t record_line_ = 0;  // line where the current record started
  bool record_end_ = true;
};

// The field as CSV: quoted (with doubled quotes) when it holds a comma, quote or line break.
std::string csv_escape(std::string_view field);

}  // namespace genrekit::data
