#include "genrekit/runtime/versions.h"

#include <Eigen/Core>
#include <fftw3.h>
#include <linear.h>
#include <sndfile.h>
#include <soxr.h>
#include <spdlog/version.h>
#include <svm.h>
#include <xgboost/c_api.h>
extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/avutil.h>
}

#include "build_info.h"

namespace genrekit::runtime {

std::string genrekit_version() { return std::string(GENREKIT_VERSION) + " (git " + GENREKIT_GIT_REVISION + ")"; }

std::vector<std::pair<std::string, std::string>> library_versions() {
  int xgb_major = 0, xgb_minor = 0, xgb_patch = 0;
  XGBoostVersion(&xgb_major, &xgb_minor, &xgb_patch);
  const auto dotted = [](int a, int b, int c) {
    return std::to_string(a) + "." + std::to_string(b) + "." + std::to_string(c);
  };
  const auto av = [&](unsigned version) {
    return dotted(static_cast<int>(AV_VERSION_MAJOR(version)), static_cast<int>(AV_VERSION_MINOR(version)),
                  static_cast<int>(AV_VERSION_MICRO(version)));
  };
  return {
      // FFmpeg decodes by default (features.decoder ffmpeg_s16): its release and its libraries'.
      {"ffmpeg", av_version_info()},
      {"libavformat", av(avformat_version())},
      {"libavcodec", av(avcodec_version())},
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
