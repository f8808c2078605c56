#!/usr/bin/env bash
# The system test for arm64, opt-in (not in the system stage: a fully emulated arm64
# boot does not fit the stage's 15 min on 2 cores): the arm64 .deb of
# tests/stages/50-arm64.sh, the very binary a 64-bit Raspberry Pi runs, installed by apt
# in a Debian 12 arm64 image built by image.sh, booted by qemu-system-aarch64 (virt
# machine, cortex-a72, TCG) with a virtio-gpu-pci display and the same restrict=on user
# network with one guestfwd to the feed server. Runs system_test.py's first boot and
# configured feed + edit (VITRINE_ARM64_ONLY to add phases), bounds times
# VITRINE_ARM64_TIME_SCALE (4 by default). Writes build-system/arm64/report.json and its
# screenshots.
# Needs root (mmdebstrap, binfmt_misc); installs qemu-user-static, qemu-system-arm and
# arch-test (mmdebstrap wants it for a foreign architecture) with apt, and registers the
# aarch64 binfmt_misc handler if it is missing (it says so).
# No firmware: QEMU boots the image's own kernel and initramfs (-kernel/-initrd).
# Usage: bash tests/system/arm64.sh   (or VITRINE_SYSTEM_ARM64=1 bash tests/stages/70-system.sh)
set -uo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
out=$root/build-system
start=$(date +%s)

fail() { echo "system arm64 FAILED: $*"; exit 1; }

[ "$(uname -s)" = Linux ] && command -v dpkg >/dev/null || fail "needs a Debian system"
[ "$(dpkg --print-architecture)" = amd64 ] || fail "written for an amd64 host, this is $(dpkg --print-architecture)"
[ "$(id -u)" -eq 0 ] || fail "needs root (mmdebstrap of a foreign architecture, binfmt_misc)"
bash platform/deps.sh test || fail "could not install the test dependencies (platform/deps.sh test)"
missing=()
for p in qemu-user-static qemu-system-arm arch-test; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "system arm64: installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" \
    >"$out.arm64-apt.log" 2>&1 || { tail -20 "$out.arm64-apt.log"; fail "apt-get install ${missing[*]}"; }
fi
for tool in qemu-system-aarch64 qemu-aarch64-static mmdebstrap qemu-img socat; do
  command -v "$tool" >/dev/null || fail "$tool is missing"
done

# mmdebstrap runs the arm64 packages' maintainer scripts in the chroot: the kernel must
# hand aarch64 ELF files to qemu-aarch64-static. F (fix binary) opens the interpreter now,
# so the chroot need not contain it.
binfmt=/proc/sys/fs/binfmt_misc
if [ ! -e $binfmt/register ]; then
  echo "system arm64: mounting binfmt_misc on $binfmt"
  mount -t binfmt_misc binfmt_misc $binfmt || fail "cannot mount binfmt_misc"
fi
if [ ! -e $binfmt/qemu-aarch64 ]; then
  echo "system arm64: registering the aarch64 binfmt_misc handler (qemu-aarch64-static, flags F)"
  conf=/usr/lib/binfmt.d/qemu-aarch64.conf
  [ -f $conf ] || fail "no $conf (qemu-user-static)"
  grep -v '^#' $conf >$binfmt/register || fail "cannot register $conf in $binfmt"
fi
grep -q enabled $binfmt/qemu-aarch64 || fail "the aarch64 binfmt_misc handler is disabled"

version=$(sed -n 's/^project(vitrine VERSION \([0-9.]*\).*/\1/p' CMakeLists.txt)
deb=build-arm64/vitrine_${version}_arm64.deb
if [ ! -f "$deb" ]; then
  echo "system arm64: no $deb yet: running the arm64 stage"
  bash tests/stages/50-arm64.sh >"$out.arm64-stage.log" 2>&1 ||
    { tail -20 "$out.arm64-stage.log"; fail "the arm64 stage"; }
fi
mkdir -p "$out/images"
t=$(date +%s)
image=$(bash tests/system/image.sh arm64 "$deb" "$out/images") || fail "building the arm64 image"
echo "system arm64: image $image ready in $(($(date +%s) - t)) s ($(du -sh "$image/root.ext4" | cut -f1) on disk)"
find "$out/images" -mindepth 1 -maxdepth 1 -name 'arm64-*' ! -path "$image" -exec rm -rf {} +

rm -rf "$out/arm64"
timeout -k 10 5400 python3 tests/system/system_test.py --image "$image" --out "$out/arm64" --arch arm64 \
  --only "${VITRINE_ARM64_ONLY:-first,configured}" --time-scale "${VITRINE_ARM64_TIME_SCALE:-4}" \
  ${VITRINE_SYSTEM_ARGS:-}
rc=$?
[ $rc -eq 0 ] || fail "exit $rc: see $out/arm64/report.json and its screenshots"
echo "system arm64 passed in $(($(date +%s) - start)) s"
