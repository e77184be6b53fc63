// What differs between Linux and Windows, in one place: where the user's files live, file
// identity, durable and no-replace renames, network drives, times, the desktop (file manager,
// clipboard). PlatformPosix.cpp and PlatformWindows.cpp implement it; everything else in
// Stegvis is shared and calls these instead of the system.
//
// Paths are UTF-8 strings on both. On Windows the program declares UTF-8 as its code page
// (packaging/windows/stegvis.manifest), so the C library's narrow calls (fopen, open, stat) and
// SQLite take them as they are; "/" and "\" both separate folders there.
#pragma once
#include <cstdint>
#include <ctime>
#include <optional>
#include <string>

#include "base/Posix.hpp"

namespace stegvis {

// A file's identity: the same (device, inode) is the same file, whatever the path or link. On
// Windows: the volume's serial number and the file's index on it.
struct FileIdentity {
    uint64_t device = 0;
    uint64_t inode = 0;
    bool operator==(const FileIdentity& o) const { return device == o.device && inode == o.inode; }
    bool operator!=(const FileIdentity& o) const { return !(*this == o); }
};

namespace platform {

#ifdef _WIN32
constexpr const char* kSeparators = "/\\";
constexpr const char* kSeparator = "\\";  // what a path shown to the user is joined with
#else
constexpr const char* kSeparators = "/";
constexpr const char* kSeparator = "/";
#endif
inline bool IsSeparator(char c) {
    for (const char* s = kSeparators; *s; ++s)
        if (c == *s) return true;
    return false;
}
// Whether `path` starts at a root ("/x", "C:\x", "\\server\share") rather than the current folder.
bool IsAbsolute(const std::string& path);

// Whether a file SQLite has open stays at its path. On Windows it does: SQLite opens a database
// without FILE_SHARE_DELETE, so no program can rename, replace or delete it meanwhile, and asking
// for its identity on every edit (which opens it again) is not needed. On Linux any program can.
#ifdef _WIN32
constexpr bool kOpenDatabasesStayPut = true;
#else
constexpr bool kOpenDatabasesStayPut = false;
#endif

// The identity of what `path` names now (following links); nothing when it does not exist.
std::optional<FileIdentity> Identify(const std::string& path);
// The network or synchronised file system `path` (or, when missing, its folder) is on: "NFS",
// "SMB/CIFS", "FUSE", ... on Linux, "SMB" for a network drive or \\server\share on Windows;
// "" for a local disk.
std::string NetworkFilesystemOf(const std::string& path);

// The errno for an error code the system gave SQLite (sqlite3_system_errno): errno itself on
// Linux, a Windows error code (ERROR_DISK_FULL ...) on Windows.
int ErrnoOfSystemError(int code);

// Renames `from` to `to`, durably where the system can (write-through on Windows). With
// `replace` false an existing `to` is never replaced, atomically (returns EEXIST). 0 or errno.
int Rename(const std::string& from, const std::string& to, bool replace);
// fsync of an open descriptor, and of a folder (so a rename in it survives a power cut; Windows
// has no such call and needs none after a write-through rename).
int SyncDescriptor(int fd);
void SyncFolder(const std::string& folder);
// A new folder; 0 or errno (EEXIST when it is there).
int MakeDir(const std::string& path, unsigned mode);
// Permission bits where the system has them (on Windows a user's own folders are private by
// their access list, and this does nothing).
void SetMode(const std::string& path, unsigned mode);
// A new private folder named `prefix` + six random characters; "" with errno set on failure.
std::string MakeTempDir(const std::string& prefix);
// The system's folder for temporary files (/tmp, %TEMP%), without a trailing separator.
std::string TempFolder();
// The absolute path with links resolved, or "" when it does not exist.
std::string CanonicalPath(const std::string& path);

// Broken-down local and UTC time, and UTC back to time_t (timegm).
std::tm LocalTime(std::time_t t);
std::tm UtcTime(std::time_t t);
std::time_t UtcSeconds(std::tm tm);

// The login name of the user running the program ("" when unknown).
std::string LoginName();
// The running program's own file.
std::string ExecutablePath();
// Where per-user program data lives: $XDG_DATA_HOME or ~/.local/share; %APPDATA% on Windows.
std::string UserDataRoot();
// The user's documents folder (xdg-user-dir DOCUMENTS, ~/Documents; the Documents known folder
// on Windows), else the home folder.
std::string UserDocumentsFolder();

// Shows `folder` in the desktop's file manager without waiting for it.
void OpenFolderInDesktop(const std::string& folder);
// Puts a PNG image on the desktop's clipboard (xclip or wl-copy on Linux; the "PNG" clipboard
// format on Windows). Throws std::runtime_error with the reason; `toolMissing` gets the name of a
// missing helper program and its package, when that is the reason (Linux only).
void CopyPngToClipboard(const std::string& png, std::string* toolMissing);

// When the window starts and the console it was given is its own (a double-click in Explorer
// made one for it), that console goes; one a user typed the command in stays. Nothing on Linux.
void LeaveOwnConsole();

// Once at start: no signal for a file grown past a size limit (the write fails with EFBIG and is
// reported instead), binary file I/O on Windows, UTF-8 on its console.
void PrepareProcess();

}  // namespace platform
}  // namespace stegvis
