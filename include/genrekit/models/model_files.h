#pragma once
// The files a kind saves its fitted model in: matrices as .npy (float64, exact, numpy.load opens
// them) and small descriptions as JSON. Each write is atomic; each read names the file it fails on.
#include <filesystem>

#include <nlohmann/json.hpp>

#include "genrekit/models/dataset.h"

namespace genrekit::models {

void write_matrix(const std::filesystem::path& file, const FeatureMatrix& matrix);
// DataError naming the file when it is missing, not a 2-D float64 array, or has other than
// `columns` columns (when given, >= 0).
FeatureMatrix read_matrix(const std::filesystem::path& file, Eigen::Index columns = -1);

void write_json(const std::filesystem::path& file, const nlohmann::json& json);
nlohmann::json read_json(const std::filesystem::path& file);  // DataError naming a missing or corrupt file

// json[key] as T; DataError naming the file and the key when missing or of another type.
template <typename T>
T json_value(const nlohmann::json& json, const char* key, const std::filesystem::path& file);

}  // namespace genrekit::models
