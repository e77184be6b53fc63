#include "store/Sqlite.hpp"

#include <algorithm>
#include <cstring>
#include <utility>

namespace stegvis {

namespace {
// SQLite counts every allocation in process-wide statistics behind one mutex, which threads
// reading units side by side would take turns on; nothing here reads the statistics. Set before
// SQLite's first use (it refuses the setting afterwards, and then keeps counting).
void TurnOffMemoryStatistics() {
    static const bool done = [] {
        sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
        return true;
    }();
    (void)done;
}
}  // namespace

Db::Db(const std::string& path, int flags) {
    TurnOffMemoryStatistics();
    // A connection is used by one thread at a time (the roll-up gives each unit its own), so
    // SQLite need not lock a mutex on every call: NOMUTEX roughly halves the cost of reading.
    int rc = sqlite3_open_v2(path.c_str(), &m_db, flags | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        std::string msg = m_db ? sqlite3_errmsg(m_db) : sqlite3_errstr(rc);
        sqlite3_close(m_db);
        m_db = nullptr;
        throw SqliteError(rc, path + ": " + msg, 0, msg);
    }
    sqlite3_extended_result_codes(m_db, 1);
}

Db::~Db() {
    if (m_db) sqlite3_close_v2(m_db);
}

Db::Db(Db&& o) noexcept : m_db(std::exchange(o.m_db, nullptr)) {}

Db& Db::operator=(Db&& o) noexcept {
    if (this != &o) {
        if (m_db) sqlite3_close_v2(m_db);
        m_db = std::exchange(o.m_db, nullptr);
    }
    return *this;
}

namespace {
bool IsFileFailure(int rc) {
    int primary = rc & 0xff;
    return primary == SQLITE_IOERR || primary == SQLITE_FULL || primary == SQLITE_CANTOPEN ||
           primary == SQLITE_READONLY;
}

// For failures that come from the file system, the system's reason ("File too large") says
// more than SQLite's generic "disk I/O error", and the file's name says where.
[[noreturn]] void ThrowFailure(sqlite3* db, int rc, const std::string& msg) {
    if (!db || !IsFileFailure(rc)) throw SqliteError(rc, msg);
    int sys = sqlite3_system_errno(db);
    std::string reason = sys != 0 ? msg + " (" + std::strerror(sys) + ")" : msg;
    const char* file = sqlite3_db_filename(db, "main");
    std::string what = file && *file ? std::string(file) + ": " + reason : reason;
    throw SqliteError(rc, what, sys, reason);
}
}  // namespace

void Db::Throw(int rc, const std::string& context) const {
    std::string msg = m_db ? sqlite3_errmsg(m_db) : sqlite3_errstr(rc);
    ThrowFailure(m_db, rc, context.empty() ? msg : context + ": " + msg);
}

void Db::Exec(const std::string& sql) {
    char* err = nullptr;
    int rc = sqlite3_exec(m_db, sql.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
        std::string msg = err ? err : sqlite3_errstr(rc);
        sqlite3_free(err);
        ThrowFailure(m_db, rc, msg);
    }
}

int64_t Db::LastInsertId() const { return sqlite3_last_insert_rowid(m_db); }
int Db::Changes() const { return sqlite3_changes(m_db); }

Stmt::Stmt(const Db& db, const char* sql) : m_db(db) {
    int rc = sqlite3_prepare_v2(db.Handle(), sql, -1, &m_stmt, nullptr);
    if (rc != SQLITE_OK) db.Throw(rc, std::string("prepare: ") + sql);
}

Stmt::~Stmt() { sqlite3_finalize(m_stmt); }

Stmt& Stmt::Bind(int idx, int64_t v) {
    int rc = sqlite3_bind_int64(m_stmt, idx, v);
    if (rc != SQLITE_OK) m_db.Throw(rc, "bind");
    return *this;
}

Stmt& Stmt::Bind(int idx, double v) {
    int rc = sqlite3_bind_double(m_stmt, idx, v);
    if (rc != SQLITE_OK) m_db.Throw(rc, "bind");
    return *this;
}

Stmt& Stmt::Bind(int idx, const std::string& v) {
    int rc = sqlite3_bind_text(m_stmt, idx, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    if (rc != SQLITE_OK) m_db.Throw(rc, "bind");
    return *this;
}

Stmt& Stmt::BindNull(int idx) {
    int rc = sqlite3_bind_null(m_stmt, idx);
    if (rc != SQLITE_OK) m_db.Throw(rc, "bind");
    return *this;
}

bool Stmt::Step() {
    int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    m_db.Throw(rc, "");
}

void Stmt::Run() {
    while (Step()) {
    }
}

void Stmt::Reset() {
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

int64_t Stmt::Int(int col) const { return sqlite3_column_int64(m_stmt, col); }
double Stmt::Real(int col) const { return sqlite3_column_double(m_stmt, col); }
bool Stmt::IsNull(int col) const { return sqlite3_column_type(m_stmt, col) == SQLITE_NULL; }

int Stmt::Type(int col) const { return sqlite3_column_type(m_stmt, col); }

std::string_view Stmt::TextView(int col) const {
    const unsigned char* p = sqlite3_column_text(m_stmt, col);
    if (!p) return {};
    return std::string_view(reinterpret_cast<const char*>(p), static_cast<size_t>(sqlite3_column_bytes(m_stmt, col)));
}

std::string Stmt::Text(int col) const {
    const unsigned char* p = sqlite3_column_text(m_stmt, col);
    if (!p) return {};
    return std::string(reinterpret_cast<const char*>(p), static_cast<size_t>(sqlite3_column_bytes(m_stmt, col)));
}

Transaction::Transaction(Db& db) : m_db(db) { m_db.Exec("BEGIN IMMEDIATE"); }

Transaction::~Transaction() {
    if (!m_done) {
        try {
            m_db.Exec("ROLLBACK");
        } catch (...) {
            // Nothing more can be done in a destructor; SQLite rolls back on close anyway.
        }
    }
}

void Transaction::Commit() {
    m_db.Exec("COMMIT");
    m_done = true;
}

ReadTransaction::ReadTransaction(const Db& db) : m_db(db) {
    if (!sqlite3_get_autocommit(m_db.Handle())) return;  // already inside one: that one holds the snapshot
    m_began = true;
    const_cast<Db&>(m_db).Exec("BEGIN");
    Stmt first(m_db, "SELECT count(*) FROM sqlite_master");  // the snapshot starts at the first read
    first.Step();
}

ReadTransaction::~ReadTransaction() {
    if (!m_began) return;
    try {
        const_cast<Db&>(m_db).Exec("COMMIT");
    } catch (...) {
    }
}

OnlineBackup::OnlineBackup(Db& to, Db& from) : m_to(to) {
    m_backup = sqlite3_backup_init(to.Handle(), "main", from.Handle(), "main");
    if (!m_backup) to.Throw(sqlite3_errcode(to.Handle()), "backup");
}

OnlineBackup::~OnlineBackup() {
    if (m_backup) sqlite3_backup_finish(m_backup);
}

bool OnlineBackup::Step(int pages, int busyMs, int& waited) {
    for (;;) {
        const int rc = sqlite3_backup_step(m_backup, pages);
        if (rc == SQLITE_DONE) return true;
        if (rc == SQLITE_OK) return false;
        const int primary = rc & 0xff;
        if ((primary == SQLITE_BUSY || primary == SQLITE_LOCKED) && waited < busyMs) {
            sqlite3_sleep(20);
            waited += 20;
            continue;
        }
        // The error's code and message are attached to the destination once the backup is finished.
        sqlite3_backup_finish(m_backup);
        m_backup = nullptr;
        m_to.Throw(rc, "backup");
    }
}

void OnlineBackup::Finish() {
    const int rc = sqlite3_backup_finish(m_backup);
    m_backup = nullptr;
    if (rc != SQLITE_OK) m_to.Throw(rc, "backup");
}

void OnlineBackup::Run(int busyMs) {
    int waited = 0;
    while (!Step(-1, busyMs, waited)) {
    }
    Finish();
}

void OnlineBackup::Run(int busyMs, TaskProgress& progress, bool finalCommit) {
    const size_t base = progress.done.load();
    int waited = 0;
    int perStep = 0;  // pages per step: about a fiftieth of the file, at least 8
    for (;;) {
        progress.ThrowIfCancelled();  // the destructor abandons the copy: the destination rolls back
        // Pages and remaining are known after the first call; a call for no pages learns them
        // without copying, so the committing step is known before it is taken.
        int n = 0;
        if (perStep > 0) {
            if (finalCommit && sqlite3_backup_remaining(m_backup) <= perStep && progress.cancellable)
                progress.PointOfNoReturn();
            n = perStep;
        }
        const bool done = Step(n, busyMs, waited);
        const int nowPages = sqlite3_backup_pagecount(m_backup);
        const int nowRemaining = sqlite3_backup_remaining(m_backup);
        if (perStep == 0) perStep = std::max(8, nowPages / 50);
        const size_t copied = static_cast<size_t>(std::max(0, nowPages - nowRemaining));
        if (progress.total.load() < base + static_cast<size_t>(nowPages)) progress.total = base + static_cast<size_t>(nowPages);
        progress.Report(base + copied);
        if (done) break;
    }
    Finish();
}

}  // namespace stegvis
