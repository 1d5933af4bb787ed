#include "genrekit/config/config.h"

#include <fstream>
#include <sstream>

#include "genrekit/error.h"

namespace genrekit::config {

namespace {

std::string where(const std::string& origin, const YAML::Node& node) {
  const YAML::Mark mark = node.Mark();
  if (mark.is_null()) return origin;
  return origin + ":" + std::to_string(mark.line + 1) + ":" + std::to_string(mark.column + 1);
}

std::string show(const YAML::Node& node) {
  if (node.IsScalar()) return "'" + node.Scalar() + "'";
  if (node.IsNull()) return "nothing";
  if (node.IsSequence()) return "a list";
  return "a mapping";
}

[[noreturn]] void fail(const std::string& at, const Key& key, const YAML::Node& node) {
  throw ConfigError(at + ": " + key.path + ": expected " + key.expected() + ", got " + show(node));
}

bool in_range(const Key& key, double v) {
  return (!key.min || v >= *key.min) && (!key.max || v <= *key.max);
}

template <typename T>
bool convert(const YAML::Node& node, T& out) {
  if (!node.IsScalar()) return false;
  return YAML::convert<T>::decode(node, out);
}

bool is_listed(const Key& key, const std::string& value) {
  return key.choices.empty() ||
         std::find(key.choices.begin(), key.choices.end(), value) != key.choices.end();
}

// Checks `node` against `key`; throws ConfigError naming `at` on any mismatch.
void validate(const Key& key, const YAML::Node& node, const std::string& at) {
  switch (key.type) {
    case ValueType::Bool: {
      bool b = false;
      if (!convert(node, b)) fail(at, key, node);
      return;
    }
    case ValueType::Int: {
      std::int64_t i = 0;
      if (!convert(node, i) || !in_range(key, static_cast<double>(i))) fail(at, key, node);
      return;
    }
    case ValueType::Float: {
      double d = 0;
      if (!convert(node, d) || !in_range(key, d)) fail(at, key, node);
      return;
    }
    case ValueType::String:
    case ValueType::Path:
      if (!node.IsScalar()) fail(at, key, node);
      return;
    case ValueType::Choice:
      if (!node.IsScalar() || key.choices.empty() || !is_listed(key, node.Scalar())) fail(at, key, node);
      return;
    case ValueType::StringList:
      if (!node.IsSequence()) fail(at, key, node);
      for (const auto& item : node)
        if (!item.IsScalar() || !is_listed(key, item.Scalar())) fail(where(at, item), key, item);
      return;
    case ValueType::IntList:
      if (!node.IsSequence()) fail(at, key, node);
      for (const auto& item : node) {
        std::int64_t i = 0;
        if (!convert(item, i) || !in_range(key, static_cast<double>(i))) fail(at, key, item);
      }
      return;
    case ValueType::FloatList:
      if (!node.IsSequence()) fail(at, key, node);
      for (const auto& item : node) {
        double d = 0;
        if (!convert(item, d) || !in_range(key, d)) fail(at, key, item);
      }
      return;
  }
}

YAML::Node parse_yaml(std::string_view text, const std::string& origin) {
  try {
    return YAML::Load(std::string(text));
  } catch (const YAML::ParserException& e) {
    throw ConfigError(origin + ":" + std::to_string(e.mark.line + 1) + ":" +
                      std::to_string(e.mark.column + 1) + ": YAML syntax error: " + e.msg);
  }
}

}  // namespace

Config::Config(Schema schema) : schema_(std::move(schema)) {
  for (const auto& section : schema_.sections())
    for (const auto& key : section.keys) {
      YAML::Node value = parse_yaml(key.default_yaml.empty() ? "\"\"" : key.default_yaml,
                                    "default of " + key.path);
      validate(key, value, "built-in default");
      entries_.emplace(key.path, Entry{value, "default"});
    }
}

void Config::replace(const std::string& path, Entry entry) {
  // Erase, then emplace: assigning one YAML::Node to another writes into the node it refers to,
  // which copies of this Config share; a new node keeps every copy independent.
  entries_.erase(path);
  entries_.emplace(path, std::move(entry));
}

void Config::merge_file(const std::filesystem::path& file) { merge_file(file, 0); }

void Config::merge_file(const std::filesystem::path& file, int depth) {
  std::ifstream in(file);
  if (!in) throw ConfigError(file.string() + ": cannot open config file");
  std::stringstream text;
  text << in.rdbuf();
  YAML::Node root = parse_yaml(text.str(), file.string());
  if (root.IsMap() && root["include"]) {
    const YAML::Node includes = root["include"];
    if (!includes.IsScalar() && !includes.IsSequence())
      throw ConfigError(where(file.string(), includes) + ": include: expected a file name or a list of them");
    if (depth >= 16) throw ConfigError(where(file.string(), includes) + ": include: nested 16 deep (a cycle?)");
    const auto each = includes.IsScalar() ? std::vector<YAML::Node>{includes}
                                          : std::vector<YAML::Node>(includes.begin(), includes.end());
    for (const auto& item : each) {
      if (!item.IsScalar()) throw ConfigError(where(file.string(), item) + ": include: expected a file name");
      merge_file(file.parent_path() / item.Scalar(), depth + 1);
    }
    root.remove("include");
  }
  merge_root(root, file.string());
}

void Config::merge_text(std::string_view yaml_text, const std::string& origin) { merge_root(parse_yaml(yaml_text, origin), origin); }

void Config::merge_root(const YAML::Node& root, const std::string& origin) {
  if (root.IsNull()) return;  // an empty file changes nothing
  if (!root.IsMap())
    throw ConfigError(where(origin, root) + ": expected a mapping of sections (e.g. 'data:'), got " + show(root));
  merge_node(root, "", origin);
}

void Config::merge_node(const YAML::Node& node, const std::string& prefix, const std::string& origin) {
  for (const auto& item : node) {
    const YAML::Node& name = item.first;
    const YAML::Node& value = item.second;
    const std::string path = prefix.empty() ? name.Scalar() : prefix + "." + name.Scalar();
    const std::string at = where(origin, name);
    if (const Key* key = schema_.find(path)) {
      validate(*key, value, at);
      replace(path, Entry{YAML::Clone(value), origin});
    } else if (schema_.is_map(path)) {
      if (!value.IsMap()) throw ConfigError(at + ": " + path + ": expected a mapping of keys, got " + show(value));
      merge_node(value, path, origin);
    } else {
      std::string message = at + ": unknown key '" + path + "'";
      if (const std::string guess = schema_.closest(path); !guess.empty()) message += " (did you mean '" + guess + "'?)";
      throw ConfigError(message);
    }
  }
}

void Config::set(std::string_view assignment) {
  const std::string origin = "--set " + std::string(assignment);
  const auto eq = assignment.find('=');
  if (eq == std::string_view::npos || eq == 0)
    throw ConfigError(origin + ": expected key.path=value");
  const std::string path(assignment.substr(0, eq));
  const Key* key = schema_.find(path);
  if (!key) {
    std::string message = origin + ": unknown key '" + path + "'";
    if (const std::string guess = schema_.closest(path); !guess.empty()) message += " (did you mean '" + guess + "'?)";
    throw ConfigError(message);
  }
  const std::string_view text = assignment.substr(eq + 1);
  YAML::Node value = parse_yaml(text.empty() ? "\"\"" : text, origin);
  validate(*key, value, origin);
  replace(path, Entry{value, "--set"});
}

const Config::Entry& Config::entry(std::string_view path, ValueType expected) const {
  const auto it = entries_.find(path);
  const Key* key = schema_.find(path);
  if (it == entries_.end() || !key) throw std::logic_error("config key not declared: " + std::string(path));
  const bool text_like = expected == ValueType::String &&
                         (key->type == ValueType::Path || key->type == ValueType::Choice);
  if (key->type != expected && !text_like)
    throw std::logic_error("config key " + std::string(path) + " read as " + std::string(to_string(expected)) +
                           " but declared " + std::string(to_string(key->type)));
  return it->second;
}

bool Config::get_bool(std::string_view path) const { return entry(path, ValueType::Bool).value.as<bool>(); }
std::int64_t Config::get_int(std::string_view path) const {
  return entry(path, ValueType::Int).value.as<std::int64_t>();
}
double Config::get_float(std::string_view path) const { return entry(path, ValueType::Float).value.as<double>(); }
std::string Config::get_string(std::string_view path) const {
  return entry(path, ValueType::String).value.as<std::string>();
}
std::vector<std::string> Config::get_strings(std::string_view path) const {
  return entry(path, ValueType::StringList).value.as<std::vector<std::string>>();
}
std::vector<std::int64_t> Config::get_ints(std::string_view path) const {
  return entry(path, ValueType::IntList).value.as<std::vector<std::int64_t>>();
}
std::vector<double> Config::get_floats(std::string_view path) const {
  return entry(path, ValueType::FloatList).value.as<std::vector<double>>();
}

const std::string& Config::origin(std::string_view path) const {
  const auto it = entries_.find(path);
  if (it == entries_.end()) throw std::logic_error("config key not declared: " + std::string(path));
  return it->second.origin;
}

std::vector<std::string> Config::differences_affecting_results(const Config& other) const {
  const auto text = [](const YAML::Node& node) {
    YAML::Emitter out;
    out << YAML::Flow << node;
    return std::string(out.c_str());
  };
  std::vector<std::string> differences;
  for (const auto& section : schema_.sections())
    for (const auto& key : section.keys) {
      if (!key.affects_results) continue;
      const std::string mine = text(entries_.at(key.path).value), theirs = text(other.entries_.at(key.path).value);
      if (mine != theirs) differences.push_back(key.path + ": " + theirs + " -> " + mine);
    }
  return differences;
}

std::string Config::to_yaml() const {
  YAML::Node root(YAML::NodeType::Map);
  for (const auto& section : schema_.sections())
    for (const auto& key : section.keys) {
      // Walk/create the nested maps of the dotted path, then place the value.
      std::vector<YAML::Node> chain{root};
      std::string_view rest = key.path;
      for (auto dot = rest.find('.'); dot != std::string_view::npos; dot = rest.find('.')) {
        const std::string part(rest.substr(0, dot));
        YAML::Node child = chain.back()[part];
        if (!child.IsMap()) child = YAML::Node(YAML::NodeType::Map);
        chain.back()[part] = child;
        chain.push_back(child);
        rest.remove_prefix(dot + 1);
      }
      chain.back()[std::string(rest)] = entries_.at(key.path).value;
    }
  YAML::Emitter out;
  out << root;
  return std::string(out.c_str()) + "\n";
}

}  // namespace genrekit::config
