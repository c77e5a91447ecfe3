#!/usr/bin/env bash
# Installs what is missing, builds, and starts the studio on the bundled sample. Without a
# display it runs the command line on the sample instead and prints the result.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
[ -x build/bin/metacf ] && [ -x build/bin/metacf-studio ] || ./scripts/build.sh
cmake --build build --parallel "$(nproc)" >/dev/null
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  exec build/bin/metacf-studio "$@"
fi
echo "No display: running the sample experiment on the command line instead." >&2
build/bin/metacf info --data sample_data/ratings.csv --titles sample_data/items.csv
exec build/bin/metacf run --data sample_data/ratings.csv --titles sample_data/items.csv \
  --k 1,5 --seeds 1 --label "sample (scripts/run.sh)" "$@"
