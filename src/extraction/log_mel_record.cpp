#include "genrekit/extraction/log_mel_record.h"

#include <cstdint>
#include <fstream>
#include <iterator>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "genrekit/error.h"
#include "genrekit/runtime/run_dir.h"

namespace genrekit::extraction {

namespace fs = std::filesystem;

namespace {

// The keys that change the shards' values (shard_size only groups them).
constexpr const char* kKeys[] = {"features.logmel.sample_rate", "features.logmel.resampler", "features.logmel.n_fft",
                                 "features.logmel.hop_length",  "features.logmel.n_mels",    "features.logmel.frames",
                                 "features.logmel.floor",       "features.logmel.dtype"};

nlohmann::json value_of(const config::Config& config, const std::string& key) {
  switch (config.schema().find(key)->type) {
    case config::ValueType::Int: return config.get_int(key);
    case config::ValueType::Float: return config.get_float(key);
    default: return config.get_string(key);
  }
}

fs::path record_file(const fs::path& logmel_dir) { return logmel_dir / "settings.json"; }

// The record, or null when the shards have none.
nlohmann::json read_record(const fs::path& logmel_dir) {
  std::ifstream in(record_file(logmel_dir));
  if (!in) return nullptr;
  const auto record = nlohmann::json::parse(in, nullptr, false);
  if (record.is_discarded() || !record.is_object())
    throw DataError(record_file(logmel_dir).string() + ": corrupt log-mel settings (not a JSON object)");
  for (const char* key : kKeys)
    if (!record.contains(key)) throw DataError(record_file(logmel_dir).string() + ": corrupt log-mel settings: no " + key);
  return record;
}

}  // namespace

nlohmann::json log_mel_record(const LogMelSettings& settings) {
  const auto& p = settings.params;
  // In kKeys' order, each as the config holds it (a whole number of hertz; the choices' names).
  const nlohmann::json values[] = {static_cast<std::int64_t>(p.sample_rate), std::string(audio::to_string(settings.resampler)),
                                   p.n_fft, p.hop_length, p.n_mels, p.frames, p.floor,
                                   settings.dtype == data::NpyDtype::Float32 ? "float32" : "float16"};
  static_assert(std::size(values) == std::size(kKeys));
  nlohmann::json record = nlohmann::json::object();
  for (std::size_t i = 0; i < std::size(kKeys); ++i) record[kKeys[i]] = values[i];
  return record;
}

void write_log_mel_record(const LogMelSettings& settings, const fs::path& logmel_dir) {
  fs::create_directories(logmel_dir);
  runtime::write_file_atomically(record_file(logmel_dir), log_mel_record(settings).dump(1) + "\n");
}

void adopt_log_mel_record(config::Config& config, const fs::path& logmel_dir) {
  const nlohmann::json record = read_record(logmel_dir);
  if (record.is_null()) {
    spdlog::warn("{}: no settings.json (shards made by an older genrekit): the features.logmel.* of this run are taken as "
                 "configured, and checked only against the shards' frames and mels",
                 logmel_dir.string());
    return;
  }
  for (const char* key : kKeys) {
    const nlohmann::json now = value_of(config, key), made = record.at(key);
    if (now == made) continue;
    if (config.origin(key) != "default")
      throw ConfigError(std::string(key) + " is " + now.dump() + " (from " + config.origin(key) + "), but the shards in " +
                        logmel_dir.string() + " were made with " + made.dump() + " (" + record_file(logmel_dir).string() +
                        "); leave the key out to train on them, or extract shards with that setting");
    config.set(std::string(key) + "=" + made.dump());
  }
}

void check_log_mel_record(const LogMelSettings& settings, const fs::path& logmel_dir) {
  const nlohmann::json record = read_record(logmel_dir);
  if (record.is_null()) return;
  const nlohmann::json run = log_mel_record(settings);
  for (const std::string key : kKeys) {
    if (key == "features.logmel.frames" || key == "features.logmel.dtype") continue;  // any length, either storage
    if (const nlohmann::json& now = run.at(key); now != record.at(key))
      throw DataError(record_file(logmel_dir).string() + ": these shards were made with " + key + " " + record.at(key).dump() +
                      ", but the run says " + now.dump() + " (use the shards the run was trained on, or extract them again)");
  }
}

}  // namespace genrekit::extraction
