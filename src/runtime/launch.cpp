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

// The variables each launcher sets, and what to tell a user whose environment lacks one.
struct Launcher {
  const char* name;
  const char *world, *rank, *local;
  const char* rank_missing;                    // world but no rank
  const char *address_missing, *address_hint;  // several processes but no MASTER_ADDR
};
constexpr Launcher kLaunchers[] = {
    {"torchrun", "WORLD_SIZE", "RANK", "LOCAL_RANK", "a launcher sets both (torchrun does)", "a launcher of", ""},
    {"slurm", "SLURM_NTASKS", "SLURM_PROCID", "SLURM_LOCALID", "start the tasks with srun", "srun's",
     " (export MASTER_ADDR=$(scontrol show hostnames \"$SLURM_JOB_NODELIST\" | sed -n 1p) in the batch script)"},
};

}  // namespace

Launch launch_from_environment(const std::function<const char*(const char*)>& variable) {
  const auto get = [&](const char* name) -> const char* { return variable ? variable(name) : std::getenv(name); };
  Launch launch;
  for (const Launcher& launcher : kLaunchers) {
    const char* world = get(launcher.world);
    if (!world) continue;
    const char* rank = get(launcher.rank);
    if (!rank) throw ConfigError(std::string(launcher.world) + " is set but " + launcher.rank + " is not: " + launcher.rank_missing);
    launch.launcher = launcher.name;
    launch.world_size = number(launcher.world, world, 1, 1 << 20);
    launch.rank = number(launcher.rank, rank, 0, launch.world_size - 1);
    const char* local = get(launcher.local);
    launch.local_rank = local ? number(launcher.local, local, 0, 1 << 20) : 0;
    if (launch.world_size == 1) return launch;
    const char* address = get("MASTER_ADDR");
    if (!address || !*address)
      throw ConfigError(std::string("MASTER_ADDR is not set: ") + launcher.address_missing + " " + std::to_string(launch.world_size) +
                        " processes needs the address of rank 0's machine" + launcher.address_hint);
    launch.master_address = address;
    if (const char* port = get("MASTER_PORT")) launch.master_port = number("MASTER_PORT", port, 1, 65535);
    if (const char* agent = get("TORCHELASTIC_USE_AGENT_STORE")) launch.agent_store = std::string_view(agent) == "True";
    return launch;
  }
  return launch;  // no launcher: one process
}

}  // namespace genrekit::runtime
