// Thin RAII over the SQLite C API: a connection, prepared statements with bound parameters
// only, and transactions that roll back unless committed.
#pragma once
#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>

namespace stegvis {

class SqliteError : public std::runtime_error {
public:
    SqliteError(int code, const std::string& what) : std::runtime_error(what), m_code(code) {}
    int Code() const { return m_code; }

private:
    int m_code;
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
    bool IsNull(int col) const;

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

}  // namespace stegvis
