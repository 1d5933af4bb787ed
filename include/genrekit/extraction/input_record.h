#pragma once
// What an extraction run was started on, kept in its run directory (work/inputs.tsv: position,
// key, path, size in bytes and modification time of every item), so that --resume continues only
// the same work: the journal names finished items by their position in this list.
#include <filesystem>
#include <string>
#include <vector>

#include "genrekit/extraction/work_items.h"

namespace genrekit::extraction {

// The record of `items` (one tab-separated line each; size and time "-" for a file that cannot be
// read now: it will fail as an item, with its reason).
std::string input_record(const std::vector<WorkItem>& items);

// Before resuming in `run_dir`: ConfigError listing the differences (the first ten) when `items`
// differ from the recorded ones in number, order, key, path, size or modification time. A run
// directory without a record (started by an older genrekit) is resumed with a warning.
void check_same_inputs(const std::filesystem::path& run_dir, const std::vector<WorkItem>& items);

// Writes the record when the run directory has none yet.
void record_inputs(const std::filesystem::path& run_dir, const std::vector<WorkItem>& items);

}  // namespace genrekit::extraction
