#include "genrekit/extraction/log_mel_store.h"

#include <cstdio>
#include <fstream>
#include <sstream>

#include "genrekit/data/csv_cursor.h"
#include "genrekit/error.h"
#include "genrekit/runtime/run_dir.h"
#include "genrekit/runtime/run_layout.h"

namespace genrekit::extraction {

namespace fs = std::filesystem;

namespace {

std::string shard_name(std::size_t block) {
  char name[32];
  std::snprintf(name, sizeof name, "shard-%05zu.npy", block);
  return name;
}

constexpr const char* kIndexHeader = "key,shard,row,genre,split\n";

}  // namespace

LogMelStore::LogMelStore(const fs::path& run_dir, const LogMelSettings& settings, std::vector<WorkItem> items,
                         const std::map<std::size_t, JournalEntry>& finished)
    : dir_(runtime::RunLayout(run_dir).log_mel()), settings_(settings), items_(std::move(items)) {
  fs::create_directories(dir_ / "pending");
  const auto size = static_cast<std::size_t>(settings_.shard_size);
  finished_in_block_.assign((items_.size() + size - 1) / size, 0);
  for (std::size_t i = 0; i < items_.size(); ++i) {
    slot_of_[items_[i].position] = i;
    if (const auto it = finished.find(items_[i].position); it != finished.end()) {
      ++finished_in_block_[i / size];
      if (it->second.ok) ok_.insert(items_[i].position);
    }
  }
  // Blocks already listed in index.csv are sealed; rows are grouped back by their shard file.
  if (std::ifstream in(dir_ / "index.csv"); in) {
    std::string line;
    std::getline(in, line);  // header
    while (std::getline(in, line)) {
      std::string row = line;
      data::CsvCursor csv(row.data(), row.data() + row.size(), (dir_ / "index.csv").string());
      if (!csv.next_record()) continue;
      csv.next_field();
      const std::string shard(csv.next_field());
      std::size_t block = 0;
      if (std::sscanf(shard.c_str(), "shard-%zu.npy", &block) == 1) index_rows_[block].push_back(line + "\n");
    }
  }
  std::lock_guard lock(mutex_);
  for (std::size_t b = 0; b < finished_in_block_.size(); ++b) {
    const std::size_t block_items = std::min(size, items_.size() - b * size);
    if (index_rows_.contains(b)) {  // sealed; a crash may have left its pending files behind
      for (std::size_t i = b * size; i < b * size + block_items; ++i) fs::remove(pending_path(items_[i].position));
    } else if (finished_in_block_[b] == block_items) {
      seal(b);
    }
  }
}

fs::path LogMelStore::pending_path(std::size_t position) const { return dir_ / "pending" / (std::to_string(position) + ".f32"); }

void LogMelStore::save_pending(std::size_t position, const dsp::Matrix& log_mel) const {
  std::vector<float> values(static_cast<std::size_t>(log_mel.size()));
  for (Eigen::Index r = 0; r < log_mel.rows(); ++r)  // row-major (time, mel)
    for (Eigen::Index c = 0; c < log_mel.cols(); ++c)
      values[static_cast<std::size_t>(r * log_mel.cols() + c)] = static_cast<float>(log_mel(r, c));
  runtime::write_file_atomically(pending_path(position),
                                 {reinterpret_cast<const char*>(values.data()), values.size() * sizeof(float)});
}

void LogMelStore::finished(std::size_t position) {
  std::lock_guard lock(mutex_);
  const std::size_t slot = slot_of_.at(position);
  if (fs::exists(pending_path(position))) ok_.insert(position);
  const auto size = static_cast<std::size_t>(settings_.shard_size);
  const std::size_t block = slot / size;
  const std::size_t block_items = std::min(size, items_.size() - block * size);
  if (++finished_in_block_[block] == block_items) seal(block);
}

void LogMelStore::seal(std::size_t block) {
  const auto size = static_cast<std::size_t>(settings_.shard_size);
  const std::size_t first = block * size, last = std::min(items_.size(), first + size);
  const auto frames = static_cast<std::size_t>(settings_.params.frames);
  const auto mels = static_cast<std::size_t>(settings_.params.n_mels);
  std::vector<float> values;
  std::vector<std::string> rows;
  std::vector<fs::path> pending;
  for (std::size_t i = first; i < last; ++i) {
    const WorkItem& item = items_[i];
    if (!ok_.contains(item.position)) continue;
    const fs::path file = pending_path(item.position);
    std::ifstream in(file, std::ios::binary);
    std::vector<float> matrix(frames * mels);
    in.read(reinterpret_cast<char*>(matrix.data()), static_cast<std::streamsize>(matrix.size() * sizeof(float)));
    if (!in) throw DataError(file.string() + ": pending spectrogram missing or short");
    values.insert(values.end(), matrix.begin(), matrix.end());
    rows.push_back(data::csv_escape(item.key) + "," + shard_name(block) + "," + std::to_string(rows.size()) + "," +
                   data::csv_escape(item.genre) + "," + item.split + "\n");
    pending.push_back(file);
  }
  if (!rows.empty())
    runtime::write_file_atomically(dir_ / shard_name(block), data::npy_bytes({rows.size(), frames, mels}, values, settings_.dtype));
  index_rows_[block] = rows;
  write_index();
  for (const auto& file : pending) fs::remove(file);
}

void LogMelStore::write_index() const {
  std::string text = kIndexHeader;
  for (const auto& [block, rows] : index_rows_)
    for (const auto& row : rows) text += row;
  runtime::write_file_atomically(dir_ / "index.csv", text);
}

}  // namespace genrekit::extraction
