# Every dependency comes from a Debian 12 package (scripts/install_deps.sh); nothing is downloaded.
find_package(PkgConfig REQUIRED)
pkg_check_modules(SNDFILE REQUIRED IMPORTED_TARGET sndfile>=1.1)
pkg_check_modules(FFTW3 REQUIRED IMPORTED_TARGET fftw3)
pkg_check_modules(FFTW3F REQUIRED IMPORTED_TARGET fftw3f)
pkg_check_modules(SOXR REQUIRED IMPORTED_TARGET soxr)
# FFmpeg's libraries decode audio as FMA's loader did (audioread -> ffmpeg -> s16), see audio/ffmpeg_decode.h.
pkg_check_modules(FFMPEG REQUIRED IMPORTED_TARGET libavformat libavcodec libavutil)

find_package(Eigen3 3.3 REQUIRED NO_MODULE)
find_package(yaml-cpp REQUIRED)
find_package(spdlog REQUIRED)
find_package(CLI11 REQUIRED)
find_package(nlohmann_json 3 REQUIRED)
find_package(FastFloat REQUIRED)
find_package(Threads REQUIRED)
find_package(xgboost REQUIRED)
find_package(LIBLINEAR REQUIRED)
find_package(LIBSVM REQUIRED)

# LibTorch is used only by the genrekit::nn target; its version is recorded in run manifests.
find_package(Torch REQUIRED)
set(GENREKIT_TORCH_VERSION "${Torch_VERSION}")
