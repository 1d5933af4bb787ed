#!/usr/bin/env bash
# Data-parallel training throughput: 2 ranks x 1 thread against 1 process x 1 thread, the same
# network, data and global batch (the thesis' 32 whole clips unless --set says otherwise), run
# alternately (two rounds each, the best kept). Training clips per
# second from each epoch's time (training and validation both: the same work in both setups), and
# what each step spends waiting for the other rank and summing gradients (rank 0's log). Goal: >= 1.7x
# on this machine's 2 cores.
# Usage: bench/data_parallel.sh [BIN_DIR [TYPE [EPOCHS [--set key=value ...]]]]   (default: build/bin cnn_lstm 2)
set -euo pipefail
bin=${1:-build/bin} type=${2:-cnn_lstm} epochs=${3:-2}
shift $(( $# < 3 ? $# : 3 ))
configs=$(cd "$(dirname "$0")/../configs" && pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

"$bin/synth_corpus" -q -c "$configs/corpus/demo.yaml" -o "$scratch/corpus"
"$bin/extract" -q -o "$scratch/extract" --set "data.metadata_dir=$scratch/corpus/fma_metadata" \
  --set "data.audio_dir=$scratch/corpus/fma_large" --set data.subset=large --set 'features.outputs=[logmel]' \
  --set features.logmel.frames=216
net=(-c "$configs/nn/demo_cnn_lstm.yaml" --set "model.type=$type" --set "network.logmel_dir=$scratch/extract/logmel"
     --set "network.epochs=$epochs" --set run.threads=1 --set network.loader_threads=1
     --set network.batch_size=32 --set network.crop_frames=0 "$@")
port() { /usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
rate() {  # training clips per second of a run: its best epoch time
  /usr/bin/python3 - "$1" "$2" <<'PY'
import json, re, sys
seconds = min(json.loads(line)['seconds'] for line in open(sys.argv[1] + '/metrics.jsonl'))
clips = int(re.search(r'(\d+) training / ', open(sys.argv[2]).read()).group(1))
print('%.1f' % (clips / seconds))
PY
}
best1=0 best2=0 step=""
for round in 1 2; do
  "$bin/train" -o "$scratch/one-$round" "${net[@]}" > "$scratch/one-$round.log" 2>&1
  r1=$(rate "$scratch/one-$round" "$scratch/one-$round.log")
  p=$(port)
  for r in 0 1; do
    RANK=$r WORLD_SIZE=2 MASTER_ADDR=127.0.0.1 MASTER_PORT=$p "$bin/train" -o "$scratch/two-$round" "${net[@]}" \
      > "$scratch/two-$round.rank$r.log" 2>&1 &
  done
  wait
  r2=$(rate "$scratch/two-$round" "$scratch/two-$round.rank0.log")
  echo "round $round: 1 process x 1 thread $r1 clips/s, 2 ranks x 1 thread $r2 clips/s"
  best1=$(/usr/bin/python3 -c "print(max($best1, $r1))")
  if /usr/bin/python3 -c "import sys; sys.exit(0 if $r2 > $best2 else 1)"; then
    best2=$r2
    step=$(grep -o 'took [0-9.]* ms per step' "$scratch/two-$round.rank0.log" | grep -o '[0-9.]*')
  fi
done
ratio=$(/usr/bin/python3 -c "print('%.2f' % ($best2 / $best1))")
echo "$type, demo corpus (16 genres x 20 clips, 216 x 128 log-mels), batches of 32 whole clips${*:+, then $*}:"
echo "  1 process x 1 thread: $best1 clips/s; 2 ranks x 1 thread (Gloo, loopback): $best2 clips/s: ${ratio}x (goal >= 1.7x)"
echo "  rank 0 waited for rank 1 and summed gradients for $step ms per step"
