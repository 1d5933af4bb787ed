#include "genrekit/models/classical_pipeline.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>
#include <spdlog/spdlog.h>

#include "genrekit/data/fma_genres.h"
#include "genrekit/data/track_selection.h"
#include "genrekit/data/csv_cursor.h"
#include "genrekit/error.h"
#include "genrekit/extraction/settings.h"
#include "genrekit/features/fma_features.h"
#include "genrekit/models/hyperparameter_search.h"
#include "genrekit/models/mda.h"
#include "genrekit/models/model_kind.h"
#include "genrekit/models/network_section.h"
#include "genrekit/models/screening.h"
#include "genrekit/models/vote.h"
#include "genrekit/runtime/parallel.h"
#include "genrekit/runtime/run_dir.h"
#include "genrekit/runtime/run_layout.h"

namespace genrekit::models {

namespace fs = std::filesystem;

namespace {

std::vector<std::string> model_type_choices() {
  std::vector<std::string> choices;
  for (const auto& kind : model_kinds()) choices.push_back(kind.name);
  for (const auto& network : network_kinds()) choices.push_back(network.name);
  return choices;
}

std::string model_type_description() {
  std::string text = "The classifier:";
  for (const auto& kind : model_kinds()) text += " " + kind.name + " (" + kind.summary + ");";
  text += " or a network (see network.*):";
  for (const auto& network : network_kinds()) text += " " + network.name + " (" + network.summary + ");";
  return text;
}

}  // namespace

config::Section model_section() {
  using config::ValueType;
  config::Section section{"model",
          "The classical classifier: which features, which model, its hyper-parameters.",
          {
              {.path = "model.features_csv", .type = ValueType::Path, .default_yaml = "",
               .description = "Feature table: FMA's features.csv format (FMA's own, or extract's), indexed by track id, or a "
                              "plain table (table.format); empty: FMA's own, data.metadata_dir/features.csv."},
              {.path = "model.feature_groups", .type = ValueType::StringList, .default_yaml = "[]",
               .description = "Features to use: names (mfcc, spectral_contrast, chroma_cens, ...) or feature/statistic "
                              "(mfcc/mean); empty uses all 518."},
              {.path = "model.mda.top_k", .type = ValueType::Int, .default_yaml = "0", .min = 0, .max = 100000,
               .description = "Keep the k features whose shuffling costs a random forest most validation accuracy (MDA; "
                              "forest fitted on the training split, importance on the validation split; 0: off; the thesis: 40)."},
              {.path = "model.mda.trees", .type = ValueType::Int, .default_yaml = "100", .min = 1, .max = 10000,
               .description = "MDA: trees in the random forest."},
              {.path = "model.mda.max_depth", .type = ValueType::Int, .default_yaml = "30", .min = 1, .max = 64,
               .description = "MDA: depth of its trees."},
              {.path = "model.mda.repeats", .type = ValueType::Int, .default_yaml = "5", .min = 1, .max = 1000,
               .description = "MDA: seeded shuffles per feature (the importance is the mean accuracy drop)."},
              {.path = "model.pca_components", .type = ValueType::Int, .default_yaml = "0", .min = 0, .max = 518,
               .description = "Project the standardised features on this many principal components (0: no PCA; "
                              "the thesis tried 4, whitened)."},
              {.path = "model.pca_whiten", .type = ValueType::Bool, .default_yaml = "false",
               .description = "Scale each principal component to unit variance."},
              {.path = "model.type", .type = ValueType::Choice, .default_yaml = "hard_vote", .choices = model_type_choices(),
               .description = model_type_description()},
              {.path = "model.train_splits", .type = ValueType::StringList, .default_yaml = "[training]",
               .choices = {"training", "validation", "test"},
               .description = "Splits to fit on (the thesis' final models: [training, validation])."},
              {.path = "model.class_weight", .type = ValueType::Choice, .default_yaml = "none",
               .choices = {"none", "balanced", "custom"},
               .description = "balanced weighs each class by n / (classes x n_class) of the rows being fitted, for FMA's "
                              "imbalance; custom takes model.class_weights."},
              {.path = "model.class_weights", .type = ValueType::StringList, .default_yaml = "[]",
               .description = "custom: \"Genre=weight\" items, e.g. [\"Blues=4\", \"Easy Listening=10\"]; unlisted classes weigh 1."},
          }};
  for (auto& key : model_kind_keys()) section.keys.push_back(std::move(key));
  return section;
}

config::Section table_section() {
  using config::ValueType;
  return {"table",
          "How model.features_csv is read: FMA's features.csv layout joined with tracks.csv (or with data.labels_csv / class_folders), or a plain table; and how your own audio or a plain table is split.",
          {
              {.path = "table.format", .type = ValueType::Choice, .default_yaml = "fma", .choices = {"fma", "plain"},
               .description = "fma: features.csv (three header rows) labelled with tracks.csv's genre_top; plain: one "
                              "header row, an id column, a label column, numeric columns."},
              {.path = "table.id_column", .type = ValueType::String, .default_yaml = "",
               .description = "plain: the id column (empty: the first column)."},
              {.path = "table.label_column", .type = ValueType::String, .default_yaml = "genre",
               .description = "plain: the label column; rows with an empty label are left out."},
              {.path = "table.extraction_run", .type = ValueType::Path, .default_yaml = "",
               .description = "plain: the extract run whose features.csv the table's columns come from, each named "
                              "feature/statistics/number (mfcc/mean/01: pandas' '/'.join of its header); the run's "
                              "extraction profile is recorded, so predict computes the same features from audio."},
              {.path = "table.split_column", .type = ValueType::String, .default_yaml = "",
               .description = "plain: a column of training|validation|test; empty: a seeded stratified random split."},
              {.path = "table.validation_fraction", .type = ValueType::Float, .default_yaml = "0.1", .min = 0, .max = 0.9,
               .description = "plain tables and your own audio (data.labels_csv, class_folders), random split: share of each class in validation."},
              {.path = "table.test_fraction", .type = ValueType::Float, .default_yaml = "0.1", .min = 0, .max = 0.9,
               .description = "plain tables and your own audio, random split: share of each class in test."},
              {.path = "table.split_seed", .type = ValueType::Int, .default_yaml = "42", .min = 0,
               .description = "plain tables and your own audio, random split: its seed (apart from run.seed, so models can be re-seeded on the same "
                              "split); without artists, a row's split depends only on its id, label and this seed."},
          }};
}

std::vector<config::Section> training_sections() {
  return {data::data_section(),       model_section(),      table_section(),    search_section(), evaluate_section(),
          screening_section(), extraction::features_section(), network_section()};
}

config::Section evaluate_section() {
  using config::ValueType;
  return {"evaluate",
          "What evaluate scores.",
          {
              {.path = "evaluate.split", .type = ValueType::Choice, .default_yaml = "test",
               .choices = {"training", "validation", "test"}, .description = "The split to score."},
          }};
}

namespace {

ClassWeights class_weights_of(const ClassicalSettings& settings, const std::vector<std::string>& classes) {
  ClassWeights weights{.balanced = settings.class_weight == "balanced"};
  if (settings.class_weight != "custom") return weights;
  weights.custom.assign(classes.size(), 1.0);
  for (const auto& item : settings.class_weights) {
    const auto eq = item.rfind('=');
    const std::string name = item.substr(0, eq == std::string::npos ? item.size() : eq);
    const auto it = std::find(classes.begin(), classes.end(), name);
    double weight = 0;
    const char* text = eq == std::string::npos ? "" : item.c_str() + eq + 1;
    char* end = nullptr;
    if (eq != std::string::npos) weight = std::strtod(text, &end);
    if (eq == std::string::npos || end == text || *end != '\0' || !(weight > 0))
      throw ConfigError("model.class_weights: '" + item + "': expected \"Class=weight\" with a positive weight");
    if (it == classes.end()) {
      std::string known;
      for (const auto& c : classes) known += (known.empty() ? "" : ", ") + c;
      throw ConfigError("model.class_weights: '" + name + "' is not a class of the training data (" + known + ")");
    }
    weights.custom[static_cast<std::size_t>(it - classes.begin())] = weight;
  }
  return weights;
}

}  // namespace

ClassicalSettings classical_settings_from(const config::Config& config) {
  ClassicalSettings s;
  s.type = config.get_string("model.type");
  TableSource& source = s.source;
  source.plain = config.get_string("table.format") == "plain";
  source.features_csv = config.get_string("model.features_csv");
  source.file_labels = file_label_settings_from(config);
  if (source.file_labels) {
    if (source.plain)
      throw ConfigError("table.format: plain, with labels from " + source.file_labels->source().string() +
                        "; expected fma: the labels join extract's features.csv (a plain table has labels of its own)");
    if (source.features_csv.empty())
      throw ConfigError("model.features_csv: not set; expected the features.csv of an extract run over the same labelled audio");
  } else if (source.plain) {
    if (source.features_csv.empty()) throw ConfigError("model.features_csv: not set; expected the plain feature table");
    source.layout = {config.get_string("table.id_column"), config.get_string("table.label_column"), config.get_string("table.split_column")};
    source.random_split = random_split_from(config);
    source.extraction_run = config.get_string("table.extraction_run");
    if (!source.extraction_run.empty() && !fs::exists(runtime::RunLayout(source.extraction_run).config()))
      throw ConfigError("table.extraction_run: '" + source.extraction_run.string() + "' is not an extract run directory (no " +
                        runtime::RunLayout(source.extraction_run).config().filename().string() + " in it)");
  } else {
    source.metadata_dir = data::metadata_dir_from(config);
    if (source.features_csv.empty()) source.features_csv = source.metadata_dir / "features.csv";
    source.filter = data::track_filter_from(config);
  }
  source.feature_groups = config.get_strings("model.feature_groups");
  source.threads = runtime::thread_count(config.get_int("run.threads"));
  Preparation& p = s.preparation;
  for (const auto& split : config.get_strings("model.train_splits")) p.train_splits.push_back(data::parse_split(split, "model.train_splits"));
  p.mda_top_k = static_cast<int>(config.get_int("model.mda.top_k"));
  p.mda_trees = static_cast<int>(config.get_int("model.mda.trees"));
  p.mda_max_depth = static_cast<int>(config.get_int("model.mda.max_depth"));
  p.mda_repeats = static_cast<int>(config.get_int("model.mda.repeats"));
  p.pca_components = static_cast<int>(config.get_int("model.pca_components"));
  p.pca_whiten = config.get_bool("model.pca_whiten");
  p.seed = static_cast<std::uint64_t>(config.get_int("run.seed"));
  p.threads = source.threads;
  s.class_weight = config.get_string("model.class_weight");
  s.class_weights = config.get_strings("model.class_weights");
  if (s.class_weight != "none")
    for (const ModelKind* kind : fitted_kinds(config, s.type))
      if (!kind->takes_class_weights)
        throw ConfigError("model.class_weight: " + kind->name + " takes no class weights (as in scikit-learn); set it to none");
  return s;
}

FitContext fit_context_of(const ClassicalSettings& settings, const std::vector<std::string>& classes) {
  return {.classes = classes,
          .class_weights = class_weights_of(settings, classes),
          .seed = settings.preparation.seed,
          .threads = settings.preparation.threads};
}

std::vector<std::size_t> rows_in(const LabelledSet& set, const std::vector<data::Split>& splits) {
  std::vector<std::size_t> rows;
  for (std::size_t i = 0; i < set.split.size(); ++i)
    if (std::find(splits.begin(), splits.end(), set.split[i]) != splits.end()) rows.push_back(i);
  return rows;
}

namespace {

// A plain table's columns named "feature/statistics/number" as the extractor's (feature, statistic,
// number); DataError naming the first that is not one of the 518.
std::vector<data::FeatureColumn> extractor_columns_of(const std::vector<data::FeatureColumn>& named, const fs::path& table) {
  std::vector<data::FeatureColumn> columns;
  for (const auto& column : named) {
    const auto first = column.feature.find('/'), second = column.feature.find('/', first + 1);
    if (first == std::string::npos || second == std::string::npos)
      throw DataError(table.string() + ":1: column '" + column.feature + "': expected feature/statistics/number (e.g. mfcc/mean/01), "
                      "the extractor's column names (table.extraction_run is set)");
    columns.push_back({column.feature.substr(0, first), column.feature.substr(first + 1, second - first - 1), column.feature.substr(second + 1)});
  }
  std::vector<std::string> missing;
  locate_columns(features::fma_feature_columns(), columns, missing);
  if (!missing.empty()) throw DataError(table.string() + ":1: column '" + missing.front() + "' is not one of the extractor's 518");
  return columns;
}

// How predict computes a run's features: the extract run's profile (FMA's file: fma, FFmpeg), or none
// for a plain table of features from elsewhere.
std::optional<ExtractionProfile> extraction_profile_of(const TableSource& source) {
  if (!source.plain) return profile_of_features(source.features_csv);
  if (source.extraction_run.empty()) return std::nullopt;
  return profile_of_features(runtime::RunLayout(source.extraction_run).features());
}

}  // namespace

LabelledSet load_labelled_set(const TableSource& source) {
  const fs::path& features_csv = source.features_csv;
  LabelledSet set;
  if (source.file_labels) {
    const LabelledSet all = join_file_labels(data::read_feature_csv(features_csv, source.threads), read_file_labels(*source.file_labels));
    set = keep_columns(all, select_columns(all.columns, source.feature_groups));
    if (set.missing_features > 0)
      spdlog::warn("{} labelled files have no row in {} (failed extractions?); they are left out", set.missing_features,
                   features_csv.string());
  } else if (source.plain) {
    const auto table = data::read_plain_table(features_csv, source.layout);
    LabelledSet all = label_plain(table, source.random_split.validation_fraction, source.random_split.test_fraction,
                                  source.random_split.seed);
    if (!source.extraction_run.empty()) all.columns = extractor_columns_of(all.columns, features_csv);
    if (all.ids.size() < table.features.rows())
      spdlog::warn("{}: {} rows have no label; they are left out", features_csv.string(), table.features.rows() - all.ids.size());
    set = keep_columns(all, select_columns(all.columns, source.feature_groups));
  } else {
    auto filter = source.filter;
    if (filter.missing_genre_top == data::MissingGenreTop::Keep) filter.missing_genre_top = data::MissingGenreTop::Drop;
    const auto tracks = data::select_tracks(data::read_tracks_csv(source.metadata_dir / "tracks.csv"),
                                            data::read_genres_csv(source.metadata_dir / "genres.csv"), filter);
    const LabelledSet all = join_fma(data::read_feature_csv(features_csv, source.threads), tracks);
    set = keep_columns(all, select_columns(all.columns, source.feature_groups));
    if (set.missing_features > 0)
      spdlog::warn("{} selected tracks have no row in {} (failed extractions?); they are left out", set.missing_features,
                   features_csv.string());
  }
  set.source = features_csv;
  return set;
}

namespace {

// MDA: the top_k columns by permutation importance (forest on the training split, importance on
// the validation split); every column's importance goes to mda_dir/mda.csv.
LabelledSet keep_most_important(const LabelledSet& set, const Preparation& preparation, const fs::path& mda_dir) {
  const auto top_k = static_cast<std::size_t>(preparation.mda_top_k);
  const auto fit_rows = rows_in(set, {data::Split::Training}), score_rows = rows_in(set, {data::Split::Validation});
  if (fit_rows.empty() || score_rows.empty())
    throw DataError("model.mda.top_k: MDA needs training and validation rows; the selection has " +
                    std::to_string(fit_rows.size()) + " and " + std::to_string(score_rows.size()));
  if (top_k > set.columns.size())
    throw ConfigError("model.mda.top_k: " + std::to_string(top_k) + " is more than the " + std::to_string(set.columns.size()) +
                      " selected features");
  const MdaParams params{.trees = preparation.mda_trees,
                         .max_depth = preparation.mda_max_depth,
                         .repeats = preparation.mda_repeats,
                         .threads = static_cast<int>(preparation.threads),
                         .seed = preparation.seed};
  const auto ranking = permutation_importance(take_rows(set.X, fit_rows), take_labels(set.y, fit_rows), take_rows(set.X, score_rows),
                                              take_labels(set.y, score_rows), static_cast<int>(set.classes.size()), params);
  std::string csv = "rank,feature,statistics,number,importance,std,kept\n";
  std::vector<std::size_t> kept;
  char numbers[64];
  for (std::size_t rank = 0; rank < ranking.size(); ++rank) {
    const auto& column = set.columns[ranking[rank].column];
    std::snprintf(numbers, sizeof numbers, "%.6g,%.6g", ranking[rank].importance, ranking[rank].spread);
    csv += std::to_string(rank + 1) + "," + data::csv_escape(column.feature) + "," + column.statistic + "," + column.number + "," +
           numbers + "," + (rank < top_k ? "true" : "false") + "\n";
    if (rank < top_k) kept.push_back(ranking[rank].column);
  }
  fs::create_directories(mda_dir);
  runtime::write_file_atomically(mda_dir / "mda.csv", csv);
  std::sort(kept.begin(), kept.end());  // keep the table's column order
  spdlog::info("MDA kept {} of {} features (ranking in {})", kept.size(), set.columns.size(), (mda_dir / "mda.csv").string());
  return keep_columns(set, kept);
}

}  // namespace

namespace {

// A classifier needs two classes to tell apart; a class without training rows can never be
// predicted, and its tracks elsewhere can only count as errors: said, naming them.
void check_training_classes(const LabelledSet& set, const std::vector<std::size_t>& train_rows) {
  std::vector<std::size_t> counts(set.classes.size(), 0);
  for (std::size_t r : train_rows) ++counts[static_cast<std::size_t>(set.y[r])];
  std::vector<std::string> present, absent;
  for (std::size_t c = 0; c < counts.size(); ++c) (counts[c] > 0 ? present : absent).push_back(set.classes[c]);
  if (present.size() < 2)
    throw DataError("the training rows hold " + std::string(present.empty() ? "no class" : "one class, '" + present.front() + "'") +
                    ": a classifier needs at least two (check the data selection and model.train_splits)");
  if (!absent.empty()) {
    std::string list;
    for (const auto& name : absent) list += (list.empty() ? "'" : ", '") + name + "'";
    spdlog::warn("{} class(es) with no training rows, seen only in other splits: {}; the model can never predict them",
                 absent.size(), list);
  }
}

}  // namespace

PreparedSet prepare_set(LabelledSet set, const Preparation& preparation, const fs::path& mda_dir) {
  PreparedSet p;
  p.train_rows = rows_in(set, preparation.train_splits);
  if (p.train_rows.empty()) throw DataError("no training rows: the selection holds no track of model.train_splits");
  check_training_classes(set, p.train_rows);
  if (const auto missing = set.X.array().isNaN().count(); missing > 0)
    spdlog::info("{} cells of the table are missing (empty, NaN or infinite): the standardiser fills them with the training "
                 "mean (0 after scaling)",
                 missing);
  if (preparation.mda_top_k > 0) set = keep_most_important(set, preparation, mda_dir);
  p.standardizer = Standardizer::fit(set.X, p.train_rows);
  if (preparation.pca_components > 0)
    p.pca = Pca::fit(p.standardizer.transform(set.X), p.train_rows, preparation.pca_components, preparation.pca_whiten);
  p.X = prepare_features(p.standardizer, p.pca, set.X);  // as evaluate and predict will
  p.set = std::move(set);
  return p;
}

std::shared_ptr<const Classifier> fit_model(const PreparedSet& prepared, const config::Config& config, const FitContext& context,
                                            const fs::path& search_dir) {
  const auto n_classes = static_cast<int>(prepared.set.classes.size());
  const FeatureMatrix train_x = take_rows(prepared.X, prepared.train_rows);
  const auto train_y = take_labels(prepared.set.y, prepared.train_rows);
  config::Config fitted = config;
  if (wants_search(config)) {
    std::vector<std::string> train_ids;
    for (std::size_t r : prepared.train_rows) train_ids.push_back(prepared.set.ids[r]);
    SearchSettings settings = search_settings_from(config);
    settings.threads = context.threads;
    const auto outcome = search_hyperparameters(train_x, train_y, train_ids, n_classes, config, context, settings);
    fs::create_directories(search_dir);
    runtime::write_file_atomically(search_dir / "search.json", outcome.report_json);
    runtime::write_file_atomically(search_dir / "search_chosen.yaml", outcome.chosen_yaml);
    fitted.merge_text(outcome.chosen_yaml, "search_chosen.yaml");
  }
  const auto settings = model_kind(config.get_string("model.type")).settings(fitted, context);
  try {
    return settings->fit(train_x, train_y, n_classes);
  } catch (const DataError& e) {  // a library's complaint about the data (XGBoost's): which table it was
    throw DataError(prepared.set.source.string() + ": fitting " + config.get_string("model.type") + " on its " +
                    std::to_string(train_y.size()) + " training rows: " + e.what());
  }
}

TrainReport train_classical(const config::Config& config, const fs::path& run_dir) {
  const ClassicalSettings settings = classical_settings_from(config);
  const PreparedSet prepared = prepare_set(load_labelled_set(settings.source), settings.preparation, runtime::RunLayout(run_dir).model());
  const LabelledSet& set = prepared.set;
  spdlog::info("training {} on {} tracks x {} features, {} classes", settings.type, prepared.train_rows.size(),
               prepared.X.cols(), set.classes.size());
  const std::shared_ptr<const Classifier> model = fit_model(prepared, config, fit_context_of(settings, set.classes), run_dir);
  for (const auto& note : model->notes()) spdlog::warn("{}", note);
  const ModelBundle bundle{settings.type, set.classes, set.columns, prepared.standardizer, prepared.pca, model,
                           extraction_profile_of(settings.source)};
  save_bundle(runtime::RunLayout(run_dir).model(), bundle);

  TrainReport report;
  report.train_rows = prepared.train_rows.size();
  report.notes = model->notes();
  report.missing_features = set.missing_features;
  const auto train_y = take_labels(set.y, prepared.train_rows);
  report.training = eval::compute_metrics(train_y, model->predict(take_rows(prepared.X, prepared.train_rows)), set.classes);
  const auto& splits = settings.preparation.train_splits;
  if (std::find(splits.begin(), splits.end(), data::Split::Validation) == splits.end())
    if (const auto rows = rows_in(set, {data::Split::Validation}); !rows.empty())
      report.validation = eval::compute_metrics(take_labels(set.y, rows), model->predict(take_rows(prepared.X, rows)), set.classes);
  return report;
}

eval::ScoredTracks score_classical(const ClassicalSettings& settings, const fs::path& model_dir, data::Split split) {
  const ModelBundle bundle = load_bundle(model_dir, settings.preparation.threads);
  LabelledSet set = load_labelled_set(settings.source);
  // The model's columns, found by name in whatever table is given now.
  std::vector<std::string> missing;
  const auto columns = locate_columns(set.columns, bundle.columns, missing);
  if (!missing.empty())
    throw DataError(settings.source.features_csv.string() + ": lacks " + std::to_string(missing.size()) +
                    " of the model's feature columns (first: " + missing.front() + "); check model.feature_groups");
  set = keep_columns(set, columns);
  const auto rows = rows_in(set, {split});
  if (rows.empty()) throw DataError(std::string("the ") + std::string(data::to_string(split)) + " split of the selection is empty");
  eval::ScoredTracks scored{.labels = bundle.classes, .split = std::string(data::to_string(split))};
  for (std::size_t r : rows) {
    const std::string& genre = set.classes[static_cast<std::size_t>(set.y[r])];
    const auto it = std::find(bundle.classes.begin(), bundle.classes.end(), genre);
    if (it == bundle.classes.end())
      throw DataError("track " + set.ids[r] + " has genre '" + genre + "', which the model was not trained on");
    scored.truth.push_back(static_cast<int>(it - bundle.classes.begin()));
    scored.ids.push_back(set.ids[r]);
  }
  const FeatureMatrix X = bundle.prepare(take_rows(set.X, rows));
  scored.predicted = bundle.model->predict(X);
  const FeatureMatrix probabilities = bundle.model->probabilities(X);
  scored.probabilities.assign(probabilities.data(), probabilities.data() + probabilities.size());
  if (const auto* vote = dynamic_cast<const Vote*>(bundle.model.get()); vote && vote->hard()) {
    const FeatureMatrix shares = vote->vote_shares(X);
    scored.vote_shares.assign(shares.data(), shares.data() + shares.size());
  }
  return scored;
}

}  // namespace genrekit::models
