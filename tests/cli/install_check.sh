#!/usr/bin/env bash
# cmake --install puts the tools (and their network builds in libexec/genrekit), the libraries with their headers and CMake package, the configs,
# the published tables and the Python package under a prefix; a project of a user's own then finds the package
# (find_package(genrekit)), links genrekit::core, and computes FMA's 518 features.
# Usage: install_check.sh BUILD_DIR SCRATCH_DIR SOURCE_DIR
set -euo pipefail
build=$1 scratch=$2 source=$3
rm -rf "$scratch" && mkdir -p "$scratch"
fail() { echo "FAIL: $*"; exit 1; }
cmake --install "$build" --prefix "$scratch/prefix" > "$scratch/install.log"
for file in bin/extract bin/train bin/evaluate bin/predict bin/synth_corpus libexec/genrekit/train libexec/genrekit/evaluate \
            libexec/genrekit/predict lib/python3/dist-packages/genrekit/networks.py include/genrekit/features/fma_features.h \
            share/genrekit/configs/ml/thesis_screening.yaml share/genrekit/data/published/thesis_screening.csv \
            share/genrekit/data/gtzan/fault_filtered_split.csv; do
  [ -e "$scratch/prefix/$file" ] || fail "$file was not installed"
done
[ -n "$(find "$scratch/prefix" -name genrekitConfig.cmake)" ] || fail "no genrekitConfig.cmake"
"$scratch/prefix/bin/train" --version | sed -n 1p
# bin/train has no LibTorch; a network run is handed to libexec/genrekit/train, which names what is
# missing here (the shards) rather than the network build.
set +e
"$scratch/prefix/bin/train" --set model.type=cnn_lstm -o "$scratch/net" > "$scratch/net.log" 2>&1
status=$?
set -e
[ "$status" -eq 2 ] && grep -q "network.logmel_dir: not set" "$scratch/net.log" || { cat "$scratch/net.log"; fail "the network hand-over"; }
cmake -S "$source/tests/install" -B "$scratch/consumer" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_PREFIX_PATH="$scratch/prefix" > "$scratch/configure.log" 2>&1 || { cat "$scratch/configure.log"; fail "find_package(genrekit)"; }
cmake --build "$scratch/consumer" > "$scratch/build.log" 2>&1 || { cat "$scratch/build.log"; fail "building against the installed genrekit"; }
"$scratch/consumer/consumer"
# The Python package imports from the prefix alone, its compiled modules with it.
PYTHONPATH="$scratch/prefix/lib/python3/dist-packages" /usr/bin/python3 -c '
import genrekit, genrekit._networks, os
assert os.path.dirname(genrekit.__file__).startswith(os.environ["PYTHONPATH"]), genrekit.__file__
print("installed python package: genrekit", genrekit.__version__, "with", len(genrekit.fma_features.__doc__) > 0 and "fma_features, logmel, Run")'
echo "installed: the tools (network runs handed to libexec/genrekit), the library and its CMake package, the configs, the Python package; a project of its own builds against it"
