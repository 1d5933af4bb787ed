// The networks' speed on this machine's CPU, and whether the shard loader keeps up with training.
//
//   bench_networks [--threads N] [--steps S] [--batch B] [--frames F] [--json]
// For each architecture: training samples/s (forward, NLL, backward, Adam step; batch B of F x 128
// random log-mels, after one warm-up step) and inference samples/s (eval mode, no gradients). Then
// the loader: float16 shards (256 clips of F x 128) read, converted, scaled and batched by 1 and 2
// builder threads, in samples/s, against cnn_lstm's training rate. bench/compare_torch.py runs the
// same measurements in PyTorch (python3-torch) and prints the ratios; --json is what it reads.
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>

#include <torch/torch.h>

#include "genrekit/data/log_mel_batches.h"
#include "genrekit/data/npy.h"
#include "genrekit/models/network_section.h"
#include "genrekit/nn/network.h"
#include "genrekit/runtime/memory.h"
#include "genrekit/runtime/run_dir.h"

namespace {

using namespace genrekit;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

struct Rates {
  double train = 0;
  double infer = 0;
};

Rates measure(const std::string& architecture, int steps, int batch, int frames) {
  torch::manual_seed(0);
  auto network = nn::make_network(architecture);
  torch::optim::Adam optimizer(network->parameters(), torch::optim::AdamOptions(1e-3));
  const torch::Tensor x = torch::randn({batch, frames, 128}) * 3 - 6;
  const torch::Tensor y = torch::randint(0, 16, {batch}, torch::kLong);
  const auto step = [&] {
    optimizer.zero_grad();
    torch::nll_loss(network->forward(x), y).backward();
    optimizer.step();
  };
  network->train();
  step();  // warm-up: allocations, kernel choices
  auto start = Clock::now();
  for (int s = 0; s < steps; ++s) step();
  Rates rates;
  rates.train = steps * batch / seconds_since(start);
  network->eval();
  const c10::InferenceMode inference;  // as evaluate and predict run
  network->forward(x);
  start = Clock::now();
  for (int s = 0; s < steps; ++s) network->forward(x);
  rates.infer = steps * batch / seconds_since(start);
  return rates;
}

double loader_rate(const std::filesystem::path& dir, unsigned threads, int batch) {
  const data::LogMelShards shards(dir);
  std::vector<std::size_t> entries(shards.entries().size());
  for (std::size_t i = 0; i < entries.size(); ++i) entries[i] = i;
  const std::vector<std::int64_t> labels(entries.size(), 0);
  data::LogMelBatches batches(shards, entries, labels, data::fit_band_scaling(shards, entries, data::InputScaling::Standardize),
                              {.batch_size = static_cast<std::size_t>(batch), .shuffle = true, .threads = threads, .prefetch = 8, .seed = 1});
  batches.start_epoch(0);  // the first epoch pages the shards in
  while (batches.next()) {
  }
  const auto start = Clock::now();
  std::size_t seen = 0;
  batches.start_epoch(1);
  while (auto b = batches.next()) seen += b->labels.size();
  return static_cast<double>(seen) / seconds_since(start);
}

std::filesystem::path write_shards(int frames) {
  const auto dir = std::filesystem::temp_directory_path() / "genrekit-bench-shards";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::string index = "key,shard,row,genre,split\n";
  for (int s = 0; s < 4; ++s) {
    std::vector<float> values(std::size_t{64} * static_cast<std::size_t>(frames) * 128);
    for (std::size_t i = 0; i < values.size(); ++i) values[i] = static_cast<float>((i * 2654435761u) % 1000) / 100.0f - 8.0f;
    char name[32];
    std::snprintf(name, sizeof name, "shard-%05d.npy", s);
    runtime::write_file_atomically(dir / name, data::npy_bytes({64, static_cast<std::size_t>(frames), 128}, values, data::NpyDtype::Float16));
    for (int r = 0; r < 64; ++r) index += std::to_string(s * 64 + r) + "," + name + "," + std::to_string(r) + ",Rock,training\n";
  }
  runtime::write_file_atomically(dir / "index.csv", index);
  return dir;
}

}  // namespace

int main(int argc, char** argv) {
  int threads = 2, steps = 5, batch = 32, frames = 646;
  bool json = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const auto value = [&] { return i + 1 < argc ? std::stoi(argv[++i]) : throw std::invalid_argument(arg + " needs a value"); };
    if (arg == "--threads") threads = value();
    else if (arg == "--steps") steps = value();
    else if (arg == "--batch") batch = value();
    else if (arg == "--frames") frames = value();
    else if (arg == "--json") json = true;
    else {
      std::fprintf(stderr, "usage: bench_networks [--threads N] [--steps S] [--batch B] [--frames F] [--json]\n");
      return 2;
    }
  }
  torch::set_num_threads(threads);
  runtime::retain_large_allocations();  // as train, evaluate and predict do
  if (!json) std::printf("networks on %d CPU threads, batch %d of %d x 128 log-mels, %d timed steps\n", threads, batch, frames, steps);
  std::string out = "{";
  double cnn_lstm_train = 0;
  for (const auto& kind : models::network_kinds()) {
    const std::string& name = kind.name;
    const Rates r = measure(name, steps, batch, frames);
    if (name == "cnn_lstm") cnn_lstm_train = r.train;
    if (json) out += "\"" + name + "\": {\"train\": " + std::to_string(r.train) + ", \"infer\": " + std::to_string(r.infer) + "}, ";
    else std::printf("  %-13s train %7.1f samples/s   inference %7.1f samples/s\n", name.c_str(), r.train, r.infer);
  }
  const auto dir = write_shards(frames);
  for (const unsigned loader_threads : {1u, 2u}) {
    const double rate = loader_rate(dir, loader_threads, batch);
    if (json) out += "\"loader_" + std::to_string(loader_threads) + "\": " + std::to_string(rate) + ", ";
    else
      std::printf("  loader, %u builder thread%s: %8.1f samples/s = %.1fx what cnn_lstm training consumes\n", loader_threads,
                  loader_threads == 1 ? "" : "s", rate, rate / cnn_lstm_train);
  }
  std::filesystem::remove_all(dir);
  if (json) std::printf("%s\"threads\": %d}\n", out.c_str(), threads);
  return 0;
}
