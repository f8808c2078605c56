#!/usr/bin/env bash
# Checks a vitrine.service the way a technician would want it checked: systemd-analyze
# verify must pass and print nothing at all (it only *warns* about a misspelt key such
# as "ProtectHom=", and still exits 0), and every promised hardening line is there.
# Usage: tests/platform/verify_unit.sh UNIT_FILE   (ExecStart must name an existing file)
set -uo pipefail
unit=${1:?usage: verify_unit.sh UNIT_FILE}
command -v systemd-analyze >/dev/null ||
  { echo "verify_unit: systemd-analyze is missing (apt-get install systemd)"; exit 1; }
out=$(systemd-analyze verify --man=no "$unit" 2>&1)
rc=$?
if [ $rc -ne 0 ] || [ -n "$out" ]; then
  echo "$out"
  echo "verify_unit: systemd-analyze verify $unit: exit $rc, or it printed warnings (above)"
  exit 1
fi
missing=0
for line in Type=notify WatchdogSec= Restart=always User=vitrine \
            'SupplementaryGroups=video render input' NoNewPrivileges=yes \
            ProtectSystem=strict ProtectHome=yes PrivateTmp=yes CacheDirectory=vitrine \
            StateDirectory=vitrine RuntimeDirectory=vitrine RestrictAddressFamilies= \
            SystemCallFilter=; do
  grep -q "^$line" "$unit" || { echo "verify_unit: $unit has no '$line' line"; missing=1; }
done
# Found booting the package (tests/system): XDG_CACHE_HOME must be the service's own
# cache directory, or Mesa's shader cache lands in read-only /var/cache.
grep -qx 'Environment=XDG_CACHE_HOME=%C/vitrine' "$unit" ||
  { echo "verify_unit: $unit: XDG_CACHE_HOME is not %C/vitrine (Mesa writes \$XDG_CACHE_HOME/mesa_shader_cache)"; missing=1; }
# The device policy binds ExecStartPre=+ too: writing to /dev/tty1 needs its DeviceAllow.
if grep -q '^ExecStartPre=.*/dev/tty1' "$unit" && grep -q '^DevicePolicy=closed' "$unit"; then
  grep -qx 'DeviceAllow=/dev/tty1 rw' "$unit" ||
    { echo "verify_unit: $unit: ExecStartPre writes /dev/tty1 but DevicePolicy=closed denies it (no DeviceAllow=/dev/tty1)"; missing=1; }
fi
[ $missing -eq 0 ] || exit 1
echo "verify_unit: $unit verifies cleanly, with its hardening"
