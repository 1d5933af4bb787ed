// The data-parallel launch read from the environment as torchrun and Slurm's srun set it.
#include <map>
#include <string>

#include <gtest/gtest.h>

#include "genrekit/error.h"
#include "genrekit/runtime/launch.h"
#include "test_support.h"

namespace genrekit::runtime {
namespace {

Launch launch_with(const std::map<std::string, std::string>& environment) {
  return launch_from_environment([&](const char* name) -> const char* {
    const auto it = environment.find(name);
    return it == environment.end() ? nullptr : it->second.c_str();
  });
}

TEST(Launch, NoLauncherIsOneProcess) {
  const Launch launch = launch_with({});
  EXPECT_EQ(launch.world_size, 1);
  EXPECT_EQ(launch.rank, 0);
  EXPECT_EQ(launch.launcher, "");
}

TEST(Launch, Torchrun) {
  const Launch launch = launch_with({{"RANK", "3"}, {"WORLD_SIZE", "4"}, {"LOCAL_RANK", "1"}, {"MASTER_ADDR", "10.0.0.5"},
                                     {"MASTER_PORT", "29411"}, {"TORCHELASTIC_USE_AGENT_STORE", "False"}});
  EXPECT_EQ(launch.launcher, "torchrun");
  EXPECT_EQ(launch.rank, 3);
  EXPECT_EQ(launch.world_size, 4);
  EXPECT_EQ(launch.local_rank, 1);
  EXPECT_EQ(launch.master_address, "10.0.0.5");
  EXPECT_EQ(launch.master_port, 29411);
  EXPECT_FALSE(launch.agent_store);
  EXPECT_TRUE(launch_with({{"RANK", "0"}, {"WORLD_SIZE", "2"}, {"MASTER_ADDR", "h"}, {"TORCHELASTIC_USE_AGENT_STORE", "True"}}).agent_store);
}

TEST(Launch, SlurmWhenTorchrunsVariablesAreAbsent) {
  const Launch launch = launch_with({{"SLURM_PROCID", "5"}, {"SLURM_NTASKS", "8"}, {"SLURM_LOCALID", "1"}, {"MASTER_ADDR", "node01"}});
  EXPECT_EQ(launch.launcher, "slurm");
  EXPECT_EQ(launch.rank, 5);
  EXPECT_EQ(launch.world_size, 8);
  EXPECT_EQ(launch.local_rank, 1);
  EXPECT_EQ(launch.master_port, 29500);  // torch's default
  // One task (a plain sbatch job): one process, no address needed.
  EXPECT_EQ(launch_with({{"SLURM_PROCID", "0"}, {"SLURM_NTASKS", "1"}}).world_size, 1);
}

TEST(Launch, ErrorsNameTheVariable) {
  EXPECT_THROW_WITH(launch_with({{"WORLD_SIZE", "2"}}), ConfigError, "WORLD_SIZE is set but RANK is not");
  EXPECT_THROW_WITH(launch_with({{"RANK", "2"}, {"WORLD_SIZE", "2"}, {"MASTER_ADDR", "h"}}), ConfigError, "RANK='2': expected an integer in [0, 1]");
  EXPECT_THROW_WITH(launch_with({{"RANK", "0"}, {"WORLD_SIZE", "two"}}), ConfigError, "WORLD_SIZE='two'");
  EXPECT_THROW_WITH(launch_with({{"RANK", "0"}, {"WORLD_SIZE", "2"}}), ConfigError, "MASTER_ADDR is not set");
  EXPECT_THROW_WITH(launch_with({{"SLURM_PROCID", "0"}, {"SLURM_NTASKS", "2"}}), ConfigError, "scontrol show hostnames");
  EXPECT_THROW_WITH(launch_with({{"RANK", "0"}, {"WORLD_SIZE", "2"}, {"MASTER_ADDR", "h"}, {"MASTER_PORT", "0"}}), ConfigError,
                    "MASTER_PORT='0'");
}

}  // namespace
}  // namespace genrekit::runtime
