#!/usr/bin/env bash
# Builds dist/stegvis-VERSION-windows-x64.zip on Debian: a folder Stegvis\ with stegvis.exe (the
# window and the command line in one program, no DLLs beside it), the data, phases, templates,
# the DejaVu fonts and LÄS MIG.txt. Cross-compiled with Debian's MinGW-w64; the libraries come
# from Debian's source packages (packaging/windows/build-deps.sh, cached in BUILD_DIR/deps, or
# in STEGVIS_WINDOWS_DEPS_DIR when set: CI keeps them outside the clone, for the next run).
#   packaging/make-windows.sh BUILD_DIR DIST_DIR      (BUILD_DIR e.g. build-win)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:?build folder}"
dist="${2:?dist folder}"
jobs="${STEGVIS_JOBS:-$(nproc 2>/dev/null || echo 2)}"
mkdir -p "$build"
build="$(cd "$build" && pwd)"

deps="${STEGVIS_WINDOWS_DEPS_DIR:-$build/deps}"
bash "$here/packaging/windows/build-deps.sh" "$deps"
prefix="$(cd "$deps" && pwd)/prefix"
# Header-only libraries from their Debian packages, seen by the cross compiler one by one
# (never all of /usr/include, whose C library headers are Linux's).
mkdir -p "$build/headers"
for d in rapidjson cereal CLI kainjow stb; do
  [ -d "/usr/include/$d" ] || { echo "make-windows: /usr/include/$d is missing (./stegvis install)" >&2; exit 1; }
  ln -sfn "/usr/include/$d" "$build/headers/$d"
done

# CMake keeps what pkg-config said in its cache: with the libraries in another folder than the
# last configure's, that cache would still point at the old one, so it starts afresh.
if [ "$(cat "$build/stegvis/deps-prefix" 2>/dev/null)" != "$prefix" ]; then
  rm -f "$build/stegvis/CMakeCache.txt"
  mkdir -p "$build/stegvis"
  echo "$prefix" >"$build/stegvis/deps-prefix"
fi
export PKG_CONFIG_LIBDIR="$prefix/lib/pkgconfig"
export PKG_CONFIG_SYSROOT_DIR=
cmake -S "$here" -B "$build/stegvis" -DCMAKE_TOOLCHAIN_FILE="$here/packaging/windows/mingw-w64.cmake" \
  -DSTEGVIS_DEPS_PREFIX="$prefix" -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF \
  -DCMAKE_CXX_FLAGS="-isystem $build/headers -isystem $build/headers/stb" >/dev/null
cmake --build "$build/stegvis" -j "$jobs" --target stegvis -- --no-print-directory >&2

version="$(sed -n 's/^project(Stegvis VERSION \([0-9.]*\).*/\1/p' "$here/CMakeLists.txt")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
root="$work/Stegvis"
mkdir -p "$root/fonts"
x86_64-w64-mingw32-strip -o "$root/stegvis.exe" "$build/stegvis/stegvis.exe"  # the window (double-click)
x86_64-w64-mingw32-strip -o "$root/stegvis.com" "$build/stegvis/stegvis.com"  # the same for the console
for d in data phases templates; do cp -r "$here/$d" "$root/"; done
rm -f "$root/templates/make-docx-templates.py"
for f in DejaVuSans.ttf DejaVuSans-Bold.ttf; do cp "/usr/share/fonts/truetype/dejavu/$f" "$root/fonts/"; done
cp /usr/share/doc/fonts-dejavu-core/copyright "$root/fonts/LICENSE.txt"
# Windows' Notepad reads UTF-8 with CRLF line ends best.
sed 's/$/\r/' "$here/packaging/windows/LÄS MIG.txt" > "$root/LÄS MIG.txt"
sed 's/$/\r/' "$here/CHANGELOG.md" > "$root/CHANGELOG.txt"
mkdir -p "$dist"
out="$(cd "$dist" && pwd)/stegvis-$version-windows-x64.zip"
rm -f "$out"
(cd "$work" && python3 -m zipfile -c "$out" Stegvis)
echo "$out"
