// extract.shard: K/N as given, and auto / auto/N from the job array variables Slurm, AWS Batch and
// Kubernetes set (their documented names and numbering), with a clear error for what is missing.
#include <map>
#include <string>

#include <gtest/gtest.h>

#include "genrekit/error.h"
#include "genrekit/extraction/job_array.h"
#include "test_support.h"

namespace genrekit::extraction {
namespace {

Environment environment(const std::map<std::string, std::string>& variables) {
  return [variables](const char* name) -> const char* {
    const auto it = variables.find(name);
    return it == variables.end() ? nullptr : it->second.c_str();
  };
}

void expect_shard(const std::string& text, const std::map<std::string, std::string>& variables, int index, int count) {
  const Shard shard = resolve_shard(text, environment(variables));
  EXPECT_EQ(shard.index, index) << text;
  EXPECT_EQ(shard.count, count) << text;
}

TEST(JobArray, GivenPartsAndEachScheduler) {
  expect_shard("3/8", {}, 3, 8);
  expect_shard("1/1", {{"SLURM_ARRAY_TASK_ID", "5"}}, 1, 1);  // K/N ignores the environment
  // sbatch --array=0-7: ids 0..7.
  expect_shard("auto", {{"SLURM_ARRAY_TASK_ID", "0"}, {"SLURM_ARRAY_TASK_COUNT", "8"}, {"SLURM_ARRAY_TASK_MIN", "0"}}, 1, 8);
  // sbatch --array=1-15:2: ids 1, 3, ..., 15 (8 tasks, step 2).
  expect_shard("auto", {{"SLURM_ARRAY_TASK_ID", "15"}, {"SLURM_ARRAY_TASK_COUNT", "8"}, {"SLURM_ARRAY_TASK_MIN", "1"},
                        {"SLURM_ARRAY_TASK_STEP", "2"}}, 8, 8);
  expect_shard("auto/4", {{"AWS_BATCH_JOB_ARRAY_INDEX", "3"}}, 4, 4);
  expect_shard("auto", {{"AWS_BATCH_JOB_ARRAY_INDEX", "0"}, {"AWS_BATCH_JOB_ARRAY_SIZE", "2"}}, 1, 2);
  expect_shard("auto/10", {{"JOB_COMPLETION_INDEX", "9"}}, 10, 10);
}

TEST(JobArray, NamesWhatIsMissingOrInconsistent) {
  const auto fails = [](const std::string& text, const std::map<std::string, std::string>& variables, const std::string& message) {
    EXPECT_THROW_WITH(resolve_shard(text, environment(variables)), ConfigError, message);
  };
  fails("auto", {}, "extract.shard 'auto': no job array in the environment (expected SLURM_ARRAY_TASK_ID");
  fails("auto", {{"JOB_COMPLETION_INDEX", "2"}}, "the scheduler gives no array size: give it as auto/N");
  fails("auto/4", {{"JOB_COMPLETION_INDEX", "4"}}, "part 5 is outside 1..4");
  fails("auto/3", {{"SLURM_ARRAY_TASK_ID", "1"}, {"SLURM_ARRAY_TASK_COUNT", "8"}, {"SLURM_ARRAY_TASK_MIN", "0"}},
        "the scheduler's array has 8 tasks, not 3");
  fails("auto", {{"SLURM_ARRAY_TASK_ID", "1"}}, "SLURM_ARRAY_TASK_COUNT or _MIN is not");
  fails("auto", {{"SLURM_ARRAY_TASK_ID", "2"}, {"SLURM_ARRAY_TASK_COUNT", "4"}, {"SLURM_ARRAY_TASK_MIN", "1"},
                 {"SLURM_ARRAY_TASK_STEP", "2"}}, "is not on the array's grid");
  fails("auto", {{"AWS_BATCH_JOB_ARRAY_INDEX", "x"}}, "AWS_BATCH_JOB_ARRAY_INDEX is 'x', expected a whole number");
  fails("0/4", {}, "part 0 is outside 1..4");
  fails("2", {}, "expected K/N with 1 <= K <= N, auto or auto/N");
  fails("1/0", {}, "expected K/N, auto or auto/N with N >= 1");
}

}  // namespace
}  // namespace genrekit::extraction
