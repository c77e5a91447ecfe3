#!/usr/bin/env bash
# scripts/check-layers.sh on small made-up trees: passes on includes that run down the layers,
# fails naming the file, line and reason on one that runs up, on Qt in core, on ui including app
# and on a room of core it does not place.
set -euo pipefail
script=$(cd "$(dirname "$0")/../.." && pwd)/scripts/check-layers.sh
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

tree() {  # a fresh tree with the script and the given "file:include" pairs
  rm -rf "$work/repo" && mkdir -p "$work/repo/scripts" "$work/repo/core" "$work/repo/ui" "$work/repo/app"
  cp "$script" "$work/repo/scripts/"
  local pair file include
  for pair in "$@"; do
    file=${pair%%:*} include=${pair#*:}
    mkdir -p "$work/repo/$(dirname "$file")"
    printf '#pragma once\n%s\n' "$include" >>"$work/repo/$file"
  done
}
expect() {  # expect STATUS TEXT: the script's exit status and a line of its output
  local out status=0
  out=$("$work/repo/scripts/check-layers.sh" 2>&1) || status=$?
  if [ "$status" != "$1" ] || ! grep -qF -- "$2" <<<"$out"; then
    echo "expected exit $1 and '$2', got exit $status:"; echo "$out"; exit 1
  fi
}

tree 'core/store/a.h:#include "core/util/b.h"' 'core/util/b.h:#include <vector>' \
  'ui/p.h:#include "core/store/a.h"' 'app/m.cpp:#include "ui/p.h"'
expect 0 "every include of core, ui and app runs down the layers"

tree 'core/util/b.h:#include "core/store/a.h"' 'core/store/a.h:#include <vector>'
expect 1 'core/util/b.h:2: includes core/store/a.h (core/util sits below core/store)'

tree 'core/util/b.h:#include <QString>'
expect 1 'core/util/b.h:2: includes QString (no Qt in core)'

tree 'ui/p.h:#include "app/cli/x.h"' 'app/cli/x.h:#include <vector>'
expect 1 'ui/p.h:2: includes app/cli/x.h (ui sits below app)'

tree 'core/util/b.h:#include "ui/p.h"' 'ui/p.h:#include <vector>'
expect 1 'includes ui/p.h (core includes no Qt front end)'

tree 'core/widgets/w.h:#include <vector>'
expect 1 'core/widgets: a room of core that scripts/check-layers.sh does not place'
echo "check_layers_test: all cases as expected"
