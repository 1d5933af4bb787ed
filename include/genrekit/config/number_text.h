#pragma once
// Numbers written into configs, model files and library parameters as text.
#include <charconv>
#include <string>

namespace genrekit::config {

// The shortest text that reads back as the same double ("1.2345e-05", "0.1"); std::to_string would
// keep six decimals and turn a searched learning rate of 1.2345e-5 into 0.000012.
inline std::string round_trip_text(double value) {
  char buffer[32];
  return {buffer, std::to_chars(buffer, buffer + sizeof buffer, value).ptr};
}

}  // namespace genrekit::config
