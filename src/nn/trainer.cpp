// Network training: the loop, the per-epoch commit and the resume.
#include <chrono>
#include <cstdio>
#include <fstream>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "genrekit/data/log_mel_batches.h"
#include "genrekit/error.h"
#include "genrekit/eval/training_curves.h"
#include "genrekit/nn/checkpoint.h"
#include "genrekit/nn/data_parallel.h"
#include "genrekit/nn/device.h"
#include "genrekit/nn/mixed_precision.h"
#include "genrekit/nn/network_run.h"
#include "genrekit/nn/training.h"
#include "genrekit/nn/training_data.h"
#include "genrekit/nn/training_schedule.h"
#include "genrekit/runtime/interrupt.h"
#include "genrekit/runtime/progress.h"
#include "genrekit/runtime/run_dir.h"
#include "genrekit/runtime/run_layout.h"

namespace genrekit::nn {

namespace fs = std::filesystem;

namespace {

std::string numbered(const char* stem, int epoch) {
  char name[32];
  std::snprintf(name, sizeof name, "%s-%04d.pt", stem, epoch);
  return name;
}

struct EpochResult {
  double loss = 0;
  double accuracy = 0;
};

struct Trainee {
  GenreNetwork& network;
  int mels;
  torch::Device device;
  Precision precision;
  DataParallel& parallel;
};

// Mean NLL and accuracy over the loader's batches (over every rank's part of them); trains when
// `optimizer` is given. Each rank's loss is its items' NLL summed and divided by the whole batch's
// size, so the gradients summed over the ranks are the whole batch's mean-loss gradient; one
// process takes torch's mean as before.
EpochResult run_epoch(const Trainee& t, data::LogMelBatches& batches, std::uint64_t epoch, torch::optim::Optimizer* optimizer,
                      LossScaler* scaler, const std::string& label) {
  GenreNetwork& network = t.network;
  network.train(optimizer != nullptr);
  std::optional<torch::NoGradGuard> no_grad;
  if (!optimizer) no_grad.emplace();
  batches.start_epoch(epoch);
  runtime::Progress progress(label, batches.items());
  const bool parallel = t.parallel.world_size() > 1;
  double loss_sum = 0, right = 0, seen = 0;
  while (auto batch = batches.next()) {
    runtime::throw_if_interrupted();
    const auto n = static_cast<std::int64_t>(batch->labels.size());
    torch::Tensor loss, log_probabilities, labels;
    if (n > 0) {  // a rank's part of a batch smaller than the world is empty
      labels = torch::tensor(batch->labels, torch::kLong).to(t.device);
      log_probabilities = forward_batch(network, *batch, t.mels, t.device, t.precision);
      loss = parallel ? torch::nll_loss(log_probabilities, labels, {}, at::Reduction::Sum) / static_cast<double>(batch->global_size)
                      : torch::nll_loss(log_probabilities, labels);
    }
    if (optimizer) {
      optimizer->zero_grad();
      if (n > 0) scaler->scale(loss).backward();
      t.parallel.sum_gradients(network);
      if (scaler->unscale_and_update(*optimizer)) optimizer->step();
    }
    if (n > 0) {
      loss_sum += loss.item<double>() * static_cast<double>(batch->global_size);  // one process: its n
      right += static_cast<double>(log_probabilities.argmax(1).eq(labels).sum().item<std::int64_t>());
      seen += static_cast<double>(n);
    }
    progress.advance(batch->global_size);
  }
  progress.finish();
  const auto totals = t.parallel.sum({loss_sum, right, seen});
  return {totals[0] / totals[2], totals[1] / totals[2]};
}

ScheduleSettings schedule_settings(const models::NetworkSettings& s) {
  return {s.lr_factor, s.lr_patience, s.min_learning_rate, s.early_stopping_patience};
}

void set_learning_rate(torch::optim::Adam& optimizer, double learning_rate) {
  for (auto& group : optimizer.param_groups()) static_cast<torch::optim::AdamOptions&>(group.options()).lr(learning_rate);
}

}  // namespace

NetworkTrainReport train_network(const models::NetworkSettings& settings, const fs::path& run_dir, unsigned threads,
                                 const runtime::Launch& launch) {
  torch::set_num_threads(static_cast<int>(threads));
  const std::uint64_t seed = settings.seed;
  const runtime::RunLayout layout(run_dir);
  const fs::path dir = layout.network();
  const torch::Device device = resolve_device(settings.device, launch.local_rank);
  // Joining the group is also the other ranks' wait for rank 0, which has opened the run directory.
  DataParallel parallel(launch, std::chrono::seconds(settings.dist_timeout_seconds), device);
  const bool writes = parallel.writes();
  if (writes) fs::create_directories(dir);
  data::LogMelShards shards(logmel_dir_of(settings));
  check_shards_match(shards, settings);
  apply_file_labels(shards, settings);
  const NetworkSplits splits = select_network_splits(shards, settings);
  if (splits.validation.entries.empty())
    throw DataError(shards.dir().string() + ": no validation tracks (the epoch is chosen on validation; check network.sampling and the extract run's data.splits)");
  const Precision precision = parse_precision(settings.precision, device);

  NetworkRunInfo info;
  const bool resuming = fs::exists(layout.network_state());
  if (resuming) {
    info = read_network_run_info(dir);
  } else {
    info.network = settings.type;
    info.classes = splits.classes;
    info.frames = shards.frames();
    info.mels = shards.mels();
    info.scaling_kind = settings.input_scaling;
    info.scaling = data::fit_band_scaling(shards, splits.training.entries, info.scaling_kind);
    if (writes) write_network_run_info(dir, info);
  }
  if (info.classes != splits.classes) throw DataError(dir.string() + ": the run was started with other classes than the shards now give");
  torch::manual_seed(seed);  // the initial weights (a resumed run loads its own)
  auto network = make_network(info.network, {info.mels, static_cast<int>(info.classes.size())});
  network->to(device);
  const std::string& name = info.network;
  spdlog::info("{}: {} trainable parameters, {} classes, {} training / {} validation clips of {} x {}, on {}{}", name,
               trainable_parameters(*network), info.classes.size(), splits.training.entries.size(),
               splits.validation.entries.size(), info.frames, info.mels, device.str(),
               parallel.world_size() > 1 ? ", rank " + std::to_string(parallel.rank()) + " of " + std::to_string(parallel.world_size()) +
                                               " (" + launch.launcher + ")"
                                         : "");

  const ScheduleSettings rules = schedule_settings(settings);
  TrainingSchedule schedule;
  schedule.learning_rate = settings.learning_rate;
  torch::optim::Adam optimizer(network->parameters(), torch::optim::AdamOptions(schedule.learning_rate));
  LossScaler scaler(precision == Precision::Float16);
  std::vector<eval::EpochMetrics> history;
  int first_epoch = 1;
  nlohmann::json state;
  if (resuming) {
    std::ifstream in(layout.network_state());
    state = nlohmann::json::parse(in);
    schedule = TrainingSchedule::from_json(state.at("schedule"));
    for (const auto& line : state.at("history")) history.push_back(eval::epoch_metrics_from_json(line));
    first_epoch = state.at("epoch").get<int>() + 1;
    if (const int world = state.value("world_size", 1); world != parallel.world_size())
      throw ConfigError(layout.network_state().string() + ": the run was trained by " + std::to_string(world) +
                        " processes; resume it with as many (" + std::to_string(parallel.world_size()) + " now)");
    load_module(*network, dir / state.at("last").get<std::string>(), name);
    network->to(device);
    load_optimizer(optimizer, dir / state.at("optimizer").get<std::string>());
    scaler.restore(state.at("loss_scale").get<double>(), state.at("loss_scale_good_steps").get<int>());
    spdlog::info("resuming after epoch {} (best so far: epoch {}, validation accuracy {:.4f})", first_epoch - 1,
                 schedule.best_epoch, schedule.best_accuracy);
  }
  set_learning_rate(optimizer, schedule.learning_rate);
  parallel.broadcast(*network);

  const auto batch_settings = [&](bool training) {
    data::BatchSettings s = batch_settings_of(settings, training);
    s.rank = parallel.rank();
    s.world_size = parallel.world_size();
    return s;
  };
  data::LogMelBatches training(shards, splits.training.entries, splits.training.labels, info.scaling, batch_settings(true));
  data::LogMelBatches validation(shards, splits.validation.entries, splits.validation.labels, info.scaling, batch_settings(false));
  const int epochs = settings.epochs;
  bool stopped = resuming && state.at("stopped").get<bool>();
  for (int epoch = first_epoch; epoch <= epochs && !stopped; ++epoch) {
    const auto start = std::chrono::steady_clock::now();
    // The epoch's random numbers (dropout) follow from (seed, epoch, rank): what a resumed run needs.
    torch::manual_seed(seed * 1000003 + static_cast<std::uint64_t>(epoch) + (static_cast<std::uint64_t>(parallel.rank()) << 40));
    const std::string label = (parallel.rank() > 0 ? "rank " + std::to_string(parallel.rank()) + ": " : std::string()) + "epoch " +
                              std::to_string(epoch) + "/" + std::to_string(epochs);
    const Trainee trainee{*network, info.mels, device, precision, parallel};
    const EpochResult fit = run_epoch(trainee, training, static_cast<std::uint64_t>(epoch), &optimizer, &scaler, label);
    const EpochResult held_out = run_epoch(trainee, validation, 0, nullptr, nullptr, label + " validation");
    eval::EpochMetrics m{epoch, fit.loss, fit.accuracy, held_out.loss, held_out.accuracy, schedule.learning_rate,
                         std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count()};
    const auto decision = schedule.record(epoch, held_out.loss, held_out.accuracy, rules);
    history.push_back(m);
    stopped = decision.stop;
    spdlog::info("epoch {}: loss {:.4f}, accuracy {:.4f}; validation loss {:.4f}, accuracy {:.4f}{}{}{} ({:.1f} s)", epoch, m.train_loss,
                 m.train_accuracy, m.validation_loss, m.validation_accuracy, decision.new_best_accuracy ? " (best)" : "",
                 decision.reduced_learning_rate ? ", learning rate now " + std::to_string(schedule.learning_rate) : "",
                 stopped ? ", stopping early" : "", m.seconds);
    set_learning_rate(optimizer, schedule.learning_rate);
    if (!writes) continue;  // every rank holds the same state; rank 0 commits it

    // Commit: new files under new names, then state.json names them, then the old ones go.
    const std::string last = numbered("epoch", epoch), optimizer_file = numbered("optimizer", epoch);
    save_module(*network, dir / last);
    save_optimizer(optimizer, dir / optimizer_file);
    const std::string best = decision.new_best_accuracy ? numbered("best", epoch) : state.value("best", std::string());
    if (decision.new_best_accuracy) save_module(*network, dir / best);
    nlohmann::json history_json = nlohmann::json::array();
    std::string lines;
    for (const auto& h : history) {
      history_json.push_back(eval::to_json(h));
      lines += eval::to_json(h).dump() + "\n";
    }
    const nlohmann::json previous = state;
    state = {{"epoch", epoch}, {"last", last}, {"optimizer", optimizer_file}, {"best", best},
             {"stopped", stopped}, {"schedule", schedule.to_json()}, {"history", history_json},
             {"loss_scale", scaler.scale_value()}, {"loss_scale_good_steps", scaler.good_steps()},
             {"world_size", parallel.world_size()}};
    runtime::write_file_atomically(layout.network_state(), state.dump(1) + "\n");
    for (const char* key : {"last", "optimizer", "best"})
      if (previous.contains(key) && previous.at(key) != state.at(key)) fs::remove(dir / previous.at(key).get<std::string>());
    runtime::write_file_atomically(layout.epoch_metrics(), lines);
    runtime::write_file_atomically(layout.training_curves(), eval::training_curves_svg(history, name + ", " + run_dir.filename().string()));
  }
  if (parallel.gradient_steps() > 0)
    spdlog::info("rank {}: summing gradients over {} ranks took {:.2f} ms per step ({} steps)", parallel.rank(), parallel.world_size(),
                 1e3 * parallel.gradient_seconds() / static_cast<double>(parallel.gradient_steps()), parallel.gradient_steps());
  NetworkTrainReport report;
  report.epochs = history.empty() ? 0 : history.back().epoch;
  report.best_epoch = schedule.best_epoch;
  report.best_validation_accuracy = schedule.best_accuracy;
  report.stopped_early = stopped;
  return report;
}

}  // namespace genrekit::nn
