#include "genrekit/data/log_mel_shards.h"

#include <charconv>
#include <cstring>
#include <map>

#include "genrekit/data/csv_cursor.h"
#include "genrekit/error.h"

namespace genrekit::data {

namespace fs = std::filesystem;

namespace {

std::size_t parse_count(std::string_view field, const CsvCursor& csv, const char* what) {
  std::size_t value = 0;
  const auto [end, error] = std::from_chars(field.data(), field.data() + field.size(), value);
  if (error != std::errc() || end != field.data() + field.size())
    throw DataError(csv.where() + ": " + what + " '" + std::string(field) + "' is not a non-negative integer");
  return value;
}

}  // namespace

LogMelShards::LogMelShards(const fs::path& logmel_dir) : dir_(logmel_dir) {
  const fs::path index = logmel_dir / "index.csv";
  if (!fs::exists(index))
    throw DataError(index.string() + ": no spectrogram index (expected the logmel/ directory of an `extract` run with features.outputs: [logmel])");
  MappedFile text(index);
  CsvCursor csv(text.begin(), text.end(), index.string());
  if (!csv.next_record()) throw DataError(index.string() + ": empty");
  std::vector<std::string_view> header;
  csv.read_fields(header);
  if (header != std::vector<std::string_view>{"key", "shard", "row", "genre", "split"})
    throw DataError(index.string() + ":1: expected the header key,shard,row,genre,split");
  std::map<std::string, std::size_t> shard_of_name;
  while (csv.next_record()) {
    std::vector<std::string_view> fields;
    csv.read_fields(fields);
    if (fields.size() != 5) throw DataError(csv.where() + ": expected 5 fields (key,shard,row,genre,split), found " + std::to_string(fields.size()));
    const std::string name(fields[1]);
    auto [at, added] = shard_of_name.try_emplace(name, shards_.size());
    if (added) {
      const fs::path file = logmel_dir / name;
      if (!fs::exists(file)) throw DataError(file.string() + ": missing shard listed in " + index.string());
      Shard shard{std::make_unique<MappedFile>(file, false), {}};
      shard.layout = parse_npy_layout(shard.file->begin(), shard.file->size(), file.string());
      const auto& l = shard.layout;
      if (l.shape.size() != 3 || l.fortran_order || l.element == NpyElement::Float64)
        throw DataError(file.string() + ": expected a C-order (items, frames, mels) float16 or float32 array");
      if (l.shape[1] > 1'000'000 || l.shape[2] > 100'000)
        throw DataError(file.string() + ": " + std::to_string(l.shape[1]) + " frames x " + std::to_string(l.shape[2]) + " mels: not a log-mel shard");
      if (shard.file->size() - l.data_offset < l.count() * l.element_size()) throw DataError(file.string() + ": truncated");
      if (shards_.empty()) {
        frames_ = static_cast<int>(l.shape[1]);
        mels_ = static_cast<int>(l.shape[2]);
      } else if (static_cast<int>(l.shape[1]) != frames_ || static_cast<int>(l.shape[2]) != mels_) {
        throw DataError(file.string() + ": " + std::to_string(l.shape[1]) + " frames x " + std::to_string(l.shape[2]) +
                        " mels, but the first shard has " + std::to_string(frames_) + " x " + std::to_string(mels_));
      }
      shards_.push_back(std::move(shard));
    }
    LogMelEntry entry{std::string(fields[0]), at->second, parse_count(fields[2], csv, "row"), std::string(fields[3]),
                      std::string(fields[4])};
    if (entry.row >= shards_[entry.shard].layout.shape[0])
      throw DataError(csv.where() + ": row " + std::to_string(entry.row) + " but " + name + " holds " +
                      std::to_string(shards_[entry.shard].layout.shape[0]) + " items");
    entries_.push_back(std::move(entry));
  }
}

void LogMelShards::copy_frames(std::size_t entry, int first, int count, float* out) const {
  const LogMelEntry& e = entries_.at(entry);
  if (first < 0 || count < 0 || first + count > frames_)
    throw std::out_of_range("log-mel frames [" + std::to_string(first) + ", " + std::to_string(first + count) + ") of " +
                            std::to_string(frames_));
  const Shard& shard = shards_[e.shard];
  const std::size_t values = static_cast<std::size_t>(count) * static_cast<std::size_t>(mels_);
  const std::size_t offset = (e.row * static_cast<std::size_t>(frames_) + static_cast<std::size_t>(first)) * static_cast<std::size_t>(mels_);
  const char* data = shard.file->begin() + shard.layout.data_offset;
  if (shard.layout.element == NpyElement::Float32) {
    std::memcpy(out, data + 4 * offset, 4 * values);
  } else {
    for (std::size_t i = 0; i < values; ++i) {
      std::uint16_t half;
      std::memcpy(&half, data + 2 * (offset + i), 2);
      out[i] = half_to_float(half);
    }
  }
}

void LogMelShards::set_label(std::size_t entry, std::string genre, std::string split) {
  entries_.at(entry).genre = std::move(genre);
  entries_.at(entry).split = std::move(split);
}

}  // namespace genrekit::data
