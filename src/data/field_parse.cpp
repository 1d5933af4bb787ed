#include "genrekit/data/field_parse.h"

#include <charconv>
#include <limits>

#include <fast_float/fast_float.h>

#include "genrekit/error.h"

namespace genrekit::data {

namespace {

[[noreturn]] void fail(const std::string& where, std::string_view column, std::string_view expected,
                       std::string_view field) {
  throw DataError(where + ": column " + std::string(column) + ": expected " + std::string(expected) + ", got '" +
                  std::string(field) + "'");
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

}  // namespace

std::int64_t parse_int(std::string_view field, const std::string& where, std::string_view column) {
  std::int64_t value = 0;
  const auto result = std::from_chars(field.data(), field.data() + field.size(), value);
  if (field.empty() || result.ec != std::errc() || result.ptr != field.data() + field.size())
    fail(where, column, "an integer", field);
  return value;
}

double parse_double(std::string_view field, const std::string& where, std::string_view column) {
  if (field.empty()) return std::numeric_limits<double>::quiet_NaN();
  double value = 0;
  const auto result = fast_float::from_chars(field.data(), field.data() + field.size(), value);
  if (result.ec != std::errc() || result.ptr != field.data() + field.size()) fail(where, column, "a number", field);
  return value;
}

std::vector<int> parse_int_list(std::string_view field, const std::string& where, std::string_view column) {
  const std::string_view body = trim(field);
  if (body.size() < 2 || body.front() != '[' || body.back() != ']')
    fail(where, column, "a list literal like [21, 811]", field);
  std::vector<int> values;
  std::string_view rest = trim(body.substr(1, body.size() - 2));
  while (!rest.empty()) {
    const auto comma = rest.find(',');
    const std::string_view item = trim(rest.substr(0, comma));
    int value = 0;
    const auto result = std::from_chars(item.data(), item.data() + item.size(), value);
    if (item.empty() || result.ec != std::errc() || result.ptr != item.data() + item.size())
      fail(where, column, "a list literal of integers like [21, 811]", field);
    values.push_back(value);
    if (comma == std::string_view::npos) break;
    rest = trim(rest.substr(comma + 1));
    if (rest.empty()) fail(where, column, "a list literal of integers like [21, 811]", field);
  }
  return values;
}

std::string format_int_list(const std::vector<int>& values) {
  std::string out = "[";
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i) out += ", ";
    out += std::to_string(values[i]);
  }
  return out + "]";
}

}  // namespace genrekit::data

namespace genrekit::data {

std::size_t require_column(const std::vector<std::string>& header, std::string_view name, const std::string& source) {
  for (std::size_t i = 0; i < header.size(); ++i)
    if (header[i] == name) return i;
  throw DataError(source + ": missing column " + std::string(name));
}

}  // namespace genrekit::data
