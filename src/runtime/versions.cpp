#include "genrekit/runtime/versions.h"

#include <Eigen/Core>
#include <fftw3.h>
#include <linear.h>
#include <sndfile.h>
#include <soxr.h>
#include <spdlog/version.h>
#include <svm.h>
#include <xgboost/c_api.h>

#include "build_info.h"

namespace genrekit::runtime {

std::string genrekit_version() { return std::string(GENREKIT_VERSION) + " (git " + GENREKIT_GIT_REVISION + ")"; }

std::vector<std::pair<std::string, std::string>> library_versions() {
  int xgb_major = 0, xgb_minor = 0, xgb_patch = 0;
  XGBoostVersion(&xgb_major, &xgb_minor, &xgb_patch);
  const auto dotted = [](int a, int b, int c) {
    return std::to_string(a) + "." + std::to_string(b) + "." + std::to_string(c);
  };
  return {
      {"libsndfile", sf_version_string()},
      {"fftw", fftwf_version},
      {"soxr", soxr_version()},
      {"xgboost", dotted(xgb_major, xgb_minor, xgb_patch)},
      // liblinear_version is e.g. 230 for 2.30 (LIBLINEAR's own numbering).
      {"liblinear", std::to_string(liblinear_version / 100) + "." + std::to_string(liblinear_version % 100)},
      // libsvm_version is e.g. 324 for 3.24.
      {"libsvm", std::to_string(libsvm_version / 100) + "." + std::to_string(libsvm_version % 100)},
      {"libtorch", GENREKIT_TORCH_VERSION},
      {"eigen", dotted(EIGEN_WORLD_VERSION, EIGEN_MAJOR_VERSION, EIGEN_MINOR_VERSION)},
      {"yaml-cpp", GENREKIT_YAML_CPP_VERSION},
      {"spdlog", dotted(SPDLOG_VER_MAJOR, SPDLOG_VER_MINOR, SPDLOG_VER_PATCH)},
  };
}

}  // namespace genrekit::runtime
