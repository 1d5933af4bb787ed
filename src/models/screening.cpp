#include "genrekit/models/screening.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <mutex>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "genrekit/data/csv_cursor.h"
#include "genrekit/data/mapped_file.h"
#include "genrekit/error.h"
#include "genrekit/eval/metrics.h"
#include "genrekit/models/classical_pipeline.h"
#include "genrekit/models/model_files.h"
#include "genrekit/runtime/interrupt.h"
#include "genrekit/runtime/parallel.h"
#include "genrekit/runtime/progress.h"
#include "genrekit/runtime/run_dir.h"
#include "genrekit/runtime/versions.h"
#include "genrekit/runtime/run_layout.h"

namespace genrekit::models {

namespace fs = std::filesystem;

config::Section screening_section() {
  using config::ValueType;
  return {"screening",
          "The screening grid (train writes screening.csv and screening.html instead of one model). Fragment paths are "
          "relative to the config file that lists them (to the working directory for --set).",
          {
              {.path = "screening.feature_sets", .type = ValueType::StringList, .default_yaml = "[]",
               .description = "Config fragments, one per feature set (model.feature_groups, model.mda.*, model.pca_*); "
                              "each file's name (without .yaml) names its row."},
              {.path = "screening.classifiers", .type = ValueType::StringList, .default_yaml = "[]",
               .description = "Config fragments, one per classifier (model.type and its model.<kind>.* settings); each "
                              "file's name names its column. Empty: train fits one model, as usual."},
              {.path = "screening.published", .type = ValueType::Path, .default_yaml = "",
               .description = "A CSV of published accuracies (feature_set,classifier,accuracy in percent) shown beside "
                              "each cell (data/published/); empty: none."},
              {.path = "screening.cell_threads", .type = ValueType::Int, .default_yaml = "1", .min = 1, .max = 1024,
               .description = "Threads each cell's fit uses; run.threads / cell_threads cells run side by side (1: "
                              "as many cells as threads, the most throughput; run.threads: one cell at a time, each "
                              "fit on every thread, as scikit-learn's n_jobs).",
               .affects_results = false},
          }};
}

bool is_screening(const config::Config& config) { return !config.get_strings("screening.classifiers").empty(); }

namespace {

// A path listed under `key`, relative to the file that set the key (the working directory when it
// came from --set or the defaults).
fs::path listed_path(const config::Config& config, const std::string& key, const std::string& item) {
  const std::string& origin = config.origin(key);
  if (fs::path(item).is_absolute() || origin == "default" || origin.rfind("--set", 0) == 0) return item;
  return fs::path(origin).parent_path() / item;
}

struct Fragment {
  std::string name;  // the file's stem
  fs::path file;
};

std::vector<Fragment> fragments(const config::Config& config, const std::string& key) {
  std::vector<Fragment> out;
  for (const auto& item : config.get_strings(key)) {
    const fs::path file = listed_path(config, key, item);
    if (!fs::is_regular_file(file)) throw ConfigError(key + ": '" + item + "': no such file (looked for " + file.string() + ")");
    const std::string name = file.stem().string();
    for (const auto& f : out)
      if (f.name == name) throw ConfigError(key + ": two fragments are named '" + name + "'");
    out.push_back({name, file});
  }
  return out;
}

// The base config with a fragment merged; ConfigError when the fragment changes anything but model.*.
config::Config with_fragment(const config::Config& base, const Fragment& fragment) {
  config::Config merged = base;
  merged.merge_file(fragment.file);
  for (const auto& difference : merged.differences_affecting_results(base))
    if (difference.rfind("model.", 0) != 0)
      throw ConfigError(fragment.file.string() + ": a screening fragment may set only model.* keys, not " +
                        difference.substr(0, difference.find(':')));
  return merged;
}

std::map<std::pair<std::string, std::string>, double> read_published(const config::Config& config) {
  std::map<std::pair<std::string, std::string>, double> published;
  const std::string listed = config.get_string("screening.published");
  if (listed.empty()) return published;
  const fs::path file = listed_path(config, "screening.published", listed);
  if (!fs::is_regular_file(file)) throw ConfigError("screening.published: '" + listed + "': no such file (looked for " + file.string() + ")");
  data::MappedFile mapped(file);
  data::CsvCursor csv(mapped.begin(), mapped.end(), file.string());
  std::vector<std::string_view> row;
  if (!csv.next_record() || (csv.read_fields(row), row != std::vector<std::string_view>{"feature_set", "classifier", "accuracy"}))
    throw DataError(file.string() + ":1: expected the header feature_set,classifier,accuracy");
  while (csv.next_record()) {
    csv.read_fields(row);
    const std::string number = row.size() == 3 ? std::string(row[2]) : "";
    char* end = nullptr;
    const double value = std::strtod(number.c_str(), &end);
    if (row.size() != 3 || end == number.c_str() || *end != '\0')
      throw DataError(csv.where() + ": expected feature_set,classifier,accuracy (a number in percent)");
    published[{std::string(row[0]), std::string(row[1])}] = value;
  }
  return published;
}

nlohmann::json cell_json(const ScreeningCell& c) {
  return {{"feature_set", c.feature_set}, {"classifier", c.classifier}, {"model", c.kind},     {"dimensions", c.dimensions},
          {"train_rows", c.train_rows},   {"test_rows", c.test_rows},   {"accuracy", c.accuracy}, {"kappa", c.kappa},
          {"f1_macro", c.f1_macro},       {"fit_seconds", c.fit_seconds}, {"score_seconds", c.score_seconds},
          {"notes", c.notes},             {"error", c.error}};
}

ScreeningCell cell_from_json(const fs::path& file) {
  const auto json = read_json(file);
  ScreeningCell c;
  try {
    c.feature_set = json.at("feature_set"), c.classifier = json.at("classifier"), c.kind = json.at("model");
    c.dimensions = json.at("dimensions"), c.train_rows = json.at("train_rows"), c.test_rows = json.at("test_rows");
    c.accuracy = json.at("accuracy"), c.kappa = json.at("kappa").is_null() ? NAN : json.at("kappa").get<double>();
    c.f1_macro = json.at("f1_macro"), c.fit_seconds = json.at("fit_seconds"), c.score_seconds = json.at("score_seconds");
    c.notes = json.at("notes").get<std::vector<std::string>>(), c.error = json.at("error");
  } catch (const nlohmann::json::exception& e) {
    throw DataError(file.string() + ": corrupt cell: " + e.what());
  }
  return c;
}

}  // namespace

ScreeningReport run_screening(const config::Config& config, const fs::path& run_dir) {
  const auto sets = fragments(config, "screening.feature_sets");
  const auto classifiers = fragments(config, "screening.classifiers");
  if (sets.empty()) throw ConfigError("screening.feature_sets: expected at least one feature set fragment");
  const auto published = read_published(config);
  const data::Split split = data::parse_split(config.get_string("evaluate.split"), "evaluate.split");

  // Every cell's config is resolved (and refused) before any work, and recorded for a later `train -c`.
  struct Cell {
    std::size_t set;
    Fragment classifier;
    config::Config config;
    fs::path committed;
  };
  std::vector<config::Config> set_configs;
  std::vector<Cell> cells;
  const fs::path cell_dir = runtime::RunLayout(run_dir).screening_cells();
  fs::create_directories(cell_dir);
  for (std::size_t s = 0; s < sets.size(); ++s) {
    set_configs.push_back(with_fragment(config, sets[s]));
    for (const auto& classifier : classifiers) {
      config::Config cell = with_fragment(set_configs.back(), classifier);
      cell.set("screening.classifiers=[]");
      cell.set("screening.feature_sets=[]");
      const std::string name = sets[s].name + "__" + classifier.name;
      runtime::write_file_atomically(cell_dir / (name + ".yaml"), cell.to_yaml());
      cells.push_back({s, classifier, std::move(cell), cell_dir / (name + ".json")});
    }
  }

  ScreeningReport report;
  std::vector<std::optional<ScreeningCell>> results(cells.size());
  std::vector<std::size_t> pending;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (fs::exists(cells[i].committed)) {
      const ScreeningCell done = cell_from_json(cells[i].committed);
      if (done.error.empty()) results[i] = done;
    }
    if (!results[i]) pending.push_back(i);
  }
  if (pending.size() < cells.size())
    spdlog::info("screening: {} of {} cells already committed in {}; fitting the other {}", cells.size() - pending.size(),
                 cells.size(), cell_dir.string(), pending.size());

  // The table is read once with every column; each feature set that has pending cells is prepared once.
  if (!pending.empty()) {
    TableSource every_column = classical_settings_from(config).source;
    every_column.feature_groups.clear();
    const LabelledSet all = load_labelled_set(every_column);
    std::vector<std::optional<PreparedSet>> prepared(sets.size());
    for (std::size_t i : pending) {
      const std::size_t s = cells[i].set;
      if (prepared[s]) continue;
      const ClassicalSettings set_settings = classical_settings_from(set_configs[s]);
      spdlog::info("screening: preparing feature set {}", sets[s].name);
      prepared[s] = prepare_set(keep_columns(all, select_columns(all.columns, set_settings.source.feature_groups)),
                                set_settings.preparation, runtime::RunLayout(run_dir).screening_sets() / sets[s].name);
    }
    const unsigned threads = runtime::thread_count(config.get_int("run.threads"));
    const auto cell_threads = std::min(threads, static_cast<unsigned>(config.get_int("screening.cell_threads")));
    const unsigned side_by_side = std::max(1u, threads / cell_threads);
    spdlog::info("screening: {} cells ({} feature sets x {} classifiers), {} at a time on {} thread(s) each", pending.size(),
                 sets.size(), classifiers.size(), side_by_side, cell_threads);
    runtime::Progress progress("screening", cells.size(), cells.size() - pending.size());
    std::mutex log_mutex;
    runtime::parallel_for(pending.size(), side_by_side, [&](std::size_t p) {
      runtime::throw_if_interrupted();
      const Cell& cell = cells[pending[p]];
      const PreparedSet& data = *prepared[cell.set];
      ScreeningCell result{.feature_set = sets[cell.set].name,
                           .classifier = cell.classifier.name,
                           .kind = cell.config.get_string("model.type"),
                           .dimensions = static_cast<std::size_t>(data.X.cols()),
                           .train_rows = data.train_rows.size()};
      const auto test_rows = rows_in(data.set, {split});
      result.test_rows = test_rows.size();
      try {
        if (test_rows.empty()) throw DataError(std::string("the ") + std::string(data::to_string(split)) + " split is empty");
        FitContext context = fit_context_of(classical_settings_from(cell.config), data.set.classes);
        context.threads = cell_threads;
        context.show_progress = false;
        const auto start = std::chrono::steady_clock::now();
        const auto model = fit_model(data, cell.config, context, cell_dir / (result.feature_set + "__" + result.classifier));
        const auto fitted = std::chrono::steady_clock::now();
        result.fit_seconds = std::chrono::duration<double>(fitted - start).count();
        result.notes = model->notes();
        const auto predicted = model->predict(take_rows(data.X, test_rows));
        result.score_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - fitted).count();
        const auto metrics = eval::compute_metrics(take_labels(data.set.y, test_rows), predicted, data.set.classes);
        result.accuracy = metrics.accuracy, result.kappa = metrics.kappa, result.f1_macro = metrics.macro_f1;
      } catch (const Interrupted&) {
        throw;
      } catch (const std::exception& e) {
        result.error = e.what();
      }
      write_json(cell.committed, cell_json(result));
      {
        std::lock_guard lock(log_mutex);
        if (!result.error.empty()) spdlog::error("screening: {} x {} failed: {}", result.feature_set, result.classifier, result.error);
        else spdlog::info("screening: {} x {}: accuracy {:.4f}, kappa {:.4f} ({:.1f} s)", result.feature_set, result.classifier,
                          result.accuracy, result.kappa, result.fit_seconds);
        for (const auto& note : result.notes) spdlog::warn("screening: {} x {}: {}", result.feature_set, result.classifier, note);
      }
      results[pending[p]] = std::move(result);
      progress.advance();
    });
    progress.finish();
    report.fitted_now = pending.size();
  }

  for (auto& result : results) {
    ScreeningCell cell = std::move(*result);
    if (const auto it = published.find({cell.feature_set, cell.classifier}); it != published.end()) cell.published = it->second;
    if (!cell.error.empty()) ++report.failed;
    report.cells.push_back(std::move(cell));
  }
  runtime::write_file_atomically(runtime::RunLayout(run_dir).screening_table(), screening_csv(report.cells));
  const std::string stamp = "genrekit " + runtime::genrekit_version() + "; scored on the " +
                            std::string(data::to_string(split)) + " split; " + std::to_string(report.cells.front().train_rows) +
                            " training rows";
  runtime::write_file_atomically(runtime::RunLayout(run_dir).screening_page(), screening_html(report.cells, "Screening: " + run_dir.filename().string(), stamp));
  return report;
}

std::string screening_csv(const std::vector<ScreeningCell>& cells) {
  std::string out =
      "feature_set,classifier,model,dimensions,accuracy,kappa,f1_macro,fit_seconds,score_seconds,published_accuracy,train_rows,"
      "test_rows,error\n";
  char numbers[160];
  for (const auto& c : cells) {
    std::snprintf(numbers, sizeof numbers, "%.6f,%.6f,%.6f,%.3f,%.3f,", c.accuracy, c.kappa, c.f1_macro, c.fit_seconds, c.score_seconds);
    std::string published;
    if (c.published) {
      char value[32];
      std::snprintf(value, sizeof value, "%.2f", *c.published);
      published = value;
    }
    out += data::csv_escape(c.feature_set) + "," + data::csv_escape(c.classifier) + "," + c.kind + "," + std::to_string(c.dimensions) +
           "," + numbers + published + "," + std::to_string(c.train_rows) + "," + std::to_string(c.test_rows) + "," +
           data::csv_escape(c.error) + "\n";
  }
  return out;
}

}  // namespace genrekit::models
