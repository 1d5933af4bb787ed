#!/usr/bin/env bash
# The main job on the built-in demo data, on a fresh Debian 12 machine: installs the dependencies,
# builds, generates the synthetic corpus, extracts FMA's 518 features and the CNN log-mel
# spectrograms of every track, and the 518 features of one real recording shipped with the tests;
# trains the thesis' hard-vote ensemble on the corpus, evaluates it on the test split and predicts
# the genre of a real recording; trains a small CNN-LSTM on the log-mels (CPU, ~40 s), evaluates it
# and writes a real recording's genre timeline (an HTML page that plays it). What is NOT YET there,
# the script says at the end.
# Outputs go to out/demo/; running it again resumes instead of redoing finished work.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install_deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j "$(nproc)"

out=out/demo
resume() { [ -f "$1/config.yaml" ] && echo --resume; true; }
build/bin/synth_corpus -c configs/corpus/demo.yaml -o "$out/corpus" $(resume "$out/corpus")
build/bin/extract -c configs/features/demo.yaml -o "$out/features" $(resume "$out/features") \
  --set "data.metadata_dir=$out/corpus/fma_metadata" --set "data.audio_dir=$out/corpus/fma_large"
build/bin/extract -o "$out/real_clip" $(resume "$out/real_clip") tests/data/reference/audio/jazz_vibe_ace.mp3
[ -f "$out/model/model/model.json" ] || build/bin/train -o "$out/model" --set "data.metadata_dir=$out/corpus/fma_metadata" \
  --set data.subset=large --set "model.features_csv=$out/features/features.csv"
rm -rf "$out/evaluation"
build/bin/evaluate --run "$out/model" -o "$out/evaluation"
build/bin/predict -q --run "$out/model" tests/data/reference/audio/classical_sugar_plum.mp3 --output "$out/prediction.csv"
build/bin/train -o "$out/cnn_lstm" $(resume "$out/cnn_lstm") -c configs/nn/demo_cnn_lstm.yaml \
  --set "network.logmel_dir=$out/features/logmel"
rm -rf "$out/cnn_lstm_evaluation" "$out/timeline"
build/bin/evaluate --run "$out/cnn_lstm" -o "$out/cnn_lstm_evaluation"
build/bin/predict -q --run "$out/cnn_lstm" tests/data/reference/audio/folk_lets_go_fishin.mp3 --timeline "$out/timeline" > /dev/null
echo
echo "demo: synthetic corpus:           $out/corpus (fma_metadata/*.csv, fma_large/NNN/NNNNNN.mp3)"
echo "demo: its 518 features, log-mels: $out/features/features.csv, $out/features/logmel/"
echo "demo: a real recording's 518:     $out/real_clip/features.csv"
echo "demo: the thesis' hard vote:       $out/model/model/, test metrics in $out/evaluation/ (report.html)"
echo "demo: a real recording predicted:  $out/prediction.csv ($(cut -d, -f2 "$out/prediction.csv" | tail -1))"
echo "demo: a small CNN-LSTM:           $out/cnn_lstm/ (metrics.jsonl, training_curves.svg), test metrics in $out/cnn_lstm_evaluation/"
echo "demo: a real recording's timeline: $out/timeline/folk_lets_go_fishin.timeline.html (open it in a browser and press play)"
echo "demo: not yet in genrekit: datasets given as a labels CSV or class folders, the Python module (issue 24),"
echo "demo:   network training on many machines (issue 23); nothing here has run on FMA itself (see README)."
