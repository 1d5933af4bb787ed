#!/usr/bin/env bash
# Runs slurm_extract.sh and slurm_train.sh on a real single-node Slurm from Debian (slurm-wlm,
# munge) on this machine: the merged parts equal one extraction, byte for byte; two srun tasks train
# a network as two ranks and end with one process's parameters (to 1e-4, as
# tests/cli/data_parallel_end_to_end.sh). Needs root: it installs the
# packages, writes /etc/slurm/slurm.conf for this host and starts munged, slurmctld and slurmd
# (left running). Not part of CI, which should not start daemons; run by hand:
#   sudo scripts/cluster/check_local_slurm.sh [BIN_DIR]     (default build/bin)
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=$(cd "${1:-build/bin}" && pwd)
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends slurm-wlm munge > /dev/null
host=$(hostname -s)
mkdir -p /run/munge /var/spool/slurmctld /var/spool/slurmd /var/log/slurm
chown -R munge:munge /run/munge /var/log/munge /var/lib/munge /etc/munge  # a root-owned log from an earlier start stops munged
pgrep -x munged > /dev/null || runuser -u munge -- /usr/sbin/munged
if ! sinfo > /dev/null 2>&1; then
  cat > /etc/slurm/slurm.conf <<CONF
ClusterName=genrekit-check
SlurmctldHost=$host
SlurmUser=root
AuthType=auth/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
ReturnToService=2
SlurmctldPidFile=/run/slurmctld.pid
SlurmdPidFile=/run/slurmd.pid
SlurmdSpoolDir=/var/spool/slurmd
StateSaveLocation=/var/spool/slurmctld
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SlurmctldLogFile=/var/log/slurm/slurmctld.log
SlurmdLogFile=/var/log/slurm/slurmd.log
NodeName=$host CPUs=$(nproc) State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
  rm -rf /var/spool/slurmctld/* /var/spool/slurmd/*  # this check's own cluster: no state from another
  /usr/sbin/slurmctld
  /usr/sbin/slurmd
  for _ in $(seq 30); do sinfo -h -o %t 2>/dev/null | grep -q idle && break; sleep 1; done
fi

work=$(mktemp -d)
"$bin/synth_corpus" -q -o "$work/corpus" --set 'corpus.genres=[Rock, Jazz]' --set corpus.tracks_per_genre=4 --set corpus.clip_seconds=3
cat > "$work/extract.yaml" <<CONF
data: {metadata_dir: $work/corpus/fma_metadata, audio_dir: $work/corpus/fma_large, subset: large}
features: {outputs: [fma518]}
CONF
array=$(GENREKIT_BIN=$bin sbatch --parsable --array=1-3 --cpus-per-task=1 --output="$work/task-%a.log" \
        scripts/cluster/slurm_extract.sh "$work/extract.yaml" "$work/out")
sbatch --parsable --wait --dependency=afterok:"$array" --output="$work/merge.log" \
  --wrap "$bin/extract -q -o $work/out/all --merge $work/out/part-1 $work/out/part-2 $work/out/part-3" > /dev/null
"$bin/extract" -q -c "$work/extract.yaml" -o "$work/single"
cmp "$work/out/all/features.csv" "$work/single/features.csv"
echo "Slurm job array of 3 tasks (--shard auto) + a dependent merge == one extraction, byte for byte ($work)"

# Two srun tasks training one network (ranks from SLURM_PROCID / SLURM_NTASKS, rendezvous at the
# job's first node), against one process.
"$bin/synth_corpus" -q -c configs/corpus/demo.yaml -o "$work/demo" --set corpus.tracks_per_genre=6
"$bin/extract" -q -o "$work/logmel" --set "data.metadata_dir=$work/demo/fma_metadata" --set "data.audio_dir=$work/demo/fma_large" \
  --set data.subset=large --set 'features.outputs=[logmel]' --set features.logmel.frames=216
net=(-c configs/nn/demo_cnn_lstm.yaml --set model.type=dieleman2014 --set "network.logmel_dir=$work/logmel/logmel"
     --set network.batch_size=16 --set network.epochs=2 --set network.loader_threads=1)
GENREKIT_BIN=$bin sbatch --parsable --wait --ntasks=2 --cpus-per-task=1 --output="$work/train-%t.log" \
  scripts/cluster/slurm_train.sh "$work/slurm-run" "${net[@]}" > /dev/null
grep -q "rank 1 of 2 (slurm)" "$work"/train-*.log
"$bin/train" -q -o "$work/one-process" --threads 1 "${net[@]}"
/usr/bin/python3 - "$work/slurm-run" "$work/one-process" <<'PY'
import json, sys, torch
def parameters(run):
    state = json.load(open(run + '/network/state.json'))
    return torch.jit.load(run + '/network/' + state['last'], map_location='cpu').state_dict()
a, b = parameters(sys.argv[1]), parameters(sys.argv[2])
largest = max(float((a[k].double() - b[k].double()).abs().max()) for k in a)
assert largest <= 1e-4, largest
print('Slurm: 2 srun tasks trained as 2 ranks; parameters within %g of one process' % largest)
PY
