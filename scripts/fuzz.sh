#!/usr/bin/env bash
# Fuzzes genrekit's readers with libFuzzer in an instrumented Clang build of their own (build-fuzz/:
# libFuzzer + ASan + UBSan).
#   scripts/fuzz.sh TARGET SECONDS   run one target (tests/fuzz/README.md lists them) for SECONDS
#   scripts/fuzz.sh all SECONDS      run each in turn for SECONDS
#   scripts/fuzz.sh TARGET|all --fixed
#                                    CI's campaign: seed 1, a fixed number of executions per target
#                                    (about 45 s each here), from the seeds alone, made as
#                                    repeatable as libFuzzer allows (tests/fuzz/README.md says how
#                                    far that is); the open-ended runs above explore.
# An open-ended run's corpus grows in build-fuzz/corpus/TARGET (kept between runs); both kinds are
# seeded from tests/fuzz/seeds/TARGET and tests/fuzz/regressions/TARGET. A finding is written to
# build-fuzz/findings/TARGET/ and the script exits 1: add the input to tests/fuzz/regressions/TARGET
# (CTest replays it) and fix the reader.
# The body is one block, which bash reads whole before running: editing this file (or pulling)
# during an hour-long run does not change that run.
{
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -eq 2 ] || { echo "usage: scripts/fuzz.sh TARGET|all SECONDS|--fixed" >&2; exit 2; }
target=$1 budget=$2
all=(fuzz_csv_cursor fuzz_fma_tracks fuzz_fma_genres fuzz_feature_table fuzz_plain_table fuzz_config fuzz_npy fuzz_audio)
# --fixed's executions per target: about 45 s each at this machine's rates (2 cores, one in use).
declare -A fixed_runs=([fuzz_csv_cursor]=2000000 [fuzz_fma_tracks]=800000 [fuzz_fma_genres]=1000000
  [fuzz_feature_table]=800000 [fuzz_plain_table]=600000 [fuzz_config]=6000 [fuzz_npy]=1000000 [fuzz_audio]=15000)
[[ "$budget" == --fixed || "$budget" =~ ^[0-9]+$ ]] || { echo "fuzz.sh: expected SECONDS or --fixed, got '$budget'" >&2; exit 2; }
if [ "$target" = all ]; then targets=("${all[@]}"); else targets=("$target"); fi
for t in "${targets[@]}"; do
  [[ " ${all[*]} " == *" $t "* ]] || { echo "fuzz.sh: unknown target '$t' (expected one of: ${all[*]}, all)" >&2; exit 2; }
done

build=build-fuzz
if [ ! -f "$build/build.ninja" ]; then
  mkdir -p "$build"
  CC=clang CXX=clang++ cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DGENREKIT_FUZZ=ON \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1" > "$build/configure.log" 2>&1 || { cat "$build/configure.log"; exit 1; }
fi
# One build at a time: runs started side by side would otherwise run two ninjas in one folder.
flock "$build/.build.lock" cmake --build "$build" --target "${targets[@]}"

# The fuzzers run from the build directory with paths relative to it. A --fixed campaign also runs
# without address-space randomisation (setarch -R) and in a fixed environment (env -i): with it,
# fuzz_csv_cursor's coverage was 601 or 595 from one run to the next on the same binary (7 runs);
# without it, 601 in 6 of 6, from two folders and two environments.
cd "$build"
no_aslr=(setarch "$(uname -m)" -R)
if [ "$budget" = --fixed ] && ! "${no_aslr[@]}" true 2> /dev/null; then
  echo "fuzz.sh: setarch -R is not allowed here (a container's seccomp profile?): address-space randomisation" \
       "stays on, so the coverage may differ slightly from run to run" >&2
  no_aslr=()
fi
# Third-party leaks genrekit cannot free (each named with its upstream report there).
export LSAN_OPTIONS=suppressions=../tests/fuzz/lsan.supp
failed=0
for t in "${targets[@]}"; do
  findings=findings/$t
  if [ "$budget" = --fixed ]; then
    corpus=fixed-corpus/$t
    rm -rf "$corpus"
    # -use_cmp=0: comparison tracing feeds addresses in (not replayable); -reload=0: no rereading
    # of the corpus folder on a one-second timer, so nothing in the campaign follows the clock.
    limit=(-seed=1 -runs="${fixed_runs[$t]}" -use_cmp=0 -reload=0)
    environment=("${no_aslr[@]}" env -i PATH=/usr/bin:/bin LSAN_OPTIONS="$LSAN_OPTIONS")
    log=$t.fixed.log
  else
    corpus=corpus/$t
    limit=(-max_total_time="$budget")
    environment=()
    log=$t.log
  fi
  mkdir -p "$corpus" "$findings"
  inputs=(../tests/fuzz/seeds/"$t")
  [ -d ../tests/fuzz/regressions/"$t" ] && inputs+=(../tests/fuzz/regressions/"$t")
  set +e
  # -timeout: one input may take at most 20 s (a decoder's worst case is far less); -rss_limit_mb
  # below the machine's memory. The extra directories are read as seeds, the first one grows.
  "${environment[@]}" "bin/$t" "${limit[@]}" -timeout=20 -rss_limit_mb=3072 -print_final_stats=1 \
    -artifact_prefix="$findings/" "$corpus" "${inputs[@]}" > "$log" 2>&1
  status=$?
  set -e
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
  seconds=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log")
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1)
  if [ "$status" -eq 0 ]; then
    echo "$t: ${runs:-?} executions in ${seconds:-?} s (${rate:-?}/s), $cov, corpus $(ls "$corpus" | wc -l) inputs: no findings"
  else
    failed=1
    echo "$t: FINDING after ${runs:-?} executions (exit $status): $(ls "$findings")"
    grep -E "ERROR|SUMMARY|terminate called|what\(\)" "$log" | sed -n 1,5p
    echo "  full log: $build/$log"
  fi
done
exit $failed
}
