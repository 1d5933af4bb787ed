#pragma once
// The list of things to extract: files and directories given on the command line, or FMA tracks.
#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "genrekit/config/config.h"

namespace genrekit::extraction {

struct WorkItem {
  std::size_t position = 0;  // in the full input list, before sharding: fixes the output order
  std::string key;           // features.csv's index: the track id, or the path as given
  std::filesystem::path path;
  std::string genre;         // genre_top, "" when unknown
  std::string split;         // FMA split, "" outside FMA
  std::string unreadable;    // why walking a folder could not read this entry ("" for an item to process)
};

// Files as given; directories walked recursively for audio files (.mp3 .ogg .oga .opus .flac .wav
// .aif .aiff .au .m4a), in sorted order, following links to folders once each. Whatever the walk
// cannot read becomes an item with its reason in `unreadable` (it then fails as an item, the run
// goes on): a folder it may not list, a link loop or a dangling link, an audio name that is a FIFO,
// socket or device, an entry that vanished. A path given that does not exist is a ConfigError.
std::vector<WorkItem> items_from_paths(const std::vector<std::string>& paths);

// FMA tracks chosen by the `data` section, in tracks.csv order, keyed by track id.
std::vector<WorkItem> items_from_fma(const config::Config& config);

// The K-th (1-based) of N interleaved parts: items whose position % N == K - 1.
std::vector<WorkItem> shard_of(const std::vector<WorkItem>& items, int index, int count);

}  // namespace genrekit::extraction
