#!/usr/bin/env bash
# The one command that installs the dependencies, builds genrekit and runs every test.
#   scripts/test.sh              release build in build/, all tests
#   scripts/test.sh --sanitize   ASan+UBSan build in build-asan/, all tests
#   scripts/test.sh --no-install skip the apt step (dependencies already present)
set -euo pipefail
cd "$(dirname "$0")/.."

sanitize=OFF
install=1
for arg in "$@"; do
  case "$arg" in
    --sanitize) sanitize=ON ;;
    --no-install) install=0 ;;
    *) echo "test.sh: unknown option '$arg' (expected --sanitize or --no-install)" >&2; exit 2 ;;
  esac
done

[ "$install" -eq 1 ] && scripts/install_deps.sh

if [ "$sanitize" = ON ]; then
  build=build-asan
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DGENREKIT_SANITIZE=ON
else
  build=build
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release
fi
cmake --build "$build" -j "$(nproc)"
ctest --test-dir "$build" --output-on-failure -j "$(nproc)"
