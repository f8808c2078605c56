#!/usr/bin/env bash
# arm64 stage: vitrine as it runs on a 64-bit Raspberry Pi. Cross-builds with Debian's
# multiarch toolchain (platform/toolchain-aarch64.cmake, Release, no sanitizers, warnings
# as errors), runs the unit tests through qemu-aarch64, then renders the demo deck
# headless under qemu and checks the PNGs. Installs what it needs (dpkg
# --add-architecture arm64 and the :arm64 -dev packages) when it can.
# Usage: bash tests/stages/50-arm64.sh   (from anywhere; exits non-zero on failure)
set -uo pipefail
cd "$(dirname "$0")/../.."
build=build-arm64
jobs=$(nproc)
qemu_timeout=900 # seconds for the headless render; natively it takes ~2 s, qemu ~15 s

fail() { echo "arm64 stage FAILED: $*"; exit 1; }
skip() { echo "arm64 stage skipped: $*"; exit 0; }

tools=(crossbuild-essential-arm64 qemu-user file)
libs=(libsdl2-dev libsdl2-ttf-dev libsdl2-image-dev libcurl4-openssl-dev libjansson-dev
      libqrencode-dev libcmocka-dev libsystemd-dev libfribidi-dev libharfbuzz-dev libsodium-dev libxml2-dev)

install_deps() {
  command -v dpkg >/dev/null && command -v apt-get >/dev/null ||
    skip "cannot install the arm64 toolchain: not a Debian system (no dpkg/apt-get)"
  [ "$(dpkg --print-architecture)" = amd64 ] ||
    skip "cannot install the arm64 cross toolchain: the build machine is $(dpkg --print-architecture), not amd64"
  local want=("${tools[@]}") p missing=()
  for p in "${libs[@]}"; do want+=("$p:arm64"); done
  for p in "${want[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null && sudo -n true 2>/dev/null ||
      skip "cannot install ${missing[*]}: not root and no password-less sudo"
    sudo="sudo -n"
  fi
  echo "arm64: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  dpkg --print-foreign-architectures | grep -qx arm64 || $sudo dpkg --add-architecture arm64 ||
    fail "dpkg --add-architecture arm64"
  $sudo apt-get update -qq || fail "apt-get update (with arm64 added)"
  # Multiarch -dev packages must have the same version as their amd64 twins, so apt may
  # upgrade amd64 packages; it must never remove any.
  local plan
  plan=$(apt-get install -s --no-install-recommends "${missing[@]}" 2>&1) ||
    fail "apt cannot resolve ${missing[*]}: $(tail -5 <<<"$plan")"
  if grep -q '^Remv' <<<"$plan"; then
    fail "installing the arm64 packages would remove: $(grep '^Remv' <<<"$plan" | cut -d' ' -f2 | tr '\n' ' ')"
  fi
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >"$build.install.log" 2>&1 ||
    { tail -20 "$build.install.log"; fail "apt-get install of the arm64 packages"; }
}

start=$(date +%s)
install_deps
command -v qemu-aarch64 >/dev/null || fail "qemu-aarch64 not found after installing qemu-user"
echo "arm64: toolchain ready in $(($(date +%s) - start)) s"

rm -rf "$build"
cmake -S . -B "$build" -DCMAKE_TOOLCHAIN_FILE=platform/toolchain-aarch64.cmake \
      -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=/usr -DVITRINE_SANITIZE= \
      -DVITRINE_WERROR="${VITRINE_WERROR:-ON}" >"$build.log" 2>&1 &&
  cmake --build "$build" -j"$jobs" >>"$build.log" 2>&1 ||
  { grep -E 'error|warning' "$build.log" | head -30; tail -20 "$build.log"; fail "the aarch64 build"; }
file "$build/vitrine" | grep -q 'ARM aarch64' || fail "$build/vitrine is not an aarch64 binary: $(file "$build/vitrine")"
echo "arm64: built $(file -b "$build/vitrine" | cut -d, -f1-2) in $(($(date +%s) - start)) s"

# Only the unit tests: they are the test binaries themselves, which ctest runs through
# CMAKE_CROSSCOMPILING_EMULATOR. Other tests drive the binary through scripts that would
# try to run it natively.
ctest --test-dir "$build" -L unit --output-on-failure -j"$jobs" | tee "$build/ctest.out"
grep -qE '^100% tests passed' "$build/ctest.out" || fail "unit tests under qemu-aarch64"

slides="$build/slides"
rm -rf "$slides" && mkdir -p "$slides"
echo "arm64: rendering the demo deck under qemu-aarch64"
timeout -k 10 "$qemu_timeout" qemu-aarch64 -L / "$build/vitrine" --headless \
  --render-slides "$slides" || fail "vitrine --headless --render-slides under qemu (exit $?)"
pngs=("$slides"/*.png)
[ -e "${pngs[0]}" ] || fail "no PNG written to $slides"
for png in "${pngs[@]}"; do
  file -b "$png" | grep -q '^PNG image data, [0-9]* x [0-9]*' || fail "$png is not a PNG image"
done
echo "arm64: ${#pngs[@]} slide images, e.g. $(basename "${pngs[0]}"): $(file -b "${pngs[0]}")"
# The package a technician installs on the Pi. dpkg-shlibdeps reads the arm64 binary's
# libraries from the :arm64 packages when told the host architecture.
(cd "$build" && DEB_HOST_ARCH=arm64 cpack -G DEB) >"$build/cpack.log" 2>&1 ||
  { tail -20 "$build/cpack.log"; fail "cpack -G DEB for arm64"; }
deb=$(ls "$build"/vitrine_*_arm64.deb 2>/dev/null | head -1)
[ -n "$deb" ] || fail "no vitrine_<version>_arm64.deb in $build"
[ "$(dpkg-deb --field "$deb" Architecture)" = arm64 ] || fail "$deb is not Architecture: arm64"
dpkg-deb --field "$deb" Depends | grep -q 'libsdl2-2.0-0' || fail "$deb does not depend on libsdl2"
echo "arm64: package $deb"
echo "arm64 stage passed in $(($(date +%s) - start)) s"
