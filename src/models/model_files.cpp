#include "genrekit/models/model_files.h"

#include <fstream>

#include "genrekit/data/npy.h"
#include "genrekit/error.h"
#include "genrekit/runtime/run_dir.h"

namespace genrekit::models {

void write_matrix(const std::filesystem::path& file, const FeatureMatrix& matrix) {
  std::filesystem::create_directories(file.parent_path());
  runtime::write_file_atomically(
      file, data::npy_bytes({static_cast<std::size_t>(matrix.rows()), static_cast<std::size_t>(matrix.cols())}, matrix.data()));
}

FeatureMatrix read_matrix(const std::filesystem::path& file, Eigen::Index columns) {
  if (!std::filesystem::exists(file)) throw DataError(file.string() + ": missing (is this a train run directory?)");
  const data::NpyArray array = data::read_npy(file);
  if (array.shape.size() != 2) throw DataError(file.string() + ": expected a 2-D array");
  const auto rows = static_cast<Eigen::Index>(array.shape[0]), cols = static_cast<Eigen::Index>(array.shape[1]);
  if (columns >= 0 && cols != columns)
    throw DataError(file.string() + ": " + std::to_string(cols) + " columns, expected " + std::to_string(columns));
  return Eigen::Map<const FeatureMatrix>(array.values.data(), rows, cols);
}

void write_json(const std::filesystem::path& file, const nlohmann::json& json) {
  std::filesystem::create_directories(file.parent_path());
  runtime::write_file_atomically(file, json.dump(1) + "\n");
}

nlohmann::json read_json(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw DataError(file.string() + ": cannot read (is this a train run directory?)");
  try {
    return nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception& e) {
    throw DataError(file.string() + ": corrupt: " + e.what());
  }
}

template <typename T>
T json_value(const nlohmann::json& json, const char* key, const std::filesystem::path& file) {
  try {
    return json.at(key).get<T>();
  } catch (const nlohmann::json::exception& e) {
    throw DataError(file.string() + ": '" + key + "': " + e.what());
  }
}

template bool json_value<bool>(const nlohmann::json&, const char*, const std::filesystem::path&);
template int json_value<int>(const nlohmann::json&, const char*, const std::filesystem::path&);
template double json_value<double>(const nlohmann::json&, const char*, const std::filesystem::path&);
template std::vector<double> json_value<std::vector<double>>(const nlohmann::json&, const char*, const std::filesystem::path&);
template std::vector<int> json_value<std::vector<int>>(const nlohmann::json&, const char*, const std::filesystem::path&);
template std::vector<std::string> json_value<std::vector<std::string>>(const nlohmann::json&, const char*,
                                                                      const std::filesystem::path&);

}  // namespace genrekit::models
