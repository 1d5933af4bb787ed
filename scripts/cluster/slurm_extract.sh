#!/usr/bin/env bash
# A Slurm job array that extracts a large audio collection on many machines: every task runs
# `extract --shard auto` (K and N from SLURM_ARRAY_TASK_*), writing its own part; a last job that
# depends on the array merges the parts.
#
#   sbatch --array=1-64 scripts/cluster/slurm_extract.sh CONFIG OUT [extract options...]
#   sbatch --dependency=afterok:<array job id> --wrap "extract -o OUT/all --merge OUT/part-*"
#
# A task that is killed (time limit, preemption) keeps its finished items: resubmit the same array
# index and it continues with --resume. Set GENREKIT_BIN to the folder of the tools if they are not
# on PATH.
#SBATCH --job-name=genrekit-extract
#SBATCH --cpus-per-task=4
#SBATCH --time=12:00:00
#SBATCH --signal=TERM@120
set -euo pipefail
config=$1 out=$2
shift 2
bin=${GENREKIT_BIN:-$(dirname "$(command -v extract)")}
part="$out/part-$SLURM_ARRAY_TASK_ID"
resume=()
[ -f "$part/config.yaml" ] && resume=(--resume)
exec "$bin/extract" -c "$config" -o "$part" --shard auto --threads "${SLURM_CPUS_PER_TASK:-1}" "${resume[@]}" "$@"
