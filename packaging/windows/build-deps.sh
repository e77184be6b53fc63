#!/usr/bin/env bash
# Builds the third-party libraries of the Windows x64 build, cross-compiled with
# Debian's MinGW-w64, from Debian's own (bookworm) source packages:
#   packaging/windows/build-deps.sh CACHE_DIR
# Result: CACHE_DIR/prefix/{include,lib/*.a,lib/pkgconfig/*.pc}, all static, for
#   PKG_CONFIG_LIBDIR=CACHE_DIR/prefix/lib/pkgconfig pkg-config --static --cflags --libs NAME
# Downloads (.dsc, .orig) go to CACHE_DIR/sources, logs to CACHE_DIR/logs. A library
# is rebuilt only when its Debian source version or this script (or the toolchain
# file) changes. STEGVIS_JOBS sets the make jobs.
set -euo pipefail

if [ $# -ne 1 ]; then
  echo "usage: $0 CACHE_DIR" >&2
  exit 2
fi
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
mkdir -p "$1"
cache="$(cd "$1" && pwd)"
jobs="${STEGVIS_JOBS:-$(nproc 2>/dev/null || echo 2)}"
toolchain="$here/mingw-w64.cmake"
prefix="$cache/prefix"
triple=x86_64-w64-mingw32
sysroot="/usr/$triple"
cc="$triple-gcc-posix"
cflags="-O2"
script_hash="$(cat "${BASH_SOURCE[0]}" "$toolchain" | sha256sum | cut -c1-16)"
mkdir -p "$cache/sources" "$cache/logs" "$cache/stamps" "$cache/work" \
  "$prefix/include" "$prefix/lib/pkgconfig"
# One build at a time in a cache (CI may share one between runs).
exec 9>"$cache/lock"
flock 9

say() { printf 'deps: %s\n' "$*" >&2; }

# apt-get and /etc/apt need root: sudo when we are not, as ./stegvis does.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    say "needs root and there is no sudo; ask an administrator to run: $*"
    exit 1
  fi
}

# Same as install_missing in ./stegvis: apt-get only for what is not there yet.
install_missing() {
  local missing=() p log
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "installing missing packages: ${missing[*]}"
  log="$(mktemp -t stegvis-apt.XXXXXX)"
  if ! { as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
         as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
    tail -n 20 "$log" >&2
    say "installing failed (full log: $log). Run as root: apt-get install -y ${missing[*]}"
    exit 1
  fi
  rm -f "$log"
}

src_pkgs=(sqlite3 glfw3 freetype libxlsxwriter libzip libxml2 imgui openssl postgresql-15)
# PKG_VERSION of the .dsc files `apt-get source` would fetch now, one per line; one
# apt call for all, since each takes a second.
dsc_list() {
  apt-get source --download-only --print-uris "${src_pkgs[@]}" 2>/dev/null |
    sed -n "s/^'[^']*' \([^ ]*\)\.dsc .*/\1/p"
}

# A fresh machine often has only deb lines: add deb-src twins of the Debian ones.
ensure_deb_src() {
  dscs="$(dsc_list || true)"  # no deb-src lines yet: apt fails, and that is the case handled here
  [ -n "$dscs" ] && return 0
  local from=/etc/apt/sources.list.d/debian.sources to=/etc/apt/sources.list.d/stegvis-src.sources
  if [ ! -f "$from" ]; then
    say "apt knows no source packages and $from is missing: add deb-src lines for bookworm by hand"
    exit 1
  fi
  say "adding Debian source package lists ($to)"
  sed 's/^Types: deb$/Types: deb-src/' "$from" | as_root tee "$to" >/dev/null
  as_root apt-get update -qq
  dscs="$(dsc_list || true)"
  [ -n "$dscs" ] || { say "apt still finds no source packages for: ${src_pkgs[*]}"; exit 1; }
}

# Unpacks Debian's source package (with its patches applied) into $srcdir. A mirror can list a
# security update whose files it no longer serves: then the newest other version apt lists for
# the package that does download is used, and $ver says which.
unpack() {
  local pkg="$1" v
  exec 8>"$cache/sources/lock"  # one download at a time (the builds run in two lanes)
  flock 8
  if ! (cd "$cache/sources" && apt-get source --download-only "$pkg=$ver"); then
    for v in $(apt-cache showsrc "$pkg" | sed -n 's/^Version: //p' | sort -u | sort -r -V); do
      [ "$v" = "$ver" ] && continue
      say "$pkg $ver does not download; trying $v"
      if (cd "$cache/sources" && apt-get source --download-only "$pkg=$v"); then ver="$v"; break; fi
    done
    [ -f "$cache/sources/${pkg}_${ver#*:}.dsc" ] || { say "no version of $pkg downloads"; exit 1; }
  fi
  exec 8>&-
  echo "$ver" >"$cache/logs/$pkg.version"
  srcdir="$cache/work/$pkg-src"
  rm -rf "$srcdir" "$cache/work/$pkg-build" "$cache/work/$pkg-stage"
  dpkg-source --no-copy -x "$cache/sources/${pkg}_${ver#*:}.dsc" "$srcdir"
}

# Configure, build and install one CMake project into a staging folder.
cmake_build() {
  local stage="$cache/work/$pkg-stage"
  cmake -S "$srcdir" -B "$cache/work/$pkg-build" -DCMAKE_TOOLCHAIN_FILE="$toolchain" \
    -DSTEGVIS_DEPS_PREFIX="$prefix" -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_C_FLAGS_RELEASE="$cflags -DNDEBUG" -DCMAKE_CXX_FLAGS_RELEASE="$cflags -DNDEBUG" \
    -DCMAKE_INSTALL_PREFIX="$stage" -DCMAKE_INSTALL_LIBDIR=lib -DBUILD_SHARED_LIBS=OFF \
    -DZLIB_INCLUDE_DIR="$sysroot/include" -DZLIB_LIBRARY="$sysroot/lib/libz.a" "$@"
  cmake --build "$cache/work/$pkg-build" -j "$jobs"
  cmake --install "$cache/work/$pkg-build"
  # Only headers and archives go to the prefix: no CMake configs, docs or programs.
  cp -a "$stage/include/." "$prefix/include/"
  cp -a "$stage"/lib/*.a "$prefix/lib/"
}

# write_pc NAME VERSION REQUIRES LIBS CFLAGS. Everything a static link needs is in
# the public Libs/Requires, so plain `--libs` (CMake's IMPORTED_TARGET) works too.
write_pc() {
  cat >"$prefix/lib/pkgconfig/$1.pc" <<EOF
prefix=$prefix
libdir=\${prefix}/lib
includedir=\${prefix}/include

Name: $1
Description: $1 (static, Windows x64, from Debian $pkg $ver)
Version: $2
Requires: $3
Libs: -L\${libdir} $4
Cflags: $5
EOF
}

build_sqlite3() {
  unpack sqlite3
  # The amalgamation is generated with native tools (lemon, tclsh), then cross-compiled.
  mkdir -p "$cache/work/sqlite3-build"
  cd "$cache/work/sqlite3-build"
  "$srcdir/configure" --disable-tcl
  make sqlite3.c
  # Debian's options from debian/rules, so the Windows program sees the same SQLite.
  "$cc" $cflags -fno-strict-aliasing -DSQLITE_SECURE_DELETE -DSQLITE_ENABLE_COLUMN_METADATA \
    -DSQLITE_ENABLE_FTS3 -DSQLITE_ENABLE_FTS3_PARENTHESIS -DSQLITE_ENABLE_RTREE=1 \
    -DSQLITE_SOUNDEX=1 -DSQLITE_ENABLE_UNLOCK_NOTIFY -DSQLITE_OMIT_LOOKASIDE=1 \
    -DSQLITE_ENABLE_DBSTAT_VTAB -DSQLITE_ALLOW_ROWID_IN_VIEW -DSQLITE_ENABLE_UPDATE_DELETE_LIMIT=1 \
    -DSQLITE_ENABLE_LOAD_EXTENSION -DSQLITE_ENABLE_JSON1 -DSQLITE_LIKE_DOESNT_MATCH_BLOBS \
    -DSQLITE_THREADSAFE=1 -DSQLITE_ENABLE_FTS3_TOKENIZER=1 -DSQLITE_USE_URI=1 \
    -DSQLITE_MAX_SCHEMA_RETRY=25 -DSQLITE_ENABLE_PREUPDATE_HOOK -DSQLITE_ENABLE_SESSION \
    -DSQLITE_ENABLE_STMTVTAB -DSQLITE_MAX_VARIABLE_NUMBER=250000 \
    -c sqlite3.c -o sqlite3.o
  rm -f libsqlite3.a
  "$triple-ar" rcs libsqlite3.a sqlite3.o
  cp libsqlite3.a "$prefix/lib/"
  cp sqlite3.h "$srcdir/src/sqlite3ext.h" "$prefix/include/"
  write_pc sqlite3 "${ver%%-*}" "" "-lsqlite3" "-I\${includedir}"
}

build_glfw3() {
  unpack glfw3
  cmake_build -DGLFW_BUILD_EXAMPLES=OFF -DGLFW_BUILD_TESTS=OFF -DGLFW_BUILD_DOCS=OFF
  write_pc glfw3 "${ver%%-*}" "" "-lglfw3 -lgdi32" "-I\${includedir}"
}

build_freetype() {
  unpack freetype
  # Debian leaves out bzip2 and harfbuzz; png and brotli would mean more libraries.
  cmake_build -DFT_DISABLE_BZIP2=ON -DFT_DISABLE_PNG=ON -DFT_DISABLE_HARFBUZZ=ON \
    -DFT_DISABLE_BROTLI=ON -DFT_REQUIRE_ZLIB=ON
  local v
  v="$(sed -n 's/^Version: //p' "$cache/work/freetype-stage/lib/pkgconfig/freetype2.pc")"
  write_pc freetype2 "$v" "zlib" "-lfreetype" "-I\${includedir}/freetype2"
}

build_xlsxwriter() {
  unpack libxlsxwriter
  # Debian links the system minizip and OpenSSL's MD5; here the copies it ships.
  cmake_build -DBUILD_TESTS=OFF -DBUILD_EXAMPLES=OFF -DUSE_SYSTEM_MINIZIP=OFF -DUSE_OPENSSL_MD5=OFF
  # Its MD5 has OpenSSL's names, and OpenSSL is linked too (libpq's TLS): named apart.
  local f
  for f in MD5_Init MD5_Update MD5_Final; do echo "$f lxw_$f"; done >"$cache/work/libxlsxwriter-build/md5.syms"
  "$triple-objcopy" --redefine-syms="$cache/work/libxlsxwriter-build/md5.syms" "$prefix/lib/libxlsxwriter.a"
  write_pc xlsxwriter "${ver%%-*}" "zlib" "-lxlsxwriter" "-I\${includedir}"
}

build_libzip() {
  unpack libzip
  cmake_build -DENABLE_COMMONCRYPTO=OFF -DENABLE_GNUTLS=OFF -DENABLE_MBEDTLS=OFF \
    -DENABLE_OPENSSL=OFF -DENABLE_WINDOWS_CRYPTO=OFF -DENABLE_BZIP2=OFF -DENABLE_LZMA=OFF \
    -DBUILD_TOOLS=OFF -DBUILD_REGRESS=OFF -DBUILD_EXAMPLES=OFF -DBUILD_DOC=OFF
  # zipconf.h already says `#define ZIP_STATIC`; the same empty value avoids a redefinition warning.
  write_pc libzip "${ver%%-*}" "zlib" "-lzip -ladvapi32" "-I\${includedir} -DZIP_STATIC="
}

build_libxml2() {
  unpack libxml2
  # LIBXML_STATIC for the library itself too: no dllexport, no DllMain in the archive.
  cmake_build -DCMAKE_C_FLAGS=-DLIBXML_STATIC -DLIBXML2_WITH_PYTHON=OFF \
    -DLIBXML2_WITH_ICONV=OFF -DLIBXML2_WITH_ICU=OFF -DLIBXML2_WITH_LZMA=OFF \
    -DLIBXML2_WITH_ZLIB=OFF -DLIBXML2_WITH_PROGRAMS=OFF -DLIBXML2_WITH_TESTS=OFF
  local v="${ver%%-*}"
  write_pc libxml-2.0 "${v%%+*}" "" "-lxml2 -lws2_32" "-I\${includedir}/libxml2 -DLIBXML_STATIC"
}

build_openssl() {
  unpack openssl
  local stage="$cache/work/openssl-stage"
  mkdir -p "$cache/work/openssl-build"
  cd "$cache/work/openssl-build"
  # What libpq's TLS needs: no shared library, engines, modules or tests, and none of the
  # old or national ciphers a PostgreSQL server never offers.
  perl "$srcdir/Configure" mingw64 --cross-compile-prefix="$triple-" CC=gcc-posix $cflags \
    --prefix="$stage" --libdir=lib no-shared no-tests no-legacy no-engine no-module no-dso no-comp \
    no-ssl3 no-weak-ssl-ciphers no-srp no-srtp no-ct no-ts no-cms no-ocsp no-idea no-seed no-camellia \
    no-aria no-bf no-cast no-rc2 no-rc4 no-rc5 no-md4 no-mdc2 no-whirlpool no-sm2 no-sm3 no-sm4 \
    no-gost no-siphash no-ui-console no-sctp
  make -j "$jobs" build_libs
  make install_dev
  cp -a "$stage/include/openssl" "$prefix/include/"
  cp -a "$stage/lib/libssl.a" "$stage/lib/libcrypto.a" "$prefix/lib/"
  local v="${ver%%-*}"
  write_pc libcrypto "$v" "" "-lcrypto -lws2_32 -lcrypt32 -lbcrypt -luser32 -ladvapi32" "-I\${includedir}"
  write_pc libssl "$v" "libcrypto" "-lssl" "-I\${includedir}"
  write_pc openssl "$v" "libssl libcrypto" "" ""
}

# libpq only, from PostgreSQL's own source package, over OpenSSL (a remote server is always
# reached with TLS). PostgreSQL's Windows makefiles make a DLL; its objects go in an archive here.
build_libpq() {
  unpack postgresql-15
  local obj="$cache/work/postgresql-15-build" lib objs
  mkdir -p "$obj"
  cd "$obj"
  "$srcdir/configure" --host="$triple" CC="$cc" CFLAGS="$cflags" CPPFLAGS="-I$prefix/include" \
    LDFLAGS="-L$prefix/lib" LIBS="-lcrypt32 -lbcrypt" --with-ssl=openssl --without-readline \
    --without-zlib --without-icu --without-ldap --without-gssapi --without-llvm
  make -C src/backend generated-headers
  make -C src/port -j "$jobs" libpgport_shlib.a
  make -C src/common -j "$jobs" libpgcommon_shlib.a
  lib="$obj/src/interfaces/libpq"
  objs="$(make -s -C "$lib" -f Makefile -f - print-objs <<<'print-objs: ; @echo $(OBJS)')"
  objs="${objs/win32ver.o/}"  # the DLL's version resource
  make -C "$lib" -j "$jobs" $objs
  rm -f "$obj/libpq.a"
  (cd "$lib" && "$triple-ar" rcs "$obj/libpq.a" $objs)
  # libpq brings its own minimal pthread functions for Windows, with its own types; named apart
  # here so they never meet the C++ runtime's winpthreads in one program.
  local syms="$obj/pthread.syms" f
  for f in pthread_self pthread_setspecific pthread_getspecific pthread_mutex_init pthread_mutex_lock \
           pthread_mutex_unlock; do echo "$f libpq_$f"; done >"$syms"
  "$triple-objcopy" --redefine-syms="$syms" "$obj/libpq.a"
  cp "$obj/libpq.a" "$obj/src/port/libpgport_shlib.a" "$obj/src/common/libpgcommon_shlib.a" "$prefix/lib/"
  cp "$srcdir/src/interfaces/libpq/libpq-fe.h" "$srcdir/src/interfaces/libpq/libpq-events.h" \
    "$srcdir/src/include/postgres_ext.h" "$obj/src/include/pg_config_ext.h" "$prefix/include/"
  write_pc libpq "${ver%%-*}" "libssl libcrypto" "-lpq -lpgcommon_shlib -lpgport_shlib -lsecur32 -lws2_32 -lshell32" \
    "-I\${includedir}"
}

build_imgui() {
  unpack imgui
  local obj="$cache/work/imgui-build" f o
  mkdir -p "$obj"
  # stb is header-only in Debian (libstb-dev); its two implementations that imgui
  # needs go into the archive itself, so no libstb is needed on Windows.
  mkdir -p "$prefix/include/stb"
  cp /usr/include/stb/stb_rect_pack.h /usr/include/stb/stb_truetype.h "$prefix/include/stb/"
  printf '%s\n' '#define STB_RECT_PACK_IMPLEMENTATION' '#define STB_TRUETYPE_IMPLEMENTATION' \
    '#include <stb/stb_rect_pack.h>' '#include <stb/stb_truetype.h>' >"$obj/imgui_stb.cpp"
  # Debian's Makefile (debian/patches/0001-add-Makefile.patch): these defines and
  # sources; of the backends only the two Stegvis uses.
  local srcs=("$srcdir"/*.cpp "$srcdir"/misc/cpp/*.cpp "$srcdir"/misc/freetype/*.cpp
    "$srcdir/backends/imgui_impl_glfw.cpp" "$srcdir/backends/imgui_impl_opengl3.cpp" "$obj/imgui_stb.cpp")
  local pids=() p
  for f in "${srcs[@]}"; do
    o="$obj/$(basename "${f%.cpp}").o"
    echo "$triple-g++-posix $cflags -c $f" >&2
    "$triple-g++-posix" $cflags -I"$srcdir" -I"$prefix/include" -I"$prefix/include/freetype2" \
      -DIMGUI_DISABLE_STB_RECT_PACK_IMPLEMENTATION -DIMGUI_STB_RECT_PACK_FILENAME="<stb/stb_rect_pack.h>" \
      -DIMGUI_DISABLE_STB_TRUETYPE_IMPLEMENTATION -DIMGUI_STB_TRUETYPE_FILENAME="<stb/stb_truetype.h>" \
      -c "$f" -o "$o" &
    pids+=($!)
    # At most $jobs compilers at once; a failure stops the build here or below.
    while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do wait -n; done
  done
  for p in "${pids[@]}"; do wait "$p"; done
  rm -f "$obj/libimgui.a"
  "$triple-ar" rcs "$obj/libimgui.a" "$obj"/*.o
  cp "$obj/libimgui.a" "$prefix/lib/"
  # Debian's header layout: include/imgui/{*.h,backends/*.h}, Cflags -I.../imgui.
  rm -rf "$prefix/include/imgui"
  mkdir -p "$prefix/include/imgui/backends"
  cp "$srcdir"/*.h "$srcdir"/misc/cpp/*.h "$srcdir"/misc/freetype/*.h "$prefix/include/imgui/"
  cp "$srcdir"/backends/*.h "$prefix/include/imgui/backends/"
  write_pc imgui "${ver%%+*}" "glfw3 freetype2" "-limgui -lopengl32" "-I\${includedir}/imgui"
  # Debian's imgui.pc requires stb and Stegvis asks for both: header-only here.
  write_pc stb 0.0 "" "" "-I\${includedir}/stb"
}

# Runs build_NAME for source package PKG unless its stamp matches, with a summary line.
build() {
  local name="$1" pkg="$2" stamp rc start srcdir
  ver="$(sed -n "s/^${pkg}_//p" <<<"$dscs")"
  [ -n "$ver" ] || { say "$name: apt knows no source package $pkg"; exit 1; }
  stamp="$ver $script_hash"
  if [ "$(cat "$cache/stamps/$name" 2>/dev/null)" = "$stamp" ]; then
    say "$name $(cat "$cache/logs/$pkg.version" 2>/dev/null || echo "$ver") cached"
    return 0
  fi
  rm -f "$cache/stamps/$name"
  start=$SECONDS
  # set -e is ignored inside `if`/`||`, so the status is taken by hand.
  set +e
  ( set -e; "build_$name" ) >"$cache/logs/$name.log" 2>&1
  rc=$?
  set -e
  if [ $rc -ne 0 ]; then
    say "$name $ver FAILED (exit $rc); last lines of $cache/logs/$name.log:"
    tail -n 25 "$cache/logs/$name.log" >&2
    exit 1
  fi
  echo "$stamp" >"$cache/stamps/$name"
  rm -rf "$cache/work/$pkg"-*   # hundreds of MB; a failed build's are kept to look at
  say "$name $(cat "$cache/logs/$pkg.version" 2>/dev/null || echo "$ver") built in $((SECONDS - start)) s"
}

install_missing dpkg-dev gcc make tcl cmake pkg-config libstb-dev \
  gcc-mingw-w64-x86-64-posix g++-mingw-w64-x86-64-posix libz-mingw-w64-dev
ensure_deb_src

# zlib is Debian's binary package libz-mingw-w64-dev. Its archive and headers are
# copied into the prefix because /usr/x86_64-w64-mingw32/lib also holds the import
# library libz.dll.a, which CMake's pkg_check_modules(IMPORTED_TARGET) prefers
# (Windows-GNU.cmake searches .dll.a first): that would make the program need zlib1.dll.
pkg=libz-mingw-w64-dev ver="$(dpkg-query -W -f='${Version}' libz-mingw-w64-dev)"
cp "$sysroot/lib/libz.a" "$prefix/lib/"
cp "$sysroot/include/zlib.h" "$sysroot/include/zconf.h" "$prefix/include/"
write_pc zlib "${ver%%+*}" "" "-lz" "-I\${includedir}"

# Two lanes at once, each in its order: libpq needs OpenSSL; imgui compiles against the glfw
# and freetype headers. Much of a build is a configure script on one core, so two lanes keep
# both cores busy (from nothing: about 9 minutes instead of 11).
( build openssl openssl
  build libpq postgresql-15 ) &
tls=$!
( build sqlite3 sqlite3
  build glfw3 glfw3
  build freetype freetype
  build xlsxwriter libxlsxwriter
  build libzip libzip
  build libxml2 libxml2
  build imgui imgui ) &
rest=$!
status=0
wait "$tls" || status=1
wait "$rest" || status=1
exit "$status"
