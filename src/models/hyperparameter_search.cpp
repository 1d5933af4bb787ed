#include "genrekit/models/hyperparameter_search.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "genrekit/config/number_text.h"
#include "genrekit/error.h"
#include "genrekit/eval/metrics.h"
#include "genrekit/models/stratify.h"
#include "genrekit/runtime/interrupt.h"
#include "genrekit/runtime/parallel.h"
#include "genrekit/runtime/progress.h"
#include "genrekit/runtime/splitmix.h"

namespace genrekit::models {

config::Section search_section() {
  using config::ValueType;
  return {"search",
          "Randomized hyperparameter search with stratified k-fold cross-validation on the training rows (the thesis: 10 "
          "draws for XGBoost, 7 for each linear model, 3 folds, kappa). The winners replace the model.* values.",
          {
              {.path = "search.xgboost_draws", .type = ValueType::Int, .default_yaml = "0", .min = 0, .max = 100000,
               .description = "Parameter draws for XGBoost (0: no search, use model.xgboost.*)."},
              {.path = "search.linear_draws", .type = ValueType::Int, .default_yaml = "0", .min = 0, .max = 100000,
               .description = "C draws for the logistic regression and, separately, for the linear SVM (0: no search)."},
              {.path = "search.folds", .type = ValueType::Int, .default_yaml = "3", .min = 2, .max = 100,
               .description = "Stratified cross-validation folds."},
              {.path = "search.scoring", .type = ValueType::Choice, .default_yaml = "kappa", .choices = {"kappa", "accuracy"},
               .description = "What a draw is scored by (mean over folds)."},
              {.path = "search.xgboost.max_depth", .type = ValueType::IntList, .default_yaml = "[6, 12, 24, 48]", .min = 1, .max = 64,
               .description = "max_depth values to draw from."},
              {.path = "search.xgboost.n_estimators", .type = ValueType::IntList, .default_yaml = "[50, 100, 200]", .min = 1,
               .max = 100000, .description = "n_estimators values to draw from."},
              {.path = "search.xgboost.learning_rate", .type = ValueType::FloatList, .default_yaml = "[0.0001, 0.1]", .min = 1e-6,
               .max = 1, .description = "[low, high]: learning_rate drawn log-uniformly between them."},
              {.path = "search.xgboost.colsample_bytree", .type = ValueType::FloatList, .default_yaml = "[0.3, 0.5]", .min = 0.01,
               .max = 1, .description = "colsample_bytree values to draw from."},
              {.path = "search.C", .type = ValueType::FloatList, .default_yaml = "[0.001, 1000]", .min = 1e-9, .max = 1e9,
               .description = "[low, high]: C of the linear models drawn log-uniformly between them."},
          }};
}

namespace {

std::array<double, 2> range_of(const config::Config& config, const std::string& key) {
  const auto values = config.get_floats(key);
  if (values.size() != 2 || !(values[0] <= values[1]))
    throw ConfigError(key + ": expected [low, high] with low <= high, got " + std::to_string(values.size()) + " values");
  return {values[0], values[1]};
}

template <typename T>
std::vector<T> non_empty(std::vector<T> values, const std::string& key) {
  if (values.empty()) throw ConfigError(key + ": expected at least one value");
  return values;
}

// A stream of uniform numbers in [0, 1) from splitmix64: the same draws on every platform.
class Draws {
 public:
  explicit Draws(std::uint64_t seed) : state_(seed) {}
  double uniform() {
    state_ = runtime::splitmix64(state_);
    return static_cast<double>(state_ >> 11) * 0x1.0p-53;
  }
  double log_uniform(const std::array<double, 2>& range) {
    return std::exp(std::log(range[0]) + uniform() * (std::log(range[1]) - std::log(range[0])));
  }
  template <typename T>
  T pick(const std::vector<T>& values) {
    return values[std::min(values.size() - 1, static_cast<std::size_t>(uniform() * static_cast<double>(values.size())))];
  }

 private:
  std::uint64_t state_;
};

struct Candidate {
  ModelType member;
  ClassicalParams params;  // type = member
  nlohmann::json description;
};

std::vector<Candidate> draw_candidates(ModelType member, int count, const ClassicalParams& base, const SearchSpace& space,
                                       std::uint64_t seed) {
  Draws draws(runtime::splitmix64(seed ^ (static_cast<std::uint64_t>(member) + 1) * 0x9e3779b97f4a7c15ULL));
  std::vector<Candidate> out;
  for (int d = 0; d < count; ++d) {
    Candidate c{member, base, {}};
    c.params.type = member;
    c.params.threads = 1;
    if (member == ModelType::XGBoost) {
      c.params.xgboost.max_depth = draws.pick(space.max_depth);
      c.params.xgboost.n_estimators = draws.pick(space.n_estimators);
      c.params.xgboost.learning_rate = draws.log_uniform(space.learning_rate);
      c.params.xgboost.colsample_bytree = draws.pick(space.colsample_bytree);
      c.params.xgboost.threads = 1;  // the search runs fits side by side instead
      c.description = {{"max_depth", c.params.xgboost.max_depth},
                       {"n_estimators", c.params.xgboost.n_estimators},
                       {"learning_rate", c.params.xgboost.learning_rate},
                       {"colsample_bytree", c.params.xgboost.colsample_bytree}};
    } else {
      LinearParams& linear = member == ModelType::LogisticRegression ? c.params.logistic : c.params.svm;
      linear.C = draws.log_uniform(space.C);
      c.description = {{"C", linear.C}};
    }
    out.push_back(std::move(c));
  }
  return out;
}

std::string config_name(ModelType member) {
  return member == ModelType::XGBoost ? "xgboost" : member == ModelType::LogisticRegression ? "logistic_regression" : "linear_svm";
}

}  // namespace

SearchSpace search_space_from(const config::Config& config) {
  SearchSpace space;
  space.max_depth.clear();
  space.n_estimators.clear();
  for (auto v : non_empty(config.get_ints("search.xgboost.max_depth"), "search.xgboost.max_depth")) space.max_depth.push_back(static_cast<int>(v));
  for (auto v : non_empty(config.get_ints("search.xgboost.n_estimators"), "search.xgboost.n_estimators"))
    space.n_estimators.push_back(static_cast<int>(v));
  space.learning_rate = range_of(config, "search.xgboost.learning_rate");
  space.colsample_bytree = non_empty(config.get_floats("search.xgboost.colsample_bytree"), "search.xgboost.colsample_bytree");
  space.C = range_of(config, "search.C");
  return space;
}

SearchSettings search_settings_from(const config::Config& config) {
  return {.xgboost_draws = static_cast<int>(config.get_int("search.xgboost_draws")),
          .linear_draws = static_cast<int>(config.get_int("search.linear_draws")),
          .folds = static_cast<int>(config.get_int("search.folds")),
          .scoring = config.get_string("search.scoring") == "accuracy" ? SearchScoring::Accuracy : SearchScoring::Kappa,
          .seed = static_cast<std::uint64_t>(config.get_int("run.seed")),
          .threads = runtime::thread_count(config.get_int("run.threads"))};
}

SearchOutcome search_hyperparameters(const FeatureMatrix& X, const std::vector<int>& y, const std::vector<std::string>& ids,
                                     int n_classes, const ClassicalParams& base, const SearchSpace& space,
                                     const SearchSettings& settings) {
  const bool vote = base.type == ModelType::HardVote || base.type == ModelType::SoftVote;
  std::vector<Candidate> candidates;
  for (ModelType member : {ModelType::LogisticRegression, ModelType::LinearSvm, ModelType::XGBoost}) {
    if (!vote && base.type != member) continue;
    const int count = member == ModelType::XGBoost ? settings.xgboost_draws : settings.linear_draws;
    for (auto& c : draw_candidates(member, count, base, space, settings.seed)) candidates.push_back(std::move(c));
  }
  SearchOutcome outcome{base, "{}\n", ""};
  if (candidates.empty()) return outcome;

  const auto fold = stratified_folds(ids, y, settings.folds, settings.seed);
  std::vector<std::vector<std::size_t>> fit_rows(static_cast<std::size_t>(settings.folds)),
      score_rows(static_cast<std::size_t>(settings.folds));
  for (std::size_t r = 0; r < fold.size(); ++r)
    for (int f = 0; f < settings.folds; ++f) (fold[r] == f ? score_rows : fit_rows)[static_cast<std::size_t>(f)].push_back(r);
  for (const auto& rows : score_rows)
    if (rows.empty()) throw DataError("hyperparameter search: a fold is empty; too few training rows for search.folds");

  const std::size_t jobs = candidates.size() * static_cast<std::size_t>(settings.folds);
  spdlog::info("hyperparameter search: {} draws x {} folds = {} fits on {} rows, scored by {}", candidates.size(), settings.folds,
               jobs, y.size(), settings.scoring == SearchScoring::Kappa ? "kappa" : "accuracy");
  const std::vector<std::string> labels(static_cast<std::size_t>(n_classes), "");
  std::vector<double> score(jobs);
  runtime::Progress progress("search", jobs);
  runtime::parallel_for(jobs, settings.threads, [&](std::size_t job) {
    runtime::throw_if_interrupted();
    const Candidate& c = candidates[job / static_cast<std::size_t>(settings.folds)];
    const auto f = job % static_cast<std::size_t>(settings.folds);
    const ClassicalModel model = ClassicalModel::train(take_rows(X, fit_rows[f]), take_labels(y, fit_rows[f]), n_classes, c.params);
    const auto metrics = eval::compute_metrics(take_labels(y, score_rows[f]), model.predict(take_rows(X, score_rows[f])), labels);
    // A degenerate fold (NaN kappa) scores lowest rather than poisoning the mean.
    const double value = settings.scoring == SearchScoring::Kappa ? metrics.kappa : metrics.accuracy;
    score[job] = std::isnan(value) ? -1.0 : value;
    progress.advance();
  });
  progress.finish();

  nlohmann::json report = {{"scoring", settings.scoring == SearchScoring::Kappa ? "kappa" : "accuracy"},
                           {"folds", settings.folds},
                           {"seed", settings.seed},
                           {"members", nlohmann::json::object()}};
  std::string yaml = "model:\n";
  for (ModelType member : {ModelType::LogisticRegression, ModelType::LinearSvm, ModelType::XGBoost}) {
    nlohmann::json draws = nlohmann::json::array();
    double best = -2;
    std::size_t best_index = 0;
    for (std::size_t i = 0; i < candidates.size(); ++i) {
      if (candidates[i].member != member) continue;
      std::vector<double> folds(score.begin() + static_cast<std::ptrdiff_t>(i * static_cast<std::size_t>(settings.folds)),
                                score.begin() + static_cast<std::ptrdiff_t>((i + 1) * static_cast<std::size_t>(settings.folds)));
      double mean = 0;
      for (double v : folds) mean += v / static_cast<double>(folds.size());
      draws.push_back({{"params", candidates[i].description}, {"fold_scores", folds}, {"mean", mean}});
      if (mean > best) best = mean, best_index = i;
    }
    if (draws.empty()) continue;
    const Candidate& winner = candidates[best_index];
    const std::string name = config_name(member);
    report["members"][name] = {{"draws", draws}, {"chosen", winner.description}, {"score", best}};
    spdlog::info("search: {} chose {} ({} {:.4f})", name, winner.description.dump(), report["scoring"].get<std::string>(), best);
    yaml += "  " + name + ":\n";
    if (member == ModelType::XGBoost) {
      const int threads = outcome.chosen.xgboost.threads;
      outcome.chosen.xgboost = winner.params.xgboost;
      outcome.chosen.xgboost.threads = threads;
      for (const auto& [key, value] : winner.description.items())
        yaml += "    " + key + ": " + (value.is_number_integer() ? std::to_string(value.get<int>()) : config::round_trip_text(value.get<double>())) + "\n";
    } else {
      LinearParams& target = member == ModelType::LogisticRegression ? outcome.chosen.logistic : outcome.chosen.svm;
      target.C = (member == ModelType::LogisticRegression ? winner.params.logistic : winner.params.svm).C;
      yaml += "    C: " + config::round_trip_text(target.C) + "\n";
    }
  }
  outcome.report_json = report.dump(2) + "\n";
  outcome.chosen_yaml = yaml;
  return outcome;
}

}  // namespace genrekit::models
