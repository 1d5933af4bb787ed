#pragma once
// Which process of a data-parallel job this is, as the launchers users already run say it in the
// environment: torchrun (RANK, WORLD_SIZE, LOCAL_RANK, MASTER_ADDR, MASTER_PORT), else Slurm's srun
// (SLURM_PROCID, SLURM_NTASKS, SLURM_LOCALID, with MASTER_ADDR and MASTER_PORT exported by the
// batch script). Neither: one process, as without a launcher.
#include <functional>
#include <string>

namespace genrekit::runtime {

struct Launch {
  int rank = 0;
  int world_size = 1;
  int local_rank = 0;          // the process's index on its machine: its GPU under --device auto
  std::string master_address;  // where rank 0 serves the rendezvous store
  int master_port = 29500;
  bool agent_store = false;    // torchrun's own store serves the rendezvous (TORCHELASTIC_USE_AGENT_STORE)
  std::string launcher;        // "torchrun", "slurm" or "" (one process)
};

// ConfigError naming the variable for a value that is not a number in range, a rank outside the
// world, or a multi-process launch without MASTER_ADDR. `variable` reads the environment
// (std::getenv by default; tests pass their own).
Launch launch_from_environment(const std::function<const char*(const char*)>& variable = nullptr);

}  // namespace genrekit::runtime
