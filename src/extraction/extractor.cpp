#include "genrekit/extraction/extractor.h"

#include <atomic>
#include <chrono>
#include <exception>
#include <fstream>
#include <optional>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "genrekit/data/csv_cursor.h"
#include "genrekit/data/feature_table.h"
#include "genrekit/error.h"
#include "genrekit/extraction/input_record.h"
#include "genrekit/extraction/journal.h"
#include "genrekit/extraction/log_mel_store.h"
#include "genrekit/extraction/track_features.h"
#include "genrekit/runtime/interrupt.h"
#include "genrekit/runtime/parallel.h"
#include "genrekit/runtime/progress.h"
#include "genrekit/runtime/fingerprint.h"
#include "genrekit/runtime/run_dir.h"
#include "genrekit/runtime/run_layout.h"

namespace genrekit::extraction {

namespace fs = std::filesystem;

namespace {

std::string one_line(std::string text) {
  for (char& c : text)
    if (c == '\n' || c == '\r') c = ' ';
  return text;
}

// features.csv and failures.csv from the journal, in input order; summary.json.
void write_outputs(const fs::path& run_dir, const ExtractionSettings& s, const std::string& inputs, const std::string& index_name,
                   const std::vector<WorkItem>& items, const std::map<std::size_t, JournalEntry>& journal, const ExtractionSummary& summary) {
  const runtime::RunLayout layout(run_dir);
  if (s.fma518) {
    std::string text = data::format_feature_header(index_name, features::fma_feature_columns());
    for (const auto& item : items)
      if (const auto it = journal.find(item.position); it != journal.end() && it->second.ok) text += it->second.payload + "\n";
    runtime::write_file_atomically(layout.features(), text);
  }
  std::string failures = "key,path,reason\n";
  for (const auto& item : items)
    if (const auto it = journal.find(item.position); it != journal.end() && !it->second.ok)
      failures += data::csv_escape(item.key) + "," + data::csv_escape(item.path.string()) + "," +
                  data::csv_escape(it->second.payload) + "\n";
  runtime::write_file_atomically(layout.failures(), failures);
  const nlohmann::json json = {{"items", summary.items},         {"succeeded", summary.succeeded},
                               {"failed", summary.failed},       {"already_done_at_start", summary.already_done},
                               {"seconds", summary.seconds},     {"interrupted", summary.interrupted},
                               {"part", s.shard_index},          {"parts", s.shard_count},
                               {"inputs", inputs}};
  runtime::write_file_atomically(layout.extraction_summary(), json.dump(2) + "\n");
}

}  // namespace

std::string inputs_fingerprint(const std::vector<WorkItem>& all_items) {
  std::string list;
  for (const auto& item : all_items) list += std::to_string(item.position) + "\t" + item.key + "\t" + item.path.string() + "\n";
  return runtime::fingerprint(list);
}

ExtractionSummary run_extraction(const ExtractionSettings& s, const std::vector<WorkItem>& items, const std::string& inputs,
                                 const std::string& index_name, const fs::path& run_dir, unsigned threads) {
  const auto start = std::chrono::steady_clock::now();
  const runtime::RunLayout layout(run_dir);
  fs::create_directories(layout.extract_work());
  record_inputs(run_dir, items);
  const fs::path journal_file = layout.extract_journal();
  std::map<std::size_t, JournalEntry> journal = Journal::read(journal_file);
  std::vector<const WorkItem*> todo;
  ExtractionSummary summary;
  summary.items = items.size();
  for (const auto& item : items)
    if (!journal.contains(item.position)) todo.push_back(&item);
  summary.already_done = items.size() - todo.size();

  Journal log(journal_file);
  std::optional<LogMelStore> shards;
  if (s.logmel) shards.emplace(run_dir, s.log_mel, items, journal);
  runtime::Progress progress("extract", items.size(), summary.already_done);
  std::atomic<std::size_t> succeeded{0}, failed{0};
  // A failing item is recorded and the run goes on; a failing run directory (disk full...) stops
  // everything: that exception leaves the task and parallel_for hands out nothing more.
  runtime::parallel_for(todo.size(), threads, [&](std::size_t k) {
    if (runtime::interrupt_requested()) return;
    const WorkItem& item = *todo[k];
    JournalEntry entry;
    try {
      if (!item.unreadable.empty()) throw DataError(item.unreadable);
      const TrackFeatures result = extract_track(item.path, s, layout.extract_work());
      if (s.fma518) {
        entry.payload = data::format_feature_row(item.key, result.fma518.data(), result.fma518.size());
        entry.payload.pop_back();  // the newline
      }
      if (s.logmel) shards->save_pending(item.position, result.log_mel);
      entry.ok = true;
    } catch (const std::bad_alloc&) {
      entry.payload = "out of memory";
    } catch (const std::exception& e) {
      entry.payload = one_line(e.what());
      if (entry.payload.find(item.path.string()) == std::string::npos) entry.payload = item.path.string() + ": " + entry.payload;
    }
    log.append(item.position, entry);  // the commit point
    if (shards) shards->finished(item.position);
    (entry.ok ? succeeded : failed)++;
    if (!entry.ok) spdlog::warn("failed: {}", entry.payload);
    progress.advance();
  });
  progress.finish();

  journal = Journal::read(journal_file);
  summary.succeeded = summary.failed = 0;
  for (const auto& item : items)
    if (const auto it = journal.find(item.position); it != journal.end()) (it->second.ok ? summary.succeeded : summary.failed)++;
  summary.interrupted = summary.succeeded + summary.failed < items.size();
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!summary.interrupted) write_outputs(run_dir, s, inputs, index_name, items, journal, summary);
  return summary;
}

namespace {

// Before a merge: every part finished, all of one input list and one N, each part once, none
// missing. One DataError listing every problem.
void check_parts(const std::vector<fs::path>& parts) {
  std::vector<std::string> problems;
  std::map<int, std::vector<std::string>> given;
  int count = 0;
  std::string inputs, first;
  for (const auto& dir : parts) {
    const fs::path file = runtime::RunLayout(dir).extraction_summary();
    if (!fs::exists(file)) {
      problems.push_back(dir.string() + ": not a finished extraction (no summary.json); finish it with --resume first");
      continue;
    }
    const auto json = nlohmann::json::parse(runtime::read_file(file), nullptr, false);
    if (json.is_discarded() || !json.contains("parts") || !json.contains("part") || !json.contains("inputs")) {
      problems.push_back(file.string() + ": no part record (corrupt, or made by an older genrekit)");
      continue;
    }
    const int part = json["part"].get<int>(), of = json["parts"].get<int>();
    const std::string its_inputs = json["inputs"].get<std::string>();
    if (first.empty()) {
      first = dir.string(), count = of, inputs = its_inputs;
    } else if (of != count || its_inputs != inputs) {
      problems.push_back(dir.string() + ": part " + std::to_string(part) + " of " + std::to_string(of) + " of input list " + its_inputs +
                         ", but " + first + " is of " + std::to_string(count) + " of input list " + inputs + " (a foreign part)");
      continue;
    }
    given[part].push_back(dir.string());
  }
  for (const auto& [part, dirs] : given)
    if (dirs.size() > 1) {
      std::string list;
      for (const auto& d : dirs) list += (list.empty() ? "" : ", ") + d;
      problems.push_back("part " + std::to_string(part) + " given " + std::to_string(dirs.size()) + " times: " + list);
    }
  std::string missing;
  for (int part = 1; part <= count; ++part)
    if (!given.contains(part)) missing += (missing.empty() ? "" : ", ") + std::to_string(part);
  if (!missing.empty()) problems.push_back("missing part(s) " + missing + " of " + std::to_string(count));
  if (problems.empty()) return;
  std::string message = "extract --merge: the parts do not make one extraction:";
  for (const auto& problem : problems) message += "\n  " + problem;
  throw DataError(message);
}

}  // namespace

ExtractionSummary merge_extractions(const std::vector<fs::path>& parts, const fs::path& out) {
  check_parts(parts);
  ExtractionSummary summary;
  const runtime::RunLayout merged_run(out);
  std::map<std::size_t, JournalEntry> merged;
  std::vector<WorkItem> items;
  std::string index = "key,shard,row,genre,split\n";
  bool has_fma518 = false, has_logmel = false;
  for (std::size_t p = 0; p < parts.size(); ++p) {
    const runtime::RunLayout part(parts[p]);
    has_fma518 = has_fma518 || fs::exists(part.features());
    for (const auto& [position, entry] : Journal::read(part.extract_journal())) merged.emplace(position, entry);
    // Failures carry key and path; keep them for failures.csv.
    if (std::ifstream in(part.log_mel() / "index.csv"); in) {
      has_logmel = true;
      fs::create_directories(merged_run.log_mel());
      // The parts' log-mel settings (the same configuration) go with the merged shards.
      if (const fs::path settings = part.log_mel() / "settings.json"; fs::exists(settings)) {
        const fs::path merged_settings = merged_run.log_mel() / "settings.json";
        if (!fs::exists(merged_settings)) fs::copy_file(settings, merged_settings);
        else if (runtime::read_file(settings) != runtime::read_file(merged_settings))
          throw DataError(settings.string() + ": the parts' log-mel settings differ; merge parts of one extraction");
      }
      std::string line;
      std::getline(in, line);
      while (std::getline(in, line)) {
        data::CsvCursor csv(line.data(), line.data() + line.size(), (part.log_mel() / "index.csv").string());
        csv.next_record();
        const std::string key(csv.next_field()), shard(csv.next_field());
        const std::string renamed = "part" + std::to_string(p + 1) + "-" + shard;
        if (!fs::exists(merged_run.log_mel() / renamed)) fs::copy_file(part.log_mel() / shard, merged_run.log_mel() / renamed);
        index += data::csv_escape(key) + "," + renamed + line.substr(line.find(shard) + shard.size()) + "\n";
      }
    }
  }
  // failures.csv of each part, concatenated part by part.
  std::string failures = "key,path,reason\n";
  for (const auto& part : parts) {
    std::ifstream in(runtime::RunLayout(part).failures());
    std::string line;
    std::getline(in, line);
    while (std::getline(in, line)) failures += line + "\n";
  }
  if (has_fma518) {
    std::string index_name = "track_id";
    for (const auto& part : parts)
      if (std::ifstream in(runtime::RunLayout(part).features()); in) {
        std::string line;
        for (int i = 0; i < 4 && std::getline(in, line); ++i) {}
        index_name = line.substr(0, line.find(','));
        break;
      }
    std::string text = data::format_feature_header(index_name, features::fma_feature_columns());
    for (const auto& [position, entry] : merged)
      if (entry.ok && !entry.payload.empty()) text += entry.payload + "\n";
    runtime::write_file_atomically(merged_run.features(), text);
  }
  runtime::write_file_atomically(merged_run.failures(), failures);
  if (has_logmel) runtime::write_file_atomically(merged_run.log_mel() / "index.csv", index);
  for (const auto& [position, entry] : merged) (entry.ok ? summary.succeeded : summary.failed)++;
  summary.items = merged.size();
  const nlohmann::json json = {{"items", summary.items}, {"succeeded", summary.succeeded}, {"failed", summary.failed},
                               {"merged_from", parts.size()}};
  runtime::write_file_atomically(merged_run.extraction_summary(), json.dump(2) + "\n");
  return summary;
}

}  // namespace genrekit::extraction
