#pragma once
// What built and runs genrekit: its own version and git revision and the versions of the
// libraries whose behaviour shapes results. Recorded in every run directory.
#include <string>
#include <utility>
#include <vector>

namespace genrekit::runtime {

std::string genrekit_version();  // "0.1.0 (git abcdef123456)"
// (name, version) pairs: libsndfile, FFTW, soxr, XGBoost, LIBLINEAR, LibTorch, Eigen, yaml-cpp, spdlog.
std::vector<std::pair<std::string, std::string>> library_versions();

}  // namespace genrekit::runtime
