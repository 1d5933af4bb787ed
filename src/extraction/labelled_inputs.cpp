#include "genrekit/extraction/labelled_inputs.h"

#include <algorithm>
#include <array>
#include <map>

#include "genrekit/config/closest.h"
#include "genrekit/data/csv_cursor.h"
#include "genrekit/data/mapped_file.h"
#include "genrekit/data/unique_keys.h"
#include "genrekit/error.h"

namespace genrekit::extraction {

namespace fs = std::filesystem;

namespace {

enum class Column { Path, Label, Split, Artist };
constexpr std::array<const char*, 4> kColumnNames{"path", "label", "split", "artist"};

}  // namespace

LabelledInputs read_labels_csv(const fs::path& csv_file, const fs::path& audio_dir) {
  data::MappedFile mapped(csv_file);
  data::CsvCursor csv(mapped.begin(), mapped.end(), csv_file.string());
  const std::string expected = "expected the columns path,label and optionally split and artist";
  if (!csv.next_record()) throw DataError(csv_file.string() + ": empty; " + expected);
  std::vector<Column> columns;
  std::map<Column, bool> seen;
  const std::vector<std::string> names(kColumnNames.begin(), kColumnNames.end());
  while (!csv.record_end()) {
    const std::string name(csv.next_field());
    const auto it = std::find(names.begin(), names.end(), name);
    if (it == names.end()) {
      const std::string suggestion = config::closest_name(name, names);
      throw DataError(csv_file.string() + ":1: unknown column '" + name + "'" +
                      (suggestion.empty() ? "" : " (did you mean '" + suggestion + "'?)") + "; " + expected);
    }
    const auto column = static_cast<Column>(it - names.begin());
    if (seen[column]) throw DataError(csv_file.string() + ":1: the column '" + name + "' is named twice");
    seen[column] = true;
    columns.push_back(column);
  }
  if (!seen[Column::Path] || !seen[Column::Label])
    throw DataError(csv_file.string() + ":1: no '" + std::string(seen[Column::Path] ? "label" : "path") + "' column; " + expected);

  LabelledInputs out;
  out.source = csv_file;
  out.has_split = seen[Column::Split];
  out.has_artist = seen[Column::Artist];
  const fs::path root = audio_dir.empty() ? csv_file.parent_path() : audio_dir;
  data::UniqueKeys paths;
  while (csv.next_record()) {
    LabelledInput input;
    for (std::size_t c = 0; c < columns.size(); ++c) {
      if (csv.record_end())
        throw DataError(csv.where() + ": expected " + std::to_string(columns.size()) + " fields, found " + std::to_string(c));
      const std::string_view field = csv.next_field();
      const char* name = kColumnNames[static_cast<std::size_t>(columns[c])];
      if (field.empty() && columns[c] != Column::Artist) throw DataError(csv.where() + ": the " + name + " is empty");
      switch (columns[c]) {
        case Column::Path:
          input.key = field;
          paths.add(field, csv);
          input.path = fs::path(input.key).is_absolute() ? fs::path(input.key) : root / input.key;
          break;
        case Column::Label: input.label = field; break;
        case Column::Split: input.split = data::parse_split(field, csv.where()); break;
        case Column::Artist: input.artist = field; break;
      }
    }
    if (!csv.record_end()) throw DataError(csv.where() + ": expected " + std::to_string(columns.size()) + " fields, found more");
    out.inputs.push_back(std::move(input));
  }
  if (out.inputs.empty()) throw DataError(csv_file.string() + ": no rows below the header");
  return out;
}

LabelledInputs scan_class_folders(const fs::path& dir) {
  if (!fs::is_directory(dir)) throw ConfigError("data.class_folders: '" + dir.string() + "' is not a directory");
  LabelledInputs out;
  out.source = dir;
  for (auto& item : items_from_paths({dir.string()})) {
    const fs::path relative = item.path.lexically_relative(dir);
    if (std::distance(relative.begin(), relative.end()) < 2)
      throw DataError(item.path.string() + ": an audio file directly in data.class_folders has no label; expected " +
                      (dir / "<label>" / item.path.filename()).string());
    out.inputs.push_back({.key = relative.generic_string(),
                          .path = item.path,
                          .label = relative.begin()->string(),
                          .unreadable = std::move(item.unreadable)});
  }
  if (out.inputs.empty()) throw DataError(dir.string() + ": no audio files in its class folders (expected DIR/<label>/...)");
  return out;
}

std::optional<LabelledInputSettings> labelled_input_settings_from(const config::Config& config) {
  LabelledInputSettings s{config.get_string("data.labels_csv"), config.get_string("data.class_folders"),
                          config.get_string("data.audio_dir")};
  if (s.labels_csv.empty() && s.class_folders.empty()) return std::nullopt;
  if (!s.labels_csv.empty() && !s.class_folders.empty())
    throw ConfigError("data.labels_csv (" + config.origin("data.labels_csv") + ") and data.class_folders (" +
                      config.origin("data.class_folders") + "): both set; expected one source of labels");
  return s;
}

LabelledInputs read_labelled_inputs(const LabelledInputSettings& settings) {
  // Checked here, not when the settings are read: predict reads a run's settings on machines that
  // need not hold its training data.
  if (!settings.labels_csv.empty() && !fs::is_regular_file(settings.labels_csv))
    throw ConfigError("data.labels_csv: '" + settings.labels_csv.string() + "' is not a file");
  if (!settings.labels_csv.empty() && !settings.audio_dir.empty() && !fs::is_directory(settings.audio_dir))
    throw ConfigError("data.audio_dir: '" + settings.audio_dir.string() + "' is not a directory (the root of data.labels_csv's paths)");
  return settings.labels_csv.empty() ? scan_class_folders(settings.class_folders)
                                     : read_labels_csv(settings.labels_csv, settings.audio_dir);
}

std::vector<WorkItem> items_from_labelled(const LabelledInputs& labelled) {
  std::vector<WorkItem> items;
  for (const auto& input : labelled.inputs)
    items.push_back({items.size(), input.key, input.path, input.label,
                     input.split ? std::string(data::to_string(*input.split)) : "", input.unreadable});
  return items;
}

}  // namespace genrekit::extraction
