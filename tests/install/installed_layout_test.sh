#!/usr/bin/env bash
# `cmake --install` into a temporary prefix, then: the files land in the FreeDesktop places, the
# installed studio opens the installed sample (not the source tree it was built from), and both
# programs answer --help and --version with no display at all.
# Usage: installed_layout_test.sh BUILD_DIR
set -euo pipefail
build=$1
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
cmake --install "$build" --prefix "$prefix" >/dev/null

fail() { echo "FAIL: $*"; exit 1; }
for f in bin/metacf bin/metacf-studio share/applications/metacf-studio.desktop \
         share/icons/hicolor/scalable/apps/metacf-studio.svg \
         share/metacf-studio/sample_data/ratings.csv share/metacf-studio/sample_data/items.csv; do
  [ -s "$prefix/$f" ] || fail "cmake --install did not put $f"
done
grep -q '^Exec=metacf-studio' "$prefix/share/applications/metacf-studio.desktop" \
  || fail "the .desktop entry does not start metacf-studio"
if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate "$prefix/share/applications/metacf-studio.desktop"
fi

# No display, and no hint of one: --help and --version must not need it.
for program in metacf metacf-studio; do
  env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM "$prefix/bin/$program" --help \
    | grep -qi usage || fail "$program --help"
  env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM "$prefix/bin/$program" --version \
    | grep -q "[0-9]\.[0-9]" || fail "$program --version"
done
env -u DISPLAY -u WAYLAND_DISPLAY "$prefix/bin/metacf-studio" --no-such-option 2>/dev/null \
  && fail "metacf-studio accepted an unknown option"

out=$(QT_QPA_PLATFORM=offscreen "$prefix/bin/metacf-studio" --store "$prefix/store.sqlite" \
        --screenshot "$prefix/first-page.png")
echo "$out"
grep -qF "loaded $prefix/share/metacf-studio/sample_data/ratings.csv" <<<"$out" \
  || fail "the installed studio did not open the installed sample"
[ -s "$prefix/first-page.png" ] || fail "no picture of the first page"
echo "PASS"
