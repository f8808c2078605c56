#!/usr/bin/env bash
# Stage: the fetch thread and its hand-off to the render thread under ThreadSanitizer.
# Builds vitrine and the net tests in build-tsan with -DVITRINE_SANITIZE=thread, then runs
# every test labelled "net" (the cache and status units, the real binary against the
# test HTTP server and nginx, and vitrine-fleet: 120 fetch threads in one process). Any
# data race fails the run. Takes about five minutes.
# Usage: bash tests/stages/20-tsan.sh
set -uo pipefail
cd "$(dirname "$0")/../.."

build=build-tsan
jobs=$(nproc)
compiler=$(command -v clang || command -v gcc)
log=$build/tsan-build.log

fail() {
  echo "tsan: FAIL: $1"
  exit 1
}

# halt_on_error: the first race ends the process with a non-zero exit, which the test sees.
export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:report_signal_unsafe=0"
unset ASAN_OPTIONS LSAN_OPTIONS
unset DISPLAY WAYLAND_DISPLAY

mkdir -p "$build"
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Debug -DCMAKE_C_COMPILER="$compiler" \
      -DVITRINE_SANITIZE=thread >"$log" 2>&1 || { tail -30 "$log"; fail "configure"; }
cmake --build "$build" -j"$jobs" --target vitrine vitrine-fleet pngstat test_cache test_status >>"$log" 2>&1 ||
  { tail -30 "$log"; fail "build"; }

if ctest --test-dir "$build" -L net -j"$jobs" --output-on-failure --timeout 240; then
  echo "tsan: PASS: the net tests are race-free under ThreadSanitizer"
else
  fail "a net test failed or raced under ThreadSanitizer (output above)"
fi
