#!/usr/bin/env bash
# Installs what is missing, builds from scratch and runs every test with ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
rm -rf build
./scripts/build.sh
ctest --test-dir build --output-on-failure --parallel "$(nproc)" --timeout 600
