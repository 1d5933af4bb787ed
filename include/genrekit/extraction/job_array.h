#pragma once
// Which part of the input this extraction does: extract.shard "K/N", or "auto" / "auto/N" from the
// job array a batch scheduler runs it in, as the scheduler sets it in the environment:
//   Slurm (sbatch --array): SLURM_ARRAY_TASK_ID, _COUNT, _MIN and _STEP;
//   AWS Batch array jobs: AWS_BATCH_JOB_ARRAY_INDEX (0-based) and the size, given as auto/N
//     (or AWS_BATCH_JOB_ARRAY_SIZE);
//   Kubernetes Indexed Jobs: JOB_COMPLETION_INDEX (0-based), with N given as auto/N.
#include <functional>
#include <string>

namespace genrekit::extraction {

struct Shard {
  int index = 1;  // 1-based
  int count = 1;
};

// The environment, as getenv: a variable's value or nullptr.
using Environment = std::function<const char*(const char*)>;

// ConfigError naming extract.shard and what is missing or inconsistent (no scheduler variables
// for auto, a count that differs from auto/N, an index outside 1..N).
Shard resolve_shard(const std::string& text, const Environment& environment);

}  // namespace genrekit::extraction
