#include "store/Store.hpp"

#include "base/Platform.hpp"
#include "base/Posix.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <optional>
#include <set>


#include "domain/Records.hpp"
#include "base/Text.hpp"
#include "store/StoreInternal.hpp"
#include "store/Verify.hpp"

namespace stegvis {
using storeimpl::PragmaInt;

OpenError::OpenError(Kind kind, const std::string& path, const std::string& why)
    : std::runtime_error(path + ": " + why), m_kind(kind) {}


namespace {

// How long a write waits for another window or program that is writing to the same file.
// Their transactions take milliseconds; the margin covers slow disks (fsync on a network share).
constexpr int kBusyTimeoutMs = 10000;
// Opening gives up sooner: a file another program keeps locked is reported, not waited for.
constexpr int kOpenBusyTimeoutMs = 3000;

bool FileExists(const std::string& path) {
    struct stat sb;
    return ::stat(path.c_str(), &sb) == 0;
}

std::string DirOf(const std::string& path) { return FolderOf(path); }

bool IsBusy(const SqliteError& e) { return (e.Code() & 0xff) == SQLITE_BUSY || (e.Code() & 0xff) == SQLITE_LOCKED; }

// file: URI that opens `path` as immutable (no locks, no -shm, no -wal read).
std::string ImmutableUri(const std::string& path) {
    static const char kHex[] = "0123456789ABCDEF";
    std::string uri = "file:";
    for (unsigned char c : path) {
        if (c == '%' || c == '?' || c == '#' || c < 0x20 || c >= 0x7f) {
            uri += '%';
            uri += kHex[c >> 4];
            uri += kHex[c & 15];
        } else {
            uri += static_cast<char>(c);
        }
    }
    return uri + "?immutable=1";
}

// The header and application id checks that come before anything else, on a read-only
// connection: a file we are going to refuse is never written to.
Db OpenInspect(const std::string& path) {
    using K = OpenError::Kind;
    struct stat sb;
    if (::stat(path.c_str(), &sb) != 0) throw OpenError(K::NotFound, path, "filen finns inte");
    if (!S_ISREG(sb.st_mode)) throw OpenError(K::NotSqlite, path, "är ingen vanlig fil");
    if (sb.st_size == 0) throw OpenError(K::NotSqlite, path, "filen är tom (0 byte) och är inget Stegvis-projekt");
    {
        std::ifstream in(path, std::ios::binary);
        char header[16] = {};
        if (!in.read(header, sizeof header))
            throw OpenError(K::NotSqlite, path, "filen är för kort för att vara ett Stegvis-projekt");
        if (std::memcmp(header, "SQLite format 3\0", 16) != 0)
            throw OpenError(K::NotSqlite, path, "inget Stegvis-projekt (inte en SQLite-databas)");
    }
    auto connect = [&](bool immutable) {
        Db ro = immutable ? Db(ImmutableUri(path), SQLITE_OPEN_READONLY | SQLITE_OPEN_URI) : Db(path, SQLITE_OPEN_READONLY);
        HardenConnection(ro);
        sqlite3_busy_timeout(ro.Handle(), kOpenBusyTimeoutMs);
        if (PragmaInt(ro, "PRAGMA application_id") != Store::kApplicationId)
            throw OpenError(K::Foreign, path, "en SQLite-databas från ett annat program, inte ett Stegvis-projekt");
        return ro;
    };
    // Edits still in the log (a window has the file open, or closed uncleanly), or a write cut
    // off half-way (a rollback journal, on a network share), mean the file itself is not the
    // project: then it is not read as it stands, whatever the disk.
    struct stat walStat, journalStat;
    const bool inUse = (::stat((path + "-wal").c_str(), &walStat) == 0 && walStat.st_size > 0) ||
                       (::stat((path + "-journal").c_str(), &journalStat) == 0 && journalStat.st_size > 0);
    try {
        try {
            return connect(false);
        } catch (const SqliteError& e) {
            // Reading a WAL file needs its -shm beside it; on read-only media or a full disk it
            // cannot be made. Nobody can be writing the file then, so it is read as it stands.
            const int rc = e.Code() & 0xff;
            if (rc != SQLITE_CANTOPEN && rc != SQLITE_IOERR && rc != SQLITE_READONLY && rc != SQLITE_FULL) throw;
            // A write cut off half-way (its rollback journal beside the file) is undone only by a
            // connection that may write: Store::Open does that first; reading alone cannot.
            if (e.Code() == SQLITE_READONLY_ROLLBACK)
                throw OpenError(K::Io, path,
                                "en ändring avbröts halvvägs (till exempel när nätverket försvann) och måste tas "
                                "tillbaka innan filen kan läsas: öppna projektet i Stegvis-fönstret, som gör det");
            if (inUse) throw;
            return connect(true);
        }
    } catch (const SqliteError& e) {
        int rc = e.Code() & 0xff;
        if (rc == SQLITE_NOTADB) throw OpenError(K::NotSqlite, path, "inget Stegvis-projekt (inte en SQLite-databas)");
        if (rc == SQLITE_CORRUPT) throw OpenError(K::Corrupt, path, "filen är skadad: " + std::string(e.what()));
        if (IsBusy(e)) throw OpenError(K::Locked, path, "filen är låst av ett annat program");
        throw OpenError(K::Io, path, DescribeStorageError(e));
    }
}

}  // namespace

std::string DescribeStorageError(const SqliteError& e) {
    const int rc = e.Code() & 0xff;
    const int sys = platform::ErrnoOfSystemError(e.SysErrno());
    std::string plain;
    if (rc == SQLITE_FULL || sys == ENOSPC || sys == EDQUOT)
        plain = "disken är full";
    else if (sys == EFBIG)
        plain = "filen får inte bli större (gränsen för filstorlek är nådd)";
    else if (rc == SQLITE_READONLY || sys == EROFS || sys == EACCES || sys == EPERM)
        plain = "filen eller mappen är skrivskyddad";
    else if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        plain = "filen är upptagen av ett annat fönster eller program";
    else if (rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB)
        plain = "filen är skadad";
    else if (rc == SQLITE_IOERR || rc == SQLITE_CANTOPEN)
        plain = "fel vid läsning eller skrivning på disken";
    else
        return e.Reason();
    return plain + " (" + e.Reason() + ")";
}

std::string Store::Configure(Db& db, const std::string& path) {
    sqlite3_busy_timeout(db.Handle(), kBusyTimeoutMs);
    db.Exec("PRAGMA foreign_keys = ON");
    const std::string network = stegvis::NetworkFilesystem(path);
    if (network.empty()) {
        Stmt st(db, "PRAGMA journal_mode = WAL");
        st.Step();
    } else {
        // Leaving WAL needs the file to itself: SQLite answers busy, or with the mode it kept.
        const OpenError inUse(OpenError::Kind::Locked, path,
                              "filen ligger på en nätverksenhet (" + network +
                                  ") och är öppen i ett annat program, kanske på en annan dator. Stäng den där och "
                                  "öppna den igen: på en nätverksenhet skriver Stegvis filen utan WAL-logg, och dit "
                                  "kan den bara ställas om när ingen annan har den öppen");
        try {
            Stmt st(db, "PRAGMA journal_mode = DELETE");
            if (st.Step() && FoldCase(st.Text(0)) != "delete") throw inUse;
        } catch (const SqliteError& e) {
            if (IsBusy(e)) throw inUse;
            throw;
        }
    }
    db.Exec("PRAGMA synchronous = FULL");
    return network;
}

Store::Store(std::string path, Db db, bool readOnly)
    : m_path(std::move(path)), m_db(std::move(db)), m_readOnly(readOnly) {
    m_identity = IdentifyFile(m_path);
    m_seenDataVersion = DataVersion();
    NoteSideFiles();
}

void Store::NoteSideFiles() const {
    if (m_readOnly || !StillAtPath()) return;
    if (!m_walIdentity) m_walIdentity = IdentifyFile(m_path + "-wal");
    if (!m_shmIdentity) m_shmIdentity = IdentifyFile(m_path + "-shm");
}

void Store::Release() {
    if (!m_db.IsOpen()) return;
    const bool moved = !m_readOnly && m_identity && !StillAtPath();
    if (moved) {
        // Into the file this Store opened, wherever it is now (a moved file keeps every edit).
        int frames = 0, copied = 0;
        sqlite3_wal_checkpoint_v2(m_db.Handle(), nullptr, SQLITE_CHECKPOINT_TRUNCATE, &frames, &copied);
    }
    m_db = Db();  // closes; a file still at its path is checkpointed and its log removed by SQLite
    if (!moved) return;
    for (const auto& [suffix, id] : {std::make_pair("-wal", m_walIdentity), std::make_pair("-shm", m_shmIdentity)}) {
        const std::string side = m_path + suffix;
        if (id && IdentifyFile(side) == id) ::unlink(side.c_str());
    }
}

bool Store::StillAtPath() const {
    // Also because opening the file again while SQLite holds its locks costs a handle each time
    // under Wine, kept until the locks go: an edit loop ran out of them.
    if (platform::kOpenDatabasesStayPut && m_db.IsOpen() && m_identity) return true;
    auto now = IdentifyFile(m_path);
    return now && m_identity && *now == *m_identity;
}

void Store::CheckStillAtPath() const {
    if (StillAtPath()) {
        NoteSideFiles();  // inside a write transaction: the log surely exists now, and is this file's
        return;
    }
    throw OpenError(OpenError::Kind::Moved, m_path,
                    IdentifyFile(m_path) ? "filen har ersatts av en annan fil medan den var öppen; ändringen sparades inte"
                                         : "filen har flyttats eller tagits bort medan den var öppen; ändringen sparades inte");
}

void Store::SaveCopyTo(const std::string& newPath) const {
    if (IdentifyFile(newPath)) throw OpenError(OpenError::Kind::Exists, newPath, "det finns redan en fil med det namnet; välj ett nytt namn");
    PrivateTempDir work(newPath);
    const std::string tmp = work.File("copy.stegvis");
    try {
        {
            Db to(tmp, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
            platform::SetMode(tmp, 0600);
            sqlite3_busy_timeout(to.Handle(), kBusyTimeoutMs);
            Db& from = const_cast<Db&>(m_db);  // the backup API only reads the source
            {
                OnlineBackup copy(to, from);
                copy.Run(kBusyTimeoutMs);
            }
            Stmt mode(to, "PRAGMA journal_mode = DELETE");  // one file, nothing beside it
            mode.Step();
        }
        SyncFile(tmp);
        MoveIntoPlace(tmp, newPath, IfExists::Refuse);
    } catch (const FileExistsError& e) {
        throw OpenError(OpenError::Kind::Exists, newPath, "det finns redan en fil med det namnet; välj ett nytt namn");
    } catch (const SqliteError& e) {
        throw OpenError(OpenError::Kind::Io, newPath, "kunde inte sparas: " + DescribeStorageError(e));
    } catch (const std::runtime_error& e) {
        if (dynamic_cast<const OpenError*>(&e)) throw;
        throw OpenError(OpenError::Kind::Io, newPath, e.what());
    }
}

std::optional<std::string> Store::ContentProblem() const {
    if (auto p = CheckContents(m_db)) return p->Describe();
    return std::nullopt;
}

Store Store::Create(const std::string& path, const ProjectInfo& info, const Catalog* catalog) {
    if (IdentifyFile(path)) throw OpenError(OpenError::Kind::Exists, path, "det finns redan en fil med det namnet");
    if (::access(DirOf(path).c_str(), W_OK) != 0)
        throw OpenError(OpenError::Kind::ReadOnly, path, "mappen går inte att skriva i");
    // Build the whole project in a private folder and move it into place without replacing
    // anything, so a failure half-way never leaves a half-made project under the chosen name and
    // a file that appears under that name meanwhile is never overwritten.
    try {
        PrivateTempDir work(path);
        const std::string tmp = work.File("new.stegvis");
        {
            Db db(tmp, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
            platform::SetMode(tmp, 0600);
            Configure(db, tmp);
            Migrate(db, path, Store::kSchemaVersion);  // a failure names the project, not the temporary file
            Transaction tx(db);
            Stmt st(db,
                    "INSERT INTO project(id, name, organisation, org_kind, catalog_edition, created_on) "
                    "VALUES (1, ?, ?, ?, ?, ?)");
            st.Bind(1, info.name).Bind(2, info.organisation).Bind(3, OrgKindKey(info.kind));
            st.Bind(4, info.catalogEdition).Bind(5, info.createdOn.empty() ? TodayIso() : info.createdOn);
            st.Run();
            if (catalog)  // written in order: each new row goes last
                for (const Recommendation& r : catalog->recommendations)
                    storeimpl::WriteCatalogRow(db, r.id, RecommendationToTsv(r));
            tx.Commit();
            db.Exec("PRAGMA wal_checkpoint(TRUNCATE)");
            db.Exec("PRAGMA journal_mode = DELETE");  // so the -wal file is gone before the move
        }
        SyncFile(tmp);
        if (!IdentifyFile(path)) RemoveSidecars(path);  // a stale -wal of a deleted file must not be replayed into this one
        MoveIntoPlace(tmp, path, IfExists::Refuse);
    } catch (const FileExistsError&) {
        throw OpenError(OpenError::Kind::Exists, path, "det finns redan en fil med det namnet");
    } catch (const SqliteError& e) {
        throw OpenError(OpenError::Kind::Io, path, "kunde inte skapas: " + DescribeStorageError(e));
    } catch (const OpenError&) {
        throw;
    } catch (const std::runtime_error& e) {
        throw OpenError(OpenError::Kind::Io, path, e.what());
    }
    return Open(path);
}

namespace {

// A read of a file being inspected that failed, in plain words.
[[noreturn]] void ThrowInspectFailure(const SqliteError& e, const std::string& path) {
    using K = OpenError::Kind;
    const int rc = e.Code() & 0xff;
    if (IsBusy(e)) throw OpenError(K::Locked, path, "filen är låst av ett annat program");
    if (rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB)
        throw OpenError(K::Corrupt, path, "filen är skadad: " + std::string(e.what()));
    throw OpenError(K::Io, path, DescribeStorageError(e));
}

// The version of a file opened by OpenInspect, after refusing one that is too new or whose schema
// is not Stegvis's own (a view or trigger of someone else's could run anything on a read).
int CheckedVersion(const Db& ro, const std::string& path) {
    using K = OpenError::Kind;
    int version = 0;
    try {
        // The version and the schema from one snapshot: another program may be upgrading the
        // file at this very moment.
        ReadTransaction snapshot(ro);
        version = PragmaInt(ro, "PRAGMA user_version");
        if (version > Store::kSchemaVersion)
            throw OpenError(K::TooNew, path,
                            "skapad av en nyare version av Stegvis (schema " + std::to_string(version) +
                                "; det här programmet läser upp till " + std::to_string(Store::kSchemaVersion) +
                                "). Uppdatera Stegvis för att öppna den.");
        if (auto why = CheckSchemaObjects(ro, version))
            throw OpenError(K::Corrupt, path, "filen är inget oförändrat Stegvis-projekt: " + *why);
    } catch (const SqliteError& e) {
        ThrowInspectFailure(e, path);
    }
    return version;
}

// Refuses a file whose values break the edits' rules, naming the first one.
void CheckOpenedContents(const Db& db, const std::string& path, ContentCheck* how = nullptr) {
    if (auto p = CheckContents(db, how))
        throw OpenError(OpenError::Kind::Corrupt, path, "filen innehåller data som Stegvis inte kan använda: " + p->Describe());
}

[[noreturn]] void ThrowOpenFailure(const SqliteError& e, const std::string& path) {
    using K = OpenError::Kind;
    const int rc = e.Code() & 0xff;
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) throw OpenError(K::Locked, path, "filen är låst av ett annat program");
    if (rc == SQLITE_READONLY) throw OpenError(K::ReadOnly, path, "filen är skrivskyddad");
    if (rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB) throw OpenError(K::Corrupt, path, "filen är skadad: " + std::string(e.what()));
    if (rc == SQLITE_INTERRUPT) throw OpenError(K::Corrupt, path, "läsningen tog för lång tid och avbröts (filen är skadad eller konstruerad)");
    throw OpenError(K::Io, path, DescribeStorageError(e));
}

}  // namespace

namespace {
// A write cut off half-way on a network drive leaves its rollback journal beside the file, and
// only a connection that may write undoes it (SQLite does, on the first read). Done for a file
// whose header says it is a Stegvis project before anything else opens it, as SQLite would on
// any open for editing; the file is then as it was before that write.
void RollBackInterruptedWrite(const std::string& path) {
    struct stat journal;
    if (::stat((path + "-journal").c_str(), &journal) != 0 || journal.st_size == 0) return;
    if (::access(path.c_str(), W_OK) != 0) return;
    unsigned char header[72] = {};
    {
        std::ifstream in(path, std::ios::binary);
        if (!in.read(reinterpret_cast<char*>(header), sizeof header)) return;
    }
    const uint32_t appId = (uint32_t(header[68]) << 24) | (uint32_t(header[69]) << 16) | (uint32_t(header[70]) << 8) | header[71];
    if (std::memcmp(header, "SQLite format 3\0", 16) != 0 || appId != uint32_t(Store::kApplicationId)) return;
    try {
        Db db(path, SQLITE_OPEN_READWRITE);
        HardenConnection(db);
        sqlite3_busy_timeout(db.Handle(), kOpenBusyTimeoutMs);
        PragmaInt(db, "PRAGMA schema_version");
    } catch (const SqliteError&) {
        // The inspection that follows names what is wrong.
    }
}
}  // namespace

Store Store::Open(const std::string& path) {
    using K = OpenError::Kind;
    RollBackInterruptedWrite(path);
    // Inspect read-only first, so nothing is written to a file we are going to refuse.
    CheckedVersion(OpenInspect(path), path);
    struct stat sb;
    if (::stat(path.c_str(), &sb) != 0) throw OpenError(K::NotFound, path, "filen finns inte");
    // The mode bits count too: root may write anywhere, but a file marked read-only stays so.
    if (::access(path.c_str(), W_OK) != 0 || !(sb.st_mode & S_IWUSR))
        throw OpenError(K::ReadOnly, path, "filen är skrivskyddad; kopiera den eller ändra behörigheterna för att kunna redigera");
    if (::access(DirOf(path).c_str(), W_OK) != 0)
        throw OpenError(K::ReadOnly, path, "mappen som filen ligger i är skrivskyddad (SQLite behöver skriva bredvid filen)");
    try {
        Db db(path, SQLITE_OPEN_READWRITE);
        HardenConnection(db);
        const std::string network = Configure(db, path);
        Migrate(db, path, Store::kSchemaVersion);
        CheckOpenedContents(db, path);
        Store s(path, std::move(db));
        s.m_networkFs = network;
        return s;
    } catch (const SqliteError& e) {
        ThrowOpenFailure(e, path);
    }
}

Store Store::OpenReadOnly(const std::string& path, double readLimitSeconds) {
    // One consistent snapshot of the file (its log included) copied into memory through SQLite,
    // then checked and read there: the file is never written, its lock is held only for the
    // copy, and an older schema is upgraded in the copy alone.
    Db mem(":memory:", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    int version = 0;
    {
        Db ro = OpenInspect(path);
        if (readLimitSeconds > 0) LimitReadTime(ro, readLimitSeconds);
        version = CheckedVersion(ro, path);
        try {
            OnlineBackup copy(mem, ro);
            copy.Run(kBusyTimeoutMs);
        } catch (const SqliteError& e) {
            ThrowOpenFailure(e, path);
        }
    }
    try {
        HardenConnection(mem);
        if (readLimitSeconds > 0) LimitReadTime(mem, readLimitSeconds);
        if (version < Store::kSchemaVersion) Migrate(mem, path, Store::kSchemaVersion);
        mem.Exec("PRAGMA query_only = ON");
        CheckOpenedContents(mem, path);
        return Store(path, std::move(mem), true);
    } catch (const SqliteError& e) {
        ThrowOpenFailure(e, path);
    }
}

int Store::SchemaVersion() const { return PragmaInt(m_db, "PRAGMA user_version"); }

int64_t Store::DataVersion() const {
    Stmt st(m_db, "PRAGMA data_version");
    return st.Step() ? st.Int(0) : 0;
}

bool Store::ChangedSinceLastCheck() {
    // A server project: others' commits are announced; the working copy then takes them in.
    // Also what a write of this window took in on its turn: the model shown is behind that too.
    if (m_remote) {
        if (m_remote->OthersChanged()) TakeInRemote();
        const bool changed = m_othersVersion > m_reportedVersion;
        m_reportedVersion = m_othersVersion;
        return changed;
    }
    int64_t now = DataVersion();
    bool changed = now != m_seenDataVersion;
    m_seenDataVersion = now;
    return changed;
}

std::string Store::CheckIntegrity(const std::string& path) {
    if (!FileExists(path)) return path + ": filen finns inte";
    try {
        Db db(path, SQLITE_OPEN_READONLY);
        sqlite3_busy_timeout(db.Handle(), kBusyTimeoutMs);
        std::string problems;
        Stmt st(db, "PRAGMA integrity_check");
        while (st.Step())
            if (st.Text(0) != "ok") problems += st.Text(0) + "\n";
        return problems.empty() ? "ok" : problems;
    } catch (const SqliteError& e) {
        return e.what();
    }
}

FileSummary Store::Summarize(const std::string& path) {
    Db db = OpenInspect(path);
    try {
        FileSummary s;
        s.schema = PragmaInt(db, "PRAGMA user_version");
        {
            Stmt st(db, "SELECT name, organisation FROM project WHERE id = 1");
            if (!st.Step()) throw OpenError(OpenError::Kind::Corrupt, path, "projektuppgifterna saknas i filen");
            s.name = st.Text(0);
            s.organisation = st.Text(1);
        }
        Stmt st(db, "SELECT count(*), coalesce(max(at), '') FROM history");
        if (st.Step()) {
            s.historyEntries = st.Int(0);
            s.lastChangeAt = st.Text(1);
        }
        return s;
    } catch (const SqliteError& e) {
        int rc = e.Code() & 0xff;
        if (rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB || rc == SQLITE_ERROR)  // SQLITE_ERROR: tables missing
            throw OpenError(OpenError::Kind::Corrupt, path, "filen är skadad: " + std::string(e.what()));
        throw OpenError(OpenError::Kind::Io, path, DescribeStorageError(e));
    }
}

void Store::SnapshotTo(const std::string& sourcePath, const std::string& destPath, TaskProgress* progress) {
    Db from = OpenInspect(sourcePath);
    Db to(destPath, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    sqlite3_busy_timeout(to.Handle(), kBusyTimeoutMs);
    {
        OnlineBackup copy(to, from);
        if (progress) copy.Run(kBusyTimeoutMs, *progress);
        else copy.Run(kBusyTimeoutMs);
    }
    // The pages copied say "WAL"; a copy that is one file on its own is easier to keep and move.
    Stmt mode(to, "PRAGMA journal_mode = DELETE");
    mode.Step();
}

void Store::ReplaceContents(const std::string& livePath, const std::string& sourcePath, TaskProgress* progress) {
    Db from = OpenInspect(sourcePath);
    try {
        Db to(livePath, SQLITE_OPEN_READWRITE);
        const bool network = !Configure(to, livePath).empty();
        OnlineBackup copy(to, from);
        if (progress) copy.Run(kBusyTimeoutMs, *progress, true);
        else copy.Run(kBusyTimeoutMs);
        if (network) to.Exec("PRAGMA journal_mode = DELETE");  // the pages copied may say WAL
    } catch (const SqliteError& e) {
        int rc = e.Code() & 0xff;
        if (rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB)
            throw OpenError(OpenError::Kind::Corrupt, livePath, "filen är skadad: " + std::string(e.what()));
        if (IsBusy(e)) throw OpenError(OpenError::Kind::Locked, livePath, DescribeStorageError(e));
        throw OpenError(OpenError::Kind::Io, livePath, DescribeStorageError(e));
    }
}

int64_t Store::PageCount(const std::string& path) {
    try {
        Db db = OpenInspect(path);
        Stmt st(db, "PRAGMA page_count");
        return st.Step() ? st.Int(0) : 0;
    } catch (const std::exception&) {
        return 0;
    }
}

void RemoveSidecars(const std::string& path) {
    for (const char* suffix : {"-wal", "-shm", "-journal"}) ::unlink((path + suffix).c_str());
}

int Store::HeaderSchemaVersion(const std::string& path) {
    unsigned char header[100];
    FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) return -1;
    const size_t n = std::fread(header, 1, sizeof header, f);
    std::fclose(f);
    if (n < sizeof header || std::memcmp(header, "SQLite format 3", 16) != 0) return -1;
    return static_cast<int>((uint32_t{header[60]} << 24) | (uint32_t{header[61]} << 16) | (uint32_t{header[62]} << 8) |
                            uint32_t{header[63]});
}

void Store::DeferCheckpoints() { m_db.Exec("PRAGMA wal_autocheckpoint = 0"); }

void Store::Checkpoint() {
    int logFrames = 0, copied = 0;
    sqlite3_wal_checkpoint_v2(m_db.Handle(), nullptr, SQLITE_CHECKPOINT_PASSIVE, &logFrames, &copied);
}


ProjectModel Store::ReadOverview(const std::string& path, double readLimitSeconds) {
    {
        Db ro = OpenInspect(path);
        if (readLimitSeconds > 0) LimitReadTime(ro, readLimitSeconds);
        std::optional<ReadTransaction> snapshot;
        try {
            snapshot.emplace(ro);  // the version, the checks and the read see one state of the file
        } catch (const SqliteError& e) {
            ThrowInspectFailure(e, path);
        }
        if (CheckedVersion(ro, path) == Store::kSchemaVersion) {
            ContentCheck checked;
            checked.checkedSchema = Store::kSchemaVersion;  // held to Stegvis's own in this snapshot
            try {
                if (readLimitSeconds > 0) LimitReadTime(ro, readLimitSeconds);  // as the copy got its own
                CheckOpenedContents(ro, path, &checked);
            } catch (const SqliteError& e) {
                ThrowOpenFailure(e, path);
            }
            return storeimpl::ReadOverviewFrom(ro, checked.lastChangeAt);
        }
    }
    return ReadOverviewFrom(OpenReadOnly(path, readLimitSeconds).m_db);
}

}  // namespace stegvis
