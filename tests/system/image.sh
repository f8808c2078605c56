#!/usr/bin/env bash
# Builds the system test's Debian 12 (bookworm) machine: a console-only system like
# Raspberry Pi OS Lite (systemd, udev, the distribution kernel, no desktop, no X server)
# made by mmdebstrap from Debian packages only, with the vitrine .deb installed by
# `apt-get install ./vitrine_*.deb` inside it, so its Depends are resolved as a
# technician's apt resolves them. Output, cached by a hash of every input (this
# script, the test agent, the .deb, the architecture): DIR/<hash>/{root.ext4,vmlinuz,
# initrd.img,packages.txt}. The root filesystem is a bare ext4 (no partition table):
# QEMU boots the image's own kernel and initramfs directly, with root=/dev/vda.
# Usage: tests/system/image.sh ARCH DEB CACHE_DIR   (prints the image directory)
set -euo pipefail
arch=${1:?usage: image.sh ARCH DEB CACHE_DIR} deb=${2:?deb} cache=${3:?cache dir}
here=$(cd "$(dirname "$0")" && pwd)
[ -f "$deb" ] || { echo "image: no package $deb" >&2; exit 1; }
case $arch in
  amd64) kernel=linux-image-amd64 ;;
  arm64) kernel=linux-image-arm64 ;;
  *) echo "image: unsupported architecture $arch" >&2; exit 1 ;;
esac
# What a Raspberry Pi OS Lite console system has that vitrine's path uses: systemd as
# init, udev (device nodes and groups for /dev/dri), the kernel with its initramfs,
# networking from systemd-networkd (DHCP), and procps/iproute2 for a technician.
packages=systemd-sysv,udev,$kernel,kmod,iproute2,procps,ca-certificates,e2fsprogs
hash=$( { echo "$arch $packages"; cat "$0" "$here/agent.py" "$here/agent.service"; sha256sum <"$deb"; } |
        sha256sum | cut -c1-16)
out=$cache/$arch-$hash
if [ -f "$out/root.ext4" ] && [ -f "$out/vmlinuz" ] && [ -f "$out/initrd.img" ]; then
  echo "$out"; exit 0
fi
rm -rf "$out" "$out.tmp" && mkdir -p "$out.tmp"
root=$out.tmp/root
debname=$(basename "$deb")
log=$out.tmp/mmdebstrap.log
echo "image: building the $arch bookworm image (mmdebstrap, log $log)" >&2
# The agent runs the test's commands from a virtio-serial port (no login, no network
# service); the network comes up by DHCP from QEMU's user network. For boot time under
# TCG (the stage boots 13 times): timers a kiosk does not need in a test run are masked,
# and getty-static (gettys on tty2-6, started where dbus is missing; a Pi OS Lite has
# dbus); the initramfs holds only what mounts the root (MODULES=list: virtio-pci,
# virtio-blk, ext4), a few MB to unpack instead of every storage driver.
mmdebstrap --variant=minbase --architectures="$arch" --include="$packages" \
  --customize-hook="copy-in $deb /tmp" \
  --customize-hook="chroot \"\$1\" env DEBIAN_FRONTEND=noninteractive apt-get install -y /tmp/$debname" \
  --customize-hook='rm -f "$1"/tmp/*.deb' \
  --customize-hook='mkdir -p "$1"/usr/local/lib/vitrine-test' \
  --customize-hook="copy-in $here/agent.py /usr/local/lib/vitrine-test" \
  --customize-hook="copy-in $here/agent.service /etc/systemd/system" \
  --customize-hook='chroot "$1" systemctl enable agent.service' \
  --customize-hook='chroot "$1" systemctl enable systemd-networkd.service' \
  --customize-hook='printf "[Match]\nName=en*\n[Network]\nDHCP=ipv4\n" >"$1"/etc/systemd/network/en.network' \
  --customize-hook='echo vitrine-vm >"$1"/etc/hostname' \
  --customize-hook='printf "/dev/vda / ext4 defaults,errors=remount-ro 0 1\n" >"$1"/etc/fstab' \
  --customize-hook='chroot "$1" passwd -d root' \
  --customize-hook='chroot "$1" systemctl mask apt-daily.timer apt-daily-upgrade.timer e2scrub_all.timer e2scrub_reap.service fstrim.timer dpkg-db-backup.timer getty-static.service' \
  --customize-hook='printf "virtio_pci\nvirtio_blk\next4\n" >>"$1"/etc/initramfs-tools/modules' \
  --customize-hook='sed -i "s/^MODULES=.*/MODULES=list/" "$1"/etc/initramfs-tools/initramfs.conf' \
  --customize-hook='chroot "$1" update-initramfs -u' \
  --customize-hook='chroot "$1" dpkg-query -W -f "\${Package} \${Version}\n" >"$1"/packages.txt' \
  --customize-hook='chroot "$1" apt-get clean' \
  bookworm "$root" >"$log" 2>&1 || { tail -30 "$log" >&2; echo "image: mmdebstrap failed" >&2; exit 1; }
mv "$root/packages.txt" "$out.tmp/packages.txt"
cp -L "$root"/boot/vmlinuz-* "$out.tmp/vmlinuz"
cp -L "$root"/boot/initrd.img-* "$out.tmp/initrd.img"
size_mb=$(( $(du -sm "$root" | cut -f1) + 768 ))
mke2fs -q -t ext4 -L vitrine-root -d "$root" "$out.tmp/root.ext4" "${size_mb}M" >>"$log" 2>&1 ||
  { tail -10 "$log" >&2; echo "image: mke2fs failed" >&2; exit 1; }
rm -rf "$root"
mv "$out.tmp" "$out"
echo "$out"
