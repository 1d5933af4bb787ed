#pragma once
// Data-parallel training over torch's c10d, behind this one small interface (c10d's C++ API is
// internal to LibTorch and changes between its versions; nothing else includes it). Gloo on the
// CPU; NCCL for CUDA devices where the LibTorch build has it (USE_C10D_NCCL). Rank 0 serves the
// rendezvous store at MASTER_ADDR:MASTER_PORT (or torchrun's agent does). One process: no group,
// every operation does nothing.
#include <chrono>
#include <memory>
#include <vector>

#include <torch/torch.h>

#include "genrekit/runtime/launch.h"

namespace genrekit::nn {

class DataParallel {
 public:
  // Joins the group (every rank waits for all of them, up to `timeout`); DataError naming the
  // address when the rendezvous fails.
  DataParallel(const runtime::Launch& launch, std::chrono::seconds timeout, const torch::Device& device);
  ~DataParallel();
  DataParallel(const DataParallel&) = delete;
  DataParallel& operator=(const DataParallel&) = delete;

  int rank() const { return launch_.rank; }
  int world_size() const { return launch_.world_size; }
  bool writes() const { return launch_.rank == 0; }  // rank 0 alone writes the run directory

  // Rank 0's parameters and buffers to every rank.
  void broadcast(torch::nn::Module& module);
  // Every rank's gradients summed, in place, in buckets of ~25 MB (a missing gradient counts as
  // zeros). With each rank's loss divided by the whole batch's size, the sum is the gradient of the
  // whole batch's mean loss, as one process computes it.
  void sum_gradients(torch::nn::Module& module);
  // The element-wise sum over ranks (epoch metrics).
  std::vector<double> sum(std::vector<double> values);
  // Seconds spent in sum_gradients so far (the all-reduce's cost), over this many calls.
  double gradient_seconds() const { return gradient_seconds_; }
  std::size_t gradient_steps() const { return gradient_steps_; }

 private:
  struct Group;
  runtime::Launch launch_;
  std::chrono::seconds timeout_;
  std::unique_ptr<Group> group_;
  double gradient_seconds_ = 0;
  std::size_t gradient_steps_ = 0;
};

}  // namespace genrekit::nn
