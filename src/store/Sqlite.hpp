// Thin RAII over the SQLite C API: a connection, prepared statements with bound parameters
// only, and transactions that roll back unless committed.
#pragma once
#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "base/Progress.hpp"

namespace stegvis {

// A failure of the file itself (disk full, I/O error, cannot open, read-only) starts with the
// database file's name: "FILE: database or disk is full".
class SqliteError : public std::runtime_error {
public:
    SqliteError(int code, const std::string& what, int sysErrno = 0, std::string reason = {})
        : std::runtime_error(what), m_code(code), m_sysErrno(sysErrno), m_reason(std::move(reason)) {}
    int Code() const { return m_code; }  // extended result code
    // The operating system's errno behind an I/O failure (EFBIG, EROFS ...) when SQLite knows it, else 0.
    int SysErrno() const { return m_sysErrno; }
    // The message without the file name in front.
    std::string Reason() const { return m_reason.empty() ? what() : m_reason; }

private:
    int m_code;
    int m_sysErrno;
    std::string m_reason;
};

class Db {
public:
    Db() = default;
    Db(const std::string& path, int flags);
    ~Db();
    Db(const Db&) = delete;
    Db& operator=(const Db&) = delete;
    Db(Db&& o) noexcept;
    Db& operator=(Db&& o) noexcept;

    sqlite3* Handle() const { return m_db; }
    bool IsOpen() const { return m_db != nullptr; }
    void Exec(const std::string& sql);
    int64_t LastInsertId() const;
    int Changes() const;
    [[noreturn]] void Throw(int rc, const std::string& context) const;

private:
    sqlite3* m_db = nullptr;
};

class Stmt {
public:
    Stmt(const Db& db, const char* sql);
    ~Stmt();
    Stmt(const Stmt&) = delete;
    Stmt& operator=(const Stmt&) = delete;

    Stmt& Bind(int idx, int64_t v);
    Stmt& Bind(int idx, int v) { return Bind(idx, static_cast<int64_t>(v)); }
    Stmt& Bind(int idx, double v);
    Stmt& Bind(int idx, const std::string& v);
    Stmt& Bind(int idx, const char* v) { return Bind(idx, std::string(v)); }
    Stmt& BindNull(int idx);
    Stmt& Bind(int idx, const std::optional<std::string>& v) { return v ? Bind(idx, *v) : BindNull(idx); }

    bool Step();  // true while a row is available
    void Run();   // step to completion
    void Reset();

    int64_t Int(int col) const;
    double Real(int col) const;
    std::string Text(int col) const;
    // The text without a copy, valid until the next Step or Reset.
    std::string_view TextView(int col) const;
    bool IsNull(int col) const;
    int Type(int col) const;  // SQLITE_INTEGER, SQLITE_FLOAT, SQLITE_TEXT, SQLITE_BLOB or SQLITE_NULL

private:
    const Db& m_db;
    sqlite3_stmt* m_stmt = nullptr;
};

// BEGIN IMMEDIATE on construction, ROLLBACK in the destructor unless Commit() was called.
class Transaction {
public:
    explicit Transaction(Db& db);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void Commit();

private:
    Db& m_db;
    bool m_done = false;
};

// BEGIN (deferred) and a first read on construction: every read until the destructor sees one
// consistent snapshot of the file, without taking the write lock (works on a read-only file),
// and the file is locked and checked once instead of once per statement. Inside a transaction
// already open it does nothing.
class ReadTransaction {
public:
    explicit ReadTransaction(const Db& db);
    ~ReadTransaction();
    ReadTransaction(const ReadTransaction&) = delete;
    ReadTransaction& operator=(const ReadTransaction&) = delete;

private:
    const Db& m_db;
    bool m_began = false;
};

// SQLite's online backup API: copies every page of `from` into `to` as one consistent snapshot
// of the source, written to the destination in one transaction (readers of the destination see
// the old or the new contents, never a mix). Finished (or abandoned) in the destructor.
class OnlineBackup {
public:
    OnlineBackup(Db& to, Db& from);
    ~OnlineBackup();
    OnlineBackup(const OnlineBackup&) = delete;
    OnlineBackup& operator=(const OnlineBackup&) = delete;
    // Copies everything, waiting up to `busyMs` for locks held by other connections.
    void Run(int busyMs);
    // The same in steps of a few pages, so a long copy can be followed and stopped: `progress`
    // counts pages (done grows by the pages copied from where it stood; total grows to fit),
    // its Avbryt is looked at before each step (Cancelled is thrown, the destination rolled
    // back: nothing of the copy is kept). With `finalCommit`, the step that commits is past
    // the point of no return (TaskProgress::PointOfNoReturn).
    void Run(int busyMs, TaskProgress& progress, bool finalCommit = false);

private:
    // One step of `pages` pages (-1: all that are left); true when the copy is complete. Waits
    // for a busy source while `waited` stays under `busyMs`; throws on an error.
    bool Step(int pages, int busyMs, int& waited);
    void Finish();
    Db& m_to;
    sqlite3_backup* m_backup = nullptr;
};

}  // namespace stegvis
