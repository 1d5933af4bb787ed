#pragma once
// Reads the log-mel spectrogram shards `extract` writes (logmel/index.csv and shard-NNNNN.npy, see
// extraction/log_mel_store.h) for training and evaluation: every shard memory-mapped, pages read
// when first touched, items converted to float32 frame by frame, nothing else copied.
#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "genrekit/data/mapped_file.h"
#include "genrekit/data/npy.h"

namespace genrekit::data {

struct LogMelEntry {
  std::string key;    // track id (FMA layout) or input path
  std::size_t shard = 0;
  std::size_t row = 0;
  std::string genre;  // "" when the track has no top genre
  std::string split;  // training | validation | test | ""
};

class LogMelShards {
 public:
  // DataError naming the file: no index.csv, a malformed index line, a listed shard that is
  // missing or not (items, frames, mels) float16/float32, shards of different shapes, a row past
  // its shard's end.
  explicit LogMelShards(const std::filesystem::path& logmel_dir);

  const std::vector<LogMelEntry>& entries() const { return entries_; }
  // Gives entries()[entry] another genre and split than extract recorded (labels read elsewhere,
  // e.g. users' labels CSV at training time); "" leaves it unlabelled / outside every split.
  void set_label(std::size_t entry, std::string genre, std::string split);
  int frames() const { return frames_; }
  int mels() const { return mels_; }
  const std::filesystem::path& dir() const { return dir_; }

  // Frames [first, first + count) of entries()[entry] as float32, (count, mels) in row order.
  void copy_frames(std::size_t entry, int first, int count, float* out) const;

 private:
  struct Shard {
    std::unique_ptr<MappedFile> file;
    NpyLayout layout;
  };
  std::filesystem::path dir_;
  std::vector<LogMelEntry> entries_;
  std::vector<Shard> shards_;
  int frames_ = 0;
  int mels_ = 0;
};

}  // namespace genrekit::data
