#pragma once
// A resolved configuration. Precedence: built-in defaults < config files (merged in the order
// given) < `--set key=value` assignments. Every value is validated against the schema as it is
// merged; a bad one throws ConfigError naming the file, line, key and what was expected.
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "genrekit/config/schema.h"

namespace genrekit::config {

// Copies are independent: merging into one never changes another.
class Config {
 public:
  explicit Config(Schema schema);  // starts from the defaults

  // A file may start with `include: other.yaml` (or a list): those files, relative to this one,
  // are merged first, so the file's own keys override theirs.
  void merge_file(const std::filesystem::path& file);
  // Merges YAML text; `origin` names it in error messages (a file name, "--set", a test).
  void merge_text(std::string_view yaml_text, const std::string& origin);
  // One `key.path=value` assignment; the value is parsed as YAML.
  void set(std::string_view assignment);

  bool get_bool(std::string_view path) const;
  std::int64_t get_int(std::string_view path) const;
  double get_float(std::string_view path) const;
  std::string get_string(std::string_view path) const;  // String, Path and Choice keys
  std::vector<std::string> get_strings(std::string_view path) const;
  std::vector<std::int64_t> get_ints(std::string_view path) const;
  std::vector<double> get_floats(std::string_view path) const;

  // Where the current value of a key came from: "default", a file name, "--set".
  const std::string& origin(std::string_view path) const;

  const Schema& schema() const { return schema_; }
  // Keys whose values differ from `other`'s (same schema), as "key: other's value -> this value",
  // leaving out keys that do not affect results.
  std::vector<std::string> differences_affecting_results(const Config& other) const;
  // The resolved configuration as YAML, sections and keys in schema order. Reading this back
  // with merge_text gives the same configuration.
  std::string to_yaml() const;

 private:
  struct Entry {
    YAML::Node value;
    std::string origin;
  };
  void merge_file(const std::filesystem::path& file, int depth);
  void merge_root(const YAML::Node& root, const std::string& origin);
  void merge_node(const YAML::Node& node, const std::string& prefix, const std::string& origin);
  const Entry& entry(std::string_view path, ValueType expected) const;
  void replace(const std::string& path, Entry entry);

  Schema schema_;
  std::map<std::string, Entry, std::less<>> entries_;
};

}  // namespace genrekit::config
