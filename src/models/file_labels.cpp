#include "genrekit/models/file_labels.h"

#include <algorithm>
#include <set>

#include "genrekit/error.h"
#include "genrekit/models/stratify.h"

namespace genrekit::models {

RandomSplit random_split_from(const config::Config& config) {
  const RandomSplit split{config.get_float("table.validation_fraction"), config.get_float("table.test_fraction"),
                          static_cast<std::uint64_t>(config.get_int("table.split_seed"))};
  if (split.validation_fraction + split.test_fraction >= 1)
    throw ConfigError("table.validation_fraction + table.test_fraction: expected a sum below 1");
  return split;
}

std::optional<FileLabelSettings> file_label_settings_from(const config::Config& config) {
  const auto inputs = extraction::labelled_input_settings_from(config);
  if (!inputs) return std::nullopt;
  return FileLabelSettings{*inputs, random_split_from(config)};
}

FileLabels read_file_labels(const FileLabelSettings& settings) {
  const extraction::LabelledInputs labelled = extraction::read_labelled_inputs(settings.inputs);
  const RandomSplit& random = settings.split;
  std::set<std::string> label_set;
  for (const auto& input : labelled.inputs) label_set.insert(input.label);
  const std::vector<std::string> classes(label_set.begin(), label_set.end());
  std::vector<std::string> keys, artists;
  std::vector<int> y;
  for (const auto& input : labelled.inputs) {
    keys.push_back(input.key);
    artists.push_back(input.artist);
    y.push_back(static_cast<int>(std::lower_bound(classes.begin(), classes.end(), input.label) - classes.begin()));
  }
  std::vector<data::Split> split;
  if (labelled.has_split) {
    for (const auto& input : labelled.inputs) split.push_back(*input.split);
  } else if (labelled.has_artist) {
    split = stratified_group_split(keys, y, artists, random.validation_fraction, random.test_fraction, random.seed);
  } else {
    split = stratified_split(keys, y, random.validation_fraction, random.test_fraction, random.seed);
  }
  FileLabels out;
  out.source = labelled.source;
  out.keys = keys;
  for (std::size_t i = 0; i < keys.size(); ++i) out.by_key[keys[i]] = {labelled.inputs[i].label, split[i]};
  return out;
}

}  // namespace genrekit::models
