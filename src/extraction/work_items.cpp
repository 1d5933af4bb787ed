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

namespace {

std::string kind_of(fs::file_type type) {
  switch (type) {
    case fs::file_type::fifo: return "a FIFO";
    case fs::file_type::socket: return "a socket";
    case fs::file_type::block: return "a block device";
    case fs::file_type::character: return "a character device";
    default: return "not a regular file";
  }
}

// Walks `folder` in sorted order; audio files become items, what cannot be read items with a reason.
void walk(const fs::path& folder, std::set<fs::path>& walked, std::vector<WorkItem>& items) {
  const auto add = [&](const fs::path& path, std::string reason) {
    items.push_back({items.size(), path.string(), path, "", "", std::move(reason)});
  };
  std::error_code error;
  const fs::path canonical = fs::canonical(folder, error);
  if (!error && !walked.insert(canonical).second) {
    add(folder, "a link to a folder already walked (" + canonical.string() + "): not walked twice");
    return;
  }
  std::vector<fs::path> entries;
  fs::directory_iterator it(folder, error);
  for (; !error && it != fs::directory_iterator(); it.increment(error)) entries.push_back(it->path());
  if (error) {
    add(folder, "cannot list the folder: " + error.message());
    return;
  }
  std::sort(entries.begin(), entries.end());
  for (const auto& entry : entries) {
    std::error_code link_error, status_error;
    const fs::file_status own = fs::symlink_status(entry, link_error);
    if (link_error) {
      if (is_audio_file(entry)) add(entry, "vanished while the folder was walked: " + link_error.message());
      continue;
    }
    const fs::file_status target = fs::status(entry, status_error);  // through links
    if (status_error) {
      if (fs::is_symlink(own) && (is_audio_file(entry) || status_error == std::errc::too_many_symbolic_link_levels))
        add(entry, status_error == std::errc::too_many_symbolic_link_levels ? "a link loop: " + status_error.message()
                                                                             : "a dangling link: " + status_error.message());
      else if (!fs::is_symlink(own) && is_audio_file(entry))
        add(entry, "cannot read: " + status_error.message());
      continue;
    }
    if (fs::is_directory(target)) {
      walk(entry, walked, items);
    } else if (is_audio_file(entry)) {
      if (fs::is_regular_file(target)) add(entry, "");
      else add(entry, kind_of(target.type()) + ", not an audio file");
    }
  }
}

}  // namespace

std::vector<WorkItem> items_from_paths(const std::vector<std::string>& paths) {
  std::vector<WorkItem> items;
  for (const auto& given : paths) {
    const fs::path path(given);
    std::error_code error;
    if (fs::is_directory(path, error)) {
      std::set<fs::path> walked;
      walk(path, walked, items);
    } else if (fs::exists(path, error) || fs::is_symlink(fs::symlink_status(path, error))) {
      items.push_back({items.size(), given, path, "", "", ""});
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
