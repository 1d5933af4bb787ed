#include "genrekit/extraction/job_array.h"

#include <charconv>
#include <optional>
#include <string_view>

#include "genrekit/error.h"

namespace genrekit::extraction {

namespace {

std::optional<long> whole_number(std::string_view text) {
  long value = 0;
  const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
  if (result.ec != std::errc() || result.ptr != text.data() + text.size()) return std::nullopt;
  return value;
}

ConfigError shard_error(const std::string& text, const std::string& what) {
  return ConfigError("extract.shard '" + text + "': " + what);
}

// A variable that must hold a whole number, when set.
std::optional<long> variable(const Environment& environment, const char* name, const std::string& text) {
  const char* value = environment(name);
  if (!value) return std::nullopt;
  const auto number = whole_number(value);
  if (!number) throw shard_error(text, std::string(name) + " is '" + value + "', expected a whole number");
  return number;
}

// Index (0-based) and count from the scheduler's variables; count 0 when the scheduler gives none.
std::pair<long, long> from_scheduler(const Environment& environment, const std::string& text) {
  if (const auto id = variable(environment, "SLURM_ARRAY_TASK_ID", text)) {
    const auto count = variable(environment, "SLURM_ARRAY_TASK_COUNT", text);
    const auto first = variable(environment, "SLURM_ARRAY_TASK_MIN", text);
    if (!count || !first) throw shard_error(text, "SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_COUNT or _MIN is not");
    const long step = variable(environment, "SLURM_ARRAY_TASK_STEP", text).value_or(1);
    if (step < 1 || (*id - *first) % step != 0)
      throw shard_error(text, "SLURM_ARRAY_TASK_ID " + std::to_string(*id) + " is not on the array's grid (min " +
                                  std::to_string(*first) + ", step " + std::to_string(step) + ")");
    return {(*id - *first) / step, *count};
  }
  if (const auto index = variable(environment, "AWS_BATCH_JOB_ARRAY_INDEX", text))
    return {*index, variable(environment, "AWS_BATCH_JOB_ARRAY_SIZE", text).value_or(0)};
  if (const auto index = variable(environment, "JOB_COMPLETION_INDEX", text)) return {*index, 0};
  throw shard_error(text, "no job array in the environment (expected SLURM_ARRAY_TASK_ID, AWS_BATCH_JOB_ARRAY_INDEX or "
                          "JOB_COMPLETION_INDEX); outside a scheduler give K/N");
}

}  // namespace

Shard resolve_shard(const std::string& text, const Environment& environment) {
  const auto slash = text.find('/');
  const std::string_view first(text.data(), slash == std::string::npos ? text.size() : slash);
  std::optional<long> given_count;
  if (slash != std::string::npos) {
    given_count = whole_number(std::string_view(text).substr(slash + 1));
    if (!given_count || *given_count < 1) throw shard_error(text, "expected K/N, auto or auto/N with N >= 1");
  }
  long index = 0, count = 0;
  if (first == "auto") {
    std::tie(index, count) = from_scheduler(environment, text);
    ++index;  // the schedulers count from 0
    if (count == 0 && !given_count) throw shard_error(text, "the scheduler gives no array size: give it as auto/N");
    if (count != 0 && given_count && count != *given_count)
      throw shard_error(text, "the scheduler's array has " + std::to_string(count) + " tasks, not " + std::to_string(*given_count));
    if (count == 0) count = *given_count;
  } else {
    const auto k = whole_number(first);
    if (!k || !given_count) throw shard_error(text, "expected K/N with 1 <= K <= N, auto or auto/N");
    index = *k;
    count = *given_count;
  }
  if (index < 1 || index > count)
    throw shard_error(text, "part " + std::to_string(index) + " is outside 1.." + std::to_string(count));
  return {static_cast<int>(index), static_cast<int>(count)};
}

}  // namespace genrekit::extraction
