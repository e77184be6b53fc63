// Automatic backups: a copy of a project file each time it is opened, kept in the user's data
// folder (newest `keep` per project), so a bad edit, a bad import or a damaged file can be
// taken back. A backup is a complete project file of its own.
//
//   <backupRoot>/<file stem>/<stem>-YYYYMMDD-HHMMSS.stegvis     (folder 0700, files 0600)
//
// A second backup in the same second gets "-2", "-3" ... before ".stegvis". When the project
// has not changed since the newest backup, that backup is reused instead of a copy being made.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "base/Progress.hpp"

namespace stegvis {

constexpr int kAutoBackupKeep = 10;

struct AutoBackupInfo {
    std::string path;
    std::string takenAt;  // YYYY-MM-DD HH:MM:SS, local time, from the file name
    int64_t sizeBytes = 0;
    // Read from the backup itself:
    std::string projectName;
    std::string organisation;
    int64_t historyEntries = 0;  // the number of changes recorded in the backup
    std::string lastChangeAt;    // the newest of them, empty when none
    std::string problem;         // why the backup cannot be read; empty when it can
};

// What the window shows after trying to back up a project it is opening.
struct AutoBackupResult {
    std::string path;     // the backup made (or the unchanged newest one reused); empty on failure
    std::string warning;  // Swedish, naming the folder and the reason; empty on success
    bool cancelled = false;  // stopped by Avbryt: no backup made, nothing half-made left
};

// DataDir()/backups.
std::string AutoBackupRoot();
// backupRoot/<stem of the project file>, where that project's backups are.
std::string AutoBackupFolder(const std::string& projectPath, const std::string& backupRoot);

// Copies the project (a consistent snapshot through SQLite's online backup API; the project
// may be open for editing elsewhere) into its backup folder, keeps the newest `keep` backups and
// returns the new backup's path. Throws (DataError or OpenError, naming the file) when the copy
// cannot be made; nothing half-made is left behind. With `progress` the copy is made a few
// pages at a time and counted in pages; Avbryt throws Cancelled, leaving no file behind.
std::string MakeAutoBackup(const std::string& projectPath, const std::string& backupRoot = AutoBackupRoot(),
                           int keep = kAutoBackupKeep, TaskProgress* progress = nullptr);
// MakeAutoBackup for the window, to call before Store::Open: never throws, so a read-only or
// full backup folder never stops a project from opening. Show `warning` when it is not empty.
AutoBackupResult TryAutoBackup(const std::string& projectPath, const std::string& backupRoot = AutoBackupRoot(),
                               int keep = kAutoBackupKeep, TaskProgress* progress = nullptr) noexcept;

// The project's backups, newest first. A backup that cannot be read is listed with `problem`.
std::vector<AutoBackupInfo> ListAutoBackups(const std::string& projectPath,
                                            const std::string& backupRoot = AutoBackupRoot());

// Puts the contents of `backupPath` back into the project file. First the current file is
// backed up (so the restore itself can be undone; a damaged file is kept byte for byte), then
// its contents are replaced in one transaction. A window that has the project open sees this as
// an external change (Store::ChangedSinceLastCheck). Returns the backup of the file as it was
// (empty when there was no file). Throws, leaving the project as it was, when the backup is
// damaged or not a Stegvis project, or the current file cannot be backed up first.
// With `progress`: counted in pages (the copy of the file as it is, then the replacement), and
// all or nothing. Avbryt is honoured (Cancelled thrown, the project exactly as it was; the copy
// of it, if already whole, kept as a backup) until the replacement is committed; from that step
// on it is refused (progress.cancellable turns false) and the restore runs to its end.
std::string RestoreAutoBackup(const std::string& backupPath, const std::string& projectPath,
                              const std::string& backupRoot = AutoBackupRoot(), TaskProgress* progress = nullptr);

}  // namespace stegvis
