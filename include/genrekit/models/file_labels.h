#pragma once
// The labels and splits of users' own audio (data.labels_csv / data.class_folders), as train and
// evaluate take them, classical and network alike: the split the CSV gives, else seeded and
// stratified with the table.* fractions, artists kept apart when there is an artist column.
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "genrekit/config/config.h"
#include "genrekit/data/fma_tracks.h"
#include "genrekit/extraction/labelled_inputs.h"

namespace genrekit::models {

// How rows without a given split are split, plain tables and users' own audio alike:
// table.validation_fraction, table.test_fraction, table.split_seed.
struct RandomSplit {
  double validation_fraction = 0.1, test_fraction = 0.1;
  std::uint64_t seed = 42;
};
// ConfigError for fractions summing to 1 or more.
RandomSplit random_split_from(const config::Config& config);

struct FileLabelSettings {
  extraction::LabelledInputSettings inputs;
  RandomSplit split;  // for a CSV without a split column, and for class folders
  // The labels CSV or the class folders, for messages and reports.
  const std::filesystem::path& source() const { return inputs.labels_csv.empty() ? inputs.class_folders : inputs.labels_csv; }
};
// Empty when the data section names no labelled inputs; ConfigError as labelled_input_settings_from
// and random_split_from.
std::optional<FileLabelSettings> file_label_settings_from(const config::Config& config);

struct FileLabel {
  std::string label;
  data::Split split = data::Split::Training;
};

struct FileLabels {
  std::filesystem::path source;                        // the CSV or the folder, for messages
  std::vector<std::string> keys;                       // in the source's order
  std::unordered_map<std::string, FileLabel> by_key;   // every key's label and split
};
FileLabels read_file_labels(const FileLabelSettings& settings);

}  // namespace genrekit::models
