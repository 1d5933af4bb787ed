#include "genrekit/nn/architectures.h"

namespace genrekit::nn {

namespace F = torch::nn::functional;

Dieleman2014Net::Dieleman2014Net(const NetworkShape& shape) : shape_(shape) {
  conv1_ = register_module("conv1", torch::nn::Conv1d(torch::nn::Conv1dOptions(shape.mels, 256, 4)));
  conv2_ = register_module("conv2", torch::nn::Conv1d(torch::nn::Conv1dOptions(256, 256, 4)));
  conv3_ = register_module("conv3", torch::nn::Conv1d(torch::nn::Conv1dOptions(256, 512, 4)));
  conv4_ = register_module("conv4", torch::nn::Conv1d(torch::nn::Conv1dOptions(512, 512, 4)));
  dense1_ = register_module("dense1", torch::nn::Linear(3 * 512, 2048));
  dense2_ = register_module("dense2", torch::nn::Linear(2048, 2048));
  output_ = register_module("output", torch::nn::Linear(2048, shape.classes));
}

torch::Tensor Dieleman2014Net::forward(torch::Tensor spectrogram) {
  torch::Tensor x = channels_first(spectrogram, shape_);
  x = F::max_pool1d(torch::relu(conv1_(x)), F::MaxPool1dFuncOptions(4));
  x = F::max_pool1d(torch::relu(conv2_(x)), F::MaxPool1dFuncOptions(2));
  x = F::max_pool1d(torch::relu(conv3_(x)), F::MaxPool1dFuncOptions(2));
  x = torch::relu(conv4_(x));
  x = torch::cat({x.mean(2), std::get<0>(x.max(2)), x.square().mean(2).sqrt()}, 1);  // mean, max, L2 over time
  x = torch::relu(dense2_(torch::relu(dense1_(x))));
  return torch::log_softmax(output_(x), 1);
}

}  // namespace genrekit::nn
