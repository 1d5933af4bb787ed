#pragma once
// The `network` config section: how train fits one of the networks of network_list.h on log-mel
// spectrogram shards. Declared here, without
// LibTorch, so that every tool's schema, --help and docs/configuration.md include it.
#include <string>
#include <vector>

#include "genrekit/config/config.h"

namespace genrekit::models {

config::Section network_section();

struct NetworkKind {
  std::string name;     // its model.type
  std::string summary;  // what it is, for --help and the docs
};
// The networks of network_list.h, in its order.
const std::vector<NetworkKind>& network_kinds();

// True when model.type names a network rather than a classical model.
bool is_network(const config::Config& config);

}  // namespace genrekit::models
