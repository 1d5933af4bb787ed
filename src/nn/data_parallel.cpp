#include "genrekit/nn/data_parallel.h"

#include <cstdlib>

#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>
#ifdef USE_C10D_NCCL
#include <torch/csrc/distributed/c10d/ProcessGroupNCCL.hpp>
#endif

#include "genrekit/error.h"

namespace genrekit::nn {

namespace {

constexpr std::int64_t kBucketBytes = 25 << 20;  // as torch's DistributedDataParallel

}  // namespace

struct DataParallel::Group {
  c10::intrusive_ptr<c10d::Store> store;
  c10::intrusive_ptr<c10d::ProcessGroup> group;
};

DataParallel::DataParallel(const runtime::Launch& launch, std::chrono::seconds timeout, const torch::Device& device)
    : launch_(launch), timeout_(timeout) {
  if (launch.world_size == 1) return;
  const std::string where = launch.master_address + ":" + std::to_string(launch.master_port);
  group_ = std::make_unique<Group>();
  try {
    c10d::TCPStoreOptions options;
    options.port = static_cast<std::uint16_t>(launch.master_port);
    options.isServer = launch.rank == 0 && !launch.agent_store;
    options.numWorkers = launch.agent_store ? c10::nullopt : c10::optional<std::size_t>(launch.world_size);
    options.timeout = timeout;
    group_->store = c10::make_intrusive<c10d::TCPStore>(launch.master_address, options);
#ifdef USE_C10D_NCCL
    if (device.is_cuda()) {
      auto nccl = c10::make_intrusive<c10d::ProcessGroupNCCL::Options>();
      nccl->timeout = timeout;
      group_->group = c10::make_intrusive<c10d::ProcessGroupNCCL>(group_->store, launch.rank, launch.world_size, nccl);
    }
#endif
    if (!group_->group) {
      if (device.is_cuda())
        throw ConfigError("data-parallel training on " + device.str() + " needs NCCL, which this LibTorch build lacks (USE_C10D_NCCL)");
      auto gloo = c10d::ProcessGroupGloo::Options::create(timeout);
      // The network interface as torch.distributed chooses it: GLOO_SOCKET_IFNAME, else the host name's address.
      const char* interface = std::getenv("GLOO_SOCKET_IFNAME");
      gloo->devices.push_back(interface && *interface ? c10d::ProcessGroupGloo::createDeviceForInterface(interface)
                                                      : c10d::ProcessGroupGloo::createDefaultDevice());
      group_->group = c10::make_intrusive<c10d::ProcessGroupGloo>(group_->store, launch.rank, launch.world_size, gloo);
    }
  } catch (const c10::Error& e) {
    throw DataError("rank " + std::to_string(launch.rank) + " of " + std::to_string(launch.world_size) +
                    ": could not join the group at " + where + " within " + std::to_string(timeout.count()) +
                    " s (network.dist_timeout): " + e.what_without_backtrace());
  }
}

DataParallel::~DataParallel() = default;

namespace {

// Runs a collective and waits; a rank that died or stalls becomes a DataError within the timeout.
void wait_for(const c10::intrusive_ptr<c10d::Work>& work, int rank, int world, std::chrono::seconds timeout, const char* what) {
  try {
    work->wait(timeout);
  } catch (const std::exception& e) {
    throw DataError("rank " + std::to_string(rank) + " of " + std::to_string(world) + ": " + what +
                    " failed; another rank stopped or stalled for more than network.dist_timeout (" +
                    std::to_string(timeout.count()) + " s): " + e.what() +
                    "\nthe last finished epoch is kept: start every rank again with --resume");
  }
}

}  // namespace

void DataParallel::broadcast(torch::nn::Module& module) {
  if (!group_) return;
  torch::NoGradGuard no_grad;
  std::vector<at::Tensor> tensors;
  for (auto& p : module.parameters()) tensors.push_back(p.data());
  for (auto& b : module.buffers()) tensors.push_back(b);
  for (auto& tensor : tensors) {
    std::vector<at::Tensor> one{tensor};
    wait_for(group_->group->broadcast(one), rank(), world_size(), timeout_, "broadcasting rank 0's parameters");
  }
}

void DataParallel::sum_gradients(torch::nn::Module& module) {
  if (!group_) return;
  const auto start = std::chrono::steady_clock::now();
  torch::NoGradGuard no_grad;
  std::vector<at::Tensor> grads;
  for (auto& p : module.parameters()) {
    if (!p.requires_grad()) continue;
    if (!p.grad().defined()) p.mutable_grad() = torch::zeros_like(p);
    grads.push_back(p.grad());
  }
  // Buckets of consecutive gradients of one dtype, flattened into one tensor each.
  for (std::size_t first = 0; first < grads.size();) {
    std::size_t last = first;
    std::int64_t bytes = 0;
    while (last < grads.size() && grads[last].scalar_type() == grads[first].scalar_type() &&
           (last == first || bytes + grads[last].numel() * grads[last].element_size() <= kBucketBytes)) {
      bytes += grads[last].numel() * grads[last].element_size();
      ++last;
    }
    std::vector<at::Tensor> views;
    for (std::size_t i = first; i < last; ++i) views.push_back(grads[i].reshape({-1}));
    std::vector<at::Tensor> flat{torch::cat(views)};
    wait_for(group_->group->allreduce(flat), rank(), world_size(), timeout_, "summing gradients");
    std::int64_t at = 0;
    for (std::size_t i = first; i < last; ++i) {
      const std::int64_t n = grads[i].numel();
      grads[i].copy_(flat[0].narrow(0, at, n).view_as(grads[i]));
      at += n;
    }
    first = last;
  }
  gradient_seconds_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ++gradient_steps_;
}

std::vector<double> DataParallel::sum(std::vector<double> values) {
  if (!group_ || values.empty()) return values;
  std::vector<at::Tensor> tensor{torch::tensor(values, torch::kFloat64)};
  wait_for(group_->group->allreduce(tensor), rank(), world_size(), timeout_, "summing the epoch's metrics");
  const auto* data = tensor[0].data_ptr<double>();
  return {data, data + values.size()};
}

}  // namespace genrekit::nn
