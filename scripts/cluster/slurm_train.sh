#!/usr/bin/env bash
# A network trained data-parallel on several Slurm nodes: one task per GPU, started by srun; every
# task runs `train` with the same options, reads its rank from SLURM_PROCID / SLURM_NTASKS /
# SLURM_LOCALID (its GPU under --device auto) and meets the others at rank 0's node. Rank 0 writes
# OUT; on --resume the other ranks read it too, so OUT must be on a filesystem every node shares.
#
#   sbatch --nodes=2 --gpus-per-node=4 --ntasks-per-node=4 scripts/cluster/slurm_train.sh OUT \
#     -c configs/nn/cnn_lstm.yaml --set network.logmel_dir=/shared/fma_large/logmel
#
# network.batch_size is the whole batch, split over the ranks: the same run as one process with that
# batch. A killed job keeps its last finished epoch: submit it again, with as many tasks, and it
# continues with --resume. Set GENREKIT_BIN to the folder of the tools if they are not on PATH.
#SBATCH --job-name=genrekit-train
#SBATCH --cpus-per-task=4
#SBATCH --time=24:00:00
#SBATCH --signal=TERM@300
set -euo pipefail
out=$1
shift
bin=${GENREKIT_BIN:-$(dirname "$(command -v train)")}
# Rank 0's rendezvous: the job's first node, a port of the job's own.
MASTER_ADDR=$(scontrol show hostnames "$SLURM_JOB_NODELIST" | sed -n 1p)
MASTER_PORT=$((20000 + SLURM_JOB_ID % 20000))
export MASTER_ADDR MASTER_PORT
resume=()
[ -f "$out/network/state.json" ] && resume=(--resume)
srun --kill-on-bad-exit=1 "$bin/train" -o "$out" --threads "${SLURM_CPUS_PER_TASK:-1}" "${resume[@]}" "$@"
