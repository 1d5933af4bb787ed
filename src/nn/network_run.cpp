#include "genrekit/nn/network_run.h"

#include <fstream>

#include <nlohmann/json.hpp>

#include "genrekit/error.h"
#include "genrekit/nn/checkpoint.h"
#include "genrekit/runtime/run_dir.h"
#include "genrekit/runtime/run_layout.h"

namespace genrekit::nn {

namespace fs = std::filesystem;

void write_network_run_info(const fs::path& network_dir, const NetworkRunInfo& info) {
  const nlohmann::json json = {{"format_version", 1},
                               {"architecture", info.network},
                               {"classes", info.classes},
                               {"frames", info.frames},
                               {"mels", info.mels},
                               {"input_scaling", data::to_string(info.scaling_kind)},
                               {"scaling_offset", info.scaling.offset},
                               {"scaling_scale", info.scaling.scale}};
  runtime::write_file_atomically(network_dir / "network.json", json.dump(1) + "\n");
}

NetworkRunInfo read_network_run_info(const fs::path& network_dir) {
  const fs::path file = network_dir / "network.json";
  std::ifstream in(file);
  if (!in) throw DataError(file.string() + ": cannot read (is this a network train run directory?)");
  try {
    const auto json = nlohmann::json::parse(in);
    if (json.value("format_version", 0) != 1) throw DataError(file.string() + ": network format other than 1: train the network again");
    NetworkRunInfo info;
    info.network = json.at("architecture").get<std::string>();
    make_network(info.network, {1, 2});  // a network this build knows, or ConfigError naming the known ones
    info.classes = json.at("classes").get<std::vector<std::string>>();
    info.frames = json.at("frames").get<int>();
    info.mels = json.at("mels").get<int>();
    info.scaling_kind = data::parse_input_scaling(json.at("input_scaling").get<std::string>());
    info.scaling = {json.at("scaling_offset").get<std::vector<float>>(), json.at("scaling_scale").get<std::vector<float>>()};
    if (info.scaling.offset.size() != static_cast<std::size_t>(info.mels) || info.scaling.scale.size() != info.scaling.offset.size())
      throw DataError(file.string() + ": the input scaling does not have one value per mel band");
    return info;
  } catch (const nlohmann::json::exception& e) {
    throw DataError(file.string() + ": corrupt network description: " + e.what());
  } catch (const std::invalid_argument& e) {
    throw DataError(file.string() + ": corrupt network description: " + e.what());
  } catch (const ConfigError& e) {
    throw DataError(file.string() + ": " + e.what());
  }
}

TrainedNetwork load_trained_network(const fs::path& run_dir, const torch::Device& device) {
  const runtime::RunLayout layout(run_dir);
  const fs::path dir = layout.network();
  TrainedNetwork trained{read_network_run_info(dir), nullptr, 0};
  std::ifstream in(layout.network_state());
  if (!in) throw DataError(layout.network_state().string() + ": the run has no finished epoch yet");
  const auto state = nlohmann::json::parse(in, nullptr, false);
  if (state.is_discarded() || !state.contains("best")) throw DataError(layout.network_state().string() + ": corrupt training state");
  trained.network = make_network(trained.info.network, {trained.info.mels, static_cast<int>(trained.info.classes.size())});
  load_module(*trained.network, dir / state.at("best").get<std::string>(), trained.info.network);
  trained.network->to(device);
  trained.network->eval();
  trained.epoch = state.at("schedule").at("best_epoch").get<int>();
  return trained;
}

torch::Tensor to_device(std::vector<float>& values, at::IntArrayRef shape, const torch::Device& device) {
  torch::Tensor host = torch::from_blob(values.data(), shape, torch::kFloat32);
  if (device.is_cpu()) return host;
  return host.pin_memory().to(device, /*non_blocking=*/true);
}

torch::Tensor forward_batch(GenreNetwork& network, data::Batch& batch, int mels, const torch::Device& device,
                            Precision precision) {
  const auto n = static_cast<std::int64_t>(batch.labels.size());
  const torch::Tensor inputs = to_device(batch.inputs, {n, batch.frames, mels}, device);
  const AutocastScope autocast(device, precision);
  return network.forward(inputs).to(torch::kFloat32);
}

}  // namespace genrekit::nn
