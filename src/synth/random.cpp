#include "genrekit/synth/random.h"

#include "genrekit/runtime/splitmix.h"

namespace genrekit::synth {

Random::Random(std::uint64_t seed, std::uint64_t stream)
    : engine_(runtime::splitmix64(seed ^ runtime::splitmix64(stream))) {}

}  // namespace genrekit::synth
