#include "genrekit/nn/mixed_precision.h"

#include <ATen/autocast_mode.h>

#include "genrekit/error.h"

namespace genrekit::nn {

Precision parse_precision(std::string_view name, const torch::Device& device) {
  if (name == "float32") return Precision::Float32;
  if (name == "bfloat16") return Precision::BFloat16;
  if (name == "float16") {
    if (!device.is_cuda())
      throw ConfigError("network.precision float16: autocast in float16 needs a CUDA device (the run is on " + device.str() +
                        "); use bfloat16 or float32 on the CPU");
    return Precision::Float16;
  }
  throw ConfigError("network.precision '" + std::string(name) + "': expected float32, float16 or bfloat16");
}

AutocastScope::AutocastScope(const torch::Device& device, Precision precision)
    : cuda_(device.is_cuda()), active_(precision != Precision::Float32) {
  if (!active_) return;
  const at::ScalarType dtype = precision == Precision::Float16 ? at::kHalf : at::kBFloat16;
  if (cuda_) {
    was_enabled_ = at::autocast::is_enabled();
    was_dtype_ = at::autocast::get_autocast_gpu_dtype();
    at::autocast::set_autocast_gpu_dtype(dtype);
    at::autocast::set_enabled(true);
  } else {
    was_enabled_ = at::autocast::is_cpu_enabled();
    was_dtype_ = at::autocast::get_autocast_cpu_dtype();
    at::autocast::set_autocast_cpu_dtype(dtype);
    at::autocast::set_cpu_enabled(true);
  }
  at::autocast::increment_nesting();
}

AutocastScope::~AutocastScope() {
  if (!active_) return;
  // As torch.autocast's __exit__: the cast-weight cache lives while any autocast region is open.
  if (at::autocast::decrement_nesting() == 0) at::autocast::clear_cache();
  if (cuda_) {
    at::autocast::set_enabled(was_enabled_);
    at::autocast::set_autocast_gpu_dtype(was_dtype_);
  } else {
    at::autocast::set_cpu_enabled(was_enabled_);
    at::autocast::set_autocast_cpu_dtype(was_dtype_);
  }
}

LossScaler::LossScaler(bool enabled, double scale, int growth_interval)
    : enabled_(enabled), scale_(enabled ? scale : 1.0), growth_interval_(growth_interval) {}

torch::Tensor LossScaler::scale(const torch::Tensor& loss) const { return enabled_ ? loss * scale_ : loss; }

bool LossScaler::unscale_and_update(torch::optim::Optimizer& optimizer) {
  if (!enabled_) return true;
  bool finite = true;
  torch::NoGradGuard no_grad;
  for (const auto& group : optimizer.param_groups())
    for (const auto& parameter : group.params()) {
      if (!parameter.grad().defined()) continue;
      parameter.grad().div_(scale_);
      if (finite && !torch::isfinite(parameter.grad()).all().item<bool>()) finite = false;
    }
  if (!finite) {
    scale_ /= 2;
    good_steps_ = 0;
  } else if (++good_steps_ >= growth_interval_) {
    scale_ *= 2;
    good_steps_ = 0;
  }
  return finite;
}

void LossScaler::restore(double scale, int good_steps) {
  if (!enabled_) return;
  scale_ = scale;
  good_steps_ = good_steps;
}

}  // namespace genrekit::nn
