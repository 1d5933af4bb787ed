#pragma once
// The `network` config section: how train fits one of the thesis' networks (model.type spotify,
// deepsound, cnn_lstm or dieleman2014) on log-mel spectrogram shards. Declared here, without
// LibTorch, so that every tool's schema, --help and docs/configuration.md include it.
#include <string>
#include <vector>

#include "genrekit/config/config.h"

namespace genrekit::models {

config::Section network_section();

// The model.type values that name a network.
const std::vector<std::string>& network_types();

// True when model.type names a network rather than a classical model.
bool is_network(const config::Config& config);

}  // namespace genrekit::models
