// Everything Stegvis reads from or writes to the file system outside SQLite goes through here,
// so the rules hold everywhere at once:
// - an output never names an input (the project, a roll-up's unit, a backup being imported);
// - a file that "must not exist" is created without a window for a race (no check-then-rename);
// - a finished file appears whole, with its final mode from the start, and survives a power cut
//   (written to a private temporary file, fsynced, renamed, the folder fsynced);
// - a read takes only a regular file and only up to a size limit (no FIFO, no /dev/zero).
#pragma once
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "base/Platform.hpp"

namespace stegvis {

// Raised when a file that must not exist does (with IfExists::Refuse); the message names it.
class FileExistsError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// The identity of what `path` names now (following links); nothing when it does not exist.
std::optional<FileIdentity> IdentifyFile(const std::string& path);

// The network or synchronised file system `path` is on (for a file not made yet, its folder's),
// as a short name ("NFS", "SMB/CIFS", "FUSE" ...), or "" for a local disk. Programs on two
// machines share no memory there, and SQLite's WAL log needs exactly that (its -shm file).
std::string NetworkFilesystem(const std::string& path);
// For tests: paths starting with `prefix` count as being on file system `name`; "" ends it.
void PretendNetworkFilesystem(const std::string& prefix, const std::string& name);

// Throws std::runtime_error when `output` is the same file as one of `inputs` or as one of
// their SQLite side files (-wal, -shm, -journal), through links too, so writing the output
// cannot destroy what it was made from. Inputs that do not exist are ignored.
void RefuseOutputOverInput(const std::string& output, const std::vector<std::string>& inputs);

enum class IfExists { Replace, Refuse };

// Writes `content` to `path` atomically and durably: a temporary file beside it, created
// O_EXCL|O_NOFOLLOW with `mode` (less the umask) from the start, fsynced, renamed into place,
// the folder fsynced. IfExists::Refuse fails with FileExistsError if `path` exists, with no race.
// Documents default to 0666 less the umask; a file holding the whole project (a backup) passes 0600.
void WriteFileAtomic(const std::string& path, const std::string& content, unsigned mode = 0666,
                     IfExists ifExists = IfExists::Replace);

// Moves the finished file `from` to `to` (same folder or file system) and fsyncs the folder.
// IfExists::Refuse fails with FileExistsError, atomically, if `to` exists (renameat2
// RENAME_NOREPLACE, or link()+unlink() where the file system lacks it; MoveFileExW on Windows). `from` is left in place
// when the move fails.
void MoveIntoPlace(const std::string& from, const std::string& to, IfExists ifExists);

// fsync of a file's contents, and of the folder holding `path` (so a rename in it is durable).
void SyncFile(const std::string& path);
void SyncFolderOf(const std::string& path);

// A private folder (mode 0700) beside `path`, for building a file under a name nobody can
// guess or pre-empt with a link; it and everything left in it go when the object does.
class PrivateTempDir {
public:
    explicit PrivateTempDir(const std::string& besidePath);
    ~PrivateTempDir();
    PrivateTempDir(const PrivateTempDir&) = delete;
    PrivateTempDir& operator=(const PrivateTempDir&) = delete;
    const std::string& Path() const { return m_path; }
    std::string File(const std::string& name) const { return m_path + "/" + name; }

private:
    std::string m_path;
};

// `message` with every mention of a private working file replaced by the file the user named.
std::string MentionAs(std::string message, const std::string& privatePath, const std::string& publicPath);

// The regular files in `folder` (links followed) whose names end in one of `endings` (e.g.
// ".json"), as `folder` + separator + name, sorted. Throws std::runtime_error with the system's reason
// when `folder` cannot be read as a folder.
std::vector<std::string> FilesInFolder(const std::string& folder, const std::vector<std::string>& endings);
bool IsFolder(const std::string& path);
// Removes `folder` and everything in it (links themselves, never what they point to).
void RemoveFolderTree(const std::string& folder);

// The folder part of a path ("." for a bare name).
std::string FolderOf(const std::string& path);

// Reads a regular file of at most `maxBytes`. A FIFO, a device, a folder, or a larger file is
// refused with a DataError naming the path and the reason, without blocking or reading it whole.
constexpr uint64_t kDefaultReadLimit = 64ull << 20;
std::string ReadFile(const std::string& path, uint64_t maxBytes = kDefaultReadLimit);

}  // namespace stegvis
