#pragma once
// "Did you mean": the candidate closest to a misspelt name (a config key, a command-line flag).
#include <string>
#include <string_view>
#include <vector>

namespace genrekit::config {

// The candidate at the smallest edit distance from `name`, or "" when none is within
// max(3, |name| / 4) edits.
std::string closest_name(std::string_view name, const std::vector<std::string>& candidates);

}  // namespace genrekit::config
