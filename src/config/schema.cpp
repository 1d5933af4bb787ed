#include "genrekit/config/schema.h"

#include <algorithm>
#include <cmath>
#include <sstream>

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

// Levenshtein distance, for "did you mean" suggestions on misspelled keys.
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
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
  std::string best;
  std::size_t best_distance = std::max<std::size_t>(3, path.size() / 4) + 1;
  for (const auto& section : sections_)
    for (const auto& key : section.keys) {
      const std::size_t d = edit_distance(path, key.path);
      if (d < best_distance) {
        best_distance = d;
        best = key.path;
      }
    }
  return best;
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

std::string Schema::help_text() const {
  std::ostringstream out;
  for (const auto& section : sections_) {
    out << "  " << section.name << ": " << section.description << "\n";
    for (const auto& key : section.keys) {
      out << "    " << key.path << " = " << (key.default_yaml.empty() ? "\"\"" : key.default_yaml)
          << "  (" << key.expected() << ")\n        " << key.description << "\n";
    }
  }
  return out.str();
}

}  // namespace genrekit::config
