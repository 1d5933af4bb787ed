#pragma once
// Statistics over time that the networks pool their positions with, computed whole (training) or
// accumulated chunk by chunk (a recording of any length in bounded memory).
#include <cstdint>

#include <torch/torch.h>

namespace genrekit::nn {

// What a network's clip output pools over time, as flags: each is a statistic over the positions
// (dimension 1) of positions(), per channel.
enum TimePooling : unsigned {
  kPoolMean = 1,
  kPoolMax = 2,
  kPoolRootMeanSquare = 4,  // sqrt(mean(x^2))
  kPoolLogMeanExp = 8,      // log(mean(exp(x))), computed stably
};

// (batch, channels) statistics over time; only those the network asks for are defined.
struct PooledOverTime {
  torch::Tensor mean, max, root_mean_square, log_mean_exp;
};

// The statistics `pooling` names of (batch, positions, channels) in one go (training, whole clips).
PooledOverTime pool_over_time(const torch::Tensor& positions, unsigned pooling);

// The same statistics accumulated over a recording's positions chunk by chunk (in double), so that
// a long recording never has to be held: equal to pool_over_time of all the chunks joined, up to
// the order of summation.
class TimePoolAccumulator {
 public:
  explicit TimePoolAccumulator(unsigned pooling) : pooling_(pooling) {}
  void add(const torch::Tensor& positions);  // (1, n, channels), any dtype or device
  // Float32 on `device`; std::logic_error before any positions were added.
  PooledOverTime result(const torch::Device& device) const;

 private:
  unsigned pooling_;
  std::int64_t count_ = 0;
  torch::Tensor sum_, max_, sum_of_squares_, exp_max_, exp_sum_;  // (1, channels) float64 on the CPU
};

}  // namespace genrekit::nn
