#include "store/AutoBackup.hpp"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <optional>

#include "base/Files.hpp"
#include "base/Paths.hpp"
#include "base/Platform.hpp"
#include "store/Store.hpp"
#include "base/Text.hpp"

namespace stegvis {

namespace {

constexpr const char* kExtension = ".stegvis";
constexpr const char* kPartial = ".partial";
constexpr int kStalePartialSeconds = 600;  // a temporary copy this old was left by a crash

std::string Reason(int err) {
    return std::strerror(err);
}

std::string BaseName(const std::string& path) {
    auto pos = path.find_last_of(platform::kSeparators);
    return pos == std::string::npos ? path : path.substr(pos + 1);
}

std::string Stem(const std::string& projectPath) {
    std::string base = BaseName(projectPath);
    auto dot = base.find_last_of('.');
    if (dot != std::string::npos && dot > 0) base.resize(dot);
    return base.empty() || base[0] == '.' ? "projekt" : base;
}

bool IsDir(const std::string& path) {
    struct stat sb;
    return ::stat(path.c_str(), &sb) == 0 && S_ISDIR(sb.st_mode);
}

bool AllDigits(const std::string& s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// <stem>-YYYYMMDD-HHMMSS[-N].stegvis
struct BackupName {
    std::string stamp;  // YYYYMMDD-HHMMSS
    int sequence = 1;
};

std::optional<BackupName> ParseName(const std::string& file, const std::string& stem) {
    const std::string ext = kExtension;
    if (file.size() <= stem.size() + 1 + ext.size() || file.compare(0, stem.size() + 1, stem + "-") != 0 ||
        file.compare(file.size() - ext.size(), ext.size(), ext) != 0)
        return std::nullopt;
    std::string rest = file.substr(stem.size() + 1, file.size() - stem.size() - 1 - ext.size());
    if (rest.size() < 15 || !AllDigits(rest.substr(0, 8)) || rest[8] != '-' || !AllDigits(rest.substr(9, 6)))
        return std::nullopt;
    BackupName n;
    n.stamp = rest.substr(0, 15);
    if (rest.size() == 15) return n;
    if (rest[15] != '-' || !AllDigits(rest.substr(16)) || rest.size() > 16 + 6) return std::nullopt;
    n.sequence = std::atoi(rest.c_str() + 16);
    return n;
}

std::string StampNow() {
    std::time_t t = std::time(nullptr);
    const std::tm tm = platform::LocalTime(t);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y%m%d-%H%M%S", &tm);
    return buf;
}

std::string Readable(const std::string& stamp) {
    return stamp.substr(0, 4) + "-" + stamp.substr(4, 2) + "-" + stamp.substr(6, 2) + " " + stamp.substr(9, 2) + ":" +
           stamp.substr(11, 2) + ":" + stamp.substr(13, 2);
}

struct Entry {
    std::string path;
    BackupName name;
};

// The project's backups in `folder`, newest first.
std::vector<Entry> Entries(const std::string& folder, const std::string& stem) {
    std::vector<Entry> out;
    DIR* dir = ::opendir(folder.c_str());
    if (!dir) return out;
    while (const dirent* e = ::readdir(dir)) {
        std::string file = e->d_name;
        if (auto n = ParseName(file, stem)) out.push_back({folder + platform::kSeparator + file, *n});
    }
    ::closedir(dir);
    std::sort(out.begin(), out.end(), [](const Entry& a, const Entry& b) {
        if (a.name.stamp != b.name.stamp) return a.name.stamp > b.name.stamp;
        return a.name.sequence > b.name.sequence;
    });
    return out;
}

void RemoveWithSidecars(const std::string& path) {
    for (const char* suffix : {"", "-journal", "-wal", "-shm"}) ::unlink((path + suffix).c_str());
}

void EnsureFolder(const std::string& root, const std::string& folder) {
    if (!IsDir(root)) {
        if (PathExists(root)) throw DataError(root, 0, "", "", "är ingen mapp, så säkerhetskopior kan inte sparas där");
        if (!MakeDirs(root, 0700) || !IsDir(root))
            throw DataError(root, 0, "", "", "mappen för säkerhetskopior kunde inte skapas: " + Reason(errno));
        platform::SetMode(root, 0700);
    }
    if (const int err = platform::MakeDir(folder, 0700); err != 0 && err != EEXIST)
        throw DataError(folder, 0, "", "", "mappen för säkerhetskopior kunde inte skapas: " + Reason(err));
    if (!IsDir(folder)) throw DataError(folder, 0, "", "", "är ingen mapp, så säkerhetskopior kan inte sparas där");
    platform::SetMode(folder, 0700);  // the copies hold everything in the project
    if (::access(folder.c_str(), W_OK) != 0)
        throw DataError(folder, 0, "", "", "mappen för säkerhetskopior går inte att skriva i: " + Reason(errno));
}

// An empty file, readable by its owner only, for a copy to be written into before it gets its name.
std::string NewTemporary(const std::string& folder, const std::string& stem) {
    static std::atomic<int> counter{0};  // backups may be made on the worker
    for (int i = 0; i < 1000; ++i) {
        std::string tmp =
            folder + platform::kSeparator + std::string(".") + stem + "-" + std::to_string(::getpid()) + "-" + std::to_string(++counter) + kPartial;
        int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (fd >= 0) {
            ::close(fd);
            return tmp;
        }
        if (errno != EEXIST) throw DataError(folder, 0, "", "", "säkerhetskopian kunde inte skrivas: " + Reason(errno));
    }
    throw DataError(folder, 0, "", "", "säkerhetskopian kunde inte skrivas: inget ledigt namn");
}

bool SameBytes(const std::string& a, const std::string& b) {
    struct stat sa, sb;
    if (::stat(a.c_str(), &sa) != 0 || ::stat(b.c_str(), &sb) != 0 || sa.st_size != sb.st_size) return false;
    int fa = ::open(a.c_str(), O_RDONLY | O_CLOEXEC);
    int fb = ::open(b.c_str(), O_RDONLY | O_CLOEXEC);
    bool same = fa >= 0 && fb >= 0;
    char ba[65536], bb[65536];
    while (same) {
        ssize_t na = ::read(fa, ba, sizeof ba);
        ssize_t nb = ::read(fb, bb, sizeof bb);
        if (na != nb || na < 0)
            same = false;
        else if (na == 0)
            break;
        else
            same = std::memcmp(ba, bb, static_cast<size_t>(na)) == 0;
    }
    if (fa >= 0) ::close(fa);
    if (fb >= 0) ::close(fb);
    return same;
}

// Gives the finished copy its name without ever replacing another backup: a second one in the
// same second becomes <stem>-<stamp>-2.stegvis, and so on, always after the newest of that
// second (older ones of the same second may have been pruned, freeing lower numbers).
std::string PlaceUnderFreeName(const std::string& tmp, const std::string& folder, const std::string& stem) {
    const std::string stamp = StampNow();
    int first = 1;
    for (const Entry& e : Entries(folder, stem))
        if (e.name.stamp == stamp) first = std::max(first, e.name.sequence + 1);
    for (int seq = first; seq < first + 10000; ++seq) {
        std::string name = folder + platform::kSeparator + stem + "-" + stamp + (seq > 1 ? "-" + std::to_string(seq) : "") + kExtension;
        int err = platform::Rename(tmp, name, false);  // fails with EEXIST instead of replacing
        if (err == 0) return name;
        if (err == EEXIST) continue;
        if (err == EPERM || err == EOPNOTSUPP || err == ENOSYS || err == EMLINK) {  // neither no-replace renames nor links here
            if (PathExists(name)) continue;
            err = platform::Rename(tmp, name, true);
            if (err == 0) return name;
        }
        throw DataError(name, 0, "", "", "säkerhetskopian kunde inte sparas: " + Reason(err));
    }
    throw DataError(folder, 0, "", "", "säkerhetskopian kunde inte sparas: inget ledigt namn");
}

// Keeps the newest `keep` backups (and `alwaysKeep`), and clears temporary copies left by a crash.
void Prune(const std::string& folder, const std::string& stem, int keep, const std::string& alwaysKeep) {
    auto entries = Entries(folder, stem);
    for (size_t i = static_cast<size_t>(std::max(keep, 1)); i < entries.size(); ++i)
        if (entries[i].path != alwaysKeep) ::unlink(entries[i].path.c_str());
    DIR* dir = ::opendir(folder.c_str());
    if (!dir) return;
    const std::string prefix = "." + stem + "-";
    std::vector<std::string> stale;
    while (const dirent* e = ::readdir(dir)) {
        std::string file = e->d_name;
        std::string partial = kPartial;
        if (!StartsWith(file, prefix) || file.size() < partial.size() ||
            file.compare(file.size() - partial.size(), partial.size(), partial) != 0)
            continue;
        struct stat sb;
        std::string path = folder + platform::kSeparator + file;
        if (::stat(path.c_str(), &sb) == 0 && std::time(nullptr) - sb.st_mtime > kStalePartialSeconds)
            stale.push_back(path);
    }
    ::closedir(dir);
    for (const auto& path : stale) RemoveWithSidecars(path);
}

// A consistent copy of the project in its backup folder; the newest backup when nothing changed since.
std::string CopyIntoFolder(const std::string& projectPath, const std::string& folder, const std::string& stem,
                           TaskProgress* progress) {
    if (progress) progress->ThrowIfCancelled();
    std::string tmp = NewTemporary(folder, stem);
    try {
        try {
            Store::SnapshotTo(projectPath, tmp, progress);
        } catch (const SqliteError& e) {
            int rc = e.Code() & 0xff;
            if (rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB)
                throw OpenError(OpenError::Kind::Corrupt, projectPath, "filen är skadad: " + std::string(e.what()));
            throw DataError(folder, 0, "", "", "säkerhetskopian kunde inte skrivas: " + DescribeStorageError(e));
        }
        platform::SetMode(tmp, 0600);
        // The online backup copies pages as they are: a damaged project would give a damaged
        // copy, which must not push a good backup out of the newest N.
        std::string check = Store::CheckIntegrity(tmp);
        if (check != "ok")
            throw OpenError(
                OpenError::Kind::Corrupt, projectPath,
                "filen är skadad (" + check.substr(0, check.find('\n')) + "); ingen säkerhetskopia gjordes");
        if (progress) progress->ThrowIfCancelled();  // the last moment before the copy gets a name
        auto entries = Entries(folder, stem);
        if (!entries.empty() && SameBytes(tmp, entries.front().path)) {
            RemoveWithSidecars(tmp);
            return entries.front().path;
        }
        return PlaceUnderFreeName(tmp, folder, stem);
    } catch (...) {
        RemoveWithSidecars(tmp);
        throw;
    }
}

void CopyBytes(const std::string& from, const std::string& to) {
    int in = ::open(from.c_str(), O_RDONLY | O_CLOEXEC);
    if (in < 0) throw DataError(from, 0, "", "", "kan inte läsas: " + Reason(errno));
    int out = ::open(to.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (out < 0) {
        int err = errno;
        ::close(in);
        throw DataError(to, 0, "", "", "kunde inte skrivas: " + Reason(err));
    }
    char buf[65536];
    int err = 0;
    for (;;) {
        ssize_t n = ::read(in, buf, sizeof buf);
        if (n < 0) err = errno;
        if (n <= 0) break;
        for (ssize_t done = 0; done < n && err == 0;) {
            ssize_t w = ::write(out, buf + done, static_cast<size_t>(n - done));
            if (w < 0)
                err = errno;
            else
                done += w;
        }
        if (err) break;
    }
    if (err == 0) err = platform::SyncDescriptor(out);
    ::close(in);
    if (::close(out) != 0 && err == 0) err = errno;
    if (err) {
        ::unlink(to.c_str());
        throw DataError(to, 0, "", "", "kunde inte skrivas: " + Reason(err));
    }
}

// A file SQLite cannot read (damaged) is kept as it is, byte for byte, with its -wal beside it.
std::string RawCopyIntoFolder(const std::string& projectPath, const std::string& folder, const std::string& stem) {
    std::string tmp = NewTemporary(folder, stem);
    std::string placed;
    try {
        CopyBytes(projectPath, tmp);
        placed = PlaceUnderFreeName(tmp, folder, stem);
        if (PathExists(projectPath + "-wal")) CopyBytes(projectPath + "-wal", placed + "-wal");
        return placed;
    } catch (...) {
        RemoveWithSidecars(tmp);
        if (!placed.empty()) RemoveWithSidecars(placed);
        throw;
    }
}

// For a project file SQLite cannot open: a fresh copy of the backup takes its place. Its old
// -wal and -shm go first, since they would otherwise be replayed into the restored file.
void ReplaceByRename(const std::string& backupPath, const std::string& projectPath, TaskProgress* progress) {
    const std::string tmp = projectPath + ".restoring";
    RemoveWithSidecars(tmp);
    try {
        int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (fd < 0) throw DataError(projectPath, 0, "", "", "kunde inte återställas: " + Reason(errno));
        ::close(fd);
        try {
            Store::SnapshotTo(backupPath, tmp, progress);
        } catch (const SqliteError& e) {
            throw DataError(projectPath, 0, "", "", "kunde inte återställas: " + DescribeStorageError(e));
        }
        if (progress) progress->PointOfNoReturn();
        for (const char* suffix : {"-wal", "-shm", "-journal"}) ::unlink((projectPath + suffix).c_str());
        if (const int err = platform::Rename(tmp, projectPath, true))
            throw DataError(projectPath, 0, "", "", "kunde inte återställas: " + Reason(err));
    } catch (...) {
        RemoveWithSidecars(tmp);
        throw;
    }
}

std::string RealPath(const std::string& path) {
    std::string real = platform::CanonicalPath(path);
    return real.empty() ? path : real;
}

}  // namespace

std::string AutoBackupRoot() {
    return DataDir() + platform::kSeparator + std::string("backups");
}

std::string AutoBackupFolder(const std::string& projectPath, const std::string& backupRoot) {
    return backupRoot + platform::kSeparator + Stem(projectPath);
}

std::string MakeAutoBackup(const std::string& projectPath, const std::string& backupRoot, int keep,
                           TaskProgress* progress) {
    const std::string folder = AutoBackupFolder(projectPath, backupRoot), stem = Stem(projectPath);
    EnsureFolder(backupRoot, folder);
    std::string path = CopyIntoFolder(projectPath, folder, stem, progress);
    Prune(folder, stem, keep, path);
    return path;
}

AutoBackupResult TryAutoBackup(const std::string& projectPath, const std::string& backupRoot, int keep,
                               TaskProgress* progress) noexcept {
    AutoBackupResult r;
    try {
        r.path = MakeAutoBackup(projectPath, backupRoot, keep, progress);
    } catch (const Cancelled&) {
        r.cancelled = true;
        r.warning = "Säkerhetskopieringen avbröts; ingen säkerhetskopia gjordes.";
    } catch (const std::exception& e) {
        r.warning = std::string("Ingen automatisk säkerhetskopia gjordes: ") + e.what();
    } catch (...) {
        r.warning = "Ingen automatisk säkerhetskopia gjordes.";
    }
    return r;
}

std::vector<AutoBackupInfo> ListAutoBackups(const std::string& projectPath, const std::string& backupRoot) {
    std::vector<AutoBackupInfo> out;
    for (const Entry& e : Entries(AutoBackupFolder(projectPath, backupRoot), Stem(projectPath))) {
        AutoBackupInfo info;
        info.path = e.path;
        info.takenAt = Readable(e.name.stamp);
        struct stat sb;
        if (::stat(e.path.c_str(), &sb) == 0) info.sizeBytes = static_cast<int64_t>(sb.st_size);
        try {
            FileSummary s = Store::Summarize(e.path);
            info.projectName = s.name;
            info.organisation = s.organisation;
            info.historyEntries = s.historyEntries;
            info.lastChangeAt = s.lastChangeAt;
        } catch (const std::exception& ex) {
            info.problem = ex.what();
        }
        out.push_back(std::move(info));
    }
    return out;
}

std::string RestoreAutoBackup(const std::string& backupPath, const std::string& projectPath,
                              const std::string& backupRoot, TaskProgress* progress) {
    if (progress) progress->ThrowIfCancelled();
    // The backup first: a damaged or foreign file is refused before anything is touched.
    std::string check = Store::CheckIntegrity(backupPath);
    if (check != "ok")
        throw DataError(backupPath, 0, "", "",
                        "säkerhetskopian är skadad och återställs inte: " + check.substr(0, check.find('\n')));
    FileSummary summary = Store::Summarize(backupPath);
    if (summary.schema > Store::kSchemaVersion)
        throw OpenError(OpenError::Kind::TooNew, backupPath, "säkerhetskopian är gjord av en nyare version av Stegvis");
    if (PathExists(projectPath) && RealPath(backupPath) == RealPath(projectPath))
        throw DataError(backupPath, 0, "", "", "är projektfilen själv; välj en säkerhetskopia");

    const std::string folder = AutoBackupFolder(projectPath, backupRoot), stem = Stem(projectPath);
    std::string before;
    const bool exists = PathExists(projectPath);
    // Counted in pages: the copy of the file as it is, then the backup's pages into it.
    if (progress)
        progress->total = static_cast<size_t>((exists ? Store::PageCount(projectPath) : 0) + Store::PageCount(backupPath));
    if (exists) {
        EnsureFolder(backupRoot, folder);
        try {
            before = CopyIntoFolder(projectPath, folder, stem, progress);
        } catch (const OpenError& e) {
            // Another program's database is never overwritten; a damaged project is kept as it is.
            if (e.GetKind() != OpenError::Kind::Corrupt && e.GetKind() != OpenError::Kind::NotSqlite) throw;
            if (progress) progress->ThrowIfCancelled();
            before = RawCopyIntoFolder(projectPath, folder, stem);
        }
    }
    if (progress) progress->ThrowIfCancelled();
    bool replaced = false;
    if (exists) {
        try {
            Store::ReplaceContents(projectPath, backupPath, progress);
            replaced = true;
        } catch (const OpenError& e) {
            if (e.GetKind() != OpenError::Kind::Corrupt) throw;
        }
    }
    if (!replaced) ReplaceByRename(backupPath, projectPath, progress);
    if (progress) progress->PointOfNoReturn();  // replaced: the checks below run to their end

    const std::string undo = before.empty() ? "" : " Filen som den var före återställningen finns i " + before + ".";
    check = Store::CheckIntegrity(projectPath);
    if (check != "ok")
        throw DataError(projectPath, 0, "", "",
                        "återställningen kunde inte kontrolleras: " + check.substr(0, check.find('\n')) + "." + undo);
    try {
        Store::Open(projectPath);  // the same checks as any open; brings an older backup's schema up to date
    } catch (const std::exception& e) {
        throw DataError(projectPath, 0, "", "",
                        std::string("återställningen kunde inte öppnas: ") + e.what() + "." + undo);
    }
    if (exists) Prune(folder, stem, kAutoBackupKeep, before);
    return before;
}

}  // namespace stegvis
