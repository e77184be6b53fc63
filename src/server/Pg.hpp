// Thin RAII over libpq: a connection, results, parameterised queries (values as text, never
// spliced into SQL), and transactions that roll back unless committed. The server's only door;
// everything above it speaks of projects, not of SQL (server/Server.hpp).
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

struct pg_conn;
struct pg_result;

namespace stegvis::pg {

// What went wrong, with the server's own words; `SqlState()` is PostgreSQL's five-character
// code ("42501": not allowed, "23505": already exists, "" when the connection itself failed).
class Error : public std::runtime_error {
public:
    Error(std::string sqlState, const std::string& what) : std::runtime_error(what), m_state(std::move(sqlState)) {}
    const std::string& SqlState() const { return m_state; }
    bool NotAllowed() const { return m_state == "42501"; }
    // No connection: never made, lost (08...), or ended by the server shutting down (57P0x).
    bool Connection() const {
        return m_state.empty() || m_state.rfind("08", 0) == 0 || m_state == "57P01" || m_state == "57P02" ||
               m_state == "57P03";
    }

private:
    std::string m_state;
};

using Param = std::optional<std::string>;  // std::nullopt is NULL

class Result {
public:
    explicit Result(pg_result* r) : m_r(r) {}
    ~Result();
    Result(Result&& o) noexcept : m_r(o.m_r) { o.m_r = nullptr; }
    Result& operator=(Result&& o) noexcept;
    Result(const Result&) = delete;
    Result& operator=(const Result&) = delete;

    int Rows() const;
    int Columns() const;
    std::string ColumnName(int col) const;
    // PostgreSQL's type of a column (its OID): 20 bigint, 23 integer, 701 double precision, 25 text.
    unsigned ColumnType(int col) const;
    bool IsNull(int row, int col) const;
    std::string Text(int row, int col) const;
    std::optional<std::string> Value(int row, int col) const;
    int64_t Int(int row, int col) const;
    // The number of rows an INSERT, UPDATE or DELETE touched.
    int64_t Affected() const;

private:
    pg_result* m_r;
};

class Connection {
public:
    // `conninfo`: anything libpq reads (a postgresql:// address or key=value pairs). Throws Error.
    explicit Connection(const std::string& conninfo);
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    // One or more statements without parameters (schema changes).
    void Exec(const std::string& sql);
    // One statement; $1, $2 ... are `params`, sent as text apart from the SQL.
    Result Query(const std::string& sql, const std::vector<Param>& params = {});
    // Several statements sent at once, in one round trip, without parameters (values go in as
    // Literal()s): the result of each, in order. The first error is thrown once every result has
    // been read; the statements after it did not run.
    std::vector<Result> Script(const std::string& sql);
    // `value` as an SQL literal, quoted for this connection ('it''s'), or NULL.
    std::string Literal(const Param& value);
    // The role the server authenticated (session_user).
    std::string User();
    // "host:port/database" as connected, without user or password, for messages.
    std::string Where() const;
    // How many notifications (LISTEN) other connections have sent since the last call; reads
    // what has arrived, never waits. -1 when the connection is gone.
    int TakeNotifications();
    // Whether the connection is up, as libpq last saw it.
    bool Ok() const;
    // Connects again with the same settings after the connection was lost (a new session: what
    // was SET or LISTENed to must be done again). True when connected.
    bool Reset();

private:
    [[noreturn]] void Throw(pg_result* r);
    pg_conn* m_c = nullptr;
};

// BEGIN on construction, ROLLBACK in the destructor unless Commit() was called.
class Transaction {
public:
    explicit Transaction(Connection& c, const char* begin = "BEGIN");
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void Commit();

private:
    Connection& m_c;
    bool m_done = false;
};

}  // namespace stegvis::pg
