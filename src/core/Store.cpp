#include "core/Store.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <optional>
#include <set>

#include "core/Records.hpp"
#include "core/Text.hpp"
#include "core/Verify.hpp"

namespace stegvis {

// ---- enum keys ----

const char* OrgKindKey(OrgKind k) {
    switch (k) {
        case OrgKind::Kommun: return "kommun";
        case OrgKind::Region: return "region";
        case OrgKind::Annan: return "annan";
    }
    return "annan";
}

bool ParseOrgKind(const std::string& s, OrgKind* out) {
    for (OrgKind k : {OrgKind::Kommun, OrgKind::Region, OrgKind::Annan})
        if (s == OrgKindKey(k)) { *out = k; return true; }
    return false;
}

const char* StepStatusKey(StepStatus s) {
    switch (s) {
        case StepStatus::NotStarted: return "not_started";
        case StepStatus::InProgress: return "in_progress";
        case StepStatus::Done: return "done";
    }
    return "not_started";
}

bool ParseStepStatus(const std::string& s, StepStatus* out) {
    for (StepStatus k : {StepStatus::NotStarted, StepStatus::InProgress, StepStatus::Done})
        if (s == StepStatusKey(k)) { *out = k; return true; }
    return false;
}

OpenError::OpenError(Kind kind, const std::string& path, const std::string& why)
    : std::runtime_error(path + ": " + why), m_kind(kind) {}

// ---- migrations: an ordered list; each runs with its version bump in one transaction ----

namespace {

struct Migration {
    int version;
    const char* sql;
};

const Migration kMigrations[] = {
    {1, R"SQL(
CREATE TABLE project(
  id INTEGER PRIMARY KEY CHECK (id = 1),
  name TEXT NOT NULL,
  organisation TEXT NOT NULL,
  org_kind TEXT NOT NULL CHECK (org_kind IN ('kommun','region','annan')),
  catalog_edition TEXT NOT NULL,
  created_on TEXT NOT NULL
);
CREATE TABLE step_progress(
  step INTEGER PRIMARY KEY CHECK (step BETWEEN 1 AND 15),
  status TEXT NOT NULL DEFAULT 'not_started' CHECK (status IN ('not_started','in_progress','done')),
  started_on TEXT,
  done_on TEXT,
  notes TEXT NOT NULL DEFAULT ''
);
WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 15)
  INSERT INTO step_progress(step) SELECT x FROM n;
CREATE TABLE checklist_tick(
  step INTEGER NOT NULL REFERENCES step_progress(step),
  item TEXT NOT NULL,
  ticked_on TEXT NOT NULL,
  PRIMARY KEY (step, item)
);
CREATE TABLE decision(
  id INTEGER PRIMARY KEY,
  step INTEGER NOT NULL CHECK (step BETWEEN 1 AND 15),
  decided_on TEXT NOT NULL,
  title TEXT NOT NULL,
  rationale TEXT NOT NULL DEFAULT '',
  participants TEXT NOT NULL DEFAULT '',
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL
);
CREATE TABLE decision_recommendation(
  decision_id INTEGER NOT NULL REFERENCES decision(id),
  rec_id TEXT NOT NULL,
  PRIMARY KEY (decision_id, rec_id)
);
-- The decision log is append-only: a decision taken back is marked withdrawn, never erased.
CREATE TRIGGER decision_append_only_u BEFORE UPDATE ON decision
  BEGIN SELECT RAISE(ABORT, 'the decision log is append-only'); END;
CREATE TRIGGER decision_append_only_d BEFORE DELETE ON decision
  BEGIN SELECT RAISE(ABORT, 'the decision log is append-only'); END;
CREATE TRIGGER decision_rec_append_only_u BEFORE UPDATE ON decision_recommendation
  BEGIN SELECT RAISE(ABORT, 'the decision log is append-only'); END;
CREATE TRIGGER decision_rec_append_only_d BEFORE DELETE ON decision_recommendation
  BEGIN SELECT RAISE(ABORT, 'the decision log is append-only'); END;
CREATE TABLE decision_withdrawal(
  decision_id INTEGER PRIMARY KEY REFERENCES decision(id),
  withdrawn_at TEXT NOT NULL
);
CREATE TABLE history(
  id INTEGER PRIMARY KEY,
  action_id INTEGER NOT NULL,
  at TEXT NOT NULL,
  who TEXT NOT NULL,
  label TEXT NOT NULL,
  entity TEXT NOT NULL,
  key TEXT NOT NULL,
  field TEXT NOT NULL,
  old_value TEXT,
  new_value TEXT,
  state TEXT NOT NULL DEFAULT 'done' CHECK (state IN ('done','undone','dropped'))
);
CREATE INDEX history_action ON history(action_id);
CREATE INDEX history_state ON history(state, action_id);
)SQL"},
    // Phase 1 for the manager: discussed recommendations, the needs inventory with dated
    // baselines, the prioritisation, the Hexagon ratings and readiness rounds.
    {2, R"SQL(
CREATE TABLE rec_discussion(
  rec_id TEXT PRIMARY KEY,
  discussed_on TEXT,
  note TEXT
);
CREATE TABLE inventory(
  rec_id TEXT PRIMARY KEY,
  offered TEXT CHECK (offered IN ('ja','delvis','nej','vet_ej','ej_aktuellt')),
  provider TEXT CHECK (provider IN ('egen','annan_del','socialtjanst','primarvard','psykiatri','extern','ingen')),
  volume INTEGER CHECK (volume >= 0),
  staff_trained INTEGER CHECK (staff_trained >= 0),
  gap TEXT CHECK (gap IN ('ingen','liten','stor')),
  comment TEXT
);
CREATE TABLE inventory_baseline(
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  taken_on TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE inventory_baseline_row(
  baseline_id INTEGER NOT NULL REFERENCES inventory_baseline(id),
  rec_id TEXT NOT NULL,
  offered TEXT, provider TEXT, volume INTEGER, staff_trained INTEGER, gap TEXT, comment TEXT,
  PRIMARY KEY (baseline_id, rec_id)
);
-- A baseline is a snapshot: never changed once taken. Undoing one hides it.
CREATE TRIGGER baseline_row_frozen_u BEFORE UPDATE ON inventory_baseline_row
  BEGIN SELECT RAISE(ABORT, 'a baseline is frozen'); END;
CREATE TABLE inventory_baseline_hidden(
  baseline_id INTEGER PRIMARY KEY REFERENCES inventory_baseline(id),
  hidden_at TEXT NOT NULL
);
CREATE TABLE priority(
  rec_id TEXT PRIMARY KEY,
  feasibility INTEGER CHECK (feasibility BETWEEN 1 AND 3),
  position INTEGER CHECK (position >= 1),
  selected INTEGER CHECK (selected IN (0, 1))
);
CREATE TABLE hexagon(
  rec_id TEXT NOT NULL,
  factor TEXT NOT NULL CHECK (factor IN ('need','fit','resources','evidence','readiness','capacity')),
  rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
  PRIMARY KEY (rec_id, factor)
);
CREATE TABLE readiness_round(
  id INTEGER PRIMARY KEY,
  instrument TEXT NOT NULL,
  name TEXT NOT NULL,
  held_on TEXT NOT NULL,
  respondents INTEGER NOT NULL DEFAULT 0 CHECK (respondents >= 0),
  created_at TEXT NOT NULL
);
CREATE TABLE readiness_round_hidden(
  round_id INTEGER PRIMARY KEY REFERENCES readiness_round(id),
  hidden_at TEXT NOT NULL
);
CREATE TABLE readiness_answer(
  round_id INTEGER NOT NULL REFERENCES readiness_round(id),
  respondent INTEGER NOT NULL CHECK (respondent >= 1),
  item TEXT NOT NULL,
  value INTEGER NOT NULL,
  PRIMARY KEY (round_id, respondent, item)
);
)SQL"},
    // Steps 6-11: the team, initiatives (each moving through steps 8-15 on its own) and each
    // initiative's resources, goals, activities and trainings. Rows are never deleted: removing
    // one sets removed_at, which undo clears.
    {3, R"SQL(
CREATE TABLE team_member(
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL, role TEXT, organisation TEXT, contact TEXT,
  removed_at TEXT
);
CREATE TABLE initiative(
  id INTEGER PRIMARY KEY,
  rec_id TEXT NOT NULL, name TEXT NOT NULL, decided_on TEXT, expected_effect TEXT, evidence TEXT,
  removed_at TEXT
);
CREATE TABLE initiative_step(
  initiative_id INTEGER NOT NULL REFERENCES initiative(id),
  step INTEGER NOT NULL CHECK (step BETWEEN 8 AND 15),
  status TEXT CHECK (status IN ('not_started','in_progress','done')),
  started_on TEXT, done_on TEXT, notes TEXT,
  PRIMARY KEY (initiative_id, step)
);
CREATE TABLE initiative_tick(
  initiative_id INTEGER NOT NULL REFERENCES initiative(id),
  step INTEGER NOT NULL,
  item TEXT NOT NULL,
  ticked_on TEXT NOT NULL,
  PRIMARY KEY (initiative_id, step, item)
);
CREATE TABLE resource(
  id INTEGER PRIMARY KEY,
  initiative_id INTEGER NOT NULL REFERENCES initiative(id),
  kind TEXT, description TEXT, amount_sek REAL CHECK (amount_sek >= 0), status TEXT,
  responsible INTEGER REFERENCES team_member(id), due_on TEXT, note TEXT,
  removed_at TEXT
);
CREATE TABLE goal(
  id INTEGER PRIMARY KEY,
  initiative_id INTEGER NOT NULL REFERENCES initiative(id),
  indicator TEXT NOT NULL, baseline REAL, target REAL, target_date TEXT,
  removed_at TEXT
);
CREATE TABLE activity(
  id INTEGER PRIMARY KEY,
  initiative_id INTEGER NOT NULL REFERENCES initiative(id),
  kind TEXT, what TEXT NOT NULL, responsible INTEGER REFERENCES team_member(id),
  start_on TEXT, due_on TEXT, status TEXT,
  removed_at TEXT
);
CREATE TABLE training(
  id INTEGER PRIMARY KEY,
  initiative_id INTEGER NOT NULL REFERENCES initiative(id),
  member INTEGER NOT NULL REFERENCES team_member(id), course TEXT NOT NULL, trained_on TEXT, trainer TEXT, status TEXT,
  removed_at TEXT
);
)SQL"},
    // Steps 12-15: measures with data by period, PDSA cycles, roll-out, and what the pilot taught.
    {4, R"SQL(
ALTER TABLE initiative ADD COLUMN study_summary TEXT;
ALTER TABLE initiative ADD COLUMN pilot_decision TEXT;
ALTER TABLE initiative ADD COLUMN full_scale_from TEXT;
ALTER TABLE initiative ADD COLUMN sustain_plan TEXT;
CREATE TABLE measure(
  id INTEGER PRIMARY KEY,
  initiative_id INTEGER NOT NULL REFERENCES initiative(id),
  name TEXT NOT NULL, definition TEXT, unit TEXT, direction TEXT, source TEXT, period TEXT,
  target REAL, baseline_from TEXT, baseline_to TEXT,
  removed_at TEXT
);
-- A missing period has no row: it is a gap, never 0.
CREATE TABLE measure_point(
  measure_id INTEGER NOT NULL REFERENCES measure(id),
  period TEXT NOT NULL,
  numerator REAL, denominator REAL CHECK (denominator > 0), note TEXT,
  PRIMARY KEY (measure_id, period)
);
CREATE TABLE pdsa_cycle(
  id INTEGER PRIMARY KEY,
  initiative_id INTEGER NOT NULL REFERENCES initiative(id),
  change TEXT NOT NULL, prediction TEXT, who_what_when TEXT, started_on TEXT, ended_on TEXT,
  did TEXT, studied TEXT, act TEXT,
  removed_at TEXT
);
CREATE TABLE rollout(
  id INTEGER PRIMARY KEY,
  initiative_id INTEGER NOT NULL REFERENCES initiative(id),
  unit TEXT NOT NULL, status TEXT, started_on TEXT, done_on TEXT, note TEXT,
  removed_at TEXT
);
)SQL"},
    // The inventory asks both how many need an intervention per year (volume) and how many get
    // it today (reached). A training can be for somebody outside the team (an investigator, a
    // therapist who will use the intervention): member becomes optional, with a trainee's name
    // and role instead. SQLite cannot drop a NOT NULL, so the table is rebuilt.
    {5, R"SQL(
ALTER TABLE inventory ADD COLUMN reached INTEGER CHECK (reached >= 0);
ALTER TABLE inventory_baseline_row ADD COLUMN reached INTEGER;
CREATE TABLE training_v5(
  id INTEGER PRIMARY KEY,
  initiative_id INTEGER NOT NULL REFERENCES initiative(id),
  member INTEGER REFERENCES team_member(id), course TEXT NOT NULL, trained_on TEXT, trainer TEXT, status TEXT,
  removed_at TEXT,
  trainee TEXT, trainee_role TEXT
);
INSERT INTO training_v5(id, initiative_id, member, course, trained_on, trainer, status, removed_at)
  SELECT id, initiative_id, member, course, trained_on, trainer, status, removed_at FROM training;
DROP TABLE training;
ALTER TABLE training_v5 RENAME TO training;
)SQL"},
};

constexpr int kLatest = sizeof(kMigrations) / sizeof(kMigrations[0]);
static_assert(kLatest == Store::kSchemaVersion, "kSchemaVersion must match the last migration");

// How long a write waits for another window or program that is writing to the same file.
// Their transactions take milliseconds; the margin covers slow disks (fsync on a network share).
constexpr int kBusyTimeoutMs = 10000;
// Opening gives up sooner: a file another program keeps locked is reported, not waited for.
constexpr int kOpenBusyTimeoutMs = 3000;

int PragmaInt(const Db& db, const char* pragma) {
    Stmt st(db, pragma);
    return st.Step() ? static_cast<int>(st.Int(0)) : 0;
}

bool FileExists(const std::string& path) {
    struct stat sb;
    return ::stat(path.c_str(), &sb) == 0;
}

std::string DirOf(const std::string& path) {
    auto pos = path.find_last_of('/');
    if (pos == std::string::npos) return ".";
    return pos == 0 ? "/" : path.substr(0, pos);
}

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
    // Edits still in the log (a window has the file open, or closed uncleanly) are not in the
    // file itself: then it is not read as it stands, whatever the disk.
    struct stat walStat;
    const bool inUse = ::stat((path + "-wal").c_str(), &walStat) == 0 && walStat.st_size > 0;
    try {
        try {
            return connect(false);
        } catch (const SqliteError& e) {
            // Reading a WAL file needs its -shm beside it; on read-only media or a full disk it
            // cannot be made. Nobody can be writing the file then, so it is read as it stands.
            const int rc = e.Code() & 0xff;
            if (rc != SQLITE_CANTOPEN && rc != SQLITE_IOERR && rc != SQLITE_READONLY && rc != SQLITE_FULL) throw;
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
    const int sys = e.SysErrno();
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

void Store::Configure(Db& db) {
    sqlite3_busy_timeout(db.Handle(), kBusyTimeoutMs);
    db.Exec("PRAGMA foreign_keys = ON");
    {
        Stmt st(db, "PRAGMA journal_mode = WAL");
        st.Step();
    }
    db.Exec("PRAGMA synchronous = FULL");
}

void Store::Migrate(Db& db, const std::string& path, int target) {
    const int atStart = PragmaInt(db, "PRAGMA user_version");
    if (atStart >= target) return;
    for (const Migration& m : kMigrations) {
        if (m.version > target) break;
        int current = atStart;
        try {
            Transaction tx(db);
            // Read again under the write lock: another process opening the same old file at the
            // same moment may have applied this migration already.
            current = PragmaInt(db, "PRAGMA user_version");
            if (m.version <= current) continue;  // rolls back nothing
            db.Exec(m.sql);
            if (m.version == 1) db.Exec("PRAGMA application_id = " + std::to_string(kApplicationId));
            db.Exec("PRAGMA user_version = " + std::to_string(m.version));
            tx.Commit();
        } catch (const SqliteError& e) {
            if ((e.Code() & 0xff) == SQLITE_BUSY || (e.Code() & 0xff) == SQLITE_LOCKED)
                throw OpenError(OpenError::Kind::Locked, path, "filen är låst av ett annat program");
            // A new file (version 0) is being made, not upgraded.
            const std::string what = current == 0 ? std::string("kunde inte skapas: ")
                                                  : "kunde inte uppgradera till schemaversion " +
                                                        std::to_string(m.version) + ": ";
            throw OpenError(OpenError::Kind::Io, path, what + DescribeStorageError(e));
        }
    }
}

Db Store::SchemaInMemory(int version) {
    Db db(":memory:", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    Migrate(db, ":memory:", version);
    return db;
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
            ::chmod(tmp.c_str(), 0600);
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

Store Store::Create(const std::string& path, const ProjectInfo& info) {
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
            ::chmod(tmp.c_str(), 0600);
            Configure(db);
            Migrate(db, path, kLatest);  // a failure names the project, not the temporary file
            Transaction tx(db);
            Stmt st(db,
                    "INSERT INTO project(id, name, organisation, org_kind, catalog_edition, created_on) "
                    "VALUES (1, ?, ?, ?, ?, ?)");
            st.Bind(1, info.name).Bind(2, info.organisation).Bind(3, OrgKindKey(info.kind));
            st.Bind(4, info.catalogEdition).Bind(5, info.createdOn.empty() ? TodayIso() : info.createdOn);
            st.Run();
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

void Store::CreateAtVersion(const std::string& path, int version) {
    Db db(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    Configure(db);
    Migrate(db, path, version);
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
void CheckOpenedContents(const Db& db, const std::string& path) {
    if (auto p = CheckContents(db))
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

Store Store::Open(const std::string& path) {
    using K = OpenError::Kind;
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
        Configure(db);
        Migrate(db, path, kLatest);
        CheckOpenedContents(db, path);
        return Store(path, std::move(db));
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
        if (version < kLatest) Migrate(mem, path, kLatest);
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

void Store::SnapshotTo(const std::string& sourcePath, const std::string& destPath) {
    Db from = OpenInspect(sourcePath);
    Db to(destPath, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    sqlite3_busy_timeout(to.Handle(), kBusyTimeoutMs);
    {
        OnlineBackup copy(to, from);
        copy.Run(kBusyTimeoutMs);
    }
    // The pages copied say "WAL"; a copy that is one file on its own is easier to keep and move.
    Stmt mode(to, "PRAGMA journal_mode = DELETE");
    mode.Step();
}

void Store::ReplaceContents(const std::string& livePath, const std::string& sourcePath) {
    Db from = OpenInspect(sourcePath);
    try {
        Db to(livePath, SQLITE_OPEN_READWRITE);
        Configure(to);
        OnlineBackup copy(to, from);
        copy.Run(kBusyTimeoutMs);
    } catch (const SqliteError& e) {
        int rc = e.Code() & 0xff;
        if (rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB)
            throw OpenError(OpenError::Kind::Corrupt, livePath, "filen är skadad: " + std::string(e.what()));
        if (IsBusy(e)) throw OpenError(OpenError::Kind::Locked, livePath, DescribeStorageError(e));
        throw OpenError(OpenError::Kind::Io, livePath, DescribeStorageError(e));
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

ProjectModel Store::Load() const {
    ReadTransaction snapshot(m_db);  // one consistent model, even while another window writes
    ProjectModel m;
    LoadProject(m);
    LoadSteps(m);
    LoadDecisions(m);
    LoadPhase1(m, kAllPhase1);
    LoadRecords(m, true, true);
    LoadHistoryCounts(m);
    return m;
}

void Store::LoadProject(ProjectModel& m) const {
    m.project = ProjectInfo{};
    Stmt st(m_db, "SELECT name, organisation, org_kind, catalog_edition, created_on FROM project WHERE id = 1");
    if (st.Step()) {
        m.project.name = st.Text(0);
        m.project.organisation = st.Text(1);
        ParseOrgKind(st.Text(2), &m.project.kind);
        m.project.catalogEdition = st.Text(3);
        m.project.createdOn = st.Text(4);
    }
}

namespace {
// Columns step, status, started_on, done_on, notes starting at `col`.
StepProgress ReadStepProgress(const Stmt& st, int col) {
    StepProgress p;
    p.step = static_cast<int>(st.Int(col));
    ParseStepStatus(st.Text(col + 1), &p.status);
    p.startedOn = st.Text(col + 2);
    p.doneOn = st.Text(col + 3);
    p.notes = st.Text(col + 4);
    return p;
}

// Columns numerator, denominator, note starting at `col`.
PointRow ReadPoint(const Stmt& st, int col) {
    PointRow row;
    if (!st.IsNull(col)) row.numerator = st.Real(col);
    if (!st.IsNull(col + 1)) row.denominator = st.Real(col + 1);
    row.note = st.Text(col + 2);
    return row;
}
}  // namespace

void Store::LoadSteps(ProjectModel& m) const {
    m.steps.clear();
    {
        Stmt st(m_db, "SELECT step, status, started_on, done_on, notes FROM step_progress ORDER BY step");
        while (st.Step()) m.steps.push_back(ReadStepProgress(st, 0));
    }
    Stmt st(m_db, "SELECT step, item FROM checklist_tick");
    while (st.Step()) {
        int step = static_cast<int>(st.Int(0));
        if (step >= 1 && step <= static_cast<int>(m.steps.size())) m.steps[static_cast<size_t>(step - 1)].ticked.insert(st.Text(1));
    }
}

void Store::LoadDecisions(ProjectModel& m) const {
    m.decisions.clear();
    Stmt st(m_db,
            "SELECT d.id, d.step, d.decided_on, d.title, d.rationale, d.participants, d.recorded_at, d.recorded_by, "
            "w.decision_id IS NOT NULL FROM decision d LEFT JOIN decision_withdrawal w ON w.decision_id = d.id "
            "ORDER BY d.decided_on, d.id");
    std::map<int64_t, size_t> at;
    while (st.Step()) {
        Decision d;
        d.id = st.Int(0);
        d.step = static_cast<int>(st.Int(1));
        d.decidedOn = st.Text(2);
        d.title = st.Text(3);
        d.rationale = st.Text(4);
        d.participants = st.Text(5);
        d.recordedAt = st.Text(6);
        d.recordedBy = st.Text(7);
        d.withdrawn = st.Int(8) != 0;
        at[d.id] = m.decisions.size();
        m.decisions.push_back(std::move(d));
    }
    Stmt rec(m_db, "SELECT decision_id, rec_id FROM decision_recommendation ORDER BY decision_id, rec_id");
    while (rec.Step()) {
        auto it = at.find(rec.Int(0));
        if (it != at.end()) m.decisions[it->second].recommendations.push_back(rec.Text(1));
    }
}

void Store::LoadHistoryCounts(ProjectModel& m) const {
    m.undoable = PragmaInt(m_db, "SELECT count(DISTINCT action_id) FROM history WHERE state = 'done'");
    m.redoable = PragmaInt(m_db, "SELECT count(DISTINCT action_id) FROM history WHERE state = 'undone'");
    Stmt st(m_db, "SELECT max(at) FROM history");
    if (st.Step()) m.lastChangeAt = st.Text(0);
}

void Store::Refresh(ProjectModel& m, const std::vector<std::pair<std::string, std::string>>& touched) const {
    ReadTransaction snapshot(m_db);
    bool project = false, steps = false, decisions = false, records = false, points = false;
    unsigned phase1 = 0;
    std::set<int64_t> measures;
    bool allPoints = false;
    for (const auto& [e, key] : touched) {
        if (e == "project") project = true;
        else if (e == "step" || e == "tick") steps = true;
        else if (e == "decision") decisions = true;
        else if (e == "discussion") phase1 |= kDiscussions;
        else if (e == "inventory") phase1 |= kInventory;
        else if (e == "baseline") phase1 |= kBaselines;
        else if (e == "priority") phase1 |= kPriorities;
        else if (e == "hexagon") phase1 |= kHexagon;
        else if (e == "round" || e == "answer") phase1 |= kRounds;
        else if (e == "point") {
            points = true;
            const auto slash = key.find('/');
            try {
                measures.insert(std::stoll(key.substr(0, slash)));
            } catch (const std::exception&) {
                allPoints = true;
            }
        }
        else if (e == "istep" || e == "itick") records = true;
        else if (FindRecordKind(e)) records = true;
        else {  // unknown: all of it
            project = steps = decisions = records = points = allPoints = true;
            phase1 = kAllPhase1;
        }
    }
    if (project) LoadProject(m);
    if (steps) LoadSteps(m);
    if (decisions) LoadDecisions(m);
    if (phase1) LoadPhase1(m, phase1);
    if (records || points) LoadRecords(m, records, points, allPoints ? std::set<int64_t>{} : measures);
}

namespace {
std::optional<int> OptInt(const Stmt& st, int col) {
    if (st.IsNull(col)) return std::nullopt;
    return static_cast<int>(st.Int(col));
}

// Columns offered, provider, volume, staff_trained, gap, comment, reached starting at `col`.
InventoryRow ReadInventoryRow(const Stmt& st, int col) {
    InventoryRow r;
    r.offered = st.Text(col);
    r.provider = st.Text(col + 1);
    r.volume = OptInt(st, col + 2);
    r.staffTrained = OptInt(st, col + 3);
    r.gap = st.Text(col + 4);
    r.comment = st.Text(col + 5);
    r.reached = OptInt(st, col + 6);
    return r;
}
}  // namespace

void Store::LoadPhase1(ProjectModel& m, unsigned parts) const {
    if (parts & kDiscussions) {
        m.discussions.clear();
        Stmt st(m_db, "SELECT rec_id, discussed_on, note FROM rec_discussion");
        while (st.Step()) m.discussions[st.Text(0)] = Discussion{st.Text(1), st.Text(2)};
    }
    if (parts & kInventory) {
        m.inventory.clear();
        Stmt st(m_db, "SELECT rec_id, offered, provider, volume, staff_trained, gap, comment, reached FROM inventory");
        while (st.Step()) m.inventory[st.Text(0)] = ReadInventoryRow(st, 1);
    }
    if (parts & kBaselines) {
        m.baselines.clear();
        Stmt st(m_db,
                "SELECT b.id, b.name, b.taken_on, b.created_at FROM inventory_baseline b "
                "WHERE b.id NOT IN (SELECT baseline_id FROM inventory_baseline_hidden) ORDER BY b.taken_on, b.id");
        while (st.Step()) {
            InventoryBaseline b;
            b.id = st.Int(0);
            b.name = st.Text(1);
            b.takenOn = st.Text(2);
            b.createdAt = st.Text(3);
            m.baselines.push_back(std::move(b));
        }
        Stmt rows(m_db,
                  "SELECT baseline_id, rec_id, offered, provider, volume, staff_trained, gap, comment, reached "
                  "FROM inventory_baseline_row");
        while (rows.Step()) {
            int64_t id = rows.Int(0);
            for (auto& b : m.baselines)
                if (b.id == id) b.rows[rows.Text(1)] = ReadInventoryRow(rows, 2);
        }
    }
    if (parts & kPriorities) {
        m.priorities.clear();
        Stmt st(m_db, "SELECT rec_id, feasibility, position, selected FROM priority");
        while (st.Step()) {
            PriorityEntry e;
            e.feasibility = OptInt(st, 1);
            e.position = OptInt(st, 2);
            e.selected = st.Int(3) != 0;
            m.priorities[st.Text(0)] = e;
        }
    }
    if (parts & kHexagon) {
        m.hexagon.clear();
        Stmt st(m_db, "SELECT rec_id, factor, rating FROM hexagon");
        while (st.Step()) m.hexagon[st.Text(0)][st.Text(1)] = static_cast<int>(st.Int(2));
    }
    if (parts & kRounds) {
        m.rounds.clear();
        Stmt st(m_db,
                "SELECT id, instrument, name, held_on, respondents FROM readiness_round "
                "WHERE id NOT IN (SELECT round_id FROM readiness_round_hidden) ORDER BY held_on, id");
        while (st.Step()) {
            ReadinessRound r;
            r.id = st.Int(0);
            r.instrument = st.Text(1);
            r.name = st.Text(2);
            r.heldOn = st.Text(3);
            r.respondents = static_cast<int>(st.Int(4));
            m.rounds.push_back(std::move(r));
        }
        Stmt ans(m_db, "SELECT round_id, respondent, item, value FROM readiness_answer");
        while (ans.Step()) {
            int64_t id = ans.Int(0);
            for (auto& r : m.rounds)
                if (r.id == id) r.answers[{static_cast<int>(ans.Int(1)), ans.Text(2)}] = static_cast<int>(ans.Int(3));
        }
    }
}

std::vector<HistoryEntry> Store::History(int limit) const {
    std::vector<HistoryEntry> out;
    Stmt st(m_db,
            "SELECT id, action_id, at, who, label, entity, key, field, old_value, new_value, state "
            "FROM history ORDER BY id DESC LIMIT ?");
    st.Bind(1, limit);
    while (st.Step()) {
        HistoryEntry h;
        h.id = st.Int(0);
        h.actionId = st.Int(1);
        h.at = st.Text(2);
        h.who = st.Text(3);
        h.label = st.Text(4);
        h.entity = st.Text(5);
        h.key = st.Text(6);
        h.field = st.Text(7);
        h.hadOld = !st.IsNull(8);
        h.oldValue = st.Text(8);
        h.hasNew = !st.IsNull(9);
        h.newValue = st.Text(9);
        h.state = st.Text(10);
        out.push_back(std::move(h));
    }
    return out;
}

// ---- field-level access; the whitelist below is every field an action may change ----

namespace {
struct FieldSql {
    const char* entity;
    const char* field;
    const char* read;
    const char* write;  // ?1 = value (may be NULL), ?2 = key
    bool upsert = false;  // a missing row reads as empty instead of being an error
};

const FieldSql kFields[] = {
    {"project", "name", "SELECT name FROM project WHERE id = ?2", "UPDATE project SET name = ?1 WHERE id = ?2"},
    {"project", "organisation", "SELECT organisation FROM project WHERE id = ?2",
     "UPDATE project SET organisation = ?1 WHERE id = ?2"},
    {"project", "org_kind", "SELECT org_kind FROM project WHERE id = ?2", "UPDATE project SET org_kind = ?1 WHERE id = ?2"},
    {"step", "status", "SELECT status FROM step_progress WHERE step = ?2",
     "UPDATE step_progress SET status = ?1 WHERE step = ?2"},
    {"step", "started_on", "SELECT started_on FROM step_progress WHERE step = ?2",
     "UPDATE step_progress SET started_on = ?1 WHERE step = ?2"},
    {"step", "done_on", "SELECT done_on FROM step_progress WHERE step = ?2",
     "UPDATE step_progress SET done_on = ?1 WHERE step = ?2"},
    {"step", "notes", "SELECT notes FROM step_progress WHERE step = ?2",
     "UPDATE step_progress SET notes = ?1 WHERE step = ?2"},
    // Per-recommendation rows are created on first write (upsert); a missing row reads as empty.
#define STEGVIS_UPSERT(entity, table, col)                                  \
    {entity, #col, "SELECT " #col " FROM " #table " WHERE rec_id = ?2",      \
     "INSERT INTO " #table "(rec_id, " #col ") VALUES (?2, ?1) "             \
     "ON CONFLICT(rec_id) DO UPDATE SET " #col " = excluded." #col, true}
    STEGVIS_UPSERT("discussion", rec_discussion, discussed_on),
    STEGVIS_UPSERT("discussion", rec_discussion, note),
    STEGVIS_UPSERT("inventory", inventory, offered),
    STEGVIS_UPSERT("inventory", inventory, provider),
    STEGVIS_UPSERT("inventory", inventory, volume),
    STEGVIS_UPSERT("inventory", inventory, staff_trained),
    STEGVIS_UPSERT("inventory", inventory, reached),
    STEGVIS_UPSERT("inventory", inventory, gap),
    STEGVIS_UPSERT("inventory", inventory, comment),
    STEGVIS_UPSERT("priority", priority, feasibility),
    STEGVIS_UPSERT("priority", priority, position),
    STEGVIS_UPSERT("priority", priority, selected),
#undef STEGVIS_UPSERT
    {"round", "name", "SELECT name FROM readiness_round WHERE id = ?2", "UPDATE readiness_round SET name = ?1 WHERE id = ?2"},
    {"round", "held_on", "SELECT held_on FROM readiness_round WHERE id = ?2",
     "UPDATE readiness_round SET held_on = ?1 WHERE id = ?2"},
    {"round", "instrument", "SELECT instrument FROM readiness_round WHERE id = ?2",
     "UPDATE readiness_round SET instrument = ?1 WHERE id = ?2"},
    {"round", "respondents", "SELECT respondents FROM readiness_round WHERE id = ?2",
     "UPDATE readiness_round SET respondents = ?1 WHERE id = ?2"},
};

const FieldSql& FindField(const std::string& entity, const std::string& field) {
    for (const auto& f : kFields)
        if (entity == f.entity && field == f.field) return f;
    throw std::logic_error("no such field: " + entity + "." + field);
}

// "3/s03-rank" -> step 3, item "s03-rank"
std::pair<int, std::string> SplitTickKey(const std::string& key) {
    auto pos = key.find('/');
    if (pos == std::string::npos) throw std::logic_error("bad checklist key: " + key);
    return {std::stoi(key.substr(0, pos)), key.substr(pos + 1)};
}
}  // namespace

std::optional<std::string> Store::ReadField(const std::string& entity, const std::string& key,
                                            const std::string& field) const {
    if (entity == "tick") {
        auto [step, item] = SplitTickKey(key);
        Stmt st(m_db, "SELECT ticked_on FROM checklist_tick WHERE step = ? AND item = ?");
        st.Bind(1, step).Bind(2, item);
        if (st.Step()) return st.Text(0);
        return std::nullopt;
    }
    if (entity == "decision" && field == "withdrawn") {
        Stmt st(m_db, "SELECT withdrawn_at FROM decision_withdrawal WHERE decision_id = ?");
        st.Bind(1, static_cast<int64_t>(std::stoll(key)));
        if (st.Step()) return st.Text(0);
        return std::nullopt;
    }
    if (auto composite = ReadComposite(entity, key, field); composite.first) return composite.second;
    const FieldSql& f = FindField(entity, field);
    Stmt st(m_db, f.read);
    st.Bind(2, key);
    if (!st.Step()) {
        if (f.upsert) return std::nullopt;
        throw std::logic_error("no such record: " + entity + " " + key);
    }
    if (st.IsNull(0)) return std::nullopt;
    return st.Text(0);
}

void Store::WriteField(const std::string& entity, const std::string& key, const std::string& field,
                       const std::optional<std::string>& value) {
    if (entity == "tick") {
        auto [step, item] = SplitTickKey(key);
        if (value) {
            Stmt st(m_db, "INSERT OR REPLACE INTO checklist_tick(step, item, ticked_on) VALUES (?, ?, ?)");
            st.Bind(1, step).Bind(2, item).Bind(3, *value).Run();
        } else {
            Stmt st(m_db, "DELETE FROM checklist_tick WHERE step = ? AND item = ?");
            st.Bind(1, step).Bind(2, item).Run();
        }
        return;
    }
    if (entity == "decision" && field == "withdrawn") {
        int64_t id = std::stoll(key);
        if (value) {
            Stmt st(m_db, "INSERT OR REPLACE INTO decision_withdrawal(decision_id, withdrawn_at) VALUES (?, ?)");
            st.Bind(1, id).Bind(2, *value).Run();
        } else {
            Stmt st(m_db, "DELETE FROM decision_withdrawal WHERE decision_id = ?");
            st.Bind(1, id).Run();
        }
        return;
    }
    if (WriteComposite(entity, key, field, value)) return;
    const FieldSql& f = FindField(entity, field);
    Stmt st(m_db, f.write);
    st.Bind(1, value).Bind(2, key).Run();
    if (m_db.Changes() != 1) throw std::logic_error("no such record: " + entity + " " + key);
}

// Entities whose presence is the value: a Hexagon rating ("BI-04/need"), a readiness answer
// ("3/2/oric-05"), and the hidden flag of a baseline or round (undo of their creation).
std::pair<bool, std::optional<std::string>> Store::ReadComposite(const std::string& entity, const std::string& key,
                                                                 const std::string& field) const {
    auto one = [&](const char* sql, auto bind) -> std::optional<std::string> {
        Stmt st(m_db, sql);
        bind(st);
        if (st.Step() && !st.IsNull(0)) return st.Text(0);
        return std::nullopt;
    };
    if (entity == "hexagon" && field == "rating") {
        auto parts = Split(key, '/');
        return {true, one("SELECT rating FROM hexagon WHERE rec_id = ? AND factor = ?",
                          [&](Stmt& st) { st.Bind(1, parts.at(0)).Bind(2, parts.at(1)); })};
    }
    if (entity == "answer" && field == "value") {
        auto parts = Split(key, '/');
        return {true, one("SELECT value FROM readiness_answer WHERE round_id = ? AND respondent = ? AND item = ?",
                          [&](Stmt& st) {
                              st.Bind(1, static_cast<int64_t>(std::stoll(parts.at(0))))
                                  .Bind(2, std::stoi(parts.at(1)))
                                  .Bind(3, parts.at(2));
                          })};
    }
    if (const RecordKind* kind = FindRecordKind(entity)) {
        // Identifiers come from the declared fields only, never from input.
        if (field != "removed_at" && !kind->Field(field)) throw std::logic_error("no such field: " + entity + "." + field);
        std::string sql = std::string("SELECT ") + field + " FROM " + kind->table + " WHERE id = ?";
        Stmt st(m_db, sql.c_str());
        st.Bind(1, static_cast<int64_t>(std::stoll(key)));
        if (!st.Step()) throw std::logic_error("no such record: " + entity + " " + key);
        if (st.IsNull(0)) return {true, std::nullopt};
        return {true, st.Text(0)};
    }
    if (entity == "point") {
        auto parts = Split(key, '/');
        static const std::set<std::string> kCols = {"numerator", "denominator", "note"};
        if (!kCols.count(field)) throw std::logic_error("no such field: point." + field);
        std::string sql = "SELECT " + field + " FROM measure_point WHERE measure_id = ? AND period = ?";
        auto v = one(sql.c_str(), [&](Stmt& st) { st.Bind(1, static_cast<int64_t>(std::stoll(parts.at(0)))).Bind(2, parts.at(1)); });
        if (v && field != "note" && v->size() > 2 && v->compare(v->size() - 2, 2, ".0") == 0) v->resize(v->size() - 2);
        return {true, v};
    }
    if (entity == "istep") {
        auto parts = Split(key, '/');
        static const std::set<std::string> kCols = {"status", "started_on", "done_on", "notes"};
        if (!kCols.count(field)) throw std::logic_error("no such field: istep." + field);
        std::string sql = "SELECT " + field + " FROM initiative_step WHERE initiative_id = ? AND step = ?";
        return {true, one(sql.c_str(), [&](Stmt& st) {
                    st.Bind(1, static_cast<int64_t>(std::stoll(parts.at(0)))).Bind(2, std::stoi(parts.at(1)));
                })};
    }
    if (entity == "itick") {
        auto parts = Split(key, '/');
        return {true, one("SELECT ticked_on FROM initiative_tick WHERE initiative_id = ? AND step = ? AND item = ?",
                          [&](Stmt& st) {
                              st.Bind(1, static_cast<int64_t>(std::stoll(parts.at(0))))
                                  .Bind(2, std::stoi(parts.at(1)))
                                  .Bind(3, parts.at(2));
                          })};
    }
    if (entity == "baseline" && field == "hidden")
        return {true, one("SELECT hidden_at FROM inventory_baseline_hidden WHERE baseline_id = ?",
                          [&](Stmt& st) { st.Bind(1, static_cast<int64_t>(std::stoll(key))); })};
    if (entity == "round" && field == "hidden")
        return {true, one("SELECT hidden_at FROM readiness_round_hidden WHERE round_id = ?",
                          [&](Stmt& st) { st.Bind(1, static_cast<int64_t>(std::stoll(key))); })};
    return {false, std::nullopt};
}

bool Store::WriteComposite(const std::string& entity, const std::string& key, const std::string& field,
                           const std::optional<std::string>& value) {
    if (entity == "hexagon" && field == "rating") {
        auto parts = Split(key, '/');
        if (value) {
            Stmt st(m_db, "INSERT OR REPLACE INTO hexagon(rec_id, factor, rating) VALUES (?, ?, ?)");
            st.Bind(1, parts.at(0)).Bind(2, parts.at(1)).Bind(3, std::stoi(*value)).Run();
        } else {
            Stmt st(m_db, "DELETE FROM hexagon WHERE rec_id = ? AND factor = ?");
            st.Bind(1, parts.at(0)).Bind(2, parts.at(1)).Run();
        }
        return true;
    }
    if (entity == "answer" && field == "value") {
        auto parts = Split(key, '/');
        int64_t round = std::stoll(parts.at(0));
        int respondent = std::stoi(parts.at(1));
        if (value) {
            Stmt st(m_db, "INSERT OR REPLACE INTO readiness_answer(round_id, respondent, item, value) VALUES (?, ?, ?, ?)");
            st.Bind(1, round).Bind(2, respondent).Bind(3, parts.at(2)).Bind(4, std::stoi(*value)).Run();
        } else {
            Stmt st(m_db, "DELETE FROM readiness_answer WHERE round_id = ? AND respondent = ? AND item = ?");
            st.Bind(1, round).Bind(2, respondent).Bind(3, parts.at(2)).Run();
        }
        return true;
    }
    if (const RecordKind* kind = FindRecordKind(entity)) {
        if (field != "removed_at" && !kind->Field(field)) throw std::logic_error("no such field: " + entity + "." + field);
        std::string sql = std::string("UPDATE ") + kind->table + " SET " + field + " = ? WHERE id = ?";
        Stmt st(m_db, sql.c_str());
        st.Bind(1, value).Bind(2, static_cast<int64_t>(std::stoll(key))).Run();
        if (m_db.Changes() != 1) throw std::logic_error("no such record: " + entity + " " + key);
        return true;
    }
    if (entity == "istep") {
        auto parts = Split(key, '/');
        static const std::set<std::string> kCols = {"status", "started_on", "done_on", "notes"};
        if (!kCols.count(field)) throw std::logic_error("no such field: istep." + field);
        std::string sql = "INSERT INTO initiative_step(initiative_id, step, " + field + ") VALUES (?, ?, ?) " +
                          "ON CONFLICT(initiative_id, step) DO UPDATE SET " + field + " = excluded." + field;
        Stmt st(m_db, sql.c_str());
        st.Bind(1, static_cast<int64_t>(std::stoll(parts.at(0)))).Bind(2, std::stoi(parts.at(1))).Bind(3, value).Run();
        return true;
    }
    if (entity == "point") {
        auto parts = Split(key, '/');
        static const std::set<std::string> kCols = {"numerator", "denominator", "note"};
        if (!kCols.count(field)) throw std::logic_error("no such field: point." + field);
        std::string sql = "INSERT INTO measure_point(measure_id, period, " + field + ") VALUES (?, ?, ?) " +
                          "ON CONFLICT(measure_id, period) DO UPDATE SET " + field + " = excluded." + field;
        Stmt st(m_db, sql.c_str());
        st.Bind(1, static_cast<int64_t>(std::stoll(parts.at(0)))).Bind(2, parts.at(1)).Bind(3, value).Run();
        // A period with nothing left in it is a gap again: no row.
        Stmt gc(m_db, "DELETE FROM measure_point WHERE measure_id = ? AND period = ? AND numerator IS NULL "
                      "AND denominator IS NULL AND coalesce(note, '') = ''");
        gc.Bind(1, static_cast<int64_t>(std::stoll(parts.at(0)))).Bind(2, parts.at(1)).Run();
        return true;
    }
    if (entity == "itick") {
        auto parts = Split(key, '/');
        int64_t init = std::stoll(parts.at(0));
        int step = std::stoi(parts.at(1));
        if (value) {
            Stmt st(m_db, "INSERT OR REPLACE INTO initiative_tick(initiative_id, step, item, ticked_on) VALUES (?, ?, ?, ?)");
            st.Bind(1, init).Bind(2, step).Bind(3, parts.at(2)).Bind(4, *value).Run();
        } else {
            Stmt st(m_db, "DELETE FROM initiative_tick WHERE initiative_id = ? AND step = ? AND item = ?");
            st.Bind(1, init).Bind(2, step).Bind(3, parts.at(2)).Run();
        }
        return true;
    }
    const char* insert = nullptr;
    const char* remove = nullptr;
    if (entity == "baseline" && field == "hidden") {
        insert = "INSERT OR REPLACE INTO inventory_baseline_hidden(baseline_id, hidden_at) VALUES (?, ?)";
        remove = "DELETE FROM inventory_baseline_hidden WHERE baseline_id = ?";
    } else if (entity == "round" && field == "hidden") {
        insert = "INSERT OR REPLACE INTO readiness_round_hidden(round_id, hidden_at) VALUES (?, ?)";
        remove = "DELETE FROM readiness_round_hidden WHERE round_id = ?";
    } else {
        return false;
    }
    int64_t id = std::stoll(key);
    if (value) {
        Stmt st(m_db, insert);
        st.Bind(1, id).Bind(2, *value).Run();
    } else {
        Stmt st(m_db, remove);
        st.Bind(1, id).Run();
    }
    return true;
}

int64_t Store::InsertRecord(const std::string& kindName, int64_t initiative,
                            const std::map<std::string, std::string>& fields) {
    const RecordKind* kind = FindRecordKind(kindName);
    if (!kind) throw std::logic_error("no such record kind: " + kindName);
    std::string cols, marks;
    std::vector<const std::string*> values;
    if (kind->perInitiative) {
        cols = "initiative_id";
        marks = "?";
    }
    for (const auto& [name, value] : fields) {
        if (!kind->Field(name)) throw std::logic_error("no such field: " + kindName + "." + name);
        cols += (cols.empty() ? "" : ", ") + name;
        marks += marks.empty() ? "?" : ", ?";
        values.push_back(&value);
    }
    std::string sql = std::string("INSERT INTO ") + kind->table + "(" + cols + ") VALUES (" + marks + ")";
    Stmt st(m_db, sql.c_str());
    int idx = 1;
    if (kind->perInitiative) st.Bind(idx++, initiative);
    for (const std::string* v : values) {
        if (v->empty()) st.BindNull(idx++);
        else st.Bind(idx++, *v);
    }
    st.Run();
    return m_db.LastInsertId();
}

int Store::CountReferences(const std::string& memberId) const {
    Stmt st(m_db,
            "SELECT (SELECT count(*) FROM activity a JOIN initiative i ON i.id = a.initiative_id "
            "        WHERE a.responsible = ?1 AND a.removed_at IS NULL AND i.removed_at IS NULL "
            "          AND coalesce(a.status, '') <> 'done') "
            "     + (SELECT count(*) FROM resource r JOIN initiative i ON i.id = r.initiative_id "
            "        WHERE r.responsible = ?1 AND r.removed_at IS NULL AND i.removed_at IS NULL)");
    st.Bind(1, static_cast<int64_t>(std::stoll(memberId)));
    return st.Step() ? static_cast<int>(st.Int(0)) : 0;
}

std::vector<std::pair<int64_t, std::string>> Store::MembersWithRole(const std::string& role) const {
    std::vector<std::pair<int64_t, std::string>> out;
    Stmt st(m_db, "SELECT id, name FROM team_member WHERE role = ? AND removed_at IS NULL ORDER BY id");
    st.Bind(1, role);
    while (st.Step()) out.emplace_back(st.Int(0), st.Text(1));
    return out;
}

namespace {
void ReadRecordKind(const Db& db, const RecordKind& kind, ProjectModel& m);
}  // namespace

void Store::LoadRecords(ProjectModel& m, bool records, bool points, const std::set<int64_t>& measures) const {
    if (records) {
        m.records.clear();
        m.initiativeSteps.clear();
        for (const RecordKind& kind : RecordKinds()) ReadRecordKind(m_db, kind, m);
        Stmt steps(m_db,
                   "SELECT initiative_id, step, status, started_on, done_on, notes FROM initiative_step "
                   "WHERE initiative_id IN (SELECT id FROM initiative WHERE removed_at IS NULL)");
        while (steps.Step()) {
            StepProgress p = ReadStepProgress(steps, 1);
            m.initiativeSteps[steps.Int(0)][p.step] = std::move(p);
        }
        Stmt ticks(m_db, "SELECT initiative_id, step, item FROM initiative_tick");
        while (ticks.Step()) {
            auto& p = m.initiativeSteps[ticks.Int(0)][static_cast<int>(ticks.Int(1))];
            p.step = static_cast<int>(ticks.Int(1));
            p.ticked.insert(ticks.Text(2));
        }
    }
    if (!points) return;
    if (measures.empty()) {
        m.points.clear();
        Stmt pts(m_db, "SELECT measure_id, period, numerator, denominator, note FROM measure_point ORDER BY measure_id, period");
        while (pts.Step()) m.points[pts.Int(0)][pts.Text(1)] = ReadPoint(pts, 2);
        return;
    }
    // Only the measures an edit touched: a national project has many thousands of points.
    Stmt pts(m_db, "SELECT period, numerator, denominator, note FROM measure_point WHERE measure_id = ? ORDER BY period");
    for (int64_t measure : measures) {
        auto& list = m.points[measure];
        list.clear();
        pts.Reset();
        pts.Bind(1, measure);
        while (pts.Step()) list[pts.Text(0)] = ReadPoint(pts, 1);
        if (list.empty()) m.points.erase(measure);
    }
}

int64_t Store::InsertBaseline(const std::string& name, const std::string& takenOn) {
    Stmt st(m_db, "INSERT INTO inventory_baseline(name, taken_on, created_at) VALUES (?, ?, ?)");
    st.Bind(1, name).Bind(2, takenOn).Bind(3, NowIsoSeconds()).Run();
    int64_t id = m_db.LastInsertId();
    Stmt copy(m_db,
              "INSERT INTO inventory_baseline_row(baseline_id, rec_id, offered, provider, volume, staff_trained, gap, comment, reached) "
              "SELECT ?, rec_id, offered, provider, volume, staff_trained, gap, comment, reached FROM inventory");
    copy.Bind(1, id).Run();
    return id;
}

int64_t Store::InsertRound(const std::string& instrument, const std::string& name, const std::string& heldOn) {
    Stmt st(m_db, "INSERT INTO readiness_round(instrument, name, held_on, created_at) VALUES (?, ?, ?, ?)");
    st.Bind(1, instrument).Bind(2, name).Bind(3, heldOn).Bind(4, NowIsoSeconds()).Run();
    return m_db.LastInsertId();
}

int64_t Store::InsertDecision(const Decision& d) {
    Stmt st(m_db,
            "INSERT INTO decision(step, decided_on, title, rationale, participants, recorded_at, recorded_by) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)");
    st.Bind(1, d.step).Bind(2, d.decidedOn).Bind(3, d.title).Bind(4, d.rationale).Bind(5, d.participants);
    st.Bind(6, d.recordedAt).Bind(7, d.recordedBy).Run();
    int64_t id = m_db.LastInsertId();
    Stmt rec(m_db, "INSERT INTO decision_recommendation(decision_id, rec_id) VALUES (?, ?)");
    for (const auto& r : d.recommendations) {
        rec.Reset();
        rec.Bind(1, id).Bind(2, r).Run();
    }
    return id;
}

bool Store::NameInUse(const std::string& entity, const std::string& name) const {
    const char* sql = nullptr;
    if (entity == "baseline")
        sql = "SELECT count(*) FROM inventory_baseline WHERE name = ? "
              "AND id NOT IN (SELECT baseline_id FROM inventory_baseline_hidden)";
    else if (entity == "round")
        sql = "SELECT count(*) FROM readiness_round WHERE name = ? AND id NOT IN (SELECT round_id FROM readiness_round_hidden)";
    else
        throw std::logic_error("NameInUse: " + entity);
    Stmt st(m_db, sql);
    st.Bind(1, name);
    return st.Step() && st.Int(0) > 0;
}

bool Store::RoundExists(int64_t id) const {
    Stmt st(m_db, "SELECT count(*) FROM readiness_round WHERE id = ? AND id NOT IN (SELECT round_id FROM readiness_round_hidden)");
    st.Bind(1, id);
    return st.Step() && st.Int(0) > 0;
}

std::vector<std::string> Store::PositionedRecommendations() const {
    std::vector<std::string> out;
    Stmt st(m_db, "SELECT rec_id FROM priority WHERE position IS NOT NULL ORDER BY position");
    while (st.Step()) out.push_back(st.Text(0));
    return out;
}

std::vector<std::pair<int, std::string>> Store::RoundAnswerKeys(int64_t round) const {
    std::vector<std::pair<int, std::string>> out;
    Stmt st(m_db, "SELECT respondent, item FROM readiness_answer WHERE round_id = ? ORDER BY respondent, item");
    st.Bind(1, round);
    while (st.Step()) out.emplace_back(static_cast<int>(st.Int(0)), st.Text(1));
    return out;
}

int64_t Store::NextActionId() const { return PragmaInt(m_db, "SELECT coalesce(max(action_id), 0) + 1 FROM history"); }

int64_t Store::RecordHistory(int64_t actionId, const std::string& who, const std::string& label, const FieldChange& c,
                             const std::string& at) {
    Stmt st(m_db,
            "INSERT INTO history(action_id, at, who, label, entity, key, field, old_value, new_value) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    st.Bind(1, actionId).Bind(2, at).Bind(3, who).Bind(4, label).Bind(5, c.entity).Bind(6, c.key);
    st.Bind(7, c.field).Bind(8, c.oldValue).Bind(9, c.newValue).Run();
    return m_db.LastInsertId();
}

std::optional<int64_t> Store::LastDoneAction() const {
    Stmt st(m_db, "SELECT max(action_id) FROM history WHERE state = 'done'");
    if (st.Step() && !st.IsNull(0)) return st.Int(0);
    return std::nullopt;
}

std::optional<int64_t> Store::FirstUndoneAction() const {
    Stmt st(m_db, "SELECT min(action_id) FROM history WHERE state = 'undone'");
    if (st.Step() && !st.IsNull(0)) return st.Int(0);
    return std::nullopt;
}

std::vector<HistoryEntry> Store::ActionEntries(int64_t actionId) const {
    std::vector<HistoryEntry> out;
    Stmt st(m_db,
            "SELECT id, label, entity, key, field, old_value, new_value, state FROM history WHERE action_id = ? ORDER BY id");
    st.Bind(1, actionId);
    while (st.Step()) {
        HistoryEntry h;
        h.id = st.Int(0);
        h.actionId = actionId;
        h.label = st.Text(1);
        h.entity = st.Text(2);
        h.key = st.Text(3);
        h.field = st.Text(4);
        h.hadOld = !st.IsNull(5);
        h.oldValue = st.Text(5);
        h.hasNew = !st.IsNull(6);
        h.newValue = st.Text(6);
        h.state = st.Text(7);
        out.push_back(std::move(h));
    }
    return out;
}

void Store::SetActionState(int64_t actionId, const std::string& state) {
    Stmt st(m_db, "UPDATE history SET state = ? WHERE action_id = ?");
    st.Bind(1, state).Bind(2, actionId).Run();
}

void Store::DropUndone() { m_db.Exec("UPDATE history SET state = 'dropped' WHERE state = 'undone'"); }

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
        if (CheckedVersion(ro, path) == kLatest) {
            try {
                if (readLimitSeconds > 0) LimitReadTime(ro, readLimitSeconds);  // as the copy got its own
                CheckOpenedContents(ro, path);
            } catch (const SqliteError& e) {
                ThrowOpenFailure(e, path);
            }
            return ReadOverviewFrom(ro);
        }
    }
    return ReadOverviewFrom(OpenReadOnly(path, readLimitSeconds).m_db);
}

namespace {

// The rows of one record kind not removed, as LoadRecords reads them.
void ReadRecordKind(const Db& db, const RecordKind& kind, ProjectModel& m) {
    std::string sql = "SELECT id";
    if (kind.perInitiative) sql += ", initiative_id";
    for (const auto& f : kind.fields) sql += std::string(", ") + f.name;
    sql += std::string(" FROM ") + kind.table + " WHERE removed_at IS NULL ORDER BY id";
    Stmt st(db, sql.c_str());
    auto& list = m.records[kind.kind];
    while (st.Step()) {
        Record r;
        int col = 0;
        r.id = st.Int(col++);
        if (kind.perInitiative) r.initiative = st.Int(col++);
        for (const auto& f : kind.fields) {
            if (!st.IsNull(col)) {
                std::string value = st.Text(col);
                // Numbers stored as REAL read back as "1200.0"; show them as people write them.
                if (f.type == FieldType::Number && value.size() > 2 && value.compare(value.size() - 2, 2, ".0") == 0)
                    value.resize(value.size() - 2);
                r.fields[f.name] = std::move(value);
            }
            ++col;
        }
        list.push_back(std::move(r));
    }
}

}  // namespace

ProjectModel Store::ReadOverviewFrom(const Db& db) {
    ReadTransaction snapshot(db);
    ProjectModel m;
    {
        Stmt st(db, "SELECT name, organisation, org_kind, catalog_edition, created_on FROM project WHERE id = 1");
        if (st.Step()) {
            m.project.name = st.Text(0);
            m.project.organisation = st.Text(1);
            ParseOrgKind(st.Text(2), &m.project.kind);
            m.project.catalogEdition = st.Text(3);
            m.project.createdOn = st.Text(4);
        }
    }
    {
        Stmt st(db, "SELECT step, status, started_on, done_on, notes FROM step_progress ORDER BY step");
        while (st.Step()) {
            StepProgress p;
            p.step = static_cast<int>(st.Int(0));
            ParseStepStatus(st.Text(1), &p.status);
            p.startedOn = st.Text(2);
            p.doneOn = st.Text(3);
            p.notes = st.Text(4);
            m.steps.push_back(std::move(p));
        }
        Stmt ticks(db, "SELECT step, item FROM checklist_tick");
        while (ticks.Step()) {
            int step = static_cast<int>(ticks.Int(0));
            if (step >= 1 && step <= static_cast<int>(m.steps.size())) m.steps[static_cast<size_t>(step - 1)].ticked.insert(ticks.Text(1));
        }
    }
    {
        Stmt st(db, "SELECT rec_id, offered, provider, volume, staff_trained, gap, comment, reached FROM inventory");
        while (st.Step()) m.inventory[st.Text(0)] = ReadInventoryRow(st, 1);
    }
    // The initiatives, and what their signals are worked out from.
    for (const char* kind : {"initiative", "measure", "pdsa"}) ReadRecordKind(db, *FindRecordKind(kind), m);
    {
        Stmt steps(db,
                   "SELECT initiative_id, step, status, started_on, done_on, notes FROM initiative_step "
                   "WHERE initiative_id IN (SELECT id FROM initiative WHERE removed_at IS NULL)");
        while (steps.Step()) {
            StepProgress p;
            p.step = static_cast<int>(steps.Int(1));
            ParseStepStatus(steps.Text(2), &p.status);
            p.startedOn = steps.Text(3);
            p.doneOn = steps.Text(4);
            p.notes = steps.Text(5);
            m.initiativeSteps[steps.Int(0)][p.step] = std::move(p);
        }
        Stmt ticks(db, "SELECT initiative_id, step, item FROM initiative_tick");
        while (ticks.Step()) {
            auto& p = m.initiativeSteps[ticks.Int(0)][static_cast<int>(ticks.Int(1))];
            p.step = static_cast<int>(ticks.Int(1));
            p.ticked.insert(ticks.Text(2));
        }
    }
    {
        Stmt pts(db, "SELECT measure_id, period, numerator, denominator, note FROM measure_point ORDER BY measure_id, period");
        while (pts.Step()) {
            PointRow row;
            if (!pts.IsNull(2)) row.numerator = pts.Real(2);
            if (!pts.IsNull(3)) row.denominator = pts.Real(3);
            row.note = pts.Text(4);
            m.points[pts.Int(0)][pts.Text(1)] = std::move(row);
        }
    }
    {
        Stmt st(db, "SELECT max(at) FROM history");
        if (st.Step()) m.lastChangeAt = st.Text(0);
    }
    return m;
}

}  // namespace stegvis
