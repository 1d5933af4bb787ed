#!/usr/bin/env bash
# Runs slurm_extract.sh on a real single-node Slurm from Debian (slurm-wlm, munge) on this machine
# and checks that the merged parts equal one extraction, byte for byte. Needs root: it installs the
# packages, writes /etc/slurm/slurm.conf for this host and starts munged, slurmctld and slurmd
# (left running). Not part of CI, which should not start daemons; run by hand:
#   sudo scripts/cluster/check_local_slurm.sh [BIN_DIR]     (default build/bin)
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=$(cd "${1:-build/bin}" && pwd)
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends slurm-wlm munge > /dev/null
host=$(hostname -s)
mkdir -p /run/munge /var/spool/slurmctld /var/spool/slurmd /var/log/slurm
chown munge:munge /run/munge
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
