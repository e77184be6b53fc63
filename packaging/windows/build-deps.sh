#!/usr/bin/env bash
# Builds the third-party libraries of the Windows x64 build, cross-compiled with
# Debian's MinGW-w64, from Debian's own (bookworm) source packages:
#   packaging/windows/build-deps.sh CACHE_DIR
# Result: CACHE_DIR/prefix/{include,lib/*.a,lib/pkgconfig/*.pc}, all static, for
#   PKG_CONFIG_LIBDIR=CACHE_DIR/prefix/lib/pkgconfig pkg-config --static --cflags --libs NAME
# Downloads (.dsc, .orig) go to CACHE_DIR/sources, logs to CACHE_DIR/logs. A library
# is rebuilt only when its Debian source version, its recipe (its build_NAME function, the
# helpers every recipe uses, the compiler flags, the toolchain file) or a library it needs
# changes; an edit to another library's recipe or to a comment rebuilds nothing else. STEGVIS_JOBS sets the make jobs. Two libraries are built at a time, each
# once what it needs is there (see `graph` below); `build-deps.sh --one NAME CACHE_DIR`
# builds one of them, for that schedule. `build-deps.sh --fetch CACHE_DIR` only installs the
# packages and downloads the sources, so that the build after it asks nothing of apt.
set -euo pipefail

one="" fetch_only=""
if [ "${1:-}" = --one ] && [ $# -eq 3 ]; then
  one="$2"
  shift 2
elif [ "${1:-}" = --fetch ] && [ $# -eq 2 ]; then
  fetch_only=1
  shift
fi
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
mkdir -p "$cache/sources" "$cache/logs" "$cache/stamps" "$cache/work" \
  "$prefix/include" "$prefix/lib/pkgconfig"
# One build at a time in a cache (CI may share one between runs); --one runs under the lock of
# the build that started it.
if [ -z "$one" ]; then
  exec 9>"$cache/lock"
  flock 9
fi

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

src_pkgs=(sqlite3 glfw3 freetype libxlsxwriter libzip libxml2 imgui openssl postgresql-15 libffi pcre2
  glib2.0 pixman libpng1.6 expat fontconfig fribidi harfbuzz cairo pango1.0)
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
# `fetch` downloads; it writes "LISTED USED" to sources/PKG.used, and once that is there for
# the version apt lists, nothing more is asked of apt for PKG.
fetch() {
  local pkg="$1" listed="$ver" v
  if [ "$(cut -d' ' -f1 "$cache/sources/$pkg.used" 2>/dev/null)" = "$listed" ]; then
    ver="$(cut -d' ' -f2 "$cache/sources/$pkg.used")"
    return 0
  fi
  exec 8>"$cache/sources/lock"  # one download at a time (two builds run at once)
  flock 8
  if ! (cd "$cache/sources" && apt-get source --download-only "$pkg=$ver"); then
    for v in $(apt-cache showsrc "$pkg" | sed -n 's/^Version: //p' | sort -u | sort -r -V); do
      [ "$v" = "$ver" ] && continue
      say "$pkg $ver does not download; trying $v"
      if (cd "$cache/sources" && apt-get source --download-only "$pkg=$v"); then ver="$v"; break; fi
    done
  fi
  exec 8>&-
  echo "$listed $ver" >"$cache/sources/$pkg.used"
}

unpack() {
  local pkg="$1" v
  fetch "$pkg"
  srcdir="$cache/work/$pkg-src"
  rm -rf "$srcdir" "$cache/work/$pkg-build" "$cache/work/$pkg-stage"
  local v="${ver#*:}" orig
  local dsc="$cache/sources/${pkg}_$v.dsc"
  if dpkg-source --no-copy -x "$dsc" "$srcdir"; then
    echo "$ver" >"$cache/logs/$pkg.version"
    return 0
  fi
  # Every version's Debian changes missing, but the original source there (pixman: the mirror
  # lacks its .diff.gz): that is built, and the version file says so.
  orig="$(ls "$cache/sources/${pkg}_${v%-*}".orig.tar.* 2>/dev/null | grep -v '\.asc$' | head -n 1)"
  [ -f "$dsc" ] && [ -n "$orig" ] || { say "no version of $pkg downloads"; exit 1; }
  say "$pkg $ver: Debian's changes do not download; building its original source $(basename "$orig")"
  rm -rf "$srcdir"
  mkdir -p "$srcdir"
  tar -xf "$orig" -C "$srcdir" --strip-components=1
  echo "${v%-*} (original source only)" >"$cache/logs/$pkg.version"
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

# ---- cairo and pango (PDF, PNG, SVG), and what they need ----

# A meson cross file for MinGW-w64 that finds packages only in the prefix.
meson_cross() {
  local f="$cache/work/$pkg-mingw-w64.meson"  # one per build: two run at once
  cat >"$f" <<EOT
[binaries]
c = '$triple-gcc-posix'
cpp = '$triple-g++-posix'
ar = '$triple-ar'
strip = '$triple-strip'
windres = '$triple-windres'
pkgconfig = 'pkg-config'

[properties]
pkg_config_libdir = '$prefix/lib/pkgconfig'

[host_machine]
system = 'windows'
cpu_family = 'x86_64'
cpu = 'x86_64'
endian = 'little'
EOT
  echo "$f"
}

# .pc files of a staged install, moved to the prefix with their private parts made public
# (see write_pc): Libs.private joins Libs, Requires.private joins Requires.
publish_pc() {
  local stage="$1" f
  for f in "$stage"/lib/pkgconfig/*.pc; do
    awk -v stage="$stage" -v prefix="$prefix" '
      { gsub(stage, prefix) }
      /^Libs\.private:/ { lp = lp " " substr($0, 15); next }
      /^Requires\.private:/ { rp = rp (rp == "" ? "" : ", ") substr($0, 19); next }
      { lines[++n] = $0 }
      END {
        for (i = 1; i <= n; i++) {
          l = lines[i]
          if (l ~ /^Libs:/) l = l lp
          if (l ~ /^Requires:/ && rp != "") { l = l (l ~ /^Requires: *$/ ? "" : ", ") rp; rq = 1 }
          print l
        }
        if (!rq && rp != "") print "Requires: " rp
      }' "$f" >"$prefix/lib/pkgconfig/$(basename "$f")"
  done
}

# Headers, archives and .pc files of a staged install into the prefix (with the include
# folders some libraries keep under lib/, such as glib's glibconfig.h).
publish() {
  local stage="$1" d
  cp -a "$stage/include/." "$prefix/include/"
  cp -a "$stage"/lib/*.a "$prefix/lib/"
  for d in "$stage"/lib/*/include; do
    [ -d "$d" ] || continue
    mkdir -p "$prefix/lib/$(basename "$(dirname "$d")")"
    cp -a "$d" "$prefix/lib/$(basename "$(dirname "$d")")/"
  done
  publish_pc "$stage"
}

# Configures one meson project, static, with nothing downloaded (no wrap fallbacks).
meson_setup() {
  PKG_CONFIG_LIBDIR="$prefix/lib/pkgconfig" PKG_CONFIG_PATH= \
  meson setup "$cache/work/$pkg-build" "$srcdir" --cross-file "$(meson_cross)" \
    --prefix "$cache/work/$pkg-stage" --libdir lib --buildtype release --optimization 2 \
    -Db_ndebug=true -Ddefault_library=static --wrap-mode nodownload "$@"
}

# Configure, build and install one meson project through the staging folder. With $targets,
# only those are built (and what they need), and only the files a program is compiled and
# linked with are installed (meson's "devel" tag): no tools, tests or fuzzers.
meson_build() {
  meson_setup "$@"
  if [ -n "${targets:-}" ]; then
    ninja -C "$cache/work/$pkg-build" -j "$jobs" $targets
    meson install -C "$cache/work/$pkg-build" --no-rebuild --tags devel
  else
    ninja -C "$cache/work/$pkg-build" -j "$jobs"
    meson install -C "$cache/work/$pkg-build" --no-rebuild
  fi
  publish "$cache/work/$pkg-stage"
}

# Debian patches some configure.ac and Makefile.am files and regenerates the build files
# (autoreconf, which would mean autotools here too). Where its patches change nothing a static
# Windows library needs, the generated files the source ships are kept: marked newer than the
# patched inputs, so make does not try to regenerate them.
keep_generated() {
  local now
  now="$(date +%s)"
  find "$1" \( -name configure -o -name aclocal.m4 -o -name Makefile.in -o -name config.h.in \) \
    -exec touch -d "@$now" {} +
}

# Configure (autotools), build and install, static, through the staging folder.
autotools_build() {
  local stage="$cache/work/$pkg-stage" build="$cache/work/$pkg-build"
  mkdir -p "$build"
  cd "$build"
  PKG_CONFIG_LIBDIR="$prefix/lib/pkgconfig" PKG_CONFIG_PATH= \
  "$srcdir/configure" --host="$triple" --prefix="$stage" --libdir="$stage/lib" \
    --enable-static --disable-shared CC="$cc" CXX="$triple-g++-posix" CFLAGS="$cflags" \
    CPPFLAGS="-I$prefix/include" LDFLAGS="-L$prefix/lib" "$@"
  make -j "$jobs"
  make install
  publish "$stage"
}

build_libffi() {
  unpack libffi
  autotools_build --disable-docs --disable-multi-os-directory
}

build_pcre2() {
  unpack pcre2
  # glib's regular expressions: 8-bit only, no JIT.
  cmake_build -DPCRE2_BUILD_PCRE2_8=ON -DPCRE2_BUILD_PCRE2_16=OFF -DPCRE2_BUILD_PCRE2_32=OFF \
    -DPCRE2_SUPPORT_JIT=OFF -DPCRE2_BUILD_PCRE2GREP=OFF -DPCRE2_BUILD_TESTS=OFF \
    -DPCRE2_SUPPORT_LIBBZ2=OFF -DPCRE2_SUPPORT_LIBZ=OFF -DPCRE2_SUPPORT_LIBEDIT=OFF \
    -DPCRE2_SUPPORT_LIBREADLINE=OFF
  write_pc libpcre2-8 "${ver%%-*}" "" "-lpcre2-8" "-I\${includedir} -DPCRE2_STATIC"
}

# glib calls gettext's functions (libintl) on Windows. It is built without translations
# (-Dnls=disabled) and no message catalogs go with Stegvis, so each of them can only give back
# the text it is given, which is what GNU libintl does when it finds no catalog. This small
# libintl does exactly that, in place of gettext's (whose configure script alone takes two
# minutes of a build from nothing).
build_libintl() {
  local obj="$cache/work/libintl-build"
  mkdir -p "$obj"
  cd "$obj"
  cat >libintl.h <<'EOT'
/* The gettext functions for a program with no message catalogs (packaging/windows/build-deps.sh). */
#ifndef LIBINTL_H
#define LIBINTL_H
#include <locale.h>
/* Windows' C library has no message category; glib only asks for its locale (setlocale(LC_MESSAGES,
   NULL)), which is then the character-type one. */
#ifndef LC_MESSAGES
#define LC_MESSAGES LC_CTYPE
#endif
#ifdef __cplusplus
extern "C" {
#endif
/* As in GNU libintl.h: a format given through these is checked as the format it passes on. */
#define INTL_FORMAT(n) __attribute__((__format_arg__(n)))
char *gettext(const char *msgid) INTL_FORMAT(1);
char *dgettext(const char *domain, const char *msgid) INTL_FORMAT(2);
char *dcgettext(const char *domain, const char *msgid, int category) INTL_FORMAT(2);
char *ngettext(const char *msgid, const char *msgid_plural, unsigned long n) INTL_FORMAT(1) INTL_FORMAT(2);
char *dngettext(const char *domain, const char *msgid, const char *msgid_plural, unsigned long n)
  INTL_FORMAT(2) INTL_FORMAT(3);
char *dcngettext(const char *domain, const char *msgid, const char *msgid_plural, unsigned long n, int category)
  INTL_FORMAT(2) INTL_FORMAT(3);
char *textdomain(const char *domain);
char *bindtextdomain(const char *domain, const char *dirname);
char *bind_textdomain_codeset(const char *domain, const char *codeset);
#ifdef __cplusplus
}
#endif
#endif
EOT
  cat >intl.c <<'EOT'
#include "libintl.h"
/* No catalog: the text asked for, in the singular or the plural form (English's rule, as GNU
   libintl without a catalog). The domain, folder and code set are remembered and given back. */
static const char *domain_now = "messages";
static const char *folder_now = 0;
static const char *codeset_now = 0;
char *gettext(const char *msgid) { return (char *)msgid; }
char *dgettext(const char *d, const char *msgid) { (void)d; return (char *)msgid; }
char *dcgettext(const char *d, const char *msgid, int c) { (void)d; (void)c; return (char *)msgid; }
char *ngettext(const char *one, const char *many, unsigned long n) { return (char *)(n == 1 ? one : many); }
char *dngettext(const char *d, const char *one, const char *many, unsigned long n) { (void)d; return ngettext(one, many, n); }
char *dcngettext(const char *d, const char *one, const char *many, unsigned long n, int c) { (void)d; (void)c; return ngettext(one, many, n); }
char *textdomain(const char *d) { if (d && *d) domain_now = d; return (char *)domain_now; }
char *bindtextdomain(const char *d, const char *dir) { (void)d; if (dir) folder_now = dir; return (char *)folder_now; }
char *bind_textdomain_codeset(const char *d, const char *cs) { (void)d; if (cs) codeset_now = cs; return (char *)codeset_now; }
EOT
  "$cc" $cflags -Wall -Wextra -Werror -c intl.c -o intl.o
  rm -f libintl.a
  "$triple-ar" rcs libintl.a intl.o
  cp libintl.a "$prefix/lib/"
  cp libintl.h "$prefix/include/"
}

build_glib() {
  unpack glib2.0
  # The five libraries, not glib's tools and fuzzers (linking those is half of the build).
  local targets="glib/libglib-2.0.a gobject/libgobject-2.0.a gio/libgio-2.0.a gmodule/libgmodule-2.0.a
    gthread/libgthread-2.0.a"
  # libintl has no .pc file: meson finds it as -lintl, so it is told where to look.
  meson_build -Dc_args="-I$prefix/include" -Dc_link_args="-L$prefix/lib" \
    -Dcpp_args="-I$prefix/include" -Dcpp_link_args="-L$prefix/lib" -Dtests=false -Dinstalled_tests=false -Dnls=disabled -Dman=false -Dgtk_doc=false \
    -Dselinux=disabled -Dxattr=false -Dlibmount=disabled -Ddtrace=false -Dsystemtap=false \
    -Dsysprof=disabled -Dlibelf=disabled -Dglib_debug=disabled
}

build_pixman() {
  unpack pixman
  meson_build -Dtests=disabled -Dgtk=disabled -Dlibpng=disabled -Dopenmp=disabled -Dtimers=false \
    -Dgnuplot=false
}

build_libpng() {
  unpack libpng1.6
  cmake_build -DPNG_SHARED=OFF -DPNG_STATIC=ON -DPNG_TESTS=OFF -DPNG_EXECUTABLES=OFF \
    -DPNG_BUILD_ZLIB=OFF -DSKIP_INSTALL_PROGRAMS=ON -DSKIP_INSTALL_EXECUTABLES=ON
  write_pc libpng16 "${ver%%-*}" "zlib" "-lpng16" "-I\${includedir}/libpng16"
  write_pc libpng "${ver%%-*}" "libpng16" "" ""
}

build_expat() {
  unpack expat
  srcdir="$srcdir/expat"  # Debian's source is the upstream repository
  # Without DTD support: Debian's security patches test XML_DTD == 1, which its autotools build
  # defines and CMake's leaves empty; fontconfig reads no DTDs.
  cmake_build -DEXPAT_DTD=OFF -DEXPAT_SHARED_LIBS=OFF -DEXPAT_BUILD_TOOLS=OFF -DEXPAT_BUILD_EXAMPLES=OFF \
    -DEXPAT_BUILD_TESTS=OFF -DEXPAT_BUILD_DOCS=OFF -DEXPAT_BUILD_FUZZERS=OFF
  write_pc expat "${ver%%-*}" "" "-lexpat" "-I\${includedir} -DXML_STATIC"
}

build_fontconfig() {
  unpack fontconfig
  # Stegvis gives fontconfig its fonts and settings itself (src/print/Cairo.cpp): no
  # configuration files, caches or tools are installed for it.
  meson_build -Ddoc=disabled -Dnls=disabled -Dtests=disabled -Dtools=disabled \
    -Dcache-build=disabled
}

build_fribidi() {
  unpack fribidi
  meson_build -Ddocs=false
}

build_harfbuzz() {
  unpack harfbuzz
  local build="$cache/work/harfbuzz-build"
  # Its sources compiled a hundred at a time (as its own harfbuzz.cc does): much less parsing.
  meson_setup -Dunity=on -Dunity_size=100 -Dglib=enabled -Dgobject=disabled -Dcairo=disabled -Dchafa=disabled -Dicu=disabled \
    -Dfreetype=enabled -Dtests=disabled -Dintrospection=disabled -Ddocs=disabled \
    -Dbenchmark=disabled
  # Only the library pango shapes with: not the subsetter or the tools, which this harfbuzz
  # cannot leave out and which take longer to build than it.
  ninja -C "$build" -j "$jobs" src/libharfbuzz.a
  mkdir -p "$prefix/include/harfbuzz"
  cp "$srcdir"/src/hb*.h "$prefix/include/harfbuzz/"
  cp "$build"/src/hb*.h "$prefix/include/harfbuzz/"  # generated: hb-version.h, hb-features.h
  cp "$build/src/libharfbuzz.a" "$prefix/lib/"
  write_pc harfbuzz "${ver%%+*}" "glib-2.0 freetype2" "-lharfbuzz" "-I\${includedir}/harfbuzz"
}

build_cairo() {
  unpack cairo
  # Debian's build-file patches: maintainer mode, symbol exports, the perf tools.
  keep_generated "$srcdir"
  local stage="$cache/work/cairo-stage"
  mkdir -p "$cache/work/cairo-build"
  cd "$cache/work/cairo-build"
  # The surfaces Stegvis draws on (image, PNG, PDF, SVG) with FreeType fonts found through
  # fontconfig, as on Linux; no Windows surfaces or fonts. CAIRO_WIN32_STATIC_BUILD: no DllMain.
  PKG_CONFIG_LIBDIR="$prefix/lib/pkgconfig" PKG_CONFIG_PATH= \
  "$srcdir/configure" --host="$triple" --prefix="$stage" --libdir="$stage/lib" \
    --enable-static --disable-shared --disable-dependency-tracking CC="$cc" \
    CFLAGS="$cflags -DCAIRO_WIN32_STATIC_BUILD" CPPFLAGS="-I$prefix/include" LDFLAGS="-L$prefix/lib" \
    --enable-ft --enable-fc --enable-png --enable-pdf --enable-svg --disable-ps --disable-script \
    --disable-xlib --disable-xlib-xrender --disable-xcb --disable-win32 --disable-win32-font \
    --disable-gobject --disable-trace --disable-interpreter --disable-symbol-lookup \
    --disable-full-testing --disable-test-surfaces --disable-tee --disable-xml --disable-valgrind \
    --disable-gtk-doc --disable-gl --disable-glesv2 --disable-glesv3 --disable-egl --disable-glx \
    --disable-wgl --disable-drm --disable-qt --disable-quartz --disable-directfb --disable-vg \
    --disable-cogl
  # The library only: not the tests, perf tools or utilities.
  make -C src -j "$jobs"
  make -C src install
  publish "$stage"
  # cairo compiles itself with _FORTIFY_SOURCE=2, whose checked functions MinGW keeps in libssp.
  sed -i 's/^Libs: .*/& -lssp/' "$prefix/lib/pkgconfig/cairo.pc"
}

build_pango() {
  unpack pango1.0
  local targets="pango/libpango-1.0.a pango/libpangoft2-1.0.a pango/libpangocairo-1.0.a
    pango/libpangowin32-1.0.a"
  meson_build -Dintrospection=disabled -Dgtk_doc=false -Dinstall-tests=false -Dfontconfig=enabled \
    -Dfreetype=enabled -Dcairo=enabled -Dlibthai=disabled -Dxft=disabled -Dsysprof=disabled
}

# What decides how NAME comes out, as a short hash: its recipe as bash holds it (so without
# comments), the helpers recipes share, the compiler and flags, the toolchain file, and the stamps
# of the libraries it needs (built first, so a new version of one rebuilds what uses it).
recipe_hash() {
  local name="$1" need
  {
    declare -f "build_$name" fetch unpack cmake_build write_pc meson_cross publish_pc publish \
      meson_setup meson_build keep_generated autotools_build
    echo "$cc $cflags $triple $sysroot"
    cat "$toolchain"
    for need in $(awk -v n="$name" '$1 == n { for (i = 3; i <= NF; i++) print $i }' <<<"$graph"); do
      echo "$need $(cat "$cache/stamps/$need" 2>/dev/null)"
    done
  } | sha256sum | cut -c1-16
}

# Runs build_NAME for source package PKG unless its stamp matches, with a summary line.
build() {
  local name="$1" pkg="$2" stamp rc start srcdir
  if [ "$pkg" = - ]; then
    ver=own  # written here (libintl): its recipe is its version
  else
    ver="$(sed -n "s/^${pkg}_//p" <<<"$dscs")"
    [ -n "$ver" ] || { say "$name: apt knows no source package $pkg"; exit 1; }
  fi
  stamp="$ver $(recipe_hash "$name")"
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

# What each library is built from and what it needs built first: NAME SOURCE-PACKAGE NEEDS...
# (zlib, from a binary package, is there before any). In the order they are started where two
# could be: the longest chains first.
graph="
openssl openssl
libffi libffi
pcre2 pcre2
libintl -
glib glib2.0 libffi pcre2 libintl
libpq postgresql-15 openssl
freetype freetype
harfbuzz harfbuzz glib freetype
expat expat
fontconfig fontconfig freetype expat
pixman pixman
libpng libpng1.6
cairo cairo pixman libpng fontconfig freetype
fribidi fribidi
pango pango1.0 glib fribidi harfbuzz cairo fontconfig freetype
sqlite3 sqlite3
glfw3 glfw3
imgui imgui glfw3 freetype
xlsxwriter libxlsxwriter
libzip libzip
libxml2 libxml2
"

if [ -n "$one" ]; then
  dscs="${STEGVIS_DEPS_DSCS:?--one is run by build-deps.sh CACHE_DIR}"
  build "$one" "$(awk -v n="$one" '$1 == n { print $2 }' <<<"$graph")"
  exit 0
fi

if [ -n "$fetch_only" ] || [ ! -f "$cache/sources/fetched" ]; then
  install_missing dpkg-dev gcc make tcl cmake pkg-config libstb-dev meson ninja-build gperf \
    gcc-mingw-w64-x86-64-posix g++-mingw-w64-x86-64-posix libz-mingw-w64-dev
  ensure_deb_src
else
  # After --fetch (.ci/run builds these in the background while apt installs other things):
  # what apt listed then, and nothing asked of apt now.
  dscs="$(cat "$cache/sources/fetched")"
  rm -f "$cache/sources/fetched"
fi
if [ -n "$fetch_only" ]; then
  while read -r name pkg _; do
    [ -n "$name" ] && [ "$pkg" != - ] || continue
    ver="$(sed -n "s/^${pkg}_//p" <<<"$dscs")"
    fetch "$pkg" >>"$cache/logs/fetch.log" 2>&1
  done <<<"$graph"
  echo "$dscs" >"$cache/sources/fetched"
  say "sources of $(grep -c . <<<"$dscs") packages in $cache/sources"
  exit 0
fi

# zlib is Debian's binary package libz-mingw-w64-dev. Its archive and headers are
# copied into the prefix because /usr/x86_64-w64-mingw32/lib also holds the import
# library libz.dll.a, which CMake's pkg_check_modules(IMPORTED_TARGET) prefers
# (Windows-GNU.cmake searches .dll.a first): that would make the program need zlib1.dll.
pkg=libz-mingw-w64-dev ver="$(dpkg-query -W -f='${Version}' libz-mingw-w64-dev)"
cp "$sysroot/lib/libz.a" "$prefix/lib/"
cp "$sysroot/include/zlib.h" "$sysroot/include/zconf.h" "$prefix/include/"
write_pc zlib "${ver%%+*}" "" "-lz" "-I\${includedir}"

# make schedules the builds: two at a time (much of a build is a configure script on one core),
# each after what it needs. A failure stops new ones; those running finish.
makefile="$cache/work/schedule.mk"
awk -v script="${BASH_SOURCE[0]}" -v cache="$cache" '
  NF { names = names " " $1; rules = rules $1 ":" substr($0, length($1 $2) + 2) "\n\t@bash \"" script "\" --one " $1 " \"" cache "\"\n" }
  END { printf ".PHONY: all%s\nall:%s\n%s", names, names, rules }' <<<"$graph" >"$makefile"
export STEGVIS_DEPS_DSCS="$dscs"
make -j 2 --no-print-directory -f "$makefile" all
