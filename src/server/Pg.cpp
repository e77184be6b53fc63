#include "server/Pg.hpp"

#include <libpq-fe.h>

#include <cstdlib>

namespace stegvis::pg {

namespace {
std::string Trim(std::string s) {
    while (!s.empty() && (s.back() == '\n' || s.back() == ' ' || s.back() == '\r')) s.pop_back();
    return s;
}
}  // namespace

Result::~Result() {
    if (m_r) PQclear(m_r);
}

Result& Result::operator=(Result&& o) noexcept {
    if (this != &o) {
        if (m_r) PQclear(m_r);
        m_r = o.m_r;
        o.m_r = nullptr;
    }
    return *this;
}

int Result::Rows() const { return PQntuples(m_r); }
int Result::Columns() const { return PQnfields(m_r); }
std::string Result::ColumnName(int col) const { return PQfname(m_r, col); }
unsigned Result::ColumnType(int col) const { return PQftype(m_r, col); }
bool Result::IsNull(int row, int col) const { return PQgetisnull(m_r, row, col) != 0; }

std::string Result::Text(int row, int col) const {
    return std::string(PQgetvalue(m_r, row, col), static_cast<size_t>(PQgetlength(m_r, row, col)));
}

std::optional<std::string> Result::Value(int row, int col) const {
    if (IsNull(row, col)) return std::nullopt;
    return Text(row, col);
}

int64_t Result::Int(int row, int col) const {
    if (IsNull(row, col)) return 0;
    return std::strtoll(PQgetvalue(m_r, row, col), nullptr, 10);
}

int64_t Result::Affected() const {
    const char* n = PQcmdTuples(m_r);
    return n && *n ? std::strtoll(n, nullptr, 10) : 0;
}

Connection::Connection(const std::string& conninfo) {
    m_c = PQconnectdb(conninfo.c_str());
    if (!m_c) throw Error("", "libpq could not allocate a connection");
    if (PQstatus(m_c) != CONNECTION_OK) {
        std::string why = Trim(PQerrorMessage(m_c));
        PQfinish(m_c);
        m_c = nullptr;
        throw Error("", why);
    }
    // Times in UTC, and every float as the shortest text that reads back exactly.
    // The server's notices ("already exists, skipping") are not for the user.
    Exec("SET TIME ZONE 'UTC'; SET extra_float_digits = 1; SET client_min_messages = warning");
}

Connection::~Connection() {
    if (m_c) PQfinish(m_c);
}

void Connection::Throw(pg_result* r) {
    std::string state;
    std::string why;
    if (r) {
        const char* s = PQresultErrorField(r, PG_DIAG_SQLSTATE);
        state = s ? s : "";
        const char* m = PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY);
        why = m ? m : Trim(PQresultErrorMessage(r));
        PQclear(r);
    }
    if (why.empty()) why = Trim(PQerrorMessage(m_c));
    if (PQstatus(m_c) != CONNECTION_OK && state.empty()) state = "08006";  // the connection went away
    throw Error(state, why);
}

void Connection::Exec(const std::string& sql) {
    pg_result* r = PQexec(m_c, sql.c_str());
    ExecStatusType st = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) Throw(r);
    PQclear(r);
}

std::vector<Result> Connection::Script(const std::string& sql) {
    if (!PQsendQuery(m_c, sql.c_str())) Throw(nullptr);
    std::vector<Result> out;
    pg_result* failed = nullptr;
    while (pg_result* r = PQgetResult(m_c)) {
        const ExecStatusType st = PQresultStatus(r);
        if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
            if (!failed) failed = r;
            else PQclear(r);
            continue;
        }
        out.emplace_back(r);
    }
    if (failed) Throw(failed);
    if (PQstatus(m_c) != CONNECTION_OK) Throw(nullptr);
    return out;
}

std::string Connection::Literal(const Param& value) {
    if (!value) return "NULL";
    char* quoted = PQescapeLiteral(m_c, value->c_str(), value->size());
    if (!quoted) Throw(nullptr);
    std::string out(quoted);
    PQfreemem(quoted);
    return out;
}

Result Connection::Query(const std::string& sql, const std::vector<Param>& params) {
    std::vector<const char*> values;
    values.reserve(params.size());
    for (const Param& p : params) values.push_back(p ? p->c_str() : nullptr);
    pg_result* r = PQexecParams(m_c, sql.c_str(), static_cast<int>(params.size()), nullptr, values.data(), nullptr,
                                nullptr, 0);
    ExecStatusType st = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) Throw(r);
    return Result(r);
}

std::string Connection::User() {
    Result r = Query("SELECT session_user");
    return r.Text(0, 0);
}

std::string Connection::Where() const {
    std::string host = PQhost(m_c) ? PQhost(m_c) : "";
    std::string port = PQport(m_c) ? PQport(m_c) : "";
    std::string db = PQdb(m_c) ? PQdb(m_c) : "";
    return host + (port.empty() ? "" : ":" + port) + "/" + db;
}

bool Connection::Ok() const { return m_c && PQstatus(m_c) == CONNECTION_OK; }

bool Connection::Reset() {
    PQreset(m_c);
    return Ok();
}

int Connection::TakeNotifications() {
    if (!PQconsumeInput(m_c) || !Ok()) return -1;
    int n = 0;
    const int own = PQbackendPID(m_c);
    while (PGnotify* note = PQnotifies(m_c)) {
        if (note->be_pid != own) ++n;
        PQfreemem(note);
    }
    return n;
}

Transaction::Transaction(Connection& c, const char* begin) : m_c(c) { m_c.Exec(begin); }

Transaction::~Transaction() {
    if (m_done) return;
    try {
        m_c.Exec("ROLLBACK");
    } catch (...) {
        // The connection is gone: the server has rolled back already.
    }
}

void Transaction::Commit() {
    m_c.Exec("COMMIT");
    m_done = true;
}

}  // namespace stegvis::pg
