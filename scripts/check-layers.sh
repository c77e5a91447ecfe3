#!/usr/bin/env bash
# Fails when an #include runs against the layering: app -> ui -> core, and inside core from each
# room only down to the rooms listed before it (docs/architecture.md draws them). A file may
# include anything in its own room. Prints every include against the direction, with file and
# line.
set -euo pipefail
cd "$(dirname "$0")/.."

# core's rooms, lowest first: a room may include the rooms before it and itself, never after.
core_rooms=(util simd nn data config split model eval train learners store experiment report simulate)

rank_of() {
  local i
  for i in "${!core_rooms[@]}"; do
    [ "${core_rooms[$i]}" = "$1" ] && { echo "$i"; return; }
  done
  echo -1
}

bad=0
report() {
  echo "$1: includes $2 ($3)"
  bad=$((bad + 1))
}

# Every room of core must be in the list: a new room has to be given its place.
for dir in core/*/; do
  room=$(basename "$dir")
  if [ "$(rank_of "$room")" -lt 0 ]; then
    echo "core/$room: a room of core that scripts/check-layers.sh does not place; add it to core_rooms"
    bad=$((bad + 1))
  fi
done

while IFS=: read -r file line text; do
  target=$(sed -E 's|.*#include "([^"]+)".*|\1|' <<<"$text")
  case "$file" in
    core/*)
      case "$target" in
        ui/* | app/*) report "$file:$line" "$target" "core includes no Qt front end" ;;
        core/*)
          from=$(cut -d/ -f2 <<<"$file")
          to=$(cut -d/ -f2 <<<"$target")
          if [ "$(rank_of "$to")" -gt "$(rank_of "$from")" ]; then
            report "$file:$line" "$target" "core/$from sits below core/$to"
          fi
          ;;
      esac
      ;;
    ui/*)
      case "$target" in app/*) report "$file:$line" "$target" "ui sits below app" ;; esac
      ;;
  esac
done < <(grep -rn -E '^#include "(core|ui|app)/' --include='*.h' --include='*.cpp' core ui app || true)

# No Qt in core.
while IFS=: read -r file line text; do
  report "$file:$line" "$(sed -E 's|.*#include <([^>]+)>.*|\1|' <<<"$text")" "no Qt in core"
done < <(grep -rn -E '^#include <Q[A-Za-z]+' --include='*.h' --include='*.cpp' core || true)

if [ "$bad" -gt 0 ]; then
  echo "check-layers: $bad include(s) against the direction"
  exit 1
fi
echo "check-layers: every include of core, ui and app runs down the layers"
