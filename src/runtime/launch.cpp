#include "genrekit/runtime/launch.h"

#include <charconv>
#include <cstdlib>
#include <string_view>

#include "genrekit/error.h"

namespace genrekit::runtime {

namespace {

int number(const char* name, const char* text, int min, int max) {
  int value = 0;
  const std::string_view s(text);
  const auto [end, error] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (s.empty() || error != std::errc() || end != s.data() + s.size() || value < min || value > max)
    throw ConfigError(std::string(name) + "='" + s.data() + "': expected an integer in [" + std::to_string(min) + ", " +
                      std::to_string(max) + "]");
  return value;
}

}  // namespace

Launch launch_from_environment(const std::function<const char*(const char*)>& variable) {
  const auto get = [&](const char* name) -> const char* { return variable ? variable(name) : std::getenv(name); };
  Launch launch;
  const char *rank = nullptr, *world = nullptr, *local = nullptr;
  if ((world = get("WORLD_SIZE"))) {
    launch.launcher = "torchrun";
    rank = get("RANK");
    local = get("LOCAL_RANK");
    if (!rank) throw ConfigError("WORLD_SIZE is set but RANK is not: a launcher sets both (torchrun does)");
  } else if ((world = get("SLURM_NTASKS"))) {
    launch.launcher = "slurm";
    rank = get("SLURM_PROCID");
    local = get("SLURM_LOCALID");
    if (!rank) throw ConfigError("SLURM_NTASKS is set but SLURM_PROCID is not: start the tasks with srun");
  } else {
    return launch;
  }
  const bool torchrun = launch.launcher == "torchrun";
  launch.world_size = number(torchrun ? "WORLD_SIZE" : "SLURM_NTASKS", world, 1, 1 << 20);
  launch.rank = number(torchrun ? "RANK" : "SLURM_PROCID", rank, 0, launch.world_size - 1);
  launch.local_rank = local ? number(torchrun ? "LOCAL_RANK" : "SLURM_LOCALID", local, 0, 1 << 20) : 0;
  if (launch.world_size == 1) return launch;
  const char* address = get("MASTER_ADDR");
  if (!address || !*address)
    throw ConfigError(std::string("MASTER_ADDR is not set: ") + (torchrun ? "a launcher of " : "srun's ") +
                      std::to_string(launch.world_size) + " processes needs the address of rank 0's machine" +
                      (torchrun ? "" : " (export MASTER_ADDR=$(scontrol show hostnames \"$SLURM_JOB_NODELIST\" | sed -n 1p) in the batch script)"));
  launch.master_address = address;
  if (const char* port = get("MASTER_PORT")) launch.master_port = number("MASTER_PORT", port, 1, 65535);
  if (const char* agent = get("TORCHELASTIC_USE_AGENT_STORE")) launch.agent_store = std::string_view(agent) == "True";
  return launch;
}

}  // namespace genrekit::runtime
