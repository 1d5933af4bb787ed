#!/usr/bin/env bash
# Peak memory and speed of a network `predict` on long files: a CNN-LSTM and a Spotify CNN (the
# thesis' shapes: 128 mels, 256 channels), trained for one epoch on a small synthetic corpus, predict
# 44.1 kHz stereo 16-bit WAVs of a 30 s clip looped to each length. Side by side, the same audio
# through `predict --stream` (ffmpeg resampling to 22,050 Hz mono), the path whose memory was
# always bounded. Peak resident memory from GNU time (%M) for the predict process alone.
# Usage: bench/predict_memory.sh [BIN_DIR [MINUTES...]]   (default: build/bin 0.5 20 180)
set -euo pipefail
bin=${1:-build/bin}
shift || true
minutes=("$@")
[ ${#minutes[@]} -gt 0 ] || minutes=(0.5 20 180)
configs=$(cd "$(dirname "$0")/../configs" && pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

"$bin/synth_corpus" -q -c "$configs/corpus/demo.yaml" -o "$scratch/corpus" --set corpus.tracks_per_genre=3
"$bin/extract" -q -o "$scratch/extract" --set "data.metadata_dir=$scratch/corpus/fma_metadata" \
  --set "data.audio_dir=$scratch/corpus/fma_large" --set data.subset=large --set 'features.outputs=[logmel]' \
  --set features.logmel.frames=216
for type in cnn_lstm spotify; do
  "$bin/train" -q -o "$scratch/$type" -c "$configs/nn/demo_cnn_lstm.yaml" --set "model.type=$type" \
    --set "network.logmel_dir=$scratch/extract/logmel" --set network.epochs=1
done
clip=$(find "$scratch/corpus/fma_large" -name '*.mp3' | sort | sed -n 1p)

peak() {  # peak MB and seconds of a command, its output discarded
  /usr/bin/time -f '%M %e' -o "$scratch/time.txt" "$@" > /dev/null
  awk '{ printf "%6.0f MB %7.1f s", $1 / 1024, $2 }' "$scratch/time.txt"
}

printf '%-10s %-22s %-22s %-22s %s\n' length "cnn_lstm predict" "spotify predict" "cnn_lstm --stream" goal
for m in "${minutes[@]}"; do
  seconds=$(awk -v m="$m" 'BEGIN { print m * 60 }')
  ffmpeg -v error -stream_loop -1 -i "$clip" -t "$seconds" -ac 2 -ar 44100 -c:a pcm_s16le -y "$scratch/long.wav"
  one=$(peak "$bin/predict" -q --run "$scratch/cnn_lstm" "$scratch/long.wav")
  two=$(peak "$bin/predict" -q --run "$scratch/spotify" "$scratch/long.wav")
  ffmpeg -v error -i "$scratch/long.wav" -ac 1 -ar 22050 -f s16le - > "$scratch/long.pcm"
  three=$(peak "$bin/predict" -q --run "$scratch/cnn_lstm" --stream < "$scratch/long.pcm")
  goal="-"
  awk -v m="$m" 'BEGIN { exit !(m >= 20 && m < 180) }' && goal="< 250 MB"
  awk -v m="$m" 'BEGIN { exit !(m >= 180) }' && goal="< 300 MB"
  printf '%-10s %-22s %-22s %-22s %s\n' "$m min" "$one" "$two" "$three" "$goal"
  rm -f "$scratch/long.wav" "$scratch/long.pcm"
done
