#!/usr/bin/env bash
# Installs the Debian packages the build, the tests, the GUI checks and the fuzz targets (clang)
# need; skips what is there.
set -euo pipefail
packages=(
  cmake ninja-build g++ pkg-config
  qt6-base-dev qt6-charts-dev qt6-svg-dev libqt6sql6-sqlite libgl-dev
  # Qt6Charts' CMake package needs Qt6OpenGL's, which --no-install-recommends leaves out.
  libqt6opengl6-dev
  ccache
  libeigen3-dev libsqlite3-dev libcli11-dev nlohmann-json3-dev
  # ease's dense solve: LAPACK from OpenBLAS, OpenMP build (threads shared with ours)
  libopenblas-openmp-dev liblapacke-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  clang libclang-rt-dev libomp-dev
  xvfb xauth
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
