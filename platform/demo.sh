#!/usr/bin/env bash
# From a clean clone: installs what is missing, builds vitrine, and shows the demo deck,
# in a window where there is a display; with no display at all, it renders the deck
# offscreen for 20 s and leaves a screenshot (demo.png) and every slide (demo-slides/).
# Usage: bash platform/demo.sh [FEED]   (extra vitrine flags go through VITRINE_FLAGS)
set -euo pipefail
cd "$(dirname "$0")/.."
bash platform/deps.sh build
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DVITRINE_TESTS=OFF >/dev/null
cmake --build build -j"$(nproc)" >/dev/null
echo "vitrine built: build/vitrine ($(build/vitrine --version | head -1))"
# shellcheck disable=SC2086
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  echo "Showing the deck in a window: press q or Esc to quit."
  exec build/vitrine --windowed ${VITRINE_FLAGS:-} "$@"
fi
echo "No display here: rendering headless for 20 s (run it on a desktop to see it live)."
build/vitrine --headless --run-for 20 --screenshot demo.png ${VITRINE_FLAGS:-} "$@"
build/vitrine --headless --render-slides demo-slides ${VITRINE_FLAGS:-} "$@"
echo "Last frame: demo.png; every slide in every language: demo-slides/"
