#!/usr/bin/env bash
# Installs what the PyTorch twin (bench/pytorch_twin) needs: Debian's python3-torch and numpy.
# Only the benchmarks use them; neither the README's commands nor CI do.
set -euo pipefail
sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
"${sudo_cmd[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends \
  python3-torch python3-numpy
