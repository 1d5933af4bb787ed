#include "genrekit/data/log_mel_batches.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "genrekit/error.h"
#include "genrekit/runtime/splitmix.h"

namespace genrekit::data {

InputScaling parse_input_scaling(std::string_view name) {
  if (name == "none") return InputScaling::None;
  if (name == "standardize") return InputScaling::Standardize;
  if (name == "minus_one_to_one") return InputScaling::MinusOneToOne;
  throw std::invalid_argument("unknown input scaling '" + std::string(name) + "' (expected none, standardize or minus_one_to_one)");
}

std::string_view to_string(InputScaling scaling) {
  switch (scaling) {
    case InputScaling::None: return "none";
    case InputScaling::Standardize: return "standardize";
    case InputScaling::MinusOneToOne: return "minus_one_to_one";
  }
  return "none";
}

void BandScaling::apply(float* frames, std::size_t count) const {
  const std::size_t bands = offset.size();
  for (std::size_t f = 0; f < count; ++f)
    for (std::size_t b = 0; b < bands; ++b) frames[f * bands + b] = frames[f * bands + b] * scale[b] + offset[b];
}

BandScaling fit_band_scaling(const LogMelShards& shards, const std::vector<std::size_t>& entries, InputScaling scaling) {
  const auto mels = static_cast<std::size_t>(shards.mels());
  BandScaling result{std::vector<float>(mels, 0.0f), std::vector<float>(mels, 1.0f)};
  if (scaling == InputScaling::None) return result;
  if (entries.empty()) throw DataError("cannot fit the input scaling: no training items");
  std::vector<double> sum(mels, 0), square(mels, 0), low(mels, std::numeric_limits<double>::infinity()),
      high(mels, -std::numeric_limits<double>::infinity());
  std::vector<float> item(static_cast<std::size_t>(shards.frames()) * mels);
  for (const std::size_t entry : entries) {
    shards.copy_frames(entry, 0, shards.frames(), item.data());
    for (std::size_t i = 0; i < item.size(); ++i) {
      const double v = item[i];
      const std::size_t b = i % mels;
      sum[b] += v;
      square[b] += v * v;
      low[b] = std::min(low[b], v);
      high[b] = std::max(high[b], v);
    }
  }
  const double n = static_cast<double>(entries.size()) * shards.frames();
  for (std::size_t b = 0; b < mels; ++b) {
    if (scaling == InputScaling::Standardize) {
      const double mean = sum[b] / n;
      const double deviation = std::sqrt(std::max(square[b] / n - mean * mean, 0.0));
      const double scale = deviation > 0 ? 1.0 / deviation : 1.0;  // a constant band is only centred
      result.scale[b] = static_cast<float>(scale);
      result.offset[b] = static_cast<float>(-mean * scale);
    } else {
      const double range = high[b] - low[b];
      const double scale = range > 0 ? 2.0 / range : 1.0;
      result.scale[b] = static_cast<float>(scale);
      result.offset[b] = static_cast<float>(range > 0 ? -1.0 - low[b] * scale : -low[b]);
    }
  }
  return result;
}

LogMelBatches::LogMelBatches(const LogMelShards& shards, std::vector<std::size_t> entries, std::vector<std::int64_t> labels,
                             BandScaling scaling, BatchSettings settings)
    : shards_(shards), entries_(std::move(entries)), labels_(std::move(labels)), scaling_(std::move(scaling)), settings_(settings) {
  if (entries_.size() != labels_.size()) throw std::invalid_argument("log-mel batches: entries and labels differ in number");
  if (settings_.batch_size == 0) throw std::invalid_argument("log-mel batches: batch size 0");
  if (scaling_.offset.size() != static_cast<std::size_t>(shards_.mels()))
    throw DataError("the input scaling has " + std::to_string(scaling_.offset.size()) + " bands but the shards have " +
                    std::to_string(shards_.mels()) + " mels");
}

LogMelBatches::~LogMelBatches() { stop(); }

std::size_t LogMelBatches::batches_per_epoch() const {
  return (entries_.size() + settings_.batch_size - 1) / settings_.batch_size;
}

void LogMelBatches::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  for (auto& builder : builders_) builder.join();
  builders_.clear();
}

void LogMelBatches::start_epoch(std::uint64_t epoch) {
  stop();
  epoch_ = epoch;
  order_.resize(entries_.size());
  for (std::size_t i = 0; i < order_.size(); ++i) order_[i] = i;
  if (settings_.shuffle) {  // Fisher-Yates on splitmix64: the same order on every platform
    std::uint64_t state = runtime::splitmix64(settings_.seed ^ runtime::splitmix64(epoch + 1));
    for (std::size_t i = order_.size(); i > 1; --i) {
      state = runtime::splitmix64(state);
      std::swap(order_[i - 1], order_[state % i]);
    }
  }
  ready_.clear();
  next_to_build_ = next_to_return_ = 0;
  stopping_ = false;
  error_ = nullptr;
  const std::size_t total = batches_per_epoch();
  for (unsigned t = 0; t < std::max(1u, settings_.threads); ++t)
    builders_.emplace_back([this, total] {
      for (;;) {
        std::size_t batch;
        {
          std::unique_lock lock(mutex_);
          changed_.wait(lock, [&] { return stopping_ || next_to_build_ >= total || next_to_build_ < next_to_return_ + settings_.prefetch; });
          if (stopping_ || next_to_build_ >= total) return;
          batch = next_to_build_++;
        }
        try {
          Batch built = build(batch);
          std::lock_guard lock(mutex_);
          ready_.emplace(batch, std::move(built));
        } catch (...) {
          std::lock_guard lock(mutex_);
          if (!error_) error_ = std::current_exception();
          stopping_ = true;
        }
        changed_.notify_all();
      }
    });
}

std::optional<Batch> LogMelBatches::next() {
  std::unique_lock lock(mutex_);
  if (next_to_return_ >= batches_per_epoch()) return std::nullopt;
  changed_.wait(lock, [&] { return error_ || ready_.contains(next_to_return_); });
  if (error_) std::rethrow_exception(error_);
  auto node = ready_.extract(next_to_return_++);
  lock.unlock();
  changed_.notify_all();
  return std::move(node.mapped());
}

Batch LogMelBatches::build(std::size_t batch) const {
  const std::size_t first = batch * settings_.batch_size;
  const std::size_t global_size = std::min(settings_.batch_size, entries_.size() - first);
  const auto rank = static_cast<std::size_t>(settings_.rank), world = static_cast<std::size_t>(settings_.world_size);
  const std::size_t size = global_size / world + (rank < global_size % world ? 1 : 0);
  const int frames = settings_.crop_frames > 0 ? std::min(settings_.crop_frames, shards_.frames()) : shards_.frames();
  const auto values = static_cast<std::size_t>(frames) * static_cast<std::size_t>(shards_.mels());
  Batch out;
  out.frames = frames;
  out.global_size = global_size;
  out.inputs.resize(size * values);
  for (std::size_t i = 0; i < size; ++i) {
    const std::size_t item = order_[first + rank + i * world];
    const std::size_t entry = entries_[item];
    int start = 0;
    if (frames < shards_.frames()) {
      const std::uint64_t draw = runtime::splitmix64(settings_.seed ^ runtime::splitmix64((epoch_ << 32) ^ entry));
      start = static_cast<int>(draw % static_cast<std::uint64_t>(shards_.frames() - frames + 1));
    }
    float* target = out.inputs.data() + i * values;
    shards_.copy_frames(entry, start, frames, target);
    scaling_.apply(target, static_cast<std::size_t>(frames));
    out.labels.push_back(labels_[item]);
    out.entries.push_back(entry);
  }
  return out;
}

}  // namespace genrekit::data
