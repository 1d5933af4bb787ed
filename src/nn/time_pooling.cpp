#include "genrekit/nn/time_pooling.h"

#include <cmath>
#include <stdexcept>

namespace genrekit::nn {

PooledOverTime pool_over_time(const torch::Tensor& positions, unsigned pooling) {
  PooledOverTime pooled;
  if (pooling & kPoolMean) pooled.mean = positions.mean(1);
  if (pooling & kPoolMax) pooled.max = std::get<0>(positions.max(1));
  if (pooling & kPoolRootMeanSquare) pooled.root_mean_square = positions.square().mean(1).sqrt();
  if (pooling & kPoolLogMeanExp) pooled.log_mean_exp = torch::logsumexp(positions, 1) - std::log(static_cast<double>(positions.size(1)));
  return pooled;
}

void TimePoolAccumulator::add(const torch::Tensor& positions) {
  if (positions.size(1) == 0) return;
  const torch::Tensor x = positions.to(torch::kCPU, torch::kFloat64);
  const bool first = count_ == 0;
  count_ += x.size(1);
  if (pooling_ & kPoolMean) sum_ = first ? x.sum(1) : sum_ + x.sum(1);
  if (pooling_ & kPoolMax) max_ = first ? std::get<0>(x.max(1)) : torch::maximum(max_, std::get<0>(x.max(1)));
  if (pooling_ & kPoolRootMeanSquare) sum_of_squares_ = first ? x.square().sum(1) : sum_of_squares_ + x.square().sum(1);
  if (pooling_ & kPoolLogMeanExp) {
    // sum(exp(x)) kept as exp_sum * exp(exp_max), rescaled whenever the running maximum grows.
    const torch::Tensor chunk_max = std::get<0>(x.max(1));
    const torch::Tensor new_max = first ? chunk_max : torch::maximum(exp_max_, chunk_max);
    const torch::Tensor chunk_sum = (x - new_max.unsqueeze(1)).exp().sum(1);
    exp_sum_ = first ? chunk_sum : exp_sum_ * (exp_max_ - new_max).exp() + chunk_sum;
    exp_max_ = new_max;
  }
}

PooledOverTime TimePoolAccumulator::result(const torch::Device& device) const {
  if (count_ == 0) throw std::logic_error("time pooling: no positions");
  const auto n = static_cast<double>(count_);
  const auto out = [&](const torch::Tensor& t) { return t.to(device, torch::kFloat32); };
  PooledOverTime pooled;
  if (pooling_ & kPoolMean) pooled.mean = out(sum_ / n);
  if (pooling_ & kPoolMax) pooled.max = out(max_);
  if (pooling_ & kPoolRootMeanSquare) pooled.root_mean_square = out((sum_of_squares_ / n).sqrt());
  if (pooling_ & kPoolLogMeanExp) pooled.log_mean_exp = out(exp_max_ + (exp_sum_ / n).log());
  return pooled;
}

}  // namespace genrekit::nn
