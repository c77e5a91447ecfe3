#!/usr/bin/env bash
# Makes the Debian package from build/ (configuring and building it first when needed) and
# prints its path: build/metacf-studio_<version>_<arch>.deb. Its Depends come from
# dpkg-shlibdeps, so it installs with `apt-get install ./metacf-studio_*.deb` on Debian 12.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
[ -f build/CMakeCache.txt ] || ./scripts/build.sh
cmake --build build --parallel "$(nproc)" >/dev/null
(cd build && cpack -G DEB >/dev/null)
deb=$(ls -t build/metacf-studio_*.deb | head -n 1)
dpkg-deb --field "$deb" Package Version Depends Installed-Size >&2
echo "$deb"
