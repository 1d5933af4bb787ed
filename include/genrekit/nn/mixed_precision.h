#pragma once
// Mixed precision (network.precision): forward passes under LibTorch's autocast in float16 or
// bfloat16 with float32 weights, and for float16 training the dynamic loss scaling of PyTorch's
// GradScaler, so that small gradients do not flush to zero. float16 autocast needs CUDA (LibTorch
// 1.13's CPU autocast knows only bfloat16); bfloat16 works on both and needs no scaling.
#include <string_view>

#include <torch/torch.h>

namespace genrekit::nn {

enum class Precision { Float32, Float16, BFloat16 };
// float32 | float16 | bfloat16; ConfigError for float16 on a CPU device.
Precision parse_precision(std::string_view name, const torch::Device& device);

// Autocast on `device` in `precision` while in scope (float32: nothing changes).
class AutocastScope {
 public:
  AutocastScope(const torch::Device& device, Precision precision);
  ~AutocastScope();
  AutocastScope(const AutocastScope&) = delete;
  AutocastScope& operator=(const AutocastScope&) = delete;

 private:
  bool cuda_ = false;
  bool active_ = false;
  bool was_enabled_ = false;
  at::ScalarType was_dtype_ = at::kFloat;
};

// GradScaler's algorithm: the loss is multiplied by `scale` before backward; before the step the
// gradients are divided by it and checked; a step with an inf or NaN gradient is skipped and the
// scale halved; after `growth_interval` good steps in a row it doubles. Disabled: scale 1, always steps.
class LossScaler {
 public:
  explicit LossScaler(bool enabled, double scale = 65536.0, int growth_interval = 2000);

  torch::Tensor scale(const torch::Tensor& loss) const;
  // Unscales the gradients of `optimizer`'s parameters; true when they are all finite (step), false
  // when not (skip the step). Updates the scale either way.
  bool unscale_and_update(torch::optim::Optimizer& optimizer);

  double scale_value() const { return scale_; }
  int good_steps() const { return good_steps_; }
  // A resumed run continues with the saved scale and count.
  void restore(double scale, int good_steps);

 private:
  bool enabled_;
  double scale_;
  int growth_interval_;
  int good_steps_ = 0;
};

}  // namespace genrekit::nn
