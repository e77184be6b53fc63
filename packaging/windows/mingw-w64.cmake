# CMake toolchain file: Windows x64 with Debian's MinGW-w64 (the -posix variant,
# so std::thread and friends work), cross-compiling on Debian.
#
#   cmake -DCMAKE_TOOLCHAIN_FILE=packaging/windows/mingw-w64.cmake \
#         -DSTEGVIS_DEPS_PREFIX=$PWD/build-win/deps/prefix ...
#
# STEGVIS_DEPS_PREFIX (or the environment variable of that name) is the prefix
# packaging/windows/build-deps.sh fills; it is searched after the MinGW sysroot,
# and pkg-config is pointed at its .pc files only, so nothing from the Linux host
# (/usr/lib/x86_64-linux-gnu/pkgconfig) can leak into the Windows build.

set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)

set(_triple x86_64-w64-mingw32)
set(CMAKE_C_COMPILER   ${_triple}-gcc-posix)
set(CMAKE_CXX_COMPILER ${_triple}-g++-posix)
set(CMAKE_RC_COMPILER  ${_triple}-windres)
# The unsuffixed names are the same binutils for both thread models.
set(CMAKE_AR     ${_triple}-ar     CACHE FILEPATH "")
set(CMAKE_RANLIB ${_triple}-ranlib CACHE FILEPATH "")

# try_compile() re-reads this file in a fresh project: hand the prefix on.
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES STEGVIS_DEPS_PREFIX)
if(NOT STEGVIS_DEPS_PREFIX AND DEFINED ENV{STEGVIS_DEPS_PREFIX})
  set(STEGVIS_DEPS_PREFIX "$ENV{STEGVIS_DEPS_PREFIX}")
endif()

set(CMAKE_FIND_ROOT_PATH /usr/${_triple})
if(STEGVIS_DEPS_PREFIX)
  list(APPEND CMAKE_FIND_ROOT_PATH "${STEGVIS_DEPS_PREFIX}")
  set(ENV{PKG_CONFIG_LIBDIR} "${STEGVIS_DEPS_PREFIX}/lib/pkgconfig")
  set(ENV{PKG_CONFIG_PATH} "")
  set(ENV{PKG_CONFIG_SYSROOT_DIR} "")
endif()

# Programs (code generators and the like) come from the build machine;
# headers, libraries and packages only from the Windows roots above.
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

# No CMAKE_FIND_LIBRARY_SUFFIXES here: Platform/Windows-GNU.cmake, read after this
# file, resets it to prefer import libraries (.dll.a). That is why build-deps.sh puts
# a copy of libz.a in the prefix instead of pointing at the sysroot's libz.dll.a.

# Lets ctest run the .exe files through Wine when it is installed (Debian's wine64
# package puts the loader in /usr/lib/wine; the `wine` package adds /usr/bin/wine64).
find_program(STEGVIS_WINE64 NAMES wine64 wine HINTS /usr/lib/wine)
if(STEGVIS_WINE64)
  set(CMAKE_CROSSCOMPILING_EMULATOR ${STEGVIS_WINE64})
endif()
