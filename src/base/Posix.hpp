// The POSIX file calls Stegvis uses (open, read, write, close, stat, unlink, access, opendir),
// which MinGW's C library also has, with what Windows lacks made harmless. Included instead of
// <fcntl.h>, <unistd.h>, <sys/stat.h> and <dirent.h> everywhere outside the platform module.
#pragma once
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#ifdef _WIN32
#include <io.h>
// Every open() in Stegvis passes O_CLOEXEC; on Windows it also asks for binary mode, so no
// "\n" becomes "\r\n" and no byte 26 ends a read.
#define O_CLOEXEC (_O_NOINHERIT | _O_BINARY)
#define O_NOFOLLOW 0  // no symbolic links to refuse through open()
#define O_NONBLOCK 0  // no FIFOs to be held up by
#define O_DIRECTORY 0
#define lstat stat
#include <cerrno>
#ifndef EDQUOT
#define EDQUOT 122  // no disk quotas by errno on Windows; ErrnoOfSystemError never gives it
#endif
#endif
