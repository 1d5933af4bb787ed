#include "genrekit/models/model_bundle.h"

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>
#include <yaml-cpp/yaml.h>

#include "genrekit/error.h"
#include "genrekit/models/model_kind.h"
#include "genrekit/runtime/run_dir.h"
#include "genrekit/runtime/run_layout.h"

namespace genrekit::models {

namespace fs = std::filesystem;

namespace {

// Bumped whenever model.json changes meaning; a bundle of another format is refused with a clear
// message instead of a "corrupt" one (1: the first versioned format, with "pca" and "extraction";
// 2: the model kinds' table, a vote's members listed in vote.json).
constexpr int kBundleFormatVersion = 2;

std::string read_text(const fs::path& file) {
  std::ifstream in(file);
  if (!in) throw DataError(file.string() + ": cannot read (is this a train run directory?)");
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

ExtractionProfile profile_of_features(const fs::path& features_csv) {
  ExtractionProfile profile;
  const fs::path recorded = runtime::RunLayout(features_csv.parent_path()).config();  // the extract run's
  if (!fs::exists(recorded)) {
    spdlog::info("{}: no extract config beside it; assuming FMA's own features (profile fma, FFmpeg decoding)",
                 features_csv.string());
    return profile;
  }
  try {
    const YAML::Node features = YAML::LoadFile(recorded.string())["features"];
    if (features && features["profile"]) profile.profile = features::parse_fma_profile(features["profile"].as<std::string>());
    if (features && features["decoder"]) profile.decoder = audio::parse_decoder(features["decoder"].as<std::string>());
  } catch (const std::exception& e) {
    throw DataError(recorded.string() + ": cannot read the extraction profile: " + e.what());
  }
  return profile;
}

FeatureMatrix prepare_features(const Standardizer& standardizer, const std::optional<Pca>& pca, const FeatureMatrix& raw) {
  const FeatureMatrix standardised = standardizer.transform(raw);
  return pca ? pca->transform(standardised) : standardised;
}

void save_bundle(const fs::path& dir, const ModelBundle& b) {
  b.model->save(dir);
  nlohmann::json columns = nlohmann::json::array();
  for (const auto& c : b.columns) columns.push_back({c.feature, c.statistic, c.number});
  nlohmann::json pca = nullptr;
  if (b.pca) {
    std::vector<std::vector<double>> components;
    for (Eigen::Index k = 0; k < b.pca->components().rows(); ++k)
      components.emplace_back(b.pca->components().row(k).data(), b.pca->components().row(k).data() + b.pca->components().cols());
    pca = {{"mean", b.pca->mean()}, {"components", components}, {"explained_variance", b.pca->explained_variance()},
           {"whiten", b.pca->whiten()}};
  }
  nlohmann::json extraction = nullptr;
  if (b.extraction)
    extraction = {{"profile", features::to_string(b.extraction->profile)}, {"decoder", audio::to_string(b.extraction->decoder)}};
  const nlohmann::json json = {{"format_version", kBundleFormatVersion},
                               {"type", b.type},
                               {"pca", pca},
                               {"classes", b.classes},
                               {"columns", columns},
                               {"standardizer", {{"mean", b.standardizer.mean()}, {"scale", b.standardizer.scale()}}},
                               {"extraction", extraction},
                               {"fit_notes", b.model->notes()}};
  runtime::write_file_atomically(dir / "model.json", json.dump(1) + "\n");
}

std::vector<std::string> read_fit_notes(const fs::path& dir) {
  try {
    return nlohmann::json::parse(read_text(dir / "model.json")).value("fit_notes", std::vector<std::string>{});
  } catch (const nlohmann::json::exception& e) {
    throw DataError((dir / "model.json").string() + ": corrupt model description: " + e.what());
  }
}

ModelBundle load_bundle(const fs::path& dir, unsigned threads) {
  nlohmann::json json;
  try {
    json = nlohmann::json::parse(read_text(dir / "model.json"));
    if (const int version = json.value("format_version", 0); version != kBundleFormatVersion)
      throw DataError((dir / "model.json").string() + ": model format " + std::to_string(version) + " (" +
                      (version == 0 ? "written before genrekit versioned its models" : "another genrekit version") +
                      "); this genrekit reads format " + std::to_string(kBundleFormatVersion) + ": train the model again");
    const std::string type = json.at("type").get<std::string>();
    const ModelKind& kind = model_kind(type);
    const auto classes = json.at("classes").get<std::vector<std::string>>();
    std::vector<data::FeatureColumn> columns;
    for (const auto& c : json.at("columns")) columns.push_back({c.at(0), c.at(1), c.at(2)});
    Standardizer standardizer(json.at("standardizer").at("mean").get<std::vector<double>>(),
                              json.at("standardizer").at("scale").get<std::vector<double>>());
    std::optional<ExtractionProfile> extraction;
    if (const auto& e = json.at("extraction"); !e.is_null())
      extraction = ExtractionProfile{features::parse_fma_profile(e.at("profile").get<std::string>()),
                                     audio::parse_decoder(e.at("decoder").get<std::string>())};
    std::optional<Pca> pca;
    if (const auto& p = json.at("pca"); !p.is_null()) {
      const auto rows = p.at("components").get<std::vector<std::vector<double>>>();
      FeatureMatrix components(static_cast<Eigen::Index>(rows.size()), static_cast<Eigen::Index>(rows.empty() ? 0 : rows[0].size()));
      for (std::size_t k = 0; k < rows.size(); ++k)
        for (std::size_t c = 0; c < rows[k].size(); ++c) components(static_cast<Eigen::Index>(k), static_cast<Eigen::Index>(c)) = rows[k][c];
      pca = Pca(p.at("mean").get<std::vector<double>>(), components, p.at("explained_variance").get<std::vector<double>>(),
                p.at("whiten").get<bool>());
    }
    return {type, classes, columns, standardizer, pca, kind.load(dir, static_cast<int>(classes.size()), threads),
            extraction};
  } catch (const nlohmann::json::exception& e) {
    throw DataError((dir / "model.json").string() + ": corrupt model description: " + e.what());
  } catch (const ConfigError& e) {  // a kind this genrekit does not have
    throw DataError((dir / "model.json").string() + ": " + e.what());
  } catch (const std::invalid_argument& e) {
    throw DataError((dir / "model.json").string() + ": corrupt model description: " + e.what());
  }
}

}  // namespace genrekit::models
