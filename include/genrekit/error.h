#pragma once
// The three kinds of failure every genrekit tool distinguishes, each with its own exit code
// (see cli/exit_code.h). Messages name the file, line or key, and what was expected.
#include <stdexcept>
#include <string>

namespace genrekit {

// Invalid configuration or command line: a typo'd key, a wrong type, a value out of range.
class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Input data that cannot be used: a malformed CSV row, a missing column, an undecodable file.
class DataError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The user asked to stop (Ctrl-C); work finished so far has been kept.
class Interrupted : public std::runtime_error {
 public:
  Interrupted() : std::runtime_error("interrupted") {}
};

}  // namespace genrekit
