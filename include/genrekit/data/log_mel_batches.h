#pragma once
// Mini-batches of log-mel spectrograms for training and evaluation, built by background threads
// while the network works on the previous ones. Which items form batch b of an epoch and where a
// random crop starts depend only on (seed, epoch, b), never on thread timing, so training is
// reproducible and a resumed run sees the same batches as an uninterrupted one.
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "genrekit/data/log_mel_shards.h"

namespace genrekit::data {

// Per-mel-band affine scaling x * scale + offset: none (identity), per-band standardisation, or
// per-band [-1, 1] from the training items' minimum and maximum (the thesis' 59.78 % run).
enum class InputScaling { None, Standardize, MinusOneToOne };
InputScaling parse_input_scaling(std::string_view name);  // none | standardize | minus_one_to_one
std::string_view to_string(InputScaling scaling);

struct BandScaling {
  std::vector<float> offset;
  std::vector<float> scale;
  void apply(float* frames, std::size_t count) const;  // count frames of offset.size() bands
};

// Fitted on `entries` of `shards` (every frame; float64 sums).
BandScaling fit_band_scaling(const LogMelShards& shards, const std::vector<std::size_t>& entries, InputScaling scaling);

struct Batch {
  std::vector<float> inputs;         // (size, frames, mels), row order
  std::vector<std::int64_t> labels;  // class index per item
  std::vector<std::size_t> entries;  // which shard entries, in batch order
  int frames = 0;
  std::size_t global_size = 0;       // items in the whole batch, of which this process has its part
};

struct BatchSettings {
  std::size_t batch_size = 32;
  int crop_frames = 0;        // > 0: a random window of this many frames per item and epoch
  bool shuffle = true;
  unsigned threads = 1;       // background threads building batches
  std::size_t prefetch = 4;   // batches built ahead of the consumer
  std::uint64_t seed = 0;
  // Data-parallel training: this process's part of every batch, the items at positions rank,
  // rank + world_size, ... of it. The batches (items, crops) are those of one process.
  int rank = 0;
  int world_size = 1;
};

class LogMelBatches {
 public:
  LogMelBatches(const LogMelShards& shards, std::vector<std::size_t> entries, std::vector<std::int64_t> labels,
                BandScaling scaling, BatchSettings settings);
  ~LogMelBatches();
  LogMelBatches(const LogMelBatches&) = delete;
  LogMelBatches& operator=(const LogMelBatches&) = delete;

  std::size_t batches_per_epoch() const;
  std::size_t items() const { return entries_.size(); }  // of every process

  // Starts building the batches of `epoch` (stopping any epoch still in progress).
  void start_epoch(std::uint64_t epoch);
  // The epoch's next batch in order, waiting for it when needed; nullopt after the last. Rethrows
  // what a builder thread threw (a corrupt shard).
  std::optional<Batch> next();

 private:
  Batch build(std::size_t batch) const;
  void stop();

  const LogMelShards& shards_;
  std::vector<std::size_t> entries_;
  std::vector<std::int64_t> labels_;
  BandScaling scaling_;
  BatchSettings settings_;
  std::uint64_t epoch_ = 0;
  std::vector<std::size_t> order_;  // this epoch's item order

  std::mutex mutex_;
  std::condition_variable changed_;
  std::map<std::size_t, Batch> ready_;
  std::size_t next_to_build_ = 0;
  std::size_t next_to_return_ = 0;
  bool stopping_ = false;
  std::exception_ptr error_;
  std::vector<std::thread> builders_;
};

}  // namespace genrekit::data
