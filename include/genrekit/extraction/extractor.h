#pragma once
// An extraction run over a list of items, in a run directory:
//   work/inputs.tsv    the items the run was started on (input_record.h: --resume must give the same)
//   work/journal.tsv   one line per finished item (the commit log a resumed run trusts)
//   features.csv       FMA's format, rows in input order (fma518 output)
//   failures.csv       key, path, reason of every item that failed
//   logmel/            spectrogram shards and their index (logmel output)
//   summary.json       counts and timing; the part of the input it did (extract.shard) and a
//                      fingerprint of the whole input list, which --merge checks
// Items already in the journal are skipped, so a run killed at any point and started again with
// the same command finishes with the same files as an uninterrupted run.
#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "genrekit/extraction/settings.h"
#include "genrekit/extraction/work_items.h"

namespace genrekit::extraction {

struct ExtractionSummary {
  std::size_t items = 0;
  std::size_t already_done = 0;  // found in the journal at start
  std::size_t succeeded = 0;
  std::size_t failed = 0;
  double seconds = 0;
  bool interrupted = false;
};

// The fingerprint of a whole input list (positions, keys and paths, before sharding): the parts of
// one extraction share it.
std::string inputs_fingerprint(const std::vector<WorkItem>& all_items);

// `items`: this run's part (settings.shard_index of shard_count) of the list whose fingerprint is
// `inputs`. `index_name` heads features.csv's index column: "track_id" for FMA tracks, "path" for
// files.
ExtractionSummary run_extraction(const ExtractionSettings& settings, const std::vector<WorkItem>& items, const std::string& inputs,
                                 const std::string& index_name, const std::filesystem::path& run_dir, unsigned threads);

// Joins the run directories of the parts of a sharded extraction (same configuration) into `out`:
// features.csv and failures.csv in the original input order, the spectrogram shards (copied, named
// after their part) and one index. DataError listing every problem when a part is unfinished, not a
// part of the same input list (another N or fingerprint), given twice, or missing.
ExtractionSummary merge_extractions(const std::vector<std::filesystem::path>& parts, const std::filesystem::path& out);

}  // namespace genrekit::extraction
