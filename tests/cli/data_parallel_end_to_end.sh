#!/usr/bin/env bash
# Data-parallel network training end to end, CPU and Gloo over loopback: two ranks started by hand
# (RANK, WORLD_SIZE, MASTER_ADDR, MASTER_PORT) train as one process does on the same global batch
# (dieleman2014 has no dropout and no batch normalisation; parameters to 1e-4 after 12 Adam steps,
# measured 2.5e-5: Adam's first steps are ~lr whatever the gradient's size, so float32 sums in
# another order move them; tests/nn/data_parallel_test.cpp checks 1e-5 on SGD steps); torchrun
# --standalone gives bitwise what the hand-started ranks give; kill -9 of one rank stops the other
# with an error within network.dist_timeout, keeps the last finished epoch, and --resume on both
# ranks ends bitwise as the uninterrupted run. Only rank 0 writes the run directory.
# Usage: data_parallel_end_to_end.sh BIN_DIR SCRATCH_DIR CONFIGS_DIR
set -euo pipefail
bin=$1 scratch=$2 configs=$3
rm -rf "$scratch" && mkdir -p "$scratch"
fail() { echo "FAIL: $*"; exit 1; }
port() { /usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

"$bin/synth_corpus" -q -c "$configs/corpus/demo.yaml" -o "$scratch/corpus" --set corpus.tracks_per_genre=6
"$bin/extract" -q -o "$scratch/extract" --set "data.metadata_dir=$scratch/corpus/fma_metadata" \
  --set "data.audio_dir=$scratch/corpus/fma_large" --set data.subset=large --set 'features.outputs=[logmel]' \
  --set features.logmel.frames=216
net=(-c "$configs/nn/demo_cnn_lstm.yaml" --set model.type=dieleman2014 --set "network.logmel_dir=$scratch/extract/logmel"
     --set network.batch_size=16 --set run.threads=1 --set network.loader_threads=1 --set network.dist_timeout=20)
ranks() {  # ranks OUT EPOCHS [train options...]: two ranks by hand, waited for; their logs in OUT.rank{0,1}.log
  local out=$1 epochs=$2; shift 2
  local p; p=$(port)
  for r in 0 1; do
    RANK=$r WORLD_SIZE=2 LOCAL_RANK=$r MASTER_ADDR=127.0.0.1 MASTER_PORT=$p \
      "$bin/train" -o "$out" "${net[@]}" --set "network.epochs=$epochs" "$@" > "$out.rank$r.log" 2>&1 &
  done
  wait
}
same() {  # same RUN_A RUN_B TOLERANCE: the last epochs' parameters (0: bitwise)
  /usr/bin/python3 - "$@" <<'PY'
import json, sys, torch
def parameters(run):
    state = json.load(open(run + '/network/state.json'))
    return torch.jit.load(run + '/network/' + state['last'], map_location='cpu').state_dict()
a, b, tolerance = parameters(sys.argv[1]), parameters(sys.argv[2]), float(sys.argv[3])
assert a.keys() == b.keys()
largest = max(float((a[k].double() - b[k].double()).abs().max()) for k in a)
assert largest <= tolerance, 'parameters differ by %g (allowed %g): %s, %s' % (largest, tolerance, sys.argv[1], sys.argv[2])
print('%s = %s: largest difference %g (allowed %g)' % (sys.argv[1].split('/')[-1], sys.argv[2].split('/')[-1], largest, tolerance))
PY
}

"$bin/train" -q -o "$scratch/one" "${net[@]}" --set network.epochs=2
ranks "$scratch/two" 2
grep -q "rank 1 of 2 (torchrun)" "$scratch/two.rank1.log" || { cat "$scratch/two.rank1.log"; fail "rank 1 did not join"; }
grep -q "summing gradients over 2 ranks took" "$scratch/two.rank0.log" || fail "no all-reduce cost logged"
same "$scratch/one" "$scratch/two" 1e-4
[ "$(ls "$scratch/two/network" | grep -c '\.pt$')" -eq 3 ] || fail "rank 0 should write one set of checkpoints"

# torchrun, as users start one machine's GPUs (Debian's python3-torch; Python 3.11 needs --redirects
# and --tee given).
p=$(port)
torchrun --standalone --nproc_per_node=2 --no_python --redirects 1 --tee 1 --log_dir "$scratch/torchrun-logs" \
  "$bin/train" -q -o "$scratch/torchrun" "${net[@]}" --set network.epochs=2 > "$scratch/torchrun.log" 2>&1 ||
  { tail -30 "$scratch/torchrun.log"; fail "torchrun"; }
same "$scratch/two" "$scratch/torchrun" 0

# kill -9 of rank 1 after the first epoch: rank 0 stops with an error, epoch 1 stays committed;
# both resume and end as the uninterrupted run.
ranks "$scratch/whole" 3
p=$(port)
for r in 0 1; do
  RANK=$r WORLD_SIZE=2 MASTER_ADDR=127.0.0.1 MASTER_PORT=$p "$bin/train" -o "$scratch/killed" "${net[@]}" \
    --set network.epochs=3 > "$scratch/killed.rank$r.log" 2>&1 &
  eval "pid$r=$!"
done
for _ in $(seq 600); do
  [ -f "$scratch/killed/network/state.json" ] && break
  sleep 0.1
done
[ -f "$scratch/killed/network/state.json" ] || fail "no epoch finished"
kill -9 "$pid1"
{ wait "$pid1"; } 2> /dev/null || true
start=$(date +%s)
set +e
wait "$pid0"
code=$?
set -e
waited=$(( $(date +%s) - start ))
[ "$code" -ne 0 ] || fail "rank 0 should fail when rank 1 is killed"
grep -q "another rank stopped or stalled" "$scratch/killed.rank0.log" || { tail -5 "$scratch/killed.rank0.log"; fail "the lost rank not explained"; }
[ "$waited" -le 40 ] || fail "rank 0 took $waited s to stop (network.dist_timeout 20)"
committed=$(/usr/bin/python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["epoch"])' "$scratch/killed/network/state.json")
ranks "$scratch/killed" 3 --resume
grep -q "resuming after epoch $committed" "$scratch/killed.rank1.log" || fail "rank 1 did not resume"
same "$scratch/whole" "$scratch/killed" 0
echo "kill -9 of rank 1 in epoch $((committed + 1)): rank 0 stopped after $waited s; resumed on both ranks, bitwise the uninterrupted run"
