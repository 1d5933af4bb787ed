#!/usr/bin/env bash
# Progress as people see it. On a terminal (a pseudo-terminal from util-linux's `script`), a warning
# printed while the bar is drawn goes above the bar: the bar is erased first, so the warning's line
# never shows the bar's text. Without a terminal, progress is a line every few seconds, not one per item.
# Usage: progress_terminal.sh BIN_DIR SCRATCH_DIR
set -euo pipefail
bin=$1 scratch=$2
rm -rf "$scratch" && mkdir -p "$scratch/clips"
fail() { echo "FAIL: $*"; exit 1; }

"$bin/synth_corpus" -q -o "$scratch/corpus" --set "corpus.genres=[Rock, Jazz]" --set corpus.tracks_per_genre=3 --set corpus.clip_seconds=2
clip=$(find "$scratch/corpus/fma_large" -name '*.mp3' | sed -n 1p)
for i in $(seq -w 1 120); do cp "$clip" "$scratch/clips/c$i.mp3"; done
head -c 500 "$clip" > "$scratch/clips/c070.mp3"  # fails halfway, while the bar is up
files=$(ls "$scratch"/clips/*.mp3 | tr '\n' ' ')

script -qec "$bin/extract -o $scratch/tty $files --threads 1" "$scratch/typescript" > /dev/null 2>&1 || true
/usr/bin/python3 - "$scratch/typescript" <<'PY'
import sys
raw = open(sys.argv[1], 'rb').read().decode('utf-8', 'replace')
assert 'items/s' in raw, 'no progress bar was drawn'
warned = [line for line in raw.split('\n') if 'c070.mp3' in line]
assert warned, 'the failure was not reported'
for line in warned:
    shown = [part for part in line.split('\r') if 'c070.mp3' in part][0]  # what stays on screen after each carriage return
    assert 'items/s' not in shown, 'the warning shares its line with the bar: %r' % shown
print('terminal: the bar was drawn and the warning printed above it')
PY

start=$(date +%s)
"$bin/extract" -o "$scratch/plain" $files --threads 1 2> "$scratch/plain.log" || true
seconds=$(( $(date +%s) - start + 1 ))
intermediate=$(grep -c "extract: [0-9]*/120 (" "$scratch/plain.log" || true)
# One line per 5 s (the sanitizer build runs slower), not one per 6 items (20 lines, the old rule).
[ "$intermediate" -le $(( seconds / 5 + 1 )) ] || fail "without a terminal, $intermediate progress lines in $seconds s"
grep -q "extract: 120/120 in" "$scratch/plain.log" || fail "no closing progress line"
echo "progress: ok"
