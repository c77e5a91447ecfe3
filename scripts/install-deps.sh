#!/usr/bin/env bash
# Installs the Debian packages that building, testing and packaging need, and skips what is
# there. Extras by name: `fuzz` (clang and its sanitizer runtime, for scripts/fuzz.sh) and
# `gui-checks` (Xvfb and the screenshot tools, for looking at the studio on a machine without a
# display), and `format` (clang-format, for scripts/check-format.sh).
# Usage: scripts/install-deps.sh [fuzz] [gui-checks] [format]
set -euo pipefail
packages=(
  cmake ninja-build g++ pkg-config ccache
  qt6-base-dev qt6-charts-dev qt6-svg-dev libgl-dev
  # Qt6Charts' CMake package needs Qt6OpenGL's, which --no-install-recommends leaves out.
  libqt6opengl6-dev
  libeigen3-dev libsqlite3-dev libcli11-dev nlohmann-json3-dev
  # stored data sets are zlib-compressed
  zlib1g-dev
  # ease's dense solve: LAPACK from OpenBLAS, OpenMP build (threads shared with ours)
  libopenblas-openmp-dev liblapacke-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  # scripts/package.sh: cpack's DEB generator reads Depends off the binaries with dpkg-shlibdeps.
  dpkg-dev file desktop-file-utils
  # tests/ui/tst_report.cpp reads the text of exported PDFs with pdftotext.
  poppler-utils
)
for extra in "$@"; do
  case "$extra" in
    fuzz) packages+=(clang libclang-rt-dev libomp-dev) ;;
    gui-checks) packages+=(xvfb xauth imagemagick xdotool) ;;
    format) packages+=(clang-format) ;;
    *) echo "install-deps.sh: unknown extra '$extra' (fuzz, gui-checks, format)"; exit 2 ;;
  esac
done
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
