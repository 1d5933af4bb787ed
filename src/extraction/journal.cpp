#include "genrekit/extraction/journal.h"

#include <cerrno>
#include <charconv>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <unistd.h>

#include "genrekit/error.h"

namespace genrekit::extraction {

namespace {

// Payloads are one line: backslash, newline and tab are escaped.
std::string escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\\') out += "\\\\";
    else if (c == '\n') out += "\\n";
    else if (c == '\t') out += "\\t";
    else out += c;
  }
  return out;
}

std::string unescape(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 1 < text.size()) {
      const char next = text[++i];
      out += next == 'n' ? '\n' : next == 't' ? '\t' : next;
    } else {
      out += text[i];
    }
  }
  return out;
}

}  // namespace

Journal::Journal(const std::filesystem::path& file) {
  fd_ = ::open(file.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd_ < 0) throw DataError(file.string() + ": cannot open journal: " + std::strerror(errno));
}

Journal::~Journal() { ::close(fd_); }

void Journal::append(std::size_t position, const JournalEntry& entry) {
  const std::string line =
      std::to_string(position) + "\t" + (entry.ok ? "OK" : "FAIL") + "\t" + escape(entry.payload) + "\n";
  std::lock_guard lock(mutex_);
  std::size_t written = 0;
  while (written < line.size()) {
    const ssize_t n = ::write(fd_, line.data() + written, line.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw DataError(std::string("journal write failed: ") + std::strerror(errno) + " (disk full?)");
    written += static_cast<std::size_t>(n);
  }
}

std::map<std::size_t, JournalEntry> Journal::read(const std::filesystem::path& file) {
  std::map<std::size_t, JournalEntry> entries;
  std::ifstream in(file, std::ios::binary);
  if (!in) return entries;
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();
  std::size_t start = 0;
  for (std::size_t end = text.find('\n'); end != std::string::npos; start = end + 1, end = text.find('\n', start)) {
    const std::string_view line(text.data() + start, end - start);
    const auto tab1 = line.find('\t');
    const auto tab2 = tab1 == std::string_view::npos ? tab1 : line.find('\t', tab1 + 1);
    if (tab2 == std::string_view::npos) continue;  // malformed
    std::size_t position = 0;
    const auto parsed = std::from_chars(line.data(), line.data() + tab1, position);
    const std::string_view status = line.substr(tab1 + 1, tab2 - tab1 - 1);
    if (parsed.ec != std::errc() || parsed.ptr != line.data() + tab1 || (status != "OK" && status != "FAIL")) continue;
    entries.emplace(position, JournalEntry{status == "OK", unescape(line.substr(tab2 + 1))});
  }
  return entries;  // text after the last newline is a torn write: ignored
}

}  // namespace genrekit::extraction
