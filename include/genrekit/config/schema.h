#pragma once
// One declared schema per config section: every key with its type, default, allowed range or
// values and description. Parsing, validation, --help and docs/configuration.md all read it.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace genrekit::config {

enum class ValueType { Bool, Int, Float, String, Path, Choice, StringList, IntList, FloatList };

std::string_view to_string(ValueType type);

struct Key {
  std::string path;           // dotted, e.g. "data.subset"
  ValueType type = ValueType::String;
  std::string default_yaml;   // the default written as YAML, e.g. "medium", "[training]", "0.5"
  std::optional<double> min;  // inclusive bounds for Int, Float, IntList and FloatList items
  std::optional<double> max;
  std::vector<std::string> choices;  // allowed values of Choice and of StringList items (if any)
  std::string description;
  bool affects_results = true;  // false for keys such as run.threads: a run may resume with another value

  // "one of small|medium|large", "integer in [1, 64]", "list of strings"...
  std::string expected() const;
};

struct Section {
  std::string name;  // first component of every key path in it
  std::string description;
  std::vector<Key> keys;
};

class Schema {
 public:
  Schema() = default;
  explicit Schema(std::vector<Section> sections);

  const std::vector<Section>& sections() const { return sections_; }
  const Key* find(std::string_view path) const;
  // True when `path` names a section or an intermediate map ("data", "features.stft").
  bool is_map(std::string_view path) const;
  // The declared key closest to a misspelled one, or "" when nothing is close.
  std::string closest(std::string_view path) const;

  // Markdown reference: a table per section (docs/configuration.md is generated from it).
  std::string markdown() const;

 private:
  std::vector<Section> sections_;
};

}  // namespace genrekit::config
