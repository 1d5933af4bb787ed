#!/usr/bin/env bash
# Remakes the pictures in docs/images/ from the end-to-end tests' outputs, in headless chromium at
# 1280 px, each after its page's browser checks pass: the classical report at 16 and 40 classes,
# the demo CNN-LSTM's training curves, and its genre timeline of a real recording.
# Usage: scripts/screenshots.sh [BUILD_DIR]   (after: cd BUILD_DIR && ctest -L end_to_end)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
scratch=$build/tests/cli-scratch
checks=tests/cli
for needed in "$scratch/classical/eval/report.html" "$scratch/classical/forty-eval/report.html" "$scratch/network/run/training_curves.svg"; do
  [ -f "$needed" ] || { echo "screenshots.sh: $needed is missing: run 'ctest -L end_to_end' in $build first" >&2; exit 2; }
done
/usr/bin/python3 "$checks/report_browser.py" "$scratch/classical/eval/report.html" 16 --screenshot docs/images/report_16_classes.png
/usr/bin/python3 "$checks/report_browser.py" "$scratch/classical/forty-eval/report.html" 40 --screenshot docs/images/report_40_classes.png
/usr/bin/python3 "$checks/screenshot.py" "$scratch/network/run/training_curves.svg" docs/images/training_curves.png
timeline=$(mktemp -d)
trap 'rm -rf "$timeline"' EXIT
"$build/bin/predict" -q --run "$scratch/network/run" tests/data/reference/audio/folk_lets_go_fishin.mp3 --timeline "$timeline" > /dev/null
/usr/bin/python3 "$checks/timeline_browser.py" "$timeline/folk_lets_go_fishin.timeline.html" "$timeline/folk_lets_go_fishin.timeline.json" \
  --screenshot docs/images/timeline.png
ls -l docs/images/
