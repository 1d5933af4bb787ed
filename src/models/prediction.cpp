#include "genrekit/models/prediction.h"

#include <cstdio>
#include <map>

#include <nlohmann/json.hpp>

#include "genrekit/data/csv_cursor.h"
#include "genrekit/error.h"
#include "genrekit/extraction/track_features.h"
#include "genrekit/runtime/interrupt.h"
#include "genrekit/runtime/parallel.h"
#include "genrekit/runtime/progress.h"

namespace genrekit::models {

std::vector<Prediction> predict_files(const ModelBundle& bundle, const std::vector<std::string>& files, unsigned threads) {
  if (!bundle.extraction)
    throw DataError("this model was trained on a plain feature table: genrekit cannot compute its features from audio; "
                    "apply it with evaluate on a table of the same columns (or, when the table holds extract's features, "
                    "train with table.extraction_run naming that extract run)");
  const ExtractionProfile extraction = *bundle.extraction;
  // Where each of the model's columns sits among the 518.
  std::vector<std::string> missing;
  const auto columns = locate_columns(features::fma_feature_columns(), bundle.columns, missing);
  if (!missing.empty()) throw DataError("the model uses a column the extractor does not compute: " + missing.front());

  std::vector<Prediction> out(files.size());
  runtime::Progress progress("predict", files.size());
  runtime::parallel_for(files.size(), threads, [&](std::size_t i) {
    if (runtime::interrupt_requested()) return;
    Prediction& p = out[i];
    p.path = files[i];
    try {
      extraction::ExtractionSettings settings;
      settings.decoder = extraction.decoder;
      settings.profile = extraction.profile;
      const auto values = extraction::extract_track(files[i], settings).fma518;
      FeatureMatrix row(1, static_cast<Eigen::Index>(columns.size()));
      for (std::size_t j = 0; j < columns.size(); ++j) row(0, static_cast<Eigen::Index>(j)) = values[columns[j]];
      const FeatureMatrix prepared = bundle.prepare(row);
      const FeatureMatrix probabilities = bundle.model->probabilities(prepared);
      p.probabilities.assign(probabilities.data(), probabilities.data() + probabilities.size());
      p.top = bundle.model->predict(prepared).front();
    } catch (const std::exception& e) {
      p.error = e.what();
    }
    progress.advance();
  });
  runtime::throw_if_interrupted();
  return out;
}

std::string predictions_csv(const std::vector<std::string>& classes, const std::vector<Prediction>& predictions) {
  std::string out = "path,genre";
  for (const auto& c : classes) out += ',' + data::csv_escape(c);
  out += ",error\n";
  char number[32];
  for (const auto& p : predictions) {
    out += data::csv_escape(p.path) + ',';
    if (p.top >= 0) out += data::csv_escape(classes[static_cast<std::size_t>(p.top)]);
    for (std::size_t c = 0; c < classes.size(); ++c) {
      out += ',';
      if (c < p.probabilities.size()) {
        std::snprintf(number, sizeof number, "%.6f", p.probabilities[c]);
        out += number;
      }
    }
    out += ',' + data::csv_escape(p.error) + '\n';
  }
  return out;
}

std::string predictions_json(const std::vector<std::string>& classes, const std::vector<Prediction>& predictions) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& p : predictions) {
    if (p.top < 0) {
      out.push_back({{"path", p.path}, {"error", p.error}});
      continue;
    }
    nlohmann::json probabilities = nlohmann::json::object();
    for (std::size_t c = 0; c < classes.size(); ++c) probabilities[classes[c]] = p.probabilities[c];
    out.push_back({{"path", p.path}, {"genre", classes[static_cast<std::size_t>(p.top)]}, {"probabilities", probabilities}});
  }
  return out.dump(2) + "\n";
}

}  // namespace genrekit::models
