#!/usr/bin/env bash
# Builds dist/stegvis_VERSION_amd64.deb from a built tree: /usr/bin/stegvis, the data in
# /usr/share/stegvis (found beside the binary, no STEGVIS_HOME needed), a .desktop entry with its
# icon, a man page made from --help, and Depends: worked out by dpkg-shlibdeps from the binary.
#   packaging/make-deb.sh BUILD_DIR DIST_DIR
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:?build folder}"
dist="${2:?dist folder}"
bin="$build/stegvis"
[ -x "$bin" ] || { echo "make-deb: $bin is not built" >&2; exit 1; }
version="$("$bin" --version | awk '{print $2}')"
arch="$(dpkg --print-architecture)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
root="$work/root"
mkdir -p "$root/DEBIAN" "$root/usr/bin" "$root/usr/share/stegvis" "$root/usr/share/applications" \
  "$root/usr/share/icons/hicolor/scalable/apps" "$root/usr/share/man/man1" "$root/usr/share/doc/stegvis"
install -m 0755 "$bin" "$root/usr/bin/stegvis"
strip --strip-unneeded "$root/usr/bin/stegvis"
# What the program reads at run time, and nothing else (no tests, no build files).
for d in data phases templates; do cp -r "$here/$d" "$root/usr/share/stegvis/"; done
rm -f "$root/usr/share/stegvis/templates/make-docx-templates.py"
install -m 0644 "$here/packaging/stegvis.desktop" "$root/usr/share/applications/stegvis.desktop"
install -m 0644 "$here/packaging/stegvis.svg" "$root/usr/share/icons/hicolor/scalable/apps/stegvis.svg"
help2man --no-info --no-discard-stderr --name "implementing the national guidelines for addiction care, step by step" \
  --version-string "$version" "$bin" | gzip -9n > "$root/usr/share/man/man1/stegvis.1.gz"
install -m 0644 "$here/README.md" "$root/usr/share/doc/stegvis/README.md"
[ -f "$here/CHANGELOG.md" ] && gzip -9nc "$here/CHANGELOG.md" > "$root/usr/share/doc/stegvis/changelog.gz"
chmod -R u+rwX,go+rX,go-w "$root/usr"
# The libraries the binary links, as Debian names them.
mkdir -p "$work/debian"
printf 'Source: stegvis\n\nPackage: stegvis\nArchitecture: any\n' > "$work/debian/control"
depends="$(cd "$work" && dpkg-shlibdeps -O -e"$root/usr/bin/stegvis" 2>/dev/null | sed -n 's/^shlibs:Depends=//p')"
[ -n "$depends" ] || { echo "make-deb: dpkg-shlibdeps found no dependencies" >&2; exit 1; }
size="$(du -sk "$root/usr" | cut -f1)"
cat > "$root/DEBIAN/control" <<CONTROL
Package: stegvis
Version: $version
Architecture: $arch
Maintainer: Stegvis <stegvis@localhost>
Installed-Size: $size
Depends: $depends, fonts-dejavu-core
Recommends: xclip | wl-clipboard, xdg-utils
Section: misc
Priority: optional
Description: implementing the national guidelines for addiction care, step by step
 Stegvis guides Swedish social services and healthcare through implementing
 Socialstyrelsen's national guidelines for addiction care along the 15 steps of
 the manager manual: needs inventory, priorities, readiness, team decisions,
 baselines, pilots with run and control charts, and progress summaries as PDF,
 Word, HTML and Excel.
CONTROL
mkdir -p "$dist"
out="$dist/stegvis_${version}_${arch}.deb"
dpkg-deb --root-owner-group --build "$root" "$out" >/dev/null
echo "$out"
