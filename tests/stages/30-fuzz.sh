#!/usr/bin/env bash
# Stage: fuzzing. Builds the libFuzzer targets (tests/fuzz/), replays every committed
# crash reproducer in tests/fuzz/regressions/TARGET/ (all must pass), then fuzzes each
# target for a bounded time from a temporary copy of its seed corpus, so new inputs never
# dirty the tree. Fails on any crash, leak, timeout or out-of-memory; a failing input is
# kept in build-fuzz/artifacts/ (docs/fuzzing.md: turning it into a regression test).
# Env: VITRINE_FUZZ_SECONDS (default 60) per target, VITRINE_FUZZ_PARALLEL (default 2)
# targets at a time, VITRINE_FUZZ_TARGETS (default all) a space-separated subset.
# Usage: bash tests/stages/30-fuzz.sh
set -uo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
fuzz=$root/tests/fuzz
build=$root/build-fuzz
secs=${VITRINE_FUZZ_SECONDS:-60}
parallel=${VITRINE_FUZZ_PARALLEL:-2}

# target, -max_len in bytes (big enough for the largest seed), dictionary
declare -A max_len=([feed]=131072 [programme]=131072 [url]=4096 [text]=8192 [bidi]=8192 [image_probe]=65536
                    [image_decode]=65536 [cap]=65536)
declare -A dict=([feed]=feed.dict [programme]=programme.dict [url]=url.dict [text]=text.dict [bidi]=text.dict
                 [image_probe]=image.dict [image_decode]=image.dict [cap]=cap.dict)
targets=(${VITRINE_FUZZ_TARGETS:-feed programme url text bidi image_probe image_decode cap})

command -v clang >/dev/null ||
  { echo "fuzz: clang is missing (bash platform/deps.sh test installs it)"; exit 1; }

# Sanitizer settings as tests/run.sh sets them, for a stage run on its own.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:strict_string_checks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$root/tests/lsan.supp:print_suppressions=0}
unset DISPLAY WAYLAND_DISPLAY

echo "fuzz: building the targets in $build"
{ cmake -S "$fuzz" -B "$build" -DCMAKE_C_COMPILER=clang &&
    cmake --build "$build" -j"$(nproc)" --target $(printf "fuzz_%s " "${targets[@]}"); } \
  >"$build.log" 2>&1 || { tail -40 "$build.log"; echo "fuzz: the build failed"; exit 1; }

failed=0

# 1. Every committed reproducer must now run clean.
for dir in "$fuzz"/regressions/*/; do
  [ -d "$dir" ] || continue
  t=$(basename "$dir")
  inputs=("$dir"*)
  [ -e "${inputs[0]}" ] || continue
  if [ ! -x "$build/fuzz_$t" ]; then
    echo "fuzz: regressions/$t has no target fuzz_$t"; failed=1; continue
  fi
  if "$build/fuzz_$t" -timeout=10 -rss_limit_mb=2048 "${inputs[@]}" >"$build/replay-$t.log" 2>&1; then
    echo "fuzz: regressions/$t: ${#inputs[@]} inputs replayed clean"
  else
    tail -40 "$build/replay-$t.log"
    echo "fuzz: regressions/$t FAILED (log: $build/replay-$t.log)"; failed=1
  fi
done

# 2. Bounded fuzzing, $parallel targets at a time.
work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
  rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$build/artifacts"

fuzz_one() {
  local t=$1
  mkdir -p "$work/$t"
  cp -r "$fuzz/corpus/$t" "$work/$t/corpus"
  # -max_total_time ends the run; the outer timeout only guards a hung process.
  timeout -k 10 $((secs + 120)) "$build/fuzz_$t" -max_total_time="$secs" -rss_limit_mb=2048 \
    -timeout=10 -max_len="${max_len[$t]}" -dict="$fuzz/dict/${dict[$t]}" -print_final_stats=1 \
    -artifact_prefix="$build/artifacts/$t-" "$work/$t/corpus" >"$build/fuzz-$t.log" 2>&1
}

report() {
  local t=$1 rc=$2 log=$build/fuzz-$1.log
  local execs news
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  news=$(sed -n 's/^stat::new_units_added: *//p' "$log" | tail -1)
  if [ "$rc" -eq 0 ]; then
    echo "fuzz: fuzz_$t: ${execs:-?} executions in ${secs} s, ${news:-0} new inputs, clean"
  else
    grep -E '^(==[0-9]+==ERROR|SUMMARY|.*fuzz property failed|artifact_prefix|Test unit written)' \
      "$log" | head -20
    tail -60 "$log"
    echo "fuzz: fuzz_$t FAILED (exit $rc, ${execs:-?} executions; log: $log)"
    failed=1
  fi
}

declare -A pid_target=()
queue=("${targets[@]}")
while [ ${#queue[@]} -gt 0 ] || [ ${#pid_target[@]} -gt 0 ]; do
  while [ ${#queue[@]} -gt 0 ] && [ ${#pid_target[@]} -lt "$parallel" ]; do
    t=${queue[0]} queue=("${queue[@]:1}")
    fuzz_one "$t" &
    pid_target[$!]=$t
    pids+=("$!")
  done
  done_pid=""
  wait -n -p done_pid "${!pid_target[@]}"
  rc=$?
  [ -n "$done_pid" ] || continue
  report "${pid_target[$done_pid]}" "$rc"
  unset "pid_target[$done_pid]"
done
pids=()

if [ "$failed" -ne 0 ]; then
  echo "fuzz: FAILED; crashing inputs are in $build/artifacts/"
  exit 1
fi
echo "fuzz: all targets clean"
