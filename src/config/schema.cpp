#include "genrekit/config/schema.h"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "genrekit/config/closest.h"

namespace genrekit::config {

std::string_view to_string(ValueType type) {
  switch (type) {
    case ValueType::Bool: return "bool";
    case ValueType::Int: return "int";
    case ValueType::Float: return "float";
    case ValueType::String: return "string";
    case ValueType::Path: return "path";
    case ValueType::Choice: return "choice";
    case ValueType::StringList: return "list of strings";
    case ValueType::IntList: return "list of ints";
    case ValueType::FloatList: return "list of numbers";
  }
  return "?";
}

namespace {

std::string format_bound(double v) {
  if (v == std::floor(v) && std::fabs(v) < 1e15) return std::to_string(static_cast<long long>(v));
  std::ostringstream out;
  out << v;
  return out.str();
}

std::string join(const std::vector<std::string>& items, std::string_view sep) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += sep;
    out += item;
  }
  return out;
}

std::string range_text(const Key& key) {
  if (key.min && key.max) return " in [" + format_bound(*key.min) + ", " + format_bound(*key.max) + "]";
  if (key.min) return " >= " + format_bound(*key.min);
  if (key.max) return " <= " + format_bound(*key.max);
  return "";
}

}  // namespace

std::string Key::expected() const {
  switch (type) {
    case ValueType::Bool: return "true or false";
    case ValueType::Int: return "an integer" + range_text(*this);
    case ValueType::Float: return "a number" + range_text(*this);
    case ValueType::String: return "a string";
    case ValueType::Path: return "a path";
    case ValueType::Choice: return "one of " + join(choices, "|");
    case ValueType::StringList:
      return choices.empty() ? "a list of strings" : "a list with items from " + join(choices, "|");
    case ValueType::IntList: return "a list of integers" + range_text(*this);
    case ValueType::FloatList: return "a list of numbers" + range_text(*this);
  }
  return "?";
}

Schema::Schema(std::vector<Section> sections) : sections_(std::move(sections)) {}

const Key* Schema::find(std::string_view path) const {
  for (const auto& section : sections_)
    for (const auto& key : section.keys)
      if (key.path == path) return &key;
  return nullptr;
}

bool Schema::is_map(std::string_view path) const {
  const std::string prefix = std::string(path) + ".";
  for (const auto& section : sections_)
    for (const auto& key : section.keys)
      if (key.path.starts_with(prefix)) return true;
  return false;
}

std::string Schema::closest(std::string_view path) const {
  std::vector<std::string> paths;
  for (const auto& section : sections_)
    for (const auto& key : section.keys) paths.push_back(key.path);
  return closest_name(path, paths);
}

std::string Schema::markdown() const {
  std::ostringstream out;
  for (const auto& section : sections_) {
    out << "## `" << section.name << "`\n\n" << section.description << "\n\n";
    out << "| key | type | default | allowed | description |\n|---|---|---|---|---|\n";
    for (const auto& key : section.keys) {
      out << "| `" << key.path << "` | " << to_string(key.type) << " | `"
          << (key.default_yaml.empty() ? "\"\"" : key.default_yaml) << "` | " << key.expected()
          << " | " << key.description << " |\n";
    }
    out << "\n";
  }
  return out.str();
}

}  // namespace genrekit::config
