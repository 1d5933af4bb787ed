#!/usr/bin/env bash
# Installs everything genrekit needs on Debian 12, from Debian's own repositories only.
# Idempotent: when every package is already installed it changes nothing and asks no mirror.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git
  libsndfile1-dev libfftw3-dev libsoxr-dev libeigen3-dev
  libavformat-dev libavcodec-dev libavutil-dev
  libxgboost-dev xgboost liblinear-dev libsvm-dev libtorch-dev
  libcli11-dev libspdlog-dev libyaml-cpp-dev nlohmann-json3-dev libfast-float-dev libtbb-dev
  libgtest-dev libbenchmark-dev
  # Python side of the checks: pandas must read the features.csv we write; scikit-learn and
  # XGBoost's Python package are the fidelity reference of the classical models.
  python3-numpy python3-pandas python3-sklearn python3-xgboost
  # The trained networks rebuilt in PyTorch (python/genrekit/networks.py) are checked against genrekit.
  python3-torch
  # The compiled Python module (python/): pybind11 and the interpreter's headers.
  pybind11-dev python3-dev
  # Data-parallel network training: the headers of Gloo, which LibTorch's c10d includes.
  libgloo-dev
  # The genre timeline's HTML player is tested in a real headless browser.
  chromium
  # The readers are fuzzed with libFuzzer, which comes with Clang (scripts/fuzz.sh).
  clang libclang-rt-14-dev
  # bench/predict_memory.sh makes its long files and its --stream input with the ffmpeg command.
  ffmpeg
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install_deps: all ${#packages[@]} packages present"
  exit 0
fi

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "install_deps: installing ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
