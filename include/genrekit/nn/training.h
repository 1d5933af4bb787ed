#pragma once
// `train` and `evaluate` for the networks (the model.types of models/network_list.h).
// No LibTorch in this header: the tools include it and link genrekit::nn.
//
// A run directory holds network/network.json (architecture, classes, input shape and scaling),
// network/state.json (the commit point of the last finished epoch: schedule, history and the
// checkpoint files), network/epoch-NNNN.pt + optimizer-NNNN.pt (the last epoch), best-NNNN.pt
// (the best epoch by validation accuracy), metrics.jsonl (one line per epoch) and
// training_curves.svg.
#include <filesystem>

#include "genrekit/data/fma_tracks.h"
#include "genrekit/eval/scored_tracks.h"
#include "genrekit/models/network_section.h"
#include "genrekit/runtime/launch.h"

namespace genrekit::nn {

struct NetworkTrainReport {
  int epochs = 0;          // epochs finished (this run and any it resumed)
  int best_epoch = 0;
  double best_validation_accuracy = 0;
  bool stopped_early = false;
};

// Trains in `run_dir`, continuing after the last finished epoch when network/state.json exists
// (a resumed run: same batches, same random numbers, same decisions as an uninterrupted one).
// With a launch of several processes (runtime/launch.h), this process is one rank of a
// data-parallel job (nn/data_parallel.h): each takes its part of every batch, gradients are summed
// every step, rank 0 alone writes `run_dir` (which the others read when resuming: on one machine,
// or a filesystem they share), and a resumed run must have as many ranks.
NetworkTrainReport train_network(const models::NetworkSettings& settings, const std::filesystem::path& run_dir, unsigned threads,
                                 const runtime::Launch& launch = {});

// The best epoch's clip predictions and probabilities on the labelled tracks of `split` in
// network.logmel_dir.
eval::ScoredTracks score_network(const models::NetworkSettings& settings, const std::filesystem::path& run_dir, data::Split split,
                                 unsigned threads);

}  // namespace genrekit::nn
