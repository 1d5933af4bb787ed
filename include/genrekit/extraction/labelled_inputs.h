#pragma once
// Users' own labelled audio, outside FMA's layout: a labels CSV (data.labels_csv: path,label and
// optionally split and artist) or a folder per class (data.class_folders: DIR/<label>/...). extract
// takes its inputs from it; train and evaluate take labels and splits from it, joined on the key.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "genrekit/config/config.h"
#include "genrekit/data/fma_tracks.h"
#include "genrekit/extraction/work_items.h"

namespace genrekit::extraction {

struct LabelledInput {
  std::string key;              // features.csv's index: the CSV's path as written, or the path below DIR
  std::filesystem::path path;   // where the audio is read
  std::string label;
  std::optional<data::Split> split;  // given by the CSV's split column
  std::string artist;           // "" without an artist column
  std::string unreadable;       // why a class folder's walk could not read this entry (as WorkItem)
};

struct LabelledInputs {
  std::vector<LabelledInput> inputs;  // in the CSV's order, or sorted by path for class folders
  std::filesystem::path source;       // the CSV or the folder, for messages
  bool has_split = false;             // every input's split is given
  bool has_artist = false;
};

// The labels CSV: a header naming `path` and `label`, optionally `split` (training|validation|test)
// and `artist`, and nothing else. Relative paths are taken from `audio_dir` when it is not empty,
// else from the CSV's folder. DataError naming the file and line for a missing or unknown column,
// an empty path or label, a split that is not one of the three, or a path listed twice.
LabelledInputs read_labels_csv(const std::filesystem::path& csv, const std::filesystem::path& audio_dir);

// Every audio file below DIR/<label>/ (any depth), labelled with its first-level folder, walked as
// items_from_paths walks a folder. DataError for an audio file directly in DIR (it has no label)
// or a folder without audio files below it.
LabelledInputs scan_class_folders(const std::filesystem::path& dir);

// Where a run's labelled inputs come from (the data section), when it names any.
struct LabelledInputSettings {
  std::filesystem::path labels_csv;     // data.labels_csv
  std::filesystem::path class_folders;  // data.class_folders
  std::filesystem::path audio_dir;      // data.audio_dir: the root of the CSV's relative paths
};
// Empty when the data section names neither; ConfigError when it names both.
std::optional<LabelledInputSettings> labelled_input_settings_from(const config::Config& config);
// ConfigError for a labels CSV or audio folder that is not there, else as the readers above.
LabelledInputs read_labelled_inputs(const LabelledInputSettings& settings);

// extract's work items: each input keyed by its key, with its label and given split.
std::vector<WorkItem> items_from_labelled(const LabelledInputs& labelled);

}  // namespace genrekit::extraction
