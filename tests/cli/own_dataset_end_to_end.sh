#!/usr/bin/env bash
# Users' own labelled audio end to end, classical and network: a labels CSV (path,label,artist, no
# split: seeded, stratified, artists kept apart) over a synthetic corpus -> extract (features and
# log-mel shards, keyed by the CSV's paths) -> train / evaluate a logistic regression and a small
# CNN-LSTM -> predict new audio with both runs; the same audio as class folders; a CSV's own split
# column; extract's features joined with labels by hand (a plain table naming its extract run);
# and the errors a user meets (inputs given twice, both label sources).
# With PYTHON_DIR (the build's python/, absent in the sanitizer build), the compiled Python module
# is checked against the tools on the same runs (tests/python/check_module.py).
# Usage: own_dataset_end_to_end.sh BIN_DIR SCRATCH_DIR CONFIGS_DIR [full|quick] [PYTHON_DIR]
# quick (the sanitizer build's) trains the network one epoch instead of three. No accuracy floors:
# 6 tracks per genre leave ~29 test files for 16 genres, too few to judge a model by; the
# pipeline's accuracy is checked in the FMA-layout tests.
set -euo pipefail
bin=$1 scratch=$2 configs=$3 mode=${4:-full} python_dir=${5:-}
here=$(cd "$(dirname "$0")/.." && pwd)
case "$mode" in
  full) epochs=3 ;;
  quick) epochs=1 ;;
  *) echo "own_dataset_end_to_end.sh: mode must be full or quick, got '$mode'" >&2; exit 2 ;;
esac
rm -rf "$scratch" && mkdir -p "$scratch"
fail() { echo "FAIL: $*"; exit 1; }
expect_exit() { local want=$1; shift; set +e; "$@" > "$scratch/out.txt" 2>&1; local got=$?; set -e
  [ "$got" -eq "$want" ] || { cat "$scratch/out.txt"; fail "expected exit $want from: $*"; }; }

"$bin/synth_corpus" -q -o "$scratch/corpus" --set corpus.tracks_per_genre=6 --set corpus.clip_seconds=6
# labels.csv: every track with a genre, its path relative to the CSV, its artist; folders/: the
# same files as folders/<genre>/<artist>/<id>.mp3 (links).
/usr/bin/python3 - "$scratch" <<'PY'
import csv, os, sys
d = sys.argv[1]
rows = list(csv.reader(open(d + '/corpus/fma_metadata/tracks.csv', newline='')))
head = list(zip(rows[0], rows[1]))
col = {name: i for i, name in enumerate(head)}
with open(d + '/labels.csv', 'w', newline='') as out:
    w = csv.writer(out)
    w.writerow(['path', 'label', 'artist'])
    for r in rows[3:]:
        genre, artist = r[col[('track', 'genre_top')]], r[col[('artist', 'name')]]
        if not genre:
            continue
        tid = int(r[0])
        path = 'corpus/fma_large/%03d/%06d.mp3' % (tid // 1000, tid)
        w.writerow([path, genre, artist])
        link = os.path.join(d, 'folders', genre, artist, '%06d.mp3' % tid)
        os.makedirs(os.path.dirname(link), exist_ok=True)
        os.symlink(os.path.join(d, path), link)
PY
labels=(--set "data.labels_csv=$scratch/labels.csv")
logmel=(--set features.logmel.frames=216)
"$bin/extract" -q -o "$scratch/extract" "${labels[@]}" --set 'features.outputs=[fma518, logmel]' "${logmel[@]}"

# The classical run: labels and split from the CSV, features from extract, joined on the paths.
# A quarter of each class held out for validation and for test: with four artists, one each.
classical=("${labels[@]}" --set table.validation_fraction=0.25 --set table.test_fraction=0.25 --set "model.features_csv=$scratch/extract/features.csv" --set model.type=logistic_regression)
"$bin/train" -q -o "$scratch/classical" "${classical[@]}"
for split in training validation test; do
  "$bin/evaluate" -q --run "$scratch/classical" -o "$scratch/classical-$split" --set "evaluate.split=$split" > /dev/null
done
/usr/bin/python3 - "$scratch" <<'PY'
import csv, json, sys
d = sys.argv[1]
labels = {r['path']: r for r in csv.DictReader(open(d + '/labels.csv', newline=''))}
index = [r[0] for r in list(csv.reader(open(d + '/extract/features.csv', newline='')))[4:]]  # 4 header rows
assert sorted(index) == sorted(labels), 'features.csv should be keyed by the labels CSV paths'
artists, seen = {}, set()
for split in ('training', 'validation', 'test'):
    rows = list(csv.DictReader(open('%s/classical-%s/predictions.csv' % (d, split), newline='')))
    assert rows and all(r['split'] == split and r['label'] == labels[r['id']]['label'] for r in rows), split
    artists[split] = {labels[r['id']]['artist'] for r in rows}
    seen |= {r['id'] for r in rows}
assert seen == set(labels), 'every labelled file is in exactly one split'
assert not (artists['training'] & artists['test']) and not (artists['training'] & artists['validation']) \
    and not (artists['validation'] & artists['test']), artists
m = json.load(open(d + '/classical-test/metrics.json'))
print('labels CSV, classical: %d files, artists apart (%s), test accuracy %.3f on %d files' % (
    len(labels), ', '.join('%s %d' % (s, len(a)) for s, a in artists.items()), m['accuracy'], m['count']))
PY
# A run trained on extract's own features predicts new audio: its extraction profile was recorded.
track=$(find "$scratch/corpus/fma_large" -name '*.mp3' | sort | sed -n 1p)  # sed reads it all: head's early exit would SIGPIPE sort, failing under pipefail
echo "$track" > "$scratch/track.txt"
"$bin/predict" -q --run "$scratch/classical" "$track" --output "$scratch/classical-prediction.csv"
/usr/bin/python3 - "$scratch/classical-prediction.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline='')))
assert len(rows) == 1 and rows[0]['genre'] and not rows[0]['error'], rows
print('classical predict of new audio: %s' % rows[0]['genre'])
PY

# The network run on the same labels: spectrograms joined on the CSV's paths, the same split.
network=(-c "$configs/nn/demo_cnn_lstm.yaml" "${labels[@]}" --set table.validation_fraction=0.25 --set table.test_fraction=0.25 --set "network.logmel_dir=$scratch/extract/logmel"
         --set "network.epochs=$epochs")
"$bin/train" -q -o "$scratch/network" "${network[@]}"
"$bin/evaluate" -q --run "$scratch/network" -o "$scratch/network-test" > /dev/null
"$bin/predict" -q --run "$scratch/network" "$track" --output "$scratch/network-prediction.csv"
/usr/bin/python3 - "$scratch" <<'PY'
import csv, json, sys
d = sys.argv[1]
classical = {r['id'] for r in csv.DictReader(open(d + '/classical-test/predictions.csv', newline=''))}
network = {r['id'] for r in csv.DictReader(open(d + '/network-test/predictions.csv', newline=''))}
assert classical == network, 'the network is tested on the files the classical run is tested on'
rows = list(csv.DictReader(open(d + '/network-prediction.csv', newline='')))
assert len(rows) == 1 and rows[0]['genre'] and not rows[0]['error'], rows
print('labels CSV, network: tested on the same %d files; predict of new audio: %s' % (len(network), rows[0]['genre']))
PY

if [ -n "$python_dir" ]; then
  PYTHONPATH=$python_dir /usr/bin/python3 "$here/python/check_module.py" "$scratch"
fi

# Class folders: the same files, labelled by their first folder, keyed by their path below it.
folders=(--set "data.class_folders=$scratch/folders")
"$bin/extract" -q -o "$scratch/extract-folders" "${folders[@]}"
"$bin/train" -q -o "$scratch/folders-run" "${folders[@]}" --set table.validation_fraction=0.25 --set table.test_fraction=0.25 --set "model.features_csv=$scratch/extract-folders/features.csv" \
  --set model.type=logistic_regression
"$bin/evaluate" -q --run "$scratch/folders-run" -o "$scratch/folders-test" > /dev/null
/usr/bin/python3 - "$scratch" <<'PY'
import csv, json, sys
d = sys.argv[1]
rows = list(csv.DictReader(open(d + '/folders-test/predictions.csv', newline='')))
assert rows and all(r['id'].split('/')[0] == r['label'] for r in rows), rows[:3]
n = len(list(csv.DictReader(open(d + '/labels.csv', newline=''))))
assert len(list(csv.reader(open(d + '/extract-folders/features.csv', newline='')))) - 4 == n
print('class folders: %d files extracted, %d tested, labelled by their folder' % (n, len(rows)))
PY

# A split column is taken as given.
/usr/bin/python3 - "$scratch" <<'PY'
import csv, sys
d = sys.argv[1]
rows = list(csv.DictReader(open(d + '/labels.csv', newline='')))
with open(d + '/labels_split.csv', 'w', newline='') as out:
    w = csv.writer(out)
    w.writerow(['path', 'label', 'split'])
    for i, r in enumerate(rows):
        w.writerow([r['path'], r['label'], ('training', 'training', 'validation', 'test')[i % 4]])
PY
"$bin/train" -q -o "$scratch/given" --set "data.labels_csv=$scratch/labels_split.csv" \
  --set "model.features_csv=$scratch/extract/features.csv" --set model.type=logistic_regression
"$bin/evaluate" -q --run "$scratch/given" -o "$scratch/given-test" > /dev/null
/usr/bin/python3 - "$scratch" <<'PY'
import csv, sys
d = sys.argv[1]
want = {r['path'] for r in csv.DictReader(open(d + '/labels_split.csv', newline='')) if r['split'] == 'test'}
got = {r['id'] for r in csv.DictReader(open(d + '/given-test/predictions.csv', newline=''))}
assert want == got, (len(want), len(got))
print('split column: the %d test files are the CSV\'s' % len(got))
PY

# extract's features joined with labels by hand into a plain table: predict refuses the run unless
# it names the extract run the columns came from (table.extraction_run); then it predicts as the
# labels-CSV run's features would be computed.
/usr/bin/python3 - "$scratch" <<'PY'
import sys, pandas as pd
d = sys.argv[1]
table = pd.read_csv(d + '/extract/features.csv', index_col=0, header=[0, 1, 2])
table.columns = ['/'.join(c) for c in table.columns]
labels = pd.read_csv(d + '/labels.csv', index_col='path')
table.insert(0, 'genre', labels.loc[table.index, 'label'])
table.to_csv(d + '/by_hand.csv')
PY
plain=(--set table.format=plain --set "model.features_csv=$scratch/by_hand.csv" --set model.type=logistic_regression)
"$bin/train" -q -o "$scratch/plain" "${plain[@]}"
expect_exit 1 "$bin/predict" -q --run "$scratch/plain" "$track"
grep -q "table.extraction_run" "$scratch/out.txt" || fail "a plain table's run should say how predict can use it"
"$bin/train" -q -o "$scratch/plain-extract" "${plain[@]}" --set "table.extraction_run=$scratch/extract"
"$bin/predict" -q --run "$scratch/plain-extract" "$track" --output "$scratch/plain-prediction.csv"
/usr/bin/python3 - "$scratch/plain-prediction.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline='')))
assert len(rows) == 1 and rows[0]['genre'] and not rows[0]['error'], rows
print('a plain table of extract\'s features with table.extraction_run: predict of new audio: %s' % rows[0]['genre'])
PY

# Errors a user meets.
expect_exit 2 "$bin/extract" -q -o "$scratch/twice" "$track" "${labels[@]}"
grep -q "give input files or data.labels_csv, not both" "$scratch/out.txt" || fail "inputs given twice not explained"
expect_exit 2 "$bin/train" -q -o "$scratch/both" "${classical[@]}" "${folders[@]}"
grep -q "data.labels_csv (--set) and data.class_folders (--set): both set" "$scratch/out.txt" || fail "two label sources not explained"
[ ! -e "$scratch/both" ] || fail "a refused run left a run directory"
expect_exit 2 "$bin/train" -q -o "$scratch/nofeatures" "${labels[@]}" --set model.type=logistic_regression
grep -q "model.features_csv: not set; expected the features.csv of an extract run" "$scratch/out.txt" || fail "missing features_csv not explained"
printf 'path,label\nnowhere.mp3,rock\n' > "$scratch/stray.csv"
expect_exit 1 "$bin/train" -q -o "$scratch/stray" --set "data.labels_csv=$scratch/stray.csv" \
  --set "model.features_csv=$scratch/extract/features.csv" --set model.type=logistic_regression
grep -q "keys look like 'nowhere.mp3', the table's like 'corpus/fma_large/" "$scratch/out.txt" || fail "unmatched keys not explained"
sed '1s|mfcc/mean/01|mfcc_mean_01|' "$scratch/by_hand.csv" > "$scratch/renamed.csv"
expect_exit 1 "$bin/train" -q -o "$scratch/renamed" "${plain[@]}" --set "model.features_csv=$scratch/renamed.csv" \
  --set "table.extraction_run=$scratch/extract"
grep -q "renamed.csv:1: column 'mfcc_mean_01': expected feature/statistics/number" "$scratch/out.txt" || fail "a renamed column not named"
echo "errors explained"
