#pragma once
// The commit log of an extraction run: one line per finished item, appended with a single
// write(2) (so a killed process leaves whole lines, at worst a torn last one, which reading skips).
// A run directory's journal is what a resumed run trusts; everything else is rebuilt from it.
#include <cstddef>
#include <filesystem>
#include <map>
#include <mutex>
#include <string>

namespace genrekit::extraction {

struct JournalEntry {
  bool ok = false;
  std::string payload;  // ok: the item's features.csv row (no newline), or ""; failed: the reason
};

class Journal {
 public:
  explicit Journal(const std::filesystem::path& file);  // opens (creating) for appending
  ~Journal();
  Journal(const Journal&) = delete;
  Journal& operator=(const Journal&) = delete;

  void append(std::size_t position, const JournalEntry& entry);  // thread-safe, flushed to the OS

  // Entries by position; a line that is torn or malformed (a crash mid-write) is ignored, and a
  // position recorded twice keeps its first entry.
  static std::map<std::size_t, JournalEntry> read(const std::filesystem::path& file);

 private:
  int fd_;
  std::mutex mutex_;
};

}  // namespace genrekit::extraction
