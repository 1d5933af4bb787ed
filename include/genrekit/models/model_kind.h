#pragma once
// The table of classical model kinds: each kind registers once (name, its model.<name>.* keys, what
// search.<name>.* may draw, whether it has probabilities, a factory from the config and a loader),
// and the schema, --help, the run directory, voting, search and predict all read this table.
// Adding a kind is one file under src/models/kinds/ and one line in model_kinds.cpp.
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "genrekit/config/config.h"
#include "genrekit/models/classifier.h"

namespace genrekit::models {

// A kind's settings, read from the config once (typed inside the kind's own file), ready to fit.
class ModelSettings {
 public:
  virtual ~ModelSettings() = default;
  // y holds class indices in [0, n_classes). ConfigError naming the key for a parameter the data
  // makes impossible (kNN's k above the rows); DataError for data the kind cannot fit.
  virtual std::unique_ptr<Classifier> fit(const FeatureMatrix& X, const std::vector<int>& y, int n_classes) const = 0;
};

// One parameter that search.<kind>.<param> may draw: from a list of values, or log-uniformly
// between [low, high].
struct SearchDimension {
  enum class Draw { FromList, LogUniform };
  std::string param;         // the model.<kind>.<param> key it sets
  Draw draw = Draw::FromList;
  config::Key key;           // search.<kind>.<param>: its type (a list), default, bounds, description
};

struct ModelKind {
  std::string name;      // model.type value, and the model.<name>.* section
  std::string summary;   // one line for --help and the docs
  bool has_probabilities = true;
  bool takes_class_weights = false;
  bool is_vote = false;  // its members are other kinds (model.vote.members)
  std::vector<config::Key> keys;            // model.<name>.*
  std::vector<SearchDimension> search;      // search.<name>.*
  std::function<std::unique_ptr<ModelSettings>(const config::Config&, const FitContext&)> settings;
  // `threads`: how many the loaded model scores on (evaluate's and predict's run.threads).
  std::function<std::unique_ptr<Classifier>(const std::filesystem::path& dir, int n_classes, unsigned threads)> load;
};

// Every registered kind, in registration order.
const std::vector<ModelKind>& model_kinds();
// The kind named `name`; ConfigError listing every kind when there is none.
const ModelKind& model_kind(std::string_view name);
bool is_model_kind(std::string_view name);

// The kinds a model of kind `name` fits: its vote members (model.vote.members) or itself.
std::vector<const ModelKind*> fitted_kinds(const config::Config& config, std::string_view name);

// The model section's keys every kind shares are declared in classical_pipeline; these are the
// keys the table contributes: every kind's model.<name>.*, and search.<name>.draws with its
// dimensions.
std::vector<config::Key> model_kind_keys();
std::vector<config::Key> search_kind_keys();

}  // namespace genrekit::models
