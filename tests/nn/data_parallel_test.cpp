// Data-parallel training over c10d (Gloo, loopback): two ranks, here two threads of one process
// with a group each, start from different weights, take rank 0's by broadcast, and each trains on
// its half of every batch. After a few SGD steps both hold bitwise the same parameters, equal (to
// 1e-5) to one network trained on the whole batches with the mean loss. dieleman2014: no dropout
// and no batch normalisation, whose per-rank statistics would differ from the whole batch's. SGD,
// not Adam: Adam's steps do not change when every gradient is scaled alike, so they would hide a
// gradient summed at the wrong scale.
#include <unistd.h>

#include <thread>

#include <gtest/gtest.h>

#include "genrekit/error.h"
#include "genrekit/nn/data_parallel.h"
#include "genrekit/nn/network.h"

namespace genrekit::nn {
namespace {

constexpr int kMels = 16, kFrames = 110, kClasses = 3, kBatch = 6, kSteps = 3;

std::vector<torch::Tensor> parameters_of(GenreNetwork& network) {
  std::vector<torch::Tensor> out;
  for (const auto& p : network.parameters()) out.push_back(p.detach().clone());
  return out;
}

TEST(DataParallel, TwoRanksMatchOneProcessAndEachOther) {
  torch::set_num_threads(1);
  torch::manual_seed(11);
  const torch::Tensor inputs = torch::randn({kSteps, kBatch, kFrames, kMels});
  const torch::Tensor labels = torch::randint(kClasses, {kSteps, kBatch}, torch::kLong);
  std::vector<std::shared_ptr<GenreNetwork>> networks;
  for (const int seed : {1, 2, 1}) {  // rank 0, rank 1 (other weights until the broadcast), one process
    torch::manual_seed(static_cast<std::uint64_t>(seed));
    networks.push_back(make_network("dieleman2014", {kMels, kClasses}));
  }
  const int port = 20000 + static_cast<int>(::getpid() % 20000);
  std::vector<std::vector<torch::Tensor>> after(2);
  std::vector<std::string> errors(2);
  std::vector<std::thread> ranks;
  for (int rank = 0; rank < 2; ++rank)
    ranks.emplace_back([&, rank] {
      try {
        runtime::Launch launch{.rank = rank, .world_size = 2, .master_address = "127.0.0.1", .master_port = port, .launcher = "test"};
        DataParallel parallel(launch, std::chrono::seconds(30), torch::kCPU);
        GenreNetwork& network = *networks[static_cast<std::size_t>(rank)];
        parallel.broadcast(network);
        torch::optim::SGD optimizer(network.parameters(), torch::optim::SGDOptions(0.05));
        for (int step = 0; step < kSteps; ++step) {
          const auto mine = torch::arange(rank, kBatch, 2);  // items rank, rank + 2, ...
          optimizer.zero_grad();
          const torch::Tensor log_probabilities = network.forward(inputs[step].index_select(0, mine));
          const torch::Tensor loss = torch::nll_loss(log_probabilities, labels[step].index_select(0, mine), {}, at::Reduction::Sum) / kBatch;
          loss.backward();
          parallel.sum_gradients(network);
          optimizer.step();
        }
        after[static_cast<std::size_t>(rank)] = parameters_of(network);
      } catch (const std::exception& e) {
        errors[static_cast<std::size_t>(rank)] = e.what();
      }
    });
  for (auto& rank : ranks) rank.join();
  ASSERT_EQ(errors, (std::vector<std::string>{"", ""}));

  GenreNetwork& single = *networks[2];
  torch::optim::SGD optimizer(single.parameters(), torch::optim::SGDOptions(0.05));
  for (int step = 0; step < kSteps; ++step) {
    optimizer.zero_grad();
    torch::nll_loss(single.forward(inputs[step]), labels[step]).backward();
    optimizer.step();
  }
  const auto reference = parameters_of(single);
  ASSERT_EQ(after[0].size(), reference.size());  // rank 1 began from other weights: equal ranks mean the broadcast worked
  double largest = 0;
  for (std::size_t i = 0; i < reference.size(); ++i) {
    EXPECT_TRUE(torch::equal(after[0][i], after[1][i])) << "parameter " << i << " differs between the ranks";
    largest = std::max(largest, (after[0][i] - reference[i]).abs().max().item<double>());
  }
  EXPECT_LT(largest, 1e-5) << "two ranks against one process";
}

// A rank whose peer is gone stops with an error naming the timeout, instead of waiting for ever.
TEST(DataParallel, ALonelyRankStopsWithinTheTimeout) {
  const int port = 20000 + static_cast<int>((::getpid() + 7) % 20000);
  runtime::Launch launch{.rank = 0, .world_size = 2, .master_address = "127.0.0.1", .master_port = port, .launcher = "test"};
  const auto start = std::chrono::steady_clock::now();
  try {
    DataParallel parallel(launch, std::chrono::seconds(2), torch::kCPU);
    FAIL() << "joined a group of two alone";
  } catch (const DataError& e) {
    EXPECT_NE(std::string(e.what()).find("could not join the group at 127.0.0.1:" + std::to_string(port) + " within 2 s"), std::string::npos)
        << e.what();
  }
  EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), 30.0);
}

}  // namespace
}  // namespace genrekit::nn
