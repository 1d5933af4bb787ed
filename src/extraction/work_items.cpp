#include "genrekit/extraction/work_items.h"

#include <algorithm>
#include <set>

#include "genrekit/data/fma_genres.h"
#include "genrekit/data/fma_tracks.h"
#include "genrekit/data/track_selection.h"
#include "genrekit/error.h"

namespace genrekit::extraction {

namespace fs = std::filesystem;

namespace {

bool is_audio_file(const fs::path& path) {
  static const std::set<std::string> kExtensions{".mp3", ".ogg", ".oga", ".opus", ".flac", ".wav",
                                                 ".aif", ".aiff", ".au", ".m4a"};
  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return kExtensions.contains(ext);
}

}  // namespace

std::vector<WorkItem> items_from_paths(const std::vector<std::string>& paths) {
  std::vector<WorkItem> items;
  for (const auto& given : paths) {
    const fs::path path(given);
    if (fs::is_directory(path)) {
      std::vector<fs::path> found;
      for (const auto& entry : fs::recursive_directory_iterator(path, fs::directory_options::skip_permission_denied))
        if (entry.is_regular_file() && is_audio_file(entry.path())) found.push_back(entry.path());
      std::sort(found.begin(), found.end());
      for (const auto& file : found) items.push_back({items.size(), file.string(), file, "", ""});
    } else if (fs::exists(path)) {
      items.push_back({items.size(), given, path, "", ""});
    } else {
      throw ConfigError(given + ": no such file or directory");
    }
  }
  return items;
}

std::vector<WorkItem> items_from_fma(const config::Config& config) {
  const fs::path metadata = data::metadata_dir_from(config);
  const fs::path audio = data::audio_dir_from(config);
  const auto tracks = data::read_tracks_csv(metadata / "tracks.csv");
  const auto genres = data::read_genres_csv(metadata / "genres.csv");
  std::vector<WorkItem> items;
  for (const auto& track : data::select_tracks(tracks, genres, data::track_filter_from(config)))
    items.push_back({items.size(), std::to_string(track.id), data::fma_audio_path(audio, track.id), track.genre_top,
                     std::string(data::to_string(track.split))});
  return items;
}

std::vector<WorkItem> shard_of(const std::vector<WorkItem>& items, int index, int count) {
  std::vector<WorkItem> part;
  for (const auto& item : items)
    if (item.position % static_cast<std::size_t>(count) == static_cast<std::size_t>(index - 1)) part.push_back(item);
  return part;
}

}  // namespace genrekit::extraction
