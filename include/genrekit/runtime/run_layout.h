#pragma once
// Where things are in a run directory, named once for every tool: what RunDir records at a start,
// what train writes (classical and network runs alike) and evaluate and predict read back, what
// extract writes beside its features, and what evaluate writes to its own output directory.
// Inside model/ and network/ the files belong to the model bundle and the network checkpoints.
#include <filesystem>
#include <utility>
#include <vector>

namespace genrekit::runtime {

class RunLayout {
 public:
  explicit RunLayout(std::filesystem::path dir) : dir_(std::move(dir)) {}
  const std::filesystem::path& dir() const { return dir_; }

  // Every run, written when it starts.
  std::filesystem::path config() const { return dir_ / "config.yaml"; }  // the resolved configuration
  std::filesystem::path manifest() const { return dir_ / "manifest.json"; }  // versions, seed, inputs
  std::filesystem::path command_line() const { return dir_ / "command.txt"; }
  std::filesystem::path log() const { return dir_ / "log.txt"; }
  std::vector<std::filesystem::path> start_records() const { return {config(), manifest(), command_line(), log()}; }

  // extract
  std::filesystem::path features() const { return dir_ / "features.csv"; }  // FMA's 518 features, its layout
  std::filesystem::path failures() const { return dir_ / "failures.csv"; }  // key, path, reason
  std::filesystem::path extraction_summary() const { return dir_ / "summary.json"; }  // written last: the run finished
  std::filesystem::path log_mel() const { return dir_ / "logmel"; }  // the shards, index.csv, settings.json
  std::filesystem::path extract_work() const { return dir_ / "work"; }  // spilled frames, the input record
  std::filesystem::path extract_journal() const { return extract_work() / "journal.tsv"; }  // finished items, for --resume

  // train: a classical model or screening grid
  std::filesystem::path model() const { return dir_ / "model"; }
  std::filesystem::path training_metrics() const { return dir_ / "training_metrics.json"; }
  std::filesystem::path validation_metrics() const { return dir_ / "validation_metrics.json"; }
  std::filesystem::path screening_table() const { return dir_ / "screening.csv"; }
  std::filesystem::path screening_page() const { return dir_ / "screening.html"; }
  std::filesystem::path screening_cells() const { return dir_ / "cells"; }  // one finished cell per file
  std::filesystem::path screening_sets() const { return dir_ / "sets"; }    // each feature set's reduction

  // train: a network
  std::filesystem::path network() const { return dir_ / "network"; }  // checkpoints
  std::filesystem::path network_state() const { return network() / "state.json"; }  // the last finished epoch's commit point
  std::filesystem::path epoch_metrics() const { return dir_ / "metrics.jsonl"; }  // one line per epoch
  std::filesystem::path training_curves() const { return dir_ / "training_curves.svg"; }

  // evaluate's output directory
  std::filesystem::path predictions() const { return dir_ / "predictions.csv"; }
  std::filesystem::path vote_shares() const { return dir_ / "vote_shares.csv"; }
  std::filesystem::path metrics() const { return dir_ / "metrics.json"; }
  std::filesystem::path confusion() const { return dir_ / "confusion.csv"; }
  std::filesystem::path per_class() const { return dir_ / "per_class.csv"; }
  std::filesystem::path report() const { return dir_ / "report.html"; }
  std::filesystem::path comparison() const { return dir_ / "comparison.json"; }

 private:
  std::filesystem::path dir_;
};

}  // namespace genrekit::runtime
