#include "genrekit/eval/metrics.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstdio>
#include <limits>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "genrekit/data/csv_cursor.h"
#include "genrekit/error.h"
#include "genrekit/eval/html.h"
#include "genrekit/eval/probability_metrics.h"

namespace genrekit::eval {

namespace {

void check_pairs(const std::vector<int>& truth, const std::vector<int>& predicted) {
  if (truth.size() != predicted.size())
    throw std::invalid_argument("metrics: " + std::to_string(truth.size()) + " true labels but " + std::to_string(predicted.size()) + " predictions");
  if (truth.empty()) throw std::invalid_argument("metrics: no items to evaluate");
}

}  // namespace

double accuracy(const std::vector<int>& truth, const std::vector<int>& predicted) {
  check_pairs(truth, predicted);
  std::size_t right = 0;
  for (std::size_t i = 0; i < truth.size(); ++i) right += truth[i] == predicted[i];
  return static_cast<double>(right) / static_cast<double>(truth.size());
}

Metrics compute_metrics(const std::vector<int>& truth, const std::vector<int>& predicted,
                        const std::vector<std::string>& labels) {
  check_pairs(truth, predicted);
  const std::size_t k = labels.size();
  Metrics m;
  m.labels = labels;
  m.count = truth.size();
  m.confusion.assign(k, std::vector<std::size_t>(k, 0));
  for (std::size_t i = 0; i < truth.size(); ++i) {
    if (truth[i] < 0 || predicted[i] < 0 || static_cast<std::size_t>(truth[i]) >= k || static_cast<std::size_t>(predicted[i]) >= k)
      throw std::invalid_argument("metrics: class index outside the " + std::to_string(k) + " labels at item " + std::to_string(i));
    ++m.confusion[static_cast<std::size_t>(truth[i])][static_cast<std::size_t>(predicted[i])];
  }
  std::vector<double> rows(k, 0), cols(k, 0);
  double diagonal = 0;
  for (std::size_t a = 0; a < k; ++a)
    for (std::size_t b = 0; b < k; ++b) {
      rows[a] += static_cast<double>(m.confusion[a][b]);
      cols[b] += static_cast<double>(m.confusion[a][b]);
      if (a == b) diagonal += static_cast<double>(m.confusion[a][b]);
    }
  const auto n = static_cast<double>(m.count);
  m.accuracy = diagonal / n;
  // Kappa as sklearn: 1 - sum(w * observed) / sum(w * expected), w = 1 off the diagonal.
  double observed_off = n - diagonal, expected_off = 0;
  for (std::size_t a = 0; a < k; ++a)
    for (std::size_t b = 0; b < k; ++b)
      if (a != b) expected_off += rows[a] * cols[b] / n;
  m.kappa = expected_off == 0 ? std::numeric_limits<double>::quiet_NaN() : 1.0 - observed_off / expected_off;

  double recall_sum = 0, f1_sum = 0;
  std::size_t occurring = 0, seen = 0;
  for (std::size_t c = 0; c < k; ++c) {
    ClassReport r;
    r.label = labels[c];
    const auto hits = static_cast<double>(m.confusion[c][c]);
    r.support = static_cast<std::size_t>(rows[c]);
    r.precision = cols[c] > 0 ? hits / cols[c] : 0.0;
    r.recall = rows[c] > 0 ? hits / rows[c] : 0.0;
    r.f1 = r.precision + r.recall > 0 ? 2 * r.precision * r.recall / (r.precision + r.recall) : 0.0;
    if (rows[c] > 0) {
      recall_sum += r.recall;
      ++occurring;
    }
    if (rows[c] > 0 || cols[c] > 0) {
      f1_sum += r.f1;
      ++seen;
    }
    m.per_class.push_back(r);
  }
  m.balanced_accuracy = recall_sum / static_cast<double>(occurring);
  m.macro_f1 = f1_sum / static_cast<double>(seen);
  for (const auto& r : m.per_class) m.weighted_f1 += r.f1 * static_cast<double>(r.support) / n;
  return m;
}

Metrics score_tracks(const ScoredTracks& scored, const ResampleSettings& settings) {
  scored.check();
  Metrics m = compute_metrics(scored.truth, scored.predicted, scored.labels);
  m.split = scored.split;
  m.log_loss = log_loss(scored);
  m.roc_auc_ovr_macro = roc_auc_ovr_macro(scored);
  for (int k : {2, 3})
    if (static_cast<std::size_t>(k) < scored.labels.size()) m.top_k_accuracy[k] = top_k_accuracy(scored, k);
  m.ci95 = bootstrap_ci95(scored, settings);
  return m;
}

namespace {

nlohmann::json number(double v) { return std::isnan(v) ? nlohmann::json(nullptr) : nlohmann::json(v); }

}  // namespace

std::string metrics_json(const Metrics& m) {
  nlohmann::json classes = nlohmann::json::array();
  for (const auto& r : m.per_class)
    classes.push_back({{"label", r.label}, {"precision", r.precision}, {"recall", r.recall}, {"f1", r.f1}, {"support", r.support}});
  nlohmann::json json = {{"count", m.count},
                         {"accuracy", m.accuracy},
                         {"kappa", number(m.kappa)},
                         {"balanced_accuracy", m.balanced_accuracy},
                         {"macro_f1", m.macro_f1},
                         {"f1_macro", m.macro_f1},
                         {"f1_weighted", m.weighted_f1},
                         {"labels", m.labels},
                         {"confusion", m.confusion},
                         {"per_class", classes}};
  if (!std::isnan(m.log_loss)) json["log_loss"] = m.log_loss;
  if (!std::isnan(m.roc_auc_ovr_macro)) json["roc_auc_ovr_macro"] = m.roc_auc_ovr_macro;
  if (!m.top_k_accuracy.empty()) {
    json["top_k_accuracy"] = nlohmann::json::object();
    for (const auto& [k, value] : m.top_k_accuracy) json["top_k_accuracy"][std::to_string(k)] = value;
  }
  if (!m.ci95.empty()) {
    json["ci95"] = nlohmann::json::object();
    for (const auto& [name, interval] : m.ci95) json["ci95"][name] = {number(interval[0]), number(interval[1])};
  }
  for (const auto& [key, value] : {std::pair{"split", &m.split}, std::pair{"model", &m.model}, std::pair{"config_hash", &m.config_hash}})
    if (!value->empty()) json[key] = *value;
  return json.dump(2) + "\n";
}

std::string confusion_csv(const Metrics& m) {
  std::string out = "true\\predicted";
  for (const auto& label : m.labels) {
    out += ',';
    out += data::csv_escape(label);
  }
  out += "\n";
  for (std::size_t a = 0; a < m.labels.size(); ++a) {
    out += data::csv_escape(m.labels[a]);
    for (std::size_t count : m.confusion[a]) {
      out += ',';
      out += std::to_string(count);
    }
    out += "\n";
  }
  return out;
}

std::string per_class_csv(const Metrics& m) {
  std::string out = "label,precision,recall,f1,support\n";
  char line[160];
  double macro[3] = {0, 0, 0}, weighted[3] = {0, 0, 0};
  std::size_t seen = 0, total = 0;
  for (std::size_t c = 0; c < m.per_class.size(); ++c) {
    const auto& r = m.per_class[c];
    std::snprintf(line, sizeof line, ",%.6f,%.6f,%.6f,%zu\n", r.precision, r.recall, r.f1, r.support);
    out += data::csv_escape(r.label) + line;
    std::size_t predicted = 0;
    for (const auto& row : m.confusion) predicted += row[c];
    if (r.support == 0 && predicted == 0) continue;  // neither occurs nor is predicted: not one of the report's labels
    ++seen;
    total += r.support;
    const double values[3] = {r.precision, r.recall, r.f1};
    for (int i = 0; i < 3; ++i) macro[i] += values[i], weighted[i] += values[i] * static_cast<double>(r.support);
  }
  for (int i = 0; i < 3; ++i) macro[i] /= static_cast<double>(std::max<std::size_t>(seen, 1)), weighted[i] /= static_cast<double>(std::max<std::size_t>(total, 1));
  std::snprintf(line, sizeof line, "macro avg,%.6f,%.6f,%.6f,%zu\nweighted avg,%.6f,%.6f,%.6f,%zu\n", macro[0], macro[1], macro[2], total,
                weighted[0], weighted[1], weighted[2], total);
  return out + line;
}

std::string metrics_text(const Metrics& m) {
  char line[200];
  std::snprintf(line, sizeof line, "%zu tracks: accuracy %.4f, kappa %.4f, balanced accuracy %.4f, macro-F1 %.4f\n", m.count,
                m.accuracy, m.kappa, m.balanced_accuracy, m.macro_f1);
  std::string out = line;
  std::snprintf(line, sizeof line, "  %-22s %9s %9s %9s %8s\n", "class", "precision", "recall", "f1", "support");
  out += line;
  for (const auto& r : m.per_class) {
    std::snprintf(line, sizeof line, "  %-22s %9.4f %9.4f %9.4f %8zu\n", r.label.c_str(), r.precision, r.recall, r.f1, r.support);
    out += line;
  }
  return out;
}


namespace {

// The metrics the gate knows, and whether a higher value is better.
const std::map<std::string, bool>& gated_metrics() {
  static const std::map<std::string, bool> metrics{{"accuracy", true},          {"kappa", true},       {"balanced_accuracy", true},
                                                   {"f1_macro", true},          {"f1_weighted", true}, {"roc_auc_ovr_macro", true},
                                                   {"log_loss", false}};
  return metrics;
}

double value_of(const Metrics& m, const std::string& metric) {
  if (metric == "accuracy") return m.accuracy;
  if (metric == "kappa") return m.kappa;
  if (metric == "balanced_accuracy") return m.balanced_accuracy;
  if (metric == "f1_macro") return m.macro_f1;
  if (metric == "f1_weighted") return m.weighted_f1;
  if (metric == "roc_auc_ovr_macro") return m.roc_auc_ovr_macro;
  return m.log_loss;
}

std::string known_metrics() {
  std::string text;
  for (const auto& [name, higher] : gated_metrics()) text += (text.empty() ? "" : ", ") + name;
  return text;
}

}  // namespace

std::map<std::string, double> parse_max_drop(const std::string& text) {
  std::map<std::string, double> drops;
  const auto number = [&](const std::string& item, const std::string& value) {
    char* end = nullptr;
    const double drop = std::strtod(value.c_str(), &end);
    if (value.empty() || *end != '\0' || !(drop >= 0))
      throw ConfigError("--max-drop: '" + item + "': expected a non-negative number");
    return drop;
  };
  if (text.find('=') == std::string::npos) {
    const double drop = number(text, text);
    return {{"accuracy", drop}, {"kappa", drop}};
  }
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t comma = std::min(text.find(',', start), text.size());
    const std::string item = text.substr(start, comma - start);
    const auto eq = item.find('=');
    const std::string name = item.substr(0, eq);
    if (eq == std::string::npos || !gated_metrics().count(name))
      throw ConfigError("--max-drop: '" + item + "': expected metric=drop with a metric among " + known_metrics());
    drops[name] = number(item, item.substr(eq + 1));
    start = comma + 1;
  }
  return drops;
}

std::vector<GateCheck> gate(const Metrics& current, const std::string& baseline_json, const std::map<std::string, double>& max_drop) {
  nlohmann::json baseline;
  try {
    baseline = nlohmann::json::parse(baseline_json);
  } catch (const nlohmann::json::parse_error& e) {
    throw ConfigError(std::string("not JSON: ") + e.what());
  }
  std::vector<GateCheck> checks;
  for (const auto& [name, drop] : max_drop) {
    const auto known = gated_metrics().find(name);
    if (known == gated_metrics().end()) throw ConfigError("--max-drop: unknown metric '" + name + "' (known: " + known_metrics() + ")");
    if (!baseline.contains(name) || !baseline[name].is_number()) throw ConfigError("no numeric '" + name + "'");
    GateCheck check{.metric = name, .value = value_of(current, name), .baseline = baseline[name].get<double>(), .max_drop = drop};
    const bool higher_is_better = known->second;
    check.passed = !std::isnan(check.value) &&
                   (higher_is_better ? check.value >= check.baseline - drop : check.value <= check.baseline + drop);
    char text[200];
    if (check.passed)
      std::snprintf(text, sizeof text, "%s %.4f (baseline %.4f, max drop %.4f)", name.c_str(), check.value, check.baseline, drop);
    else
      std::snprintf(text, sizeof text, higher_is_better ? "%s %.4f < baseline %.4f - %.4f" : "%s %.4f > baseline %.4f + %.4f",
                    name.c_str(), check.value, check.baseline, drop);
    check.message = text;
    checks.push_back(check);
  }
  return checks;
}

std::string junit_xml(const std::vector<GateCheck>& checks, const std::string& suite) {
  std::size_t failures = 0;
  for (const auto& c : checks) failures += !c.passed;
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite name=\"" + markup_escape(suite) + "\" tests=\"" +
                    std::to_string(checks.size()) + "\" failures=\"" + std::to_string(failures) + "\">\n";
  for (const auto& c : checks) {
    out += "  <testcase classname=\"" + markup_escape(suite) + "\" name=\"" + markup_escape(c.metric) + "\"";
    out += c.passed ? "/>\n" : ">\n    <failure message=\"" + markup_escape(c.message) + "\"/>\n  </testcase>\n";
  }
  return out + "</testsuite>\n";
}

}  // namespace genrekit::eval
