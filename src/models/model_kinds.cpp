// The registry of classical model kinds. To add one: write src/models/kinds/NAME.cpp defining
// `ModelKind NAME_kind()`, and add X(NAME) below.
#include <algorithm>

#include "genrekit/error.h"
#include "genrekit/models/model_kind.h"

#define GENREKIT_MODEL_KINDS(X) \
  X(logistic_regression)        \
  X(linear_svm)                 \
  X(xgboost)                    \
  X(svc)                        \
  X(knn)                        \
  X(random_forest)              \
  X(gradient_boosting)          \
  X(mlp)                        \
  X(gaussian_nb)                \
  X(qda)                        \
  X(hard_vote)                  \
  X(soft_vote)

namespace genrekit::models {

#define GENREKIT_DECLARE_KIND(name) ModelKind name##_kind();
GENREKIT_MODEL_KINDS(GENREKIT_DECLARE_KIND)
#undef GENREKIT_DECLARE_KIND

const std::vector<ModelKind>& model_kinds() {
#define GENREKIT_LIST_KIND(name) name##_kind(),
  static const std::vector<ModelKind> kinds{GENREKIT_MODEL_KINDS(GENREKIT_LIST_KIND)};
#undef GENREKIT_LIST_KIND
  return kinds;
}

bool is_model_kind(std::string_view name) {
  const auto& kinds = model_kinds();
  return std::any_of(kinds.begin(), kinds.end(), [&](const ModelKind& k) { return k.name == name; });
}

const ModelKind& model_kind(std::string_view name) {
  std::string known;
  for (const auto& kind : model_kinds()) {
    if (kind.name == name) return kind;
    known += (known.empty() ? "" : ", ") + kind.name;
  }
  throw ConfigError("model type '" + std::string(name) + "': expected one of " + known);
}

std::vector<const ModelKind*> fitted_kinds(const config::Config& config, std::string_view name) {
  const ModelKind& kind = model_kind(name);
  if (!kind.is_vote) return {&kind};
  std::vector<const ModelKind*> members;
  for (const auto& member : config.get_strings("model.vote.members")) {
    const ModelKind& m = model_kind(member);
    if (m.is_vote) throw ConfigError("model.vote.members: '" + member + "' is itself a vote");
    for (const ModelKind* seen : members)
      if (seen->name == member) throw ConfigError("model.vote.members: '" + member + "' is listed twice");
    members.push_back(&m);
  }
  if (members.size() < 2) throw ConfigError("model.vote.members: a vote needs at least two members");
  return members;
}

std::vector<config::Key> model_kind_keys() {
  std::vector<std::string> voters;
  for (const auto& kind : model_kinds())
    if (!kind.is_vote) voters.push_back(kind.name);
  std::vector<config::Key> keys{{.path = "model.vote.members", .type = config::ValueType::StringList,
                                 .default_yaml = "[logistic_regression, linear_svm, xgboost]", .choices = voters,
                                 .description = "hard_vote / soft_vote: the kinds that vote (the thesis' three by default), "
                                                "each with its own model.<kind>.* settings."}};
  for (const auto& kind : model_kinds()) keys.insert(keys.end(), kind.keys.begin(), kind.keys.end());
  return keys;
}

std::vector<config::Key> search_kind_keys() {
  std::vector<config::Key> keys;
  for (const auto& kind : model_kinds()) {
    if (kind.search.empty()) continue;
    keys.push_back({.path = "search." + kind.name + ".draws", .type = config::ValueType::Int, .default_yaml = "0", .min = 0,
                    .max = 100000,
                    .description = "Parameter draws for " + kind.name + " (0: no search, model." + kind.name + ".* as given)."});
    for (const auto& dimension : kind.search) keys.push_back(dimension.key);
  }
  return keys;
}

}  // namespace genrekit::models
