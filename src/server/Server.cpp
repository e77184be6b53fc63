#include "server/Server.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>

#include "base/Files.hpp"
#include "base/Paths.hpp"
#include "base/Platform.hpp"
#include "base/Text.hpp"
#include "server/Pg.hpp"
#include "store/Store.hpp"

namespace stegvis {

namespace {

const char* const kMigrations[] = {
#include "server/ServerMigration1.inc"
    ,
#include "server/ServerMigration2.inc"
    ,
#include "server/ServerMigration3.inc"
};
static_assert(sizeof kMigrations / sizeof kMigrations[0] == kServerSchemaVersion,
              "one migration per server schema version");

std::string Lower(std::string s) {
    for (char& c : s)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
}

int HexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::string PercentDecode(const std::string& s) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%') {
            int hi = i + 2 < s.size() ? HexValue(s[i + 1]) : -1;
            int lo = i + 2 < s.size() ? HexValue(s[i + 2]) : -1;
            if (hi < 0 || lo < 0) throw std::invalid_argument("'" + s + "': '%' must be followed by two hexadecimal digits");
            out += static_cast<char>(hi * 16 + lo);
            i += 2;
        } else if (s[i] == '+') {
            out += ' ';
        } else {
            out += s[i];
        }
    }
    return out;
}

bool IsLocalHost(const std::string& host) {
    return host.empty() || host[0] == '/' || host[0] == '@' || host == "localhost" || host == "127.0.0.1" ||
           host == "::1" || host == "[::1]";
}

}  // namespace

bool IsServerAddress(const std::string& text) {
    const std::string t = Lower(text.substr(0, 13));
    return t.rfind("postgresql://", 0) == 0 || t.rfind("postgres://", 0) == 0;
}

ServerAddress ParseServerAddress(const std::string& text) { return ParseServerAddress(text, std::getenv("PGSSLMODE")); }

ServerAddress ParseServerAddress(const std::string& text, const char* pgsslmode) {
    if (!IsServerAddress(text))
        throw std::invalid_argument("'" + text + "' is not a server address (postgresql://USER@HOST:PORT/DATABASE)");
    ServerAddress a;
    const size_t q = text.find('?');
    const std::string base = text.substr(0, q);
    std::vector<std::string> kept;
    bool sslmode = pgsslmode && *pgsslmode;
    std::string hostParam;
    if (q != std::string::npos) {
        std::string query = text.substr(q + 1);
        size_t start = 0;
        while (start <= query.size()) {
            size_t amp = query.find('&', start);
            std::string part = query.substr(start, amp == std::string::npos ? std::string::npos : amp - start);
            if (!part.empty()) {
                const size_t eq = part.find('=');
                const std::string key = part.substr(0, eq);
                const std::string value = eq == std::string::npos ? "" : part.substr(eq + 1);
                if (key == "project") {
                    a.project = Trim(PercentDecode(value));
                    if (a.project.empty()) throw std::invalid_argument("project= names no project");
                } else {
                    if (key == "sslmode") sslmode = true;
                    if (key == "host") hostParam = PercentDecode(value);
                    if (key == "password") throw std::invalid_argument(
                        "the address holds a password: give it with PGPASSWORD or ~/.pgpass instead, so it is never "
                        "stored or shown");
                    kept.push_back(part);
                }
            }
            if (amp == std::string::npos) break;
            start = amp + 1;
        }
    }
    // The authority: [user[:password]@]host[:port][,host2...] between "://" and the database.
    const size_t scheme = base.find("://") + 3;
    const size_t slash = base.find('/', scheme);
    std::string authority = base.substr(scheme, slash == std::string::npos ? std::string::npos : slash - scheme);
    const size_t at = authority.rfind('@');
    std::string userinfo = at == std::string::npos ? "" : authority.substr(0, at);
    std::string hosts = at == std::string::npos ? authority : authority.substr(at + 1);
    if (userinfo.find(':') != std::string::npos)
        throw std::invalid_argument("the address holds a password: give it with PGPASSWORD or ~/.pgpass instead, so it "
                                    "is never stored or shown");
    // Every host of a list must be this machine for the connection to count as local.
    a.remote = false;
    std::vector<std::string> hostList;
    if (!hostParam.empty()) {
        size_t s = 0;
        while (true) {
            size_t c = hostParam.find(',', s);
            hostList.push_back(hostParam.substr(s, c == std::string::npos ? std::string::npos : c - s));
            if (c == std::string::npos) break;
            s = c + 1;
        }
    } else {
        size_t s = 0;
        while (true) {
            size_t c = hosts.find(',', s);
            std::string h = hosts.substr(s, c == std::string::npos ? std::string::npos : c - s);
            if (!h.empty() && h[0] == '[') h = h.substr(0, h.find(']') + 1);
            else h = h.substr(0, h.find(':'));
            hostList.push_back(PercentDecode(h));
            if (c == std::string::npos) break;
            s = c + 1;
        }
    }
    for (const auto& h : hostList) a.remote = a.remote || !IsLocalHost(h);
    if (a.remote && !sslmode) kept.push_back("sslmode=require");
    a.conninfo = base;
    for (size_t i = 0; i < kept.size(); ++i) a.conninfo += (i == 0 ? "?" : "&") + kept[i];
    a.shown = base;
    return a;
}

namespace {

[[noreturn]] void Rethrow(const pg::Error& e, const ServerAddress& where) {
    const std::string server = std::string(" (") + e.what() + ")";
    const std::string& s = e.SqlState();
    if (e.Connection())
        throw ServerError(ServerError::Kind::Connection, "Ingen anslutning till servern " + where.shown + server);
    if (s == "42501")
        throw ServerError(ServerError::Kind::NotAllowed, "Servern " + where.shown + " tillåter inte det" + server);
    if (s == "3F000" || s == "42P01" || s == "42883")
        throw ServerError(ServerError::Kind::NotFound, "Databasen " + where.shown +
                                                           " har inga Stegvis-projekt: kör först stegvis server init --db " +
                                                           where.shown + server);
    if (s == "23505") throw ServerError(ServerError::Kind::Exists, "Finns redan på servern " + where.shown + server);
    if (s == "P0002")
        throw ServerError(ServerError::Kind::NotFound,
                          "Servern " + where.shown + " har inget projekt '" + where.project + "' som du får se" + server);
    if (s == "42704")
        throw ServerError(ServerError::Kind::NotFound,
                          "Servern " + where.shown + " har ingen sådan användare: IT skapar inloggningsrollen först" + server);
    throw ServerError(ServerError::Kind::Other, "Servern " + where.shown + " svarade med ett fel" + server);
}

// A connection with the schema "stegvis" first on the search path.
std::unique_ptr<pg::Connection> Connect(const ServerAddress& a) {
    try {
        auto c = std::make_unique<pg::Connection>(a.conninfo);
        c->Exec("SET search_path TO stegvis, pg_catalog");
        return c;
    } catch (const pg::Error& e) {
        Rethrow(e, a);
    }
}

int SchemaVersionOf(pg::Connection& c) {
    // The catalog first: looking inside a schema the caller may not use is an error, not a "no".
    if (c.Query("SELECT 1 FROM pg_namespace WHERE nspname = 'stegvis'").Rows() == 0) return 0;
    if (c.Query("SELECT has_schema_privilege('stegvis', 'USAGE')").Text(0, 0) != "t") return -1;  // not for this user
    if (c.Query("SELECT to_regclass('stegvis.server_version') IS NOT NULL").Text(0, 0) != "t") return 0;
    pg::Result v = c.Query("SELECT version FROM stegvis.server_version");
    return v.Rows() == 0 ? 0 : static_cast<int>(v.Int(0, 0));
}

void RequireSchema(pg::Connection& c, const ServerAddress& a) {
    const int v = SchemaVersionOf(c);
    if (v < 0) {
        const std::string user = c.User();
        throw ServerError(ServerError::Kind::NotAllowed,
                          "Du (" + user + ") är inte Stegvis-användare på servern " + a.shown +
                              ": be IT köra GRANT stegvis_users TO " + user + ", eller en chef ge dig tillgång till "
                              "ett projekt (stegvis server grant)");
    }
    if (v == 0)
        throw ServerError(ServerError::Kind::NotFound, "Databasen " + a.shown +
                                                           " har inga Stegvis-projekt: kör först stegvis server init --db " +
                                                           a.shown);
    if (v > kServerSchemaVersion)
        throw ServerError(ServerError::Kind::TooNew,
                          "Servern " + a.shown + " har Stegvis-schema version " + std::to_string(v) +
                              ", nyare än detta program (till och med " + std::to_string(kServerSchemaVersion) +
                              "): uppdatera Stegvis");
    if (v < kServerSchemaVersion)
        throw ServerError(ServerError::Kind::Other,
                          "Servern " + a.shown + " har Stegvis-schema version " + std::to_string(v) +
                              ", äldre än detta program (version " + std::to_string(kServerSchemaVersion) +
                              "): be IT köra stegvis server init --db " + a.shown + " (inget går förlorat)");
}

std::string RequireProject(const ServerAddress& a) {
    if (a.project.empty())
        throw ServerError(ServerError::Kind::NotFound,
                          "Adressen " + a.shown + " namnger inget projekt: lägg till ?project=NAMN");
    return a.project;
}

// The project's id, if the caller may see it.
std::optional<int64_t> ProjectId(pg::Connection& c, const std::string& name) {
    pg::Result r = c.Query("SELECT id FROM server_project WHERE name = $1", {name});
    if (r.Rows() == 0) return std::nullopt;
    return r.Int(0, 0);
}

std::optional<std::string> CellValue(const std::string& cell) {
    if (cell == "n") return std::nullopt;
    return cell.substr(2);
}

}  // namespace

std::pair<int, int> InitServer(const ServerAddress& a) {
    auto c = Connect(a);
    try {
        // One at a time: two inits at once wait for each other instead of both migrating.
        {
            pg::Transaction tx(*c);
            c->Exec("SELECT pg_advisory_xact_lock(5469001)");
            c->Exec("CREATE SCHEMA IF NOT EXISTS stegvis");
            c->Exec("CREATE TABLE IF NOT EXISTS stegvis.server_version("
                    "one integer PRIMARY KEY CHECK (one = 1), version integer NOT NULL)");
            c->Exec("INSERT INTO stegvis.server_version VALUES (1, 0) ON CONFLICT DO NOTHING");
            tx.Commit();
        }
        const int before = SchemaVersionOf(*c);
        if (before < 0)
            throw ServerError(ServerError::Kind::NotAllowed,
                              "Bara IT (den som äger Stegvis-schemat på " + a.shown + ") kan köra server init");
        if (before > kServerSchemaVersion)
            throw ServerError(ServerError::Kind::TooNew,
                              "Servern " + a.shown + " har Stegvis-schema version " + std::to_string(before) +
                                  ", nyare än detta program (till och med " + std::to_string(kServerSchemaVersion) +
                                  "); inget ändrades");
        for (int v = before + 1; v <= kServerSchemaVersion; ++v) {
            pg::Transaction tx(*c);
            c->Exec("SELECT pg_advisory_xact_lock(5469001)");
            if (SchemaVersionOf(*c) >= v) continue;  // another init got here first
            c->Exec("SET LOCAL search_path TO stegvis, pg_catalog");
            c->Exec(kMigrations[v - 1]);
            c->Query("UPDATE server_version SET version = $1", {std::to_string(v)});
            tx.Commit();
        }
        return {before, SchemaVersionOf(*c)};
    } catch (const pg::Error& e) {
        Rethrow(e, a);
    }
}

std::vector<ServerProject> ListServerProjects(const ServerAddress& a) {
    auto c = Connect(a);
    try {
        RequireSchema(*c, a);
        pg::Result r = c->Query(
            "SELECT p.name, coalesce(my_level(p.id), ''), to_char(p.created_at, 'YYYY-MM-DD HH24:MI'), p.created_by "
            "FROM server_project p ORDER BY p.name");
        std::vector<ServerProject> out;
        for (int i = 0; i < r.Rows(); ++i) out.push_back({r.Text(i, 0), r.Text(i, 1), r.Text(i, 2), r.Text(i, 3)});
        return out;
    } catch (const pg::Error& e) {
        Rethrow(e, a);
    }
}

void GrantAccess(const ServerAddress& a, const std::string& role, const std::string& level) {
    if (level != "chef" && level != "team" && level != "read")
        throw std::invalid_argument("--as: '" + level + "' is not chef, team or read");
    const std::string project = RequireProject(a);
    auto c = Connect(a);
    try {
        RequireSchema(*c, a);
        pg::Transaction tx(*c);
        c->Query("SELECT set_grant($1, $2, $3)", {project, role, level});
        tx.Commit();
    } catch (const pg::Error& e) {
        Rethrow(e, a);
    }
}

bool RevokeAccess(const ServerAddress& a, const std::string& role) {
    const std::string project = RequireProject(a);
    auto c = Connect(a);
    try {
        RequireSchema(*c, a);
        pg::Transaction tx(*c);
        pg::Result r = c->Query("SELECT remove_grant($1, $2)", {project, role});
        tx.Commit();
        return r.Text(0, 0) == "t";
    } catch (const pg::Error& e) {
        Rethrow(e, a);
    }
}

PushResult PushProject(const std::string& file, const ServerAddress& to) {
    const std::string project = RequireProject(to);
    // Read and checked first, as any open: a file that cannot be read never reaches the server.
    const BackupDocument doc = ExportBackup(file);
    if (doc.schema != Store::kSchemaVersion)
        throw std::logic_error("a backup read from a file is always of the current schema");
    auto c = Connect(to);
    PushResult out;
    std::string where;
    try {
        RequireSchema(*c, to);
        pg::Transaction tx(*c);
        if (ProjectId(*c, project))
            throw ServerError(ServerError::Kind::Exists, "Servern " + to.shown + " har redan ett projekt som heter '" +
                                                             project + "': välj ett annat namn");
        pg::Result id = c->Query("SELECT create_project($1)", {project});
        const std::string pid = id.Text(0, 0);
        for (const BackupTable& t : doc.tables) {
            std::string sql = "INSERT INTO " + t.name + "(project_id";
            for (const auto& col : t.columns) sql += ", " + col;
            sql += ") VALUES ($1";
            for (size_t i = 0; i < t.columns.size(); ++i) sql += ", $" + std::to_string(i + 2);
            sql += ")";
            for (size_t r = 0; r < t.rows.size(); ++r) {
                where = t.name + ", rad " + std::to_string(r + 1);
                std::vector<pg::Param> params{pid};
                for (const auto& cell : t.rows[r]) params.push_back(CellValue(cell));
                c->Query(sql, params);
                ++out.rows;
            }
            ++out.tables;
        }
        tx.Commit();
        return out;
    } catch (const pg::Error& e) {
        if (e.Connection() || e.NotAllowed() || where.empty()) Rethrow(e, to);
        throw ServerError(ServerError::Kind::Other, "Servern " + to.shown + " tog inte emot " + file + " (" + where +
                                                        "): " + e.what() + "; inget sparades på servern");
    }
}

namespace {
BackupDocument ProjectRows(pg::Connection& c, int64_t id);
}

BackupDocument ServerBackup(const ServerAddress& from) {
    const std::string project = RequireProject(from);
    auto c = Connect(from);
    try {
        RequireSchema(*c, from);
        // One snapshot of the whole project, however many others are writing to it.
        pg::Transaction tx(*c, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
        const auto id = ProjectId(*c, project);
        if (!id)
            throw ServerError(ServerError::Kind::NotFound, "Servern " + from.shown + " har inget projekt '" + project +
                                                               "' som du får läsa");
        BackupDocument doc = ProjectRows(*c, *id);
        tx.Commit();
        return doc;
    } catch (const pg::Error& e) {
        Rethrow(e, from);
    }
}

namespace {

// Every row of project `id`, as a backup of its file has them (inside the caller's transaction).
BackupDocument ProjectRows(pg::Connection& c, int64_t id) {
        BackupDocument doc;
        doc.program = STEGVIS_VERSION;
        doc.exportedAt = NowIsoSeconds();
        doc.schema = Store::kSchemaVersion;
        for (const std::string& name : ProjectTables()) {
            pg::Result r = c.Query("SELECT * FROM " + name + " WHERE project_id = $1 ORDER BY seq",
                                    {std::to_string(id)});
            BackupTable t;
            t.name = name;
            std::vector<int> cols;
            for (int col = 0; col < r.Columns(); ++col) {
                const std::string n = r.ColumnName(col);
                if (n == "project_id" || n == "seq") continue;
                cols.push_back(col);
                t.columns.push_back(n);
            }
            for (int row = 0; row < r.Rows(); ++row) {
                std::vector<std::string> cells;
                for (int col : cols) {
                    if (r.IsNull(row, col)) {
                        cells.push_back("n");
                        continue;
                    }
                    const unsigned type = r.ColumnType(col);
                    if (type == 20 || type == 21 || type == 23) {
                        cells.push_back("i:" + r.Text(row, col));
                    } else if (type == 700 || type == 701) {
                        // As a file's backup writes it: %.17g of the same double.
                        char b[40];
                        std::snprintf(b, sizeof b, "r:%.17g", std::strtod(r.Text(row, col).c_str(), nullptr));
                        cells.push_back(b);
                    } else {
                        cells.push_back("t:" + r.Text(row, col));
                    }
                }
                t.rows.push_back(std::move(cells));
            }
            doc.tables.push_back(std::move(t));
        }
        return doc;
}

}  // namespace

void PullProject(const ServerAddress& from, const std::string& outFile) {
    if (PathExists(outFile))
        throw OpenError(OpenError::Kind::Exists, outFile, "det finns redan en fil med det namnet; välj ett nytt namn");
    // Through the backup's own reader: what comes from a server is checked as any backup is.
    ImportBackup(BackupToJson(ServerBackup(from)), from.shown + "?project=" + from.project, outFile);
}

Store ReadServerProject(const ServerAddress& from) {
    const std::string json = BackupToJson(ServerBackup(from));
    PrivateTempDir work(platform::TempFolder() + platform::kSeparator + "stegvis-server");
    const std::string file = work.File("snapshot.stegvis");
    const std::string name = from.shown + "?project=" + from.project;
    try {
        ImportBackup(json, name, file);
        return Store::OpenReadOnly(file);  // read into memory: the file can go with `work`
    } catch (const OpenError& e) {
        throw std::runtime_error(MentionAs(e.what(), file, name));
    }
}

std::vector<std::pair<std::string, std::string>> WriteServerBackups(const ServerAddress& server,
                                                                    const std::string& folder) {
    std::vector<std::pair<std::string, std::string>> out;
    int n = 0;
    for (const ServerProject& p : ListServerProjects(server)) {
        ServerAddress one = server;
        one.project = p.name;
        // Named by number: a project's name may hold anything a file name may not.
        const std::string file = folder + platform::kSeparator + "server-" + std::to_string(++n) + ".json";
        WriteFileAtomic(file, BackupToJson(ServerBackup(one)), 0600);
        out.emplace_back(file, one.shown + "?project=" + p.name);
    }
    return out;
}


namespace {

double Now() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

std::string Hex(const std::string& bytes) {
    static const char digits[] = "0123456789abcdef";
    std::string out = "\\x";
    out.reserve(2 + bytes.size() * 2);
    for (unsigned char b : bytes) {
        out += digits[b >> 4];
        out += digits[b & 15];
    }
    return out;
}

// bytea as PostgreSQL prints it ("\x" and two hexadecimal digits a byte).
std::string Unhex(const std::string& text) {
    if (text.size() < 2 || text[0] != '\\' || text[1] != 'x' || text.size() % 2 != 0)
        throw std::runtime_error("the server sent a change in an unknown form");
    std::string out;
    out.reserve(text.size() / 2 - 1);
    for (size_t i = 2; i < text.size(); i += 2) {
        const int hi = HexValue(text[i]), lo = HexValue(text[i + 1]);
        if (hi < 0 || lo < 0) throw std::runtime_error("the server sent a change in an unknown form");
        out += static_cast<char>(hi * 16 + lo);
    }
    return out;
}

// A server project's working copy sends its writes here, and takes others' in from here.
class ServerRemote : public Remote {
public:
    ServerRemote(ServerAddress address, std::unique_ptr<pg::Connection> c, int64_t project, std::string login,
                 std::unique_ptr<PrivateTempDir> folder)
        : m_address(std::move(address)), m_c(std::move(c)), m_project(std::to_string(project)),
          m_login(std::move(login)), m_folder(std::move(folder)) {
        Session();
    }

    std::string Name() const override { return m_address.shown + "?project=" + m_address.project; }
    std::string Login() const override { return m_login; }
    bool Connected() const override { return m_connected; }

    std::vector<RemoteCommit> Begin(int64_t since) override {
        Reach();
        try {
            // One round trip: the transaction, the project's turn (one writer at a time: what it
            // takes in stays so until it commits), and what others committed since.
            m_open = true;
            std::vector<pg::Result> r = m_c->Script("BEGIN; SELECT pg_advisory_xact_lock(5469002, " + m_project +
                                                    "::integer); " + CommitsSql(since));
            return Commits(r.back());
        } catch (const pg::Error& e) {
            Abort();
            Fail(e);
        }
    }

    int64_t Commit(const std::vector<RowChange>& changes, const std::string& changeset) override {
        try {
            // One round trip: every row change (each only where the row is still what this copy
            // had), the changeset for the others, the announcement, the commit.
            std::string sql;
            for (const RowChange& c : changes) sql += Make(c);
            sql += "INSERT INTO change_log(project_id, changes) VALUES (" + m_project + ", " +
                   m_c->Literal(Hex(changeset)) + "::bytea) RETURNING version; SELECT pg_notify(" +
                   m_c->Literal(Channel()) + ", ''); COMMIT";
            std::vector<pg::Result> r = m_c->Script(sql);
            m_open = false;
            return r.at(r.size() - 3).Int(0, 0);
        } catch (const pg::Error& e) {
            Abort();
            if (e.SqlState() == "SVROW" || e.SqlState() == "23505")
                throw RemoteConflict("projektet på servern har ändrats utanför Stegvis; det lästes om. Din ändring "
                                     "sparades inte");
            Fail(e);
        } catch (...) {
            Abort();
            throw;
        }
    }

    void Abort() noexcept override {
        if (!m_open) return;
        m_open = false;
        try {
            if (m_c->Ok()) m_c->Exec("ROLLBACK");
        } catch (...) {
            // The connection went with it: nothing was kept on the server.
        }
    }

    std::vector<RemoteCommit> Fetch(int64_t since) override {
        Reach();
        try {
            return Commits(since);
        } catch (const pg::Error& e) {
            Fail(e);
        }
    }

    bool OthersChanged() override {
        if (!m_connected) {
            // Tried again at most every other second while the server is away.
            if (Now() - m_lastTry < 2) return false;
            try {
                Reach();
            } catch (const RemoteUnreachable&) {
                return false;
            }
            return true;  // back: whatever was missed meanwhile is taken in
        }
        const int n = m_c->TakeNotifications();
        if (n < 0) {
            m_connected = false;
            m_lastTry = Now();
            return false;
        }
        return n > 0;
    }

    int64_t Snapshot(const std::string& path) override {
        Reach();
        BackupDocument doc;
        int64_t version = 0;
        try {
            auto read = [&] {
                version = m_c->Query("SELECT coalesce(max(version), 0) FROM change_log WHERE project_id = $1",
                                     {m_project})
                              .Int(0, 0);
                doc = ProjectRows(*m_c, std::stoll(m_project));
            };
            if (m_open) {
                // Within an edit's turn: nobody else writes the project meanwhile, and the turn's
                // transaction must go on (a new one would end it).
                read();
            } else {
                pg::Transaction tx(*m_c, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
                read();
                tx.Commit();
            }
        } catch (const pg::Error& e) {
            Fail(e);
        }
        ImportBackup(BackupToJson(doc), Name(), path);
        return version;
    }

    std::vector<std::string> OthersOpen() override {
        std::vector<std::string> out;
        if (!m_connected) return out;
        try {
            pg::Result r = m_c->Query(
                "SELECT DISTINCT usename FROM pg_stat_activity WHERE datname = current_database() AND "
                "application_name = $1 AND pid <> pg_backend_pid() AND usename <> session_user ORDER BY 1",
                {AppName()});
            for (int i = 0; i < r.Rows(); ++i) out.push_back(r.Text(i, 0));
        } catch (const pg::Error&) {
            // Who else is here is a courtesy: not knowing it changes nothing.
        }
        return out;
    }

private:
    std::string Channel() const { return "stegvis_project_" + m_project; }
    std::string AppName() const { return "stegvis project " + m_project; }

    // What every session of this project sets: the schema, its name for others, its channel.
    void Session() {
        m_c->Exec("SET search_path TO stegvis, pg_catalog");
        m_c->Exec("SET application_name = '" + AppName() + "'");  // digits only
        m_c->Exec("LISTEN " + Channel());
        m_connected = true;
    }

    // Connects again when the connection was lost; throws RemoteUnreachable when it cannot.
    void Reach() {
        if (m_connected && m_c->Ok()) return;
        m_connected = false;
        m_lastTry = Now();
        if (m_c->Reset()) {
            try {
                Session();
                return;
            } catch (const pg::Error&) {
                m_connected = false;
            }
        }
        throw RemoteUnreachable("Ingen anslutning till servern " + m_address.shown + "; ändringen sparades inte");
    }

    [[noreturn]] void Fail(const pg::Error& e) {
        if (e.Connection()) {
            m_connected = false;
            m_lastTry = Now();
            throw RemoteUnreachable("Ingen anslutning till servern " + m_address.shown +
                                    "; ändringen sparades inte (" + e.what() + ")");
        }
        if (e.NotAllowed())
            throw std::runtime_error("Servern tillåter inte ändringen: din behörighet i projektet räcker inte (" +
                                     std::string(e.what()) + "); inget sparades");
        throw std::runtime_error("Servern " + m_address.shown + " tog inte emot ändringen (" + e.what() +
                                 "); inget sparades");
    }

    std::string CommitsSql(int64_t since) const {
        return "SELECT version, who, changes FROM change_log WHERE project_id = " + m_project + " AND version > " +
               std::to_string(since) + " ORDER BY version";
    }

    static std::vector<RemoteCommit> Commits(const pg::Result& r) {
        std::vector<RemoteCommit> out;
        for (int i = 0; i < r.Rows(); ++i) out.push_back({r.Int(i, 0), r.Text(i, 1), Unhex(r.Text(i, 2))});
        return out;
    }

    std::vector<RemoteCommit> Commits(int64_t since) { return Commits(m_c->Query(CommitsSql(since))); }

    // One row change on the server as SQL, only where the row is what this copy had (else the
    // error SVROW stops the edit). Table and column names are this program's own schema's.
    std::string Make(const RowChange& c) {
        std::string where = " WHERE project_id = " + m_project;
        for (size_t i = 0; i < c.columns.size(); ++i) {
            if (c.op == RowChange::Op::Insert || !c.before[i]) continue;
            // A key (never NULL) with '=', so the server finds the row by its index.
            const bool byKey = c.key[i] && c.before[i]->has_value();
            where += " AND " + c.columns[i] + (byKey ? " = " : " IS NOT DISTINCT FROM ") + m_c->Literal(*c.before[i]);
        }
        if (c.op == RowChange::Op::Insert) {
            std::string cols = "project_id", values = m_project;
            for (size_t i = 0; i < c.columns.size(); ++i) {
                if (!c.after[i]) continue;
                cols += ", " + c.columns[i];
                values += ", " + m_c->Literal(*c.after[i]);
            }
            return "INSERT INTO " + c.table + "(" + cols + ") VALUES (" + values + "); ";
        }
        if (c.op == RowChange::Op::Delete)
            return "WITH d AS (DELETE FROM " + c.table + where + " RETURNING 1) SELECT one_row(count(*)) FROM d; ";
        std::string set;
        for (size_t i = 0; i < c.columns.size(); ++i) {
            if (!c.after[i] || c.key[i]) continue;
            set += (set.empty() ? "" : ", ") + c.columns[i] + " = " + m_c->Literal(*c.after[i]);
        }
        if (set.empty()) return "";
        return "WITH u AS (UPDATE " + c.table + " SET " + set + where + " RETURNING 1) SELECT one_row(count(*)) FROM u; ";
    }

    ServerAddress m_address;
    std::unique_ptr<pg::Connection> m_c;
    std::string m_project, m_login;
    std::unique_ptr<PrivateTempDir> m_folder;
    bool m_open = false, m_connected = false;
    double m_lastTry = 0;
};

}  // namespace

Store OpenServerProject(const ServerAddress& at) {
    const std::string project = RequireProject(at);
    auto c = Connect(at);
    int64_t id = 0;
    std::string login;
    try {
        RequireSchema(*c, at);
        const auto found = ProjectId(*c, project);
        if (!found)
            throw ServerError(ServerError::Kind::NotFound,
                              "Servern " + at.shown + " har inget projekt '" + project + "' som du får se");
        id = *found;
        login = c->User();
    } catch (const pg::Error& e) {
        Rethrow(e, at);
    }
    auto folder = std::make_unique<PrivateTempDir>(platform::TempFolder() + platform::kSeparator + "stegvis-server");
    const std::string file = folder->File("projekt.stegvis");
    auto remote = std::make_unique<ServerRemote>(at, std::move(c), id, login, std::move(folder));
    const int64_t version = remote->Snapshot(file);
    Store store = Store::Open(file);
    // The server is where an edit is durable; the working copy is read again at every opening, so
    // its commits need not wait for the disk.
    store.SetDurable(false);
    store.AttachRemote(std::move(remote), version);
    return store;
}

}  // namespace stegvis
