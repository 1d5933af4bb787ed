#include "genrekit/models/hyperparameter_search.h"

#include <algorithm>
#include <cmath>
#include <optional>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "genrekit/config/number_text.h"
#include "genrekit/error.h"
#include "genrekit/eval/metrics.h"
#include "genrekit/models/stratify.h"
#include "genrekit/runtime/fingerprint.h"
#include "genrekit/runtime/interrupt.h"
#include "genrekit/runtime/parallel.h"
#include "genrekit/runtime/progress.h"
#include "genrekit/runtime/splitmix.h"

namespace genrekit::models {

config::Section search_section() {
  using config::ValueType;
  config::Section section{
      "search",
      "Randomized hyperparameter search with stratified k-fold cross-validation on the training rows (the thesis: 10 "
      "draws for XGBoost, 7 for each linear model, 3 folds, kappa). Each kind the model fits (a vote's members, or "
      "itself) with search.<kind>.draws > 0 is searched; the winners replace the model.<kind>.* values.",
      {
          {.path = "search.folds", .type = ValueType::Int, .default_yaml = "3", .min = 2, .max = 100,
           .description = "Stratified cross-validation folds."},
          {.path = "search.scoring", .type = ValueType::Choice, .default_yaml = "kappa", .choices = {"kappa", "accuracy"},
           .description = "What a draw is scored by (mean over folds)."},
      }};
  for (auto& key : search_kind_keys()) section.keys.push_back(std::move(key));
  return section;
}

namespace {

// A stream of uniform numbers in [0, 1) from splitmix64: the same draws on every platform.
class Draws {
 public:
  explicit Draws(std::uint64_t seed) : state_(seed) {}
  double uniform() {
    state_ = runtime::splitmix64(state_);
    return static_cast<double>(state_ >> 11) * 0x1.0p-53;
  }
  std::size_t index(std::size_t count) {
    return std::min(count - 1, static_cast<std::size_t>(uniform() * static_cast<double>(count)));
  }

 private:
  std::uint64_t state_;
};

// One drawn value as YAML text and as JSON (for the report).
std::pair<std::string, nlohmann::json> draw_value(const config::Config& config, const SearchDimension& dimension, Draws& draws) {
  const std::string& key = dimension.key.path;
  switch (dimension.key.type) {
    case config::ValueType::IntList: {
      const auto values = config.get_ints(key);
      if (values.empty()) throw ConfigError(key + ": expected at least one value");
      const auto v = values[draws.index(values.size())];
      return {std::to_string(v), v};
    }
    case config::ValueType::StringList: {
      const auto values = config.get_strings(key);
      if (values.empty()) throw ConfigError(key + ": expected at least one value");
      const auto& v = values[draws.index(values.size())];
      return {"\"" + v + "\"", v};
    }
    default: {
      const auto values = config.get_floats(key);
      double v = 0;
      if (dimension.draw == SearchDimension::Draw::LogUniform) {
        if (values.size() != 2 || !(values[0] > 0) || !(values[0] <= values[1]))
          throw ConfigError(key + ": expected [low, high] with 0 < low <= high, got " + std::to_string(values.size()) + " values");
        v = std::exp(std::log(values[0]) + draws.uniform() * (std::log(values[1]) - std::log(values[0])));
      } else {
        if (values.empty()) throw ConfigError(key + ": expected at least one value");
        v = values[draws.index(values.size())];
      }
      return {config::round_trip_text(v), v};
    }
  }
}

struct Candidate {
  const ModelKind* kind;
  std::string yaml;  // model:\n  <kind>:\n    <param>: <value>...
  nlohmann::json description;
  std::unique_ptr<ModelSettings> settings;
};

std::string kind_yaml(const std::string& kind, const std::vector<std::pair<std::string, std::string>>& values) {
  std::string yaml = "  " + kind + ":\n";
  for (const auto& [param, text] : values) yaml += "    " + param + ": " + text + "\n";
  return yaml;
}

std::vector<Candidate> draw_candidates(const ModelKind& kind, const config::Config& config, const FitContext& context,
                                       std::uint64_t seed) {
  const auto count = config.get_int("search." + kind.name + ".draws");
  // Each kind draws from its own stream (seeded by its name), whatever else is searched.
  Draws draws(runtime::splitmix64(seed ^ runtime::fnv1a64(kind.name)));
  FitContext one_thread = context;
  one_thread.threads = 1;  // the search runs fits side by side instead
  one_thread.show_progress = false;
  std::vector<Candidate> out;
  for (std::int64_t d = 0; d < count; ++d) {
    std::vector<std::pair<std::string, std::string>> values;
    nlohmann::json description = nlohmann::json::object();
    for (const auto& dimension : kind.search) {
      auto [text, json] = draw_value(config, dimension, draws);
      values.emplace_back(dimension.param, text);
      description[dimension.param] = json;
    }
    const std::string yaml = kind_yaml(kind.name, values);
    config::Config drawn = config;
    drawn.merge_text("model:\n" + yaml, "search draw");
    out.push_back({&kind, yaml, description, kind.settings(drawn, one_thread)});
  }
  return out;
}

}  // namespace

SearchSettings search_settings_from(const config::Config& config) {
  return {.folds = static_cast<int>(config.get_int("search.folds")),
          .scoring = config.get_string("search.scoring") == "accuracy" ? SearchScoring::Accuracy : SearchScoring::Kappa,
          .seed = static_cast<std::uint64_t>(config.get_int("run.seed")),
          .threads = runtime::thread_count(config.get_int("run.threads"))};
}

bool wants_search(const config::Config& config) {
  for (const ModelKind* kind : fitted_kinds(config, config.get_string("model.type")))
    if (!kind->search.empty() && config.get_int("search." + kind->name + ".draws") > 0) return true;
  return false;
}

SearchOutcome search_hyperparameters(const FeatureMatrix& X, const std::vector<int>& y, const std::vector<std::string>& ids,
                                     int n_classes, const config::Config& config, const FitContext& context,
                                     const SearchSettings& settings) {
  std::vector<Candidate> candidates;
  std::vector<const ModelKind*> searched;
  for (const ModelKind* kind : fitted_kinds(config, config.get_string("model.type"))) {
    if (kind->search.empty()) continue;
    auto drawn = draw_candidates(*kind, config, context, settings.seed);
    if (drawn.empty()) continue;
    searched.push_back(kind);
    for (auto& c : drawn) candidates.push_back(std::move(c));
  }
  SearchOutcome outcome{"{}\n", ""};
  if (candidates.empty()) return outcome;

  // A class with fewer rows than folds leaves some folds without it (and with one row, a fold's
  // fit without it): the fold scores would not measure the same task. scikit-learn warns; here it
  // is the configuration's to change.
  std::vector<std::size_t> counts(static_cast<std::size_t>(n_classes), 0);
  for (const int label : y) ++counts[static_cast<std::size_t>(label)];
  for (std::size_t c = 0; c < counts.size(); ++c)
    if (counts[c] > 0 && counts[c] < static_cast<std::size_t>(settings.folds))
      throw ConfigError("search.folds: class '" + (c < context.classes.size() ? context.classes[c] : std::to_string(c)) + "' has " +
                        std::to_string(counts[c]) + " training row(s), fewer than the " + std::to_string(settings.folds) +
                        " folds, so some folds would hold none of it; " +
                        (counts[c] >= 2 ? "set search.folds to at most " + std::to_string(counts[c]) + " or leave the class out"
                                        : std::string("leave the class out (search.folds is at least 2)")));
  const auto fold = stratified_folds(ids, y, settings.folds, settings.seed);
  std::vector<std::vector<std::size_t>> fit_rows(static_cast<std::size_t>(settings.folds)),
      score_rows(static_cast<std::size_t>(settings.folds));
  for (std::size_t r = 0; r < fold.size(); ++r)
    for (int f = 0; f < settings.folds; ++f) (fold[r] == f ? score_rows : fit_rows)[static_cast<std::size_t>(f)].push_back(r);
  for (const auto& rows : score_rows)
    if (rows.empty()) throw DataError("hyperparameter search: a fold is empty; too few training rows for search.folds");

  const std::size_t jobs = candidates.size() * static_cast<std::size_t>(settings.folds);
  const char* scoring = settings.scoring == SearchScoring::Kappa ? "kappa" : "accuracy";
  spdlog::info("hyperparameter search: {} draws x {} folds = {} fits on {} rows, scored by {}", candidates.size(), settings.folds,
               jobs, y.size(), scoring);
  const std::vector<std::string> labels(static_cast<std::size_t>(n_classes), "");
  std::vector<double> score(jobs);
  std::optional<runtime::Progress> progress;
  if (context.show_progress) progress.emplace("search", jobs);
  runtime::parallel_for(jobs, settings.threads, [&](std::size_t job) {
    runtime::throw_if_interrupted();
    const Candidate& c = candidates[job / static_cast<std::size_t>(settings.folds)];
    const auto f = job % static_cast<std::size_t>(settings.folds);
    const auto model = c.settings->fit(take_rows(X, fit_rows[f]), take_labels(y, fit_rows[f]), n_classes);
    const auto metrics = eval::compute_metrics(take_labels(y, score_rows[f]), model->predict(take_rows(X, score_rows[f])), labels);
    // A degenerate fold (NaN kappa) scores lowest rather than poisoning the mean.
    const double value = settings.scoring == SearchScoring::Kappa ? metrics.kappa : metrics.accuracy;
    score[job] = std::isnan(value) ? -1.0 : value;
    if (progress) progress->advance();
  });

  nlohmann::json report = {{"scoring", scoring}, {"folds", settings.folds}, {"seed", settings.seed}, {"members", nlohmann::json::object()}};
  std::string yaml = "model:\n";
  for (const ModelKind* kind : searched) {
    nlohmann::json draws = nlohmann::json::array();
    double best = -2;
    std::size_t best_index = 0;
    for (std::size_t i = 0; i < candidates.size(); ++i) {
      if (candidates[i].kind != kind) continue;
      const auto first = score.begin() + static_cast<std::ptrdiff_t>(i * static_cast<std::size_t>(settings.folds));
      const std::vector<double> folds(first, first + settings.folds);
      double mean = 0;
      for (double v : folds) mean += v / static_cast<double>(folds.size());
      draws.push_back({{"params", candidates[i].description}, {"fold_scores", folds}, {"mean", mean}});
      if (mean > best) best = mean, best_index = i;
    }
    const Candidate& winner = candidates[best_index];
    report["members"][kind->name] = {{"draws", draws}, {"chosen", winner.description}, {"score", best}};
    spdlog::info("search: {} chose {} ({} {:.4f})", kind->name, winner.description.dump(), scoring, best);
    yaml += winner.yaml;
  }
  outcome.report_json = report.dump(2) + "\n";
  outcome.chosen_yaml = yaml;
  return outcome;
}

}  // namespace genrekit::models
