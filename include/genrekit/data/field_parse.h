#pragma once
// Typed parsing of CSV fields with errors that say where and what was expected.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace genrekit::data {

// `where` is "file:line"; `column` names the column in the message.
std::int64_t parse_int(std::string_view field, const std::string& where, std::string_view column);
double parse_double(std::string_view field, const std::string& where, std::string_view column);  // "" -> NaN
// A Python list literal of integers as FMA writes them: "[]", "[21]", "[21, 811]".
std::vector<int> parse_int_list(std::string_view field, const std::string& where, std::string_view column);
std::string format_int_list(const std::vector<int>& values);  // the inverse: "[21, 811]"

}  // namespace genrekit::data

namespace genrekit::data {

// Position of `name` in a header; DataError "<source>: missing column <name>" when absent.
std::size_t require_column(const std::vector<std::string>& header, std::string_view name, const std::string& source);

}  // namespace genrekit::data
