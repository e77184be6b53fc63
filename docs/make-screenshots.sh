#!/usr/bin/env bash
# Regenerates the README's screenshots from the real window under Xvfb (Mesa software rendering).
#   docs/make-screenshots.sh            (after ./stegvis build)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
bin="${STEGVIS_BIN:-$here/build/stegvis}"
out="$here/docs/screenshots"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export XDG_DATA_HOME="$work/data" STEGVIS_USER="Anna Lindqvist"
mkdir -p "$out" "$XDG_DATA_HOME"
"$bin" demo --db "$work/demo.stegvis" --today 2026-11-23 >/dev/null
shot() {  # name view [extra args]
  local name="$1" view="$2"; shift 2
  xvfb-run -a -s "-screen 0 1280x800x24" "$bin" --db "$work/demo.stegvis" --view "$view" \
    --screenshot "$out/$name.png" "$@" >/dev/null
  echo "$out/$name.png"
}
shot step "guide:4"
shot inventory "step:2"
shot priorities "step:3"
shot readiness "step:4"
shot case "step:5"
shot team "step:6"
shot plan "step:10"
shot training "step:11"
shot measures "step:12"
shot runchart "step:13"
shot catalog "catalog:BI-04"
shot decisions "decisions"
shot history "history"
shot step-en-small "step:2" --lang en --size 800 --height 560
rm -f "$XDG_DATA_HOME/stegvis/settings.txt"
xvfb-run -a -s "-screen 0 1280x800x24" "$bin" --view welcome --screenshot "$out/welcome.png" >/dev/null
echo "$out/welcome.png"
