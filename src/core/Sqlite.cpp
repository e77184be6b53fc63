#include "core/Sqlite.hpp"

#include <utility>

namespace stegvis {

Db::Db(const std::string& path, int flags) {
    int rc = sqlite3_open_v2(path.c_str(), &m_db, flags, nullptr);
    if (rc != SQLITE_OK) {
        std::string msg = m_db ? sqlite3_errmsg(m_db) : sqlite3_errstr(rc);
        sqlite3_close(m_db);
        m_db = nullptr;
        throw SqliteError(rc, msg);
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

void Db::Throw(int rc, const std::string& context) const {
    std::string msg = m_db ? sqlite3_errmsg(m_db) : sqlite3_errstr(rc);
    throw SqliteError(rc, context.empty() ? msg : context + ": " + msg);
}

void Db::Exec(const std::string& sql) {
    char* err = nullptr;
    int rc = sqlite3_exec(m_db, sql.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
        std::string msg = err ? err : sqlite3_errstr(rc);
        sqlite3_free(err);
        throw SqliteError(rc, msg);
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

}  // namespace stegvis
