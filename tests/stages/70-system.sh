#!/usr/bin/env bash
# System stage: vitrine on a real Debian 12 machine. Builds (once; cached by a hash of its
# inputs under build-system/images) a console-only bookworm image with mmdebstrap, the
# package from the package stage installed in it by apt, boots it in QEMU with a KMS
# virtual GPU (virtio-vga) and runs tests/system/system_test.py: first boot to the demo
# deck, a configured feed through the one guestfwd, an edit, the sandbox, the watchdog,
# SIGKILL, an invalid config, disk writes in a steady slideshow, and power cuts.
# Writes build-system/<arch>/report.json and its screenshots (PNG).
# Duration on 2 cores under TCG: 13 min (787 s: the image 94 s once, then 13 boots of
# about 30 s each, the watchdog's 30 s, 60 s of disk writes, screen hours); report.json's
# phase_s says where it goes. Under working KVM a boot is seconds.
# Usage: bash tests/stages/70-system.sh   (VITRINE_SYSTEM_ARGS: extra system_test.py flags;
# VITRINE_SYSTEM_WEAR_S: seconds of the disk-write measurement, 60 by default, 600 asked;
# VITRINE_SYSTEM_ARM64=1: then the arm64 boot too, tests/system/arm64.sh)
set -uo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
out=$root/build-system
start=$(date +%s)

fail() { echo "system stage FAILED: $*"; exit 1; }
skip() { echo "system stage skipped: $*"; exit 0; }

[ "$(uname -s)" = Linux ] || skip "not Linux"
command -v dpkg >/dev/null || skip "not a Debian system"
host=$(dpkg --print-architecture)
[ "$host" = amd64 ] || skip "the image builder and QEMU set-up are written for an amd64 host, this is $host"
[ "$(id -u)" -eq 0 ] || command -v sudo >/dev/null || skip "mmdebstrap needs root (or sudo) to build the image"
bash platform/deps.sh test || fail "could not install the test dependencies (platform/deps.sh test)"
for tool in mmdebstrap qemu-system-x86_64 qemu-img socat mke2fs e2fsck python3; do
  command -v "$tool" >/dev/null || fail "$tool is missing after platform/deps.sh test"
done
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo -n"

version=$(sed -n 's/^project(vitrine VERSION \([0-9.]*\).*/\1/p' CMakeLists.txt)
deb=build-package/vitrine_${version}_amd64.deb
if [ ! -f "$deb" ]; then
  echo "system: no $deb yet: running the package stage"
  bash tests/stages/40-package.sh >"$out.package.log" 2>&1 || { tail -20 "$out.package.log"; fail "the package stage"; }
fi
mkdir -p "$out/images"
t=$(date +%s)
image=$($sudo bash tests/system/image.sh amd64 "$deb" "$out/images") || fail "building the amd64 image"
echo "system: image $image ready in $(($(date +%s) - t)) s ($(du -sh "$image/root.ext4" | cut -f1) on disk)"
# Older images (other hashes) are kept only until a newer one exists.
find "$out/images" -mindepth 1 -maxdepth 1 -name 'amd64-*' ! -path "$image" -exec rm -rf {} +

rm -rf "$out/amd64"
timeout -k 10 3000 $sudo python3 tests/system/system_test.py --image "$image" --out "$out/amd64" \
  --wear-seconds "${VITRINE_SYSTEM_WEAR_S:-60}" ${VITRINE_SYSTEM_ARGS:-}
rc=$?
[ $rc -eq 0 ] || fail "amd64 (exit $rc): see $out/amd64/report.json and its screenshots"
# arm64 (qemu-system-aarch64 virt, TCG, the .deb of tests/stages/50-arm64.sh) is opt-in:
# tests/system/arm64.sh. Every arm64 instruction is emulated on this amd64 host: the
# image took 28 min (maintainer scripts under qemu-user), the two boots 149 s.
if [ "${VITRINE_SYSTEM_ARM64:-0}" = 1 ]; then
  bash tests/system/arm64.sh || fail "arm64 (tests/system/arm64.sh)"
else
  echo "system: arm64 boot skipped: not in the stage (an emulated arm64 boot does not fit its 15 min on 2 cores); run it with VITRINE_SYSTEM_ARM64=1 bash tests/stages/70-system.sh, or bash tests/system/arm64.sh alone"
fi
echo "system stage passed in $(($(date +%s) - start)) s"
