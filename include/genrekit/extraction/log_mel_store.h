#pragma once
// Log-mel spectrograms of an extraction run, as NumPy shards that numpy.load (mmap_mode='r') and the
// training loader open directly: logmel/shard-NNNNN.npy, (items, frames, n_mels) in float16 or
// float32, and logmel/index.csv (key, shard, row, genre, split). Shard b holds the successful items
// among the run's items b*shard_size .. (b+1)*shard_size - 1, in input order, so the shards do not
// depend on thread count or interruptions. Each item's matrix waits in logmel/pending/ until its
// block is complete; a shard is written beside its name and renamed, then the index, then the
// pending files go: a crash at any point leaves either a complete shard or the means to rebuild it.
#include <cstddef>
#include <filesystem>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "genrekit/dsp/matrix.h"
#include "genrekit/extraction/journal.h"
#include "genrekit/extraction/settings.h"
#include "genrekit/extraction/work_items.h"

namespace genrekit::extraction {

class LogMelStore {
 public:
  // `finished`: what the journal already holds (a resumed run). Seals every block already complete.
  LogMelStore(const std::filesystem::path& run_dir, const LogMelSettings& settings, std::vector<WorkItem> items,
              const std::map<std::size_t, JournalEntry>& finished);

  // Stores an item's matrix (frames x n_mels) durably, before the item is journalled.
  void save_pending(std::size_t position, const dsp::Matrix& log_mel) const;
  // Records that an item is journalled (ok or failed); writes its block's shard once complete.
  void finished(std::size_t position);

 private:
  std::filesystem::path pending_path(std::size_t position) const;
  void seal(std::size_t block);  // caller holds mutex_
  void write_index() const;

  std::filesystem::path dir_;
  LogMelSettings settings_;
  std::vector<WorkItem> items_;                  // this run's items, in position order
  std::map<std::size_t, std::size_t> slot_of_;   // position -> index in items_
  std::vector<std::size_t> finished_in_block_;
  std::set<std::size_t> ok_;                     // positions with a pending matrix (successful)
  std::map<std::size_t, std::vector<std::string>> index_rows_;  // sealed block -> its index.csv rows
  std::mutex mutex_;
};

}  // namespace genrekit::extraction
