#!/usr/bin/env bash
# Static checks: every C file clang-formatted (.clang-format), cppcheck and clang-tidy
# (.clang-tidy) clean. Uses the compile database of the ASan build tests/run.sh made.
set -uo pipefail
cd "$(dirname "$0")/../.."
db=${VITRINE_BUILD:-build-asan}
fail=0
files=$(git ls-files 'app/*.c' 'app/*.h' 'tests/*.c' 'tests/*.h')
bad=$(for f in $files; do clang-format --dry-run -Werror "$f" >/dev/null 2>&1 || echo "$f"; done)
if [ -n "$bad" ]; then echo "static: not clang-formatted (run clang-format -i):"; echo "$bad"; fail=1; fi

# readdir is thread-safe per directory stream in glibc; readdir_r is deprecated.
cppcheck --enable=warning,performance,portability --std=c11 --quiet --error-exitcode=1 \
  --inline-suppr --library=posix --library=tests/static/jansson.cfg \
  --suppress=readdirCalled $(printf -- "-I %s " app/*/) -I "$db/generated" -D_POSIX_C_SOURCE=200809L app/*/*.c ||
  { echo "static: cppcheck found problems"; fail=1; }

if [ -f "$db/compile_commands.json" ]; then
  # Captured first: clang-tidy exits non-zero on findings, and under pipefail a
  # "clang-tidy | grep && fail" pipeline would then never reach the fail.
  tidy=$(clang-tidy -p "$db" --quiet app/*/*.c 2>&1)
  if grep -E "(warning|error):" <<<"$tidy"; then
    echo "static: clang-tidy found problems"; fail=1
  fi
else
  echo "static: no $db/compile_commands.json; clang-tidy not run"; fail=1
fi
# The build without libsystemd (a non-systemd distribution, or a developer without the
# -dev package) must still compile cleanly, warnings as errors.
nosd=build-nosystemd
if cmake -S . -B "$nosd" -DCMAKE_BUILD_TYPE=Debug -DVITRINE_SYSTEMD=OFF -DVITRINE_WERROR=ON \
     -DVITRINE_TESTS=OFF >"$nosd.log" 2>&1 && cmake --build "$nosd" -j"$(nproc)" >>"$nosd.log" 2>&1; then
  if "$nosd/vitrine" --version | grep -qw systemd; then
    echo "static: the build without libsystemd still claims systemd"; fail=1
  fi
else
  tail -20 "$nosd.log"; echo "static: the build without libsystemd failed"; fail=1
fi
[ $fail -eq 0 ] && echo "static: PASS (clang-format, cppcheck, clang-tidy, build without libsystemd)"
exit $fail
