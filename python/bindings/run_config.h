#pragma once
// A trained run's resolved configuration (run_dir/config.yaml), read as train, evaluate and predict
// read it: against the run and training sections.
#include <filesystem>

#include "genrekit/cli/tool.h"
#include "genrekit/config/config.h"
#include "genrekit/models/classical_pipeline.h"
#include "genrekit/models/network_section.h"
#include "genrekit/runtime/run_layout.h"

namespace genrekit::python {

inline config::Config run_config(const std::filesystem::path& run_dir) {
  auto sections = models::training_sections();
  sections.insert(sections.begin(), cli::run_section());
  config::Config config{config::Schema(std::move(sections))};
  config.merge_file(runtime::RunLayout(run_dir).config());
  return config;
}

inline bool is_network_run(const std::filesystem::path& run_dir) { return models::is_network(run_config(run_dir)); }

}  // namespace genrekit::python
