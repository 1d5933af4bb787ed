#!/usr/bin/env bash
# extract end to end on a small synthetic corpus in FMA's layout:
#  1. failures: a truncated MP3 and an empty one are recorded in failures.csv, the run goes on, exit 1
#     (0 with extract.allow_failures);
#  2. resume: a run killed with SIGKILL mid-way and started again with --resume ends with the same
#     features.csv, failures.csv, spectrogram shards and index as an uninterrupted run, byte for byte;
#  3. shards: --shard 1/2 and 2/2 joined with --merge give the same features.csv as one run, as do a
#     --shard auto part of a Slurm job array (its variables set by hand) and 1/2; --merge refuses a
#     missing, repeated or foreign part, listing each;
#  4. Ctrl-C: SIGINT lets the items in hand finish, exits 130 keeping them, and --resume completes;
#     SIGTERM (a batch scheduler's stop) does the same and exits 143;
#  5. --resume with other inputs (another list, order or file) is refused with exit 2, naming the
#     differences, and writes nothing;
#  6. a folder with a link loop, a dangling link, a FIFO and an unlistable sub-folder: each is a row of
#     failures.csv with its reason, the good file is extracted, exit 1.
# Usage: extract_end_to_end.sh BIN_DIR SCRATCH_DIR
set -euo pipefail
bin=$1 scratch=$2
rm -rf "$scratch" && mkdir -p "$scratch"
fail() { echo "FAIL: $*"; exit 1; }

"$bin/synth_corpus" -q -o "$scratch/corpus" --threads 2 --set 'corpus.genres=[Rock, Jazz, Spoken, Electronic]' \
  --set corpus.tracks_per_genre=5 --set corpus.clip_seconds=3 --set corpus.multi_root=0
audio="$scratch/corpus/fma_large"
# Break two tracks: one truncated mid-frame, one empty.
mapfile -t files < <(find "$audio" -name '*.mp3' | sort)
head -c 600 "${files[3]}" > "$scratch/t" && mv "$scratch/t" "${files[3]}"
: > "${files[7]}"

common=(-c /dev/null --set "data.metadata_dir=$scratch/corpus/fma_metadata" --set "data.audio_dir=$audio"
        --set data.subset=large --set 'features.outputs=[fma518, logmel]' --set features.logmel.shard_size=4
        --set features.logmel.frames=64)

# 1. One uninterrupted run (the reference for 2 and 3).
set +e
"$bin/extract" -q -o "$scratch/full" "${common[@]}" --threads 2
code=$?
set -e
[ "$code" -eq 1 ] || fail "expected exit 1 with failures, got $code"
rows=$(($(wc -l < "$scratch/full/features.csv") - 4))
[ "$rows" -eq 18 ] || fail "expected 18 feature rows (20 tracks, 2 broken), got $rows"
[ "$(($(wc -l < "$scratch/full/failures.csv") - 1))" -eq 2 ] || fail "expected 2 failures"
grep -q "$(basename "${files[7]}"): empty file" "$scratch/full/failures.csv" || fail "empty file not named in failures.csv"
"$bin/extract" -q -o "$scratch/allowed" "${common[@]}" --set extract.allow_failures=true || fail "allow_failures should exit 0"
/usr/bin/python3 - "$scratch/full" <<'PY'
import sys, numpy as np, pandas as pd
d = sys.argv[1]
f = pd.read_csv(d + '/features.csv', index_col=0, header=[0, 1, 2])
assert f.shape == (18, 518), f.shape
index = pd.read_csv(d + '/logmel/index.csv')
assert len(index) == 18, len(index)
for shard, rows in index.groupby('shard'):
    a = np.load(d + '/logmel/' + shard, mmap_mode='r')
    assert a.shape[1:] == (64, 128) and a.shape[0] == len(rows), (shard, a.shape)
assert set(index['split']) <= {'training', 'validation', 'test'} and index['genre'].notna().all()
print('pandas/numpy read features.csv', f.shape, 'and', index['shard'].nunique(), 'shards')
PY

# Starts a one-thread extraction into $1 in the background (its pid in $pid) and returns once its
# journal holds at least $2 items.
start_and_wait_for() {
  "$bin/extract" -q -o "$1" "${common[@]}" --threads 1 &
  pid=$!
  for _ in $(seq 1 600); do
    [ -f "$1/work/journal.tsv" ] && [ "$(wc -l < "$1/work/journal.tsv")" -ge "$2" ] && return
    sleep 0.05
  done
}

# 2. Kill -9 after a few items, then resume.
start_and_wait_for "$scratch/killed" 6
kill -9 "$pid" 2>/dev/null || true
wait "$pid" 2>/dev/null || true
done_before=$(wc -l < "$scratch/killed/work/journal.tsv")
[ "$done_before" -lt 20 ] || fail "the run finished before it could be killed"
set +e
"$bin/extract" -q -o "$scratch/killed" "${common[@]}" --threads 2 --resume
set -e
for f in features.csv failures.csv logmel/index.csv logmel/shard-00000.npy logmel/shard-00001.npy logmel/shard-00004.npy; do
  cmp -s "$scratch/full/$f" "$scratch/killed/$f" || fail "resumed $f differs from the uninterrupted run"
done
[ -z "$(ls -A "$scratch/killed/logmel/pending")" ] || fail "pending spectrograms left behind"
echo "killed after $done_before of 20 items; resumed run equals the uninterrupted one"

# 3. Two parts and a merge.
set +e
"$bin/extract" -q -o "$scratch/part1" "${common[@]}" --shard 1/2
"$bin/extract" -q -o "$scratch/part2" "${common[@]}" --shard 2/2
set -e
"$bin/extract" -q -o "$scratch/merged" --merge "$scratch/part1" "$scratch/part2"
cmp -s "$scratch/full/features.csv" "$scratch/merged/features.csv" || fail "merged features.csv differs"
[ "$(wc -l < "$scratch/merged/logmel/index.csv")" -eq 19 ] || fail "merged index should list 18 spectrograms"
# sbatch --array=4-5 makes task 5 the second of two.
set +e
SLURM_ARRAY_TASK_ID=5 SLURM_ARRAY_TASK_COUNT=2 SLURM_ARRAY_TASK_MIN=4 "$bin/extract" -q -o "$scratch/slurm2" "${common[@]}" --shard auto
set -e
"$bin/extract" -q -o "$scratch/merged_slurm" --merge "$scratch/part1" "$scratch/slurm2"
cmp -s "$scratch/full/features.csv" "$scratch/merged_slurm/features.csv" || fail "a --shard auto part merged differs"
"$bin/extract" -q -o "$scratch/other" -c /dev/null --set 'features.outputs=[fma518]' --shard 2/2 "${files[0]}" "${files[1]}" || true
"$bin/extract" -q -o "$scratch/bad_merge" --merge "$scratch/part1" "$scratch/part1" "$scratch/other" > "$scratch/merge.log" 2>&1 &&
  fail "a bad merge was accepted"
for expected in "part 1 given 2 times" "missing part(s) 2 of 2" "other: part 2 of 2 of input list"; do
  grep -qF "$expected" "$scratch/merge.log" || { cat "$scratch/merge.log"; fail "merge should say: $expected"; }
done
[ ! -e "$scratch/bad_merge" ] || fail "a refused merge left its run directory"
echo "shards: 1/2 + 2/2 and 1/2 + a Slurm array task each merge to the full run; a bad merge is refused, naming each part"
# 4. SIGINT (Ctrl-C) and SIGTERM (a scheduler's stop): exit 128 + the signal, finished items kept,
# no partial features.csv, and resume completes to the same result.
stop_and_resume() {  # SIGNAL EXPECTED_CODE DIR
  start_and_wait_for "$3" 4
  kill "-$1" "$pid"
  set +e
  wait "$pid"
  code=$?
  set -e
  [ "$code" -eq "$2" ] || fail "SIG$1 should exit $2, got $code"
  kept=$(wc -l < "$3/work/journal.tsv")
  [ "$kept" -ge 4 ] && [ "$kept" -lt 20 ] || fail "expected the finished items to be kept after SIG$1, found $kept"
  [ ! -f "$3/features.csv" ] || fail "a run stopped by SIG$1 must not write a partial features.csv"
  set +e
  "$bin/extract" -q -o "$3" "${common[@]}" --threads 1 --resume
  set -e
  cmp -s "$scratch/full/features.csv" "$3/features.csv" || fail "features.csv after SIG$1 + resume differs"
  echo "stopped by SIG$1 after $kept items (exit $2); resumed run equals the uninterrupted one"
}
stop_and_resume INT 130 "$scratch/interrupted"
stop_and_resume TERM 143 "$scratch/terminated"
# 5. --resume compares the inputs.
good=("${files[0]}" "${files[1]}")
"$bin/extract" -q -o "$scratch/two" "${good[@]}"
cp -r "$scratch/two" "$scratch/two.before"
set +e
"$bin/extract" -q -o "$scratch/two" --resume "${files[2]}" "${files[0]}" > "$scratch/out.txt" 2>&1
code=$?
set -e
[ "$code" -eq 2 ] || { cat "$scratch/out.txt"; fail "--resume with other inputs should exit 2, got $code"; }
grep -q "the inputs differ from those it was started on" "$scratch/out.txt" && grep -q "item 1: recorded" "$scratch/out.txt" ||
  { cat "$scratch/out.txt"; fail "the differing inputs are not listed"; }
diff -r "$scratch/two.before" "$scratch/two" > /dev/null || fail "a refused --resume changed the run directory"
touch -d '2001-01-01 00:00:00 UTC' "${files[1]}"
set +e
"$bin/extract" -q -o "$scratch/two" --resume "${good[@]}" > "$scratch/out.txt" 2>&1
code=$?
set -e
[ "$code" -eq 2 ] && grep -q "item 2: recorded" "$scratch/out.txt" || { cat "$scratch/out.txt"; fail "a changed file was not noticed"; }
grep -q "modified 2001-01-01 00:00:00.000000000 UTC)" "$scratch/out.txt" || { cat "$scratch/out.txt"; fail "the new modification time is not shown as a date"; }
echo "--resume with other inputs is refused, naming them, and writes nothing"
# 6. What a folder walk cannot read is a failure row, not a stop and not a silent skip.
walkdir="$scratch/walk"
mkdir -p "$walkdir/sub" "$walkdir/locked"
cp "${files[0]}" "$walkdir/good.mp3"
cp "${files[2]}" "$walkdir/locked/hidden.mp3"
ln -s B.mp3 "$walkdir/A.mp3" && ln -s A.mp3 "$walkdir/B.mp3"
ln -s nowhere.mp3 "$walkdir/sub/dangling.mp3"
mkfifo "$walkdir/sub/pipe.mp3"
chmod 000 "$walkdir/locked"
expected=4
if [ "$(id -u)" -ne 0 ]; then expected=5; fi  # root lists any folder
set +e
timeout 120 "$bin/extract" -q -o "$scratch/walked" "$walkdir" > "$scratch/out.txt" 2>&1
code=$?
set -e
chmod 755 "$walkdir/locked"
[ "$code" -eq 1 ] || { cat "$scratch/out.txt"; fail "a folder with unreadable entries should exit 1, got $code"; }
/usr/bin/python3 - "$scratch/walked" "$expected" <<'PY'
import csv, sys
run, expected = sys.argv[1], int(sys.argv[2])
failures = list(csv.DictReader(open(run + '/failures.csv')))
reasons = ' | '.join(f['reason'] for f in failures)
assert len(failures) == expected, (len(failures), reasons)
for needle in ('a link loop', 'a dangling link', 'a FIFO, not an audio file'):
    assert needle in reasons, (needle, reasons)
if expected == 5:
    assert 'cannot list the folder' in reasons, reasons
rows = open(run + '/features.csv').read().splitlines()[4:]
assert len(rows) == 1 + (expected == 4) and any('good.mp3' in r for r in rows), rows
print('folder walk: %d unreadable entries in failures.csv (%s), the good files extracted' % (len(failures), reasons))
PY
echo "6 passed, 0 failed"
