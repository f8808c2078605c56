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
            StateDirectory=vitrine RestrictAddressFamilies= SystemCallFilter=; do
  grep -q "^$line" "$unit" || { echo "verify_unit: $unit has no '$line' line"; missing=1; }
done
[ $missing -eq 0 ] || exit 1
echo "verify_unit: $unit verifies cleanly, with its hardening"
