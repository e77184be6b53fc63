#!/usr/bin/env bash
# Regenerates the README's screenshots from the real window under Xvfb (Mesa software rendering).
#   docs/make-screenshots.sh            (after ./stegvis build; needs xvfb-run, the sqlite3 tool, pdftoppm and LibreOffice)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
bin="${STEGVIS_BIN:-$here/build/stegvis}"
out="$here/docs/screenshots"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export XDG_DATA_HOME="$work/data" STEGVIS_USER="Anna Lindqvist"
# A Swedish desktop's home, so the export folder reads ~/Dokument rather than this machine's.
mkdir -p "$work/home/.config"
printf 'XDG_DOCUMENTS_DIR="$HOME/Dokument"\n' >"$work/home/.config/user-dirs.dirs"
export HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config"
mkdir -p "$out" "$XDG_DATA_HOME"
"$bin" demo --db "$work/demo.stegvis" --today 2026-11-23 >/dev/null
shot() {  # name view [extra args]
  local name="$1" view="$2"; shift 2
  xvfb-run -a -s "-screen 0 1280x800x24" "$bin" --db "$work/demo.stegvis" --view "$view" \
    --screenshot "$out/$name.png" "$@" >/dev/null
  echo "$out/$name.png"
}
# The documents as their readers get them: PDF pages (pdftoppm, from poppler-utils) and a chart image.
page() {  # name template page
  "$bin" report --db "$work/demo.stegvis" --format pdf --template "$2" --out "$work/$1.pdf" >/dev/null
  pdftoppm -r 72 -png -f "$3" -l "$3" -singlefile "$work/$1.pdf" "$out/$1"
  echo "$out/$1.png"
}
page doc-board board 1
page doc-progress progress 3
# The local agreement as Word writes it, opened in LibreOffice (headless) and printed to PDF.
"$bin" report --db "$work/demo.stegvis" --format docx --template local-agreement --out "$work/overenskommelse.docx" >/dev/null
(cd "$work" && soffice -env:UserInstallation="file://$work/lo" --headless --convert-to pdf overenskommelse.docx >/dev/null 2>&1)
pdftoppm -r 60 -png -f 1 -l 1 -singlefile "$work/overenskommelse.pdf" "$out/doc-agreement"
echo "$out/doc-agreement.png"
"$bin" chart --db "$work/demo.stegvis" --measure 1 --width 800 --out "$out/doc-chart.png" >/dev/null
echo "$out/doc-chart.png"
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
# The demo's third measure, a share with large denominators, drawn as Laney's P′ chart: a taller
# window, so the points outside the limits are listed in words below the chart.
xvfb-run -a -s "-screen 0 1280x1000x24" "$bin" --db "$work/demo.stegvis" --view "step:13/3" --height 1000 \
  --screenshot "$out/controlchart.png" >/dev/null
echo "$out/controlchart.png"
shot catalog "catalog:BI-04"
shot decisions "decisions"
# A project made before LB-07 was split into three rows (its own catalog as it was then), opened
# beside today's catalog: the changes listed, with the button that moves the project over.
cp "$work/demo.stegvis" "$work/old.stegvis"
sqlite3 "$work/old.stegvis" "
  UPDATE catalog_row SET intervention = 'Akamprosat, disulfiram eller naltrexon', condition = 'Alkoholberoende'
    WHERE rec_id = 'LB-07';
  DELETE FROM catalog_row WHERE rec_id IN ('LB-16', 'LB-17');
  DELETE FROM inventory WHERE rec_id IN ('LB-16', 'LB-17');
  DELETE FROM rec_discussion WHERE rec_id IN ('LB-16', 'LB-17');
  DELETE FROM priority WHERE rec_id IN ('LB-16', 'LB-17');
  DELETE FROM hexagon WHERE rec_id IN ('LB-16', 'LB-17');
  DELETE FROM inventory_baseline_row WHERE rec_id IN ('LB-16', 'LB-17');"
xvfb-run -a -s "-screen 0 1280x800x24" "$bin" --db "$work/old.stegvis" --view "catalog:changes" \
  --screenshot "$out/catalog-changes.png" >/dev/null
echo "$out/catalog-changes.png"
shot history "history"
shot step-en-small "step:2" --lang en --size 800 --height 560
# File > Backups after a few rounds of edits, each followed by a backup.
for seed in 1 2 3; do
  "$bin" script --db "$work/demo.stegvis" --edits 4 --seed "$seed" >/dev/null
  "$bin" backups --db "$work/demo.stegvis" --make >/dev/null
done
shot backups "backups"
rm -f "$XDG_DATA_HOME/stegvis/settings.txt"
xvfb-run -a -s "-screen 0 1280x800x24" "$bin" --view welcome --screenshot "$out/welcome.png" >/dev/null
echo "$out/welcome.png"
# The county overview over three demo units.
mkdir -p "$work/lan"
for org in "Umeå kommun" "Skellefteå kommun" "Region Västerbotten"; do
  "$bin" demo --db "$work/lan/${org// /_}.stegvis" --org "$org" --today 2026-11-23 >/dev/null
done
xvfb-run -a -s "-screen 0 1280x800x24" "$bin" --db "$work/demo.stegvis" --view "county:$work/lan" \
  --screenshot "$out/county.png" >/dev/null
echo "$out/county.png"
# The HTML progress summary, as a browser shows it (needs Debian's chromium).
if command -v chromium >/dev/null 2>&1; then
  "$bin" report --db "$work/demo.stegvis" --format html --out "$work/lagesrapport.html" >/dev/null
  chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --user-data-dir="$work/chromium" --hide-scrollbars \
    --window-size=1000,6000 --screenshot="$work/full.png" "file://$work/lagesrapport.html" >/dev/null 2>&1
  # The first page, and the initiatives with their run charts (found by the heading's position).
  if command -v convert >/dev/null 2>&1 && convert -version 2>/dev/null | grep -q ImageMagick; then
    convert "$work/full.png" -crop 1000x1300+0+0 +repage "$out/report.png"
    y=$(grep -n "<h2>Införanden</h2>" "$work/lagesrapport.html" >/dev/null && echo 2500)
    convert "$work/full.png" -crop 1000x1300+0+"${y:-2500}" +repage "$out/report-charts.png"
    echo "$out/report.png"
    echo "$out/report-charts.png"
  fi
fi
