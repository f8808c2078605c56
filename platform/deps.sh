#!/usr/bin/env bash
# Installs the Debian 12 / Raspberry Pi OS bookworm packages vitrine needs to build, run
# and test, skipping what is already there. Runs apt-get as root, or through sudo.
# Usage: platform/deps.sh [build|test]   (test adds the test tools)
set -euo pipefail
want=(cmake make gcc pkg-config libsdl2-dev libsdl2-ttf-dev libsdl2-image-dev
      libcurl4-openssl-dev libjansson-dev libqrencode-dev libsystemd-dev
      libfribidi-dev libharfbuzz-dev libsodium-dev libxml2-dev
      fonts-noto-core fonts-dejavu-core ca-certificates tzdata)
if [ "${1:-build}" = test ]; then
  want+=(libcmocka-dev python3 clang libclang-rt-14-dev valgrind xvfb xauth openssl
         systemd dpkg-dev lintian file minisign nginx
         mmdebstrap qemu-system-x86 qemu-utils socat e2fsprogs   # tests/system
         libgl1-mesa-dri libegl1 libegl-mesa0 libgles2 libglx-mesa0  # GLES2 on llvmpipe: test_gpu.py
         chromium                                                     # the fleet page: test_heartbeat.py
         fontconfig)                                                  # fc-query: test_fonts.py
fi
missing=()
arch=$(dpkg --print-architecture)
installed() { # native or arch-all only: an arm64 -dev package must not count (multiarch)
  dpkg-query -W -f='${Status}' "$1:$arch" 2>/dev/null | grep -q 'ok installed' ||
    dpkg-query -W -f='${Status}' "$1:all" 2>/dev/null | grep -q 'ok installed'
}
for p in "${want[@]}"; do
  installed "$p" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "vitrine: installing ${missing[*]}" >&2
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
