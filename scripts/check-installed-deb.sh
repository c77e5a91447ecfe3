#!/usr/bin/env bash
# Installs the metacf-studio .deb found in DIR with apt-get, as a user would, and checks what it
# installed: the command line on the installed sample and the studio, headless, to its first
# page. Meant for a brand-new Debian 12 (see .ci/run); needs root.
# Usage: scripts/check-installed-deb.sh DIR
set -euo pipefail
dir=$1
cd "$dir"
debs=(./metacf-studio_*.deb)
[ -f "${debs[0]}" ] || { echo "no metacf-studio_*.deb in $dir"; exit 1; }
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "${debs[0]}" >/dev/null
echo "installed ${debs[0]}: $(du -h "${debs[0]}" | cut -f1)"
dpkg -L metacf-studio | grep -E 'bin/|\.desktop$|\.svg$|sample_data/[^/]+$'

sample=/usr/share/metacf-studio/sample_data
metacf --version
metacf info --data "$sample/ratings.csv" --titles "$sample/items.csv"
metacf run --data "$sample/ratings.csv" --titles "$sample/items.csv" --k 5 --seeds 1 \
  --learners pop,itemknn,metacf_g,metacf_p_linear --db /tmp/check.sqlite --label "installed .deb"
metacf runs --db /tmp/check.sqlite

metacf-studio --version
metacf-studio --help | head -n 3
QT_QPA_PLATFORM=offscreen metacf-studio --store /tmp/check.sqlite --screenshot /tmp/first-page.png \
  | tee /tmp/studio.out
# The installed studio must open the installed sample, not a path from the machine it was built on.
grep -q "loaded $sample/ratings.csv" /tmp/studio.out
[ -s /tmp/first-page.png ]
echo "the installed package works"
