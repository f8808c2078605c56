#!/usr/bin/env bash
# Stage: valgrind memcheck of the real binary, and memory bounds on a plain build.
# Builds vitrine without sanitizers in build-valgrind (RelWithDebInfo), then
#  1. runs it headless under memcheck for 6 s on the built-in demo deck, and for 20 s on a
#     URL feed served on 127.0.0.1 by tests/http/server.py (so the fetch thread, libcurl,
#     the cache and image decoding run too): any memory error or definite leak fails;
#  2. runs the fault-injection groups whose payloads are large (bombs, enormous bodies,
#     lying images) against this plain build, where tests/fault/test_fault.py asserts an
#     absolute peak RSS (VmHWM < 200 MB) instead of the growth it checks under ASan.
# tests/valgrind.supp holds only documented library noise. Takes about 3 minutes.
# Usage: bash tests/stages/60-valgrind.sh
set -uo pipefail
cd "$(dirname "$0")/../.."

build=build-valgrind
jobs=$(nproc)
log=$build/valgrind-build.log
work=$(mktemp -d /tmp/vitrine-valgrind.XXXXXX)
server_pid=""

fail() {
  echo "valgrind: FAIL: $1"
  exit 1
}
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null; fi
  rm -rf "$work"
}
trap cleanup EXIT

command -v valgrind >/dev/null || fail "valgrind is not installed (apt-get install valgrind)"
unset ASAN_OPTIONS LSAN_OPTIONS UBSAN_OPTIONS DISPLAY WAYLAND_DISPLAY

mkdir -p "$build"
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DVITRINE_SANITIZE= >"$log" 2>&1 ||
  { tail -30 "$log"; fail "configure"; }
cmake --build "$build" -j"$jobs" --target vitrine pngstat >>"$log" 2>&1 ||
  { tail -30 "$log"; fail "build"; }

memcheck() { # NAME SECONDS ARGS...: one valgrind run, its report kept in build-valgrind/NAME.log
  local name=$1 secs=$2
  shift 2
  if valgrind --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite \
       --show-leak-kinds=definite --suppressions=tests/valgrind.supp --num-callers=30 \
       --log-file="$build/$name.log" \
       "$build/vitrine" --headless --size 640x360 --run-for "$secs" "$@" >"$build/$name.out" 2>&1; then
    echo "valgrind: $name: clean ($(grep -E 'ERROR SUMMARY' "$build/$name.log" | sed 's/==[0-9]*== //'))"
  else
    sed -n '/ERROR SUMMARY/,$p;/Invalid\|uninitialised\|definitely lost/,+25p' "$build/$name.log" | head -80
    fail "$name: memcheck found errors (full report: $build/$name.log)"
  fi
}

memcheck demo-deck 6 --cache-dir "$work/cache-demo"

# A URL feed with a logo: tests/http/server.py prints its ports on its first line.
mkdir -p "$work/www"
python3 - "$work/www" <<'PY'
import sys
sys.path.insert(0, "tests/http")
import harness as h
root = sys.argv[1]
open(root + "/logo.png", "wb").write(h.png_bytes(64, 48))
h.write_atomic(root + "/feed.json", h.feed_json(3, "valgrind", logo="logo.png"))
PY
coproc SERVER { exec python3 tests/http/server.py --root "$work/www"; }
server_pid=$SERVER_PID
read -r -t 20 port _control <&"${SERVER[0]}" || fail "the test server did not start"
# 20 s: start-up under valgrind takes seconds, and the fetched deck then waits for the
# next boundary of the 8 s demo slide on screen (it never cuts in mid-slide).
memcheck url-feed 20 --interval 1 --cache-dir "$work/cache-url" --status "$work/status.json" \
  "http://127.0.0.1:$port/feed.json"
grep -q '"source": "network"' "$work/status.json" ||
  fail "url-feed: the network deck never reached the screen under valgrind ($(cat "$work/status.json"))"

# Peak RSS of a plain build under the heaviest hostile payloads.
ctest --test-dir "$build" -j"$jobs" --output-on-failure --timeout 400 \
  -R 'fault__(enormous_and_compressed_bodies_are_capped|hostile_images_fall_back|hostile_json_keeps_the_deck|memory_.*)' ||
  fail "a fault test failed on the plain build (peak RSS bound or behaviour, output above)"
echo "valgrind: PASS: memcheck clean on the demo and URL decks; plain-build RSS bounded"
