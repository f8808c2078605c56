#!/usr/bin/env bash
# The whole test suite from a clean clone: installs what is missing, builds vitrine with
# ASan+UBSan and warnings as errors, runs every ctest test, then each extra stage in
# tests/stages/ (ThreadSanitizer, fuzzing, packaging, arm64...). Exits non-zero on any
# failure. Usage: bash tests/run.sh
set -uo pipefail
cd "$(dirname "$0")/.."
bash platform/deps.sh test || { echo "tests: could not install the test dependencies"; exit 1; }

export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:strict_string_checks=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp:print_suppressions=0"
unset DISPLAY WAYLAND_DISPLAY # headless tests must not lean on a developer's desktop

jobs=$(nproc)
passed=0 failed=0
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DVITRINE_SANITIZE=address,undefined \
      -DVITRINE_WERROR=ON >build-asan.log 2>&1 &&
  cmake --build build-asan -j"$jobs" >>build-asan.log 2>&1 ||
  { tail -50 build-asan.log; echo "tests: the ASan+UBSan build failed"; exit 1; }

(cd build-asan && ctest --output-on-failure -j"$jobs" -LE soak) | tee build-asan/ctest.out
summary=$(grep -E 'tests passed, [0-9]+ tests failed out of [0-9]+' build-asan/ctest.out | tail -1)
total=$(sed -E 's/.*out of ([0-9]+).*/\1/' <<<"$summary")
bad=$(sed -E 's/.* ([0-9]+) tests failed.*/\1/' <<<"$summary")
[ -n "$total" ] || { total=1; bad=1; }
passed=$((total - bad)) failed=$bad

for stage in tests/stages/*.sh; do
  [ -e "$stage" ] || continue
  echo "== stage $(basename "$stage")"
  if bash "$stage"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "stage $stage FAILED"; fi
done

echo "tests: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
