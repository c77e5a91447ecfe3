#!/usr/bin/env bash
# scripts/check-sizes.sh on small made-up trees: an 80-line function passes and an 81-line one
# fails, counted from its signature to its closing brace with a lambda and a braced member
# initialiser inside it; a 401-line file fails.
set -euo pipefail
script=$(cd "$(dirname "$0")/../.." && pwd)/scripts/check-sizes.sh
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

function_of() {  # function_of LINES: a constructor that many lines long, signature to brace
  printf 'Page::Page(QWidget* parent)\n    : QWidget(parent), rows_{1, 2} {\n'
  printf '  auto add = [this](int n) {\n    rows_.push_back(n);\n  };\n'
  for ((i = 0; i < $1 - 6; ++i)); do printf '  add(%d);\n' "$i"; done
  printf '}\n'
}
tree() {  # tree FILE CONTENT: a fresh tree holding one file
  rm -rf "$work/repo" && mkdir -p "$work/repo/ui" && printf '%s\n' "$2" >"$work/repo/$1"
}
expect() {  # expect STATUS TEXT: the script's exit status and a line of its output
  local out status=0
  out=$("$script" "$work/repo" 2>&1) || status=$?
  if [ "$status" != "$1" ] || ! grep -qF -- "$2" <<<"$out"; then
    echo "expected exit $1 and '$2', got exit $status:"; echo "$out"; exit 1
  fi
}

tree ui/page.cpp "$(printf '#include "ui/page.h"\n\n'; function_of 80)"
expect 0 "every file of core, ui and app is within 400 lines and every function within 80"

tree ui/page.cpp "$(printf '#include "ui/page.h"\n\n'; function_of 81)"
expect 1 "ui/page.cpp:3: Page::Page is 81 lines (limit 80)"

tree ui/long.h "$(for ((i = 0; i < 401; ++i)); do echo "int v$i = $i;"; done)"
expect 1 "ui/long.h:1: the file is 401 lines (limit 400)"
echo "check_sizes_test: all cases as expected"
