// Projects on a PostgreSQL server: the address, the schema's migrations, who may do what (in the
// database itself, as a user with psql meets it), and push/pull of a whole project.
//
// The [server] tests need the private cluster ctest starts (tests/server/cluster.sh, the fixture
// "server"): they are hidden from the main run and registered as server.* with that fixture.
// Each test gets a database of its own; the login roles (anna, bo, cia, dag) are the cluster's.
#include <catch2/catch.hpp>

#include <atomic>
#include <cstdlib>
#include <unistd.h>

#include "TestUtil.hpp"
#include "base/Paths.hpp"
#include "edit/Demo.hpp"
#include "server/Pg.hpp"
#include "server/Server.hpp"
#include "store/Backup.hpp"
#include "store/Sqlite.hpp"
#include "store/Store.hpp"

using namespace stegvis;
using namespace stegvis::test;

// ---- the address: no server needed ----

TEST_CASE("a server address loses project= and keeps what libpq reads", "[server-address]") {
    ServerAddress a = ParseServerAddress("postgresql://anna@localhost:5432/stegvis?project=Kommun%20%C3%85&connect_timeout=5",
                                         nullptr);
    CHECK(a.project == "Kommun Å");
    CHECK(a.conninfo == "postgresql://anna@localhost:5432/stegvis?connect_timeout=5");
    CHECK(a.shown == "postgresql://anna@localhost:5432/stegvis");
    CHECK_FALSE(a.remote);
    CHECK(ParseServerAddress("postgres://anna@127.0.0.1/db", nullptr).project.empty());
    CHECK(IsServerAddress("PostgreSQL://x/y"));
    CHECK_FALSE(IsServerAddress("projekt.stegvis"));
    CHECK_FALSE(IsServerAddress("C:\\postgresql\\p.stegvis"));
    CHECK_THROWS_AS(ParseServerAddress("p.stegvis", nullptr), std::invalid_argument);
    CHECK_THROWS_WITH(ParseServerAddress("postgresql://h/db?project=", nullptr), Catch::Contains("project="));
    CHECK_THROWS_WITH(ParseServerAddress("postgresql://h/db?project=%G1", nullptr), Catch::Contains("hexadecimal"));
}

TEST_CASE("a connection to another machine requires TLS unless the user chose a mode", "[server-address]") {
    // Another machine: sslmode=require is added.
    CHECK(ParseServerAddress("postgresql://anna@db.kommun.se/stegvis?project=P", nullptr).conninfo ==
          "postgresql://anna@db.kommun.se/stegvis?sslmode=require");
    CHECK(ParseServerAddress("postgresql://anna@10.0.0.5:5433/stegvis", nullptr).remote);
    CHECK(ParseServerAddress("postgresql://[2001:db8::1]:5432/stegvis", nullptr).conninfo.find("sslmode=require") !=
          std::string::npos);
    // One remote host in a list is enough to require it.
    CHECK(ParseServerAddress("postgresql://localhost,db.region.se/stegvis", nullptr).remote);
    CHECK(ParseServerAddress("postgresql:///stegvis?host=db.region.se", nullptr).remote);
    // The user's own choice stands: in the address or in PGSSLMODE.
    CHECK(ParseServerAddress("postgresql://db.kommun.se/stegvis?sslmode=verify-full", nullptr).conninfo ==
          "postgresql://db.kommun.se/stegvis?sslmode=verify-full");
    CHECK(ParseServerAddress("postgresql://db.kommun.se/stegvis", "disable").conninfo ==
          "postgresql://db.kommun.se/stegvis");
    // This machine: loopback and local sockets are left as they are.
    for (const char* local : {"postgresql://localhost/s", "postgresql://127.0.0.1:5/s", "postgresql://[::1]/s",
                              "postgresql:///s", "postgresql:///s?host=/var/run/postgresql"}) {
        INFO(local);
        const ServerAddress a = ParseServerAddress(local, nullptr);
        CHECK_FALSE(a.remote);
        CHECK(a.conninfo.find("sslmode") == std::string::npos);
    }
}

TEST_CASE("a password in a server address is refused, so it is never stored or shown", "[server-address]") {
    CHECK_THROWS_WITH(ParseServerAddress("postgresql://anna:hemligt@db/stegvis", nullptr), Catch::Contains("PGPASSWORD"));
    CHECK_THROWS_WITH(ParseServerAddress("postgresql://db/stegvis?password=hemligt", nullptr),
                      Catch::Contains("PGPASSWORD"));
}

TEST_CASE("a server that cannot be reached is named, in words", "[server-address]") {
    // A port nothing listens on (bound, never listened): refused at once.
    const ServerAddress a = ParseServerAddress("postgresql://anna@127.0.0.1:1/stegvis?project=P&connect_timeout=2", nullptr);
    try {
        ListServerProjects(a);
        FAIL("connected to port 1");
    } catch (const ServerError& e) {
        CHECK(e.GetKind() == ServerError::Kind::Connection);
        CHECK_THAT(e.what(), Catch::StartsWith("Ingen anslutning till servern postgresql://anna@127.0.0.1:1/stegvis"));
    }
}

// ---- against the private cluster ----

namespace {

std::string AdminUrl() {
    const char* dir = std::getenv("STEGVIS_TEST_SERVER_DIR");
    if (!dir) FAIL("STEGVIS_TEST_SERVER_DIR is not set: the [server] tests run through ctest (server.*), which "
                   "starts a private PostgreSQL cluster (tests/server/cluster.sh)");
    std::string url = Slurp(std::string(dir) + "/url");
    while (!url.empty() && (url.back() == '\n' || url.back() == ' ')) url.pop_back();
    if (url.empty()) FAIL(std::string("no cluster address in ") + dir + "/url");
    return url;
}

// A database of its own for one test, Stegvis's schema made in it, and the cluster's login
// roles: anna and dag (Stegvis users), bo and cia (not yet: a grant makes them), eva (never).
class TestServer {
public:
    TestServer() {
        static std::atomic<int> n{0};
        admin = AdminUrl();
        m_db = "t" + std::to_string(getpid()) + "_" + std::to_string(n++);
        pg::Connection c(admin);
        c.Exec("DROP DATABASE IF EXISTS " + m_db);
        c.Exec("CREATE DATABASE " + m_db);
        // Roles belong to the cluster: made once, whichever test comes first (one at a time).
        c.Exec("SELECT pg_advisory_lock(7001)");
        c.Exec("DO $$ BEGIN "
               "IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'stegvis_users') THEN "
               "  CREATE ROLE stegvis_users NOLOGIN; END IF; "
               "IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'anna') THEN CREATE ROLE anna LOGIN; END IF; "
               "IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'bo') THEN CREATE ROLE bo LOGIN; END IF; "
               "IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'cia') THEN CREATE ROLE cia LOGIN; END IF; "
               "IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'dag') THEN CREATE ROLE dag LOGIN; END IF; "
               "IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'eva') THEN CREATE ROLE eva LOGIN; END IF; "
               "END $$");
        c.Exec("GRANT stegvis_users TO anna, dag");
        c.Exec("SELECT pg_advisory_unlock(7001)");
        adminDb = As("stegvis_admin");
        InitServer(ParseServerAddress(adminDb, nullptr));
    }
    ~TestServer() {
        try {
            pg::Connection c(admin);
            c.Exec("DROP DATABASE IF EXISTS " + m_db + " WITH (FORCE)");
        } catch (...) {
        }
    }
    // The test database's address as `role`, optionally with a project.
    std::string As(const std::string& role, const std::string& project = "") const {
        std::string url = admin;
        const size_t scheme = url.find("://") + 3;
        const size_t at = url.find('@', scheme);
        url = url.substr(0, scheme) + role + url.substr(at);
        url = url.substr(0, url.rfind('/') + 1) + m_db;
        if (!project.empty()) url += "?project=" + project;
        return url;
    }
    ServerAddress Address(const std::string& role, const std::string& project = "") const {
        return ParseServerAddress(As(role, project), nullptr);
    }
    std::string admin, adminDb;

private:
    std::string m_db;
};

std::string Demo(const TempDir& dir) {
    DemoOptions opt;
    opt.anchorDate = "2025-06-15";
    const std::string path = dir.File("demo.stegvis");
    CreateDemo(path, opt, TheManual(), TheCatalog(), TheInstruments());
    return path;
}

// Two backups are the same project when every table, column and cell is (the export time aside).
void RequireSameTables(const BackupDocument& a, const BackupDocument& b) {
    REQUIRE(a.schema == b.schema);
    REQUIRE(a.tables.size() == b.tables.size());
    for (size_t i = 0; i < a.tables.size(); ++i) {
        INFO("table " << a.tables[i].name);
        REQUIRE(a.tables[i].name == b.tables[i].name);
        REQUIRE(a.tables[i].columns == b.tables[i].columns);
        REQUIRE(a.tables[i].rows.size() == b.tables[i].rows.size());
        CHECK(a.tables[i].rows == b.tables[i].rows);
    }
}

int64_t Count(const std::string& url, const std::string& table) {
    pg::Connection c(url);
    return c.Query("SELECT count(*) FROM stegvis." + table).Int(0, 0);
}

}  // namespace

TEST_CASE("server init creates the schema once, and a newer one is refused untouched", "[.][server]") {
    TestServer s;  // has run init once
    const ServerAddress admin = s.Address("stegvis_admin");
    CHECK(InitServer(admin) == std::make_pair(kServerSchemaVersion, kServerSchemaVersion));
    {
        pg::Connection c(s.adminDb);
        CHECK(c.Query("SELECT version FROM stegvis.server_version").Int(0, 0) == kServerSchemaVersion);
        c.Exec("UPDATE stegvis.server_version SET version = 99");
    }
    try {
        InitServer(admin);
        FAIL("a newer schema was accepted");
    } catch (const ServerError& e) {
        CHECK(e.GetKind() == ServerError::Kind::TooNew);
        CHECK_THAT(e.what(), Catch::Contains("version 99") && Catch::Contains("inget ändrades"));
    }
    pg::Connection c(s.adminDb);
    CHECK(c.Query("SELECT version FROM stegvis.server_version").Int(0, 0) == 99);
    // And every other command refuses it too, before touching anything.
    CHECK_THROWS_WITH(ListServerProjects(s.Address("anna")), Catch::Contains("uppdatera Stegvis"));
}

TEST_CASE("server init on a database without the schema, and commands before it, say what to do", "[.][server]") {
    TestServer s;
    pg::Connection(s.adminDb).Exec("DROP SCHEMA stegvis CASCADE");
    CHECK_THROWS_WITH(ListServerProjects(s.Address("anna")), Catch::Contains("kör först stegvis server init"));
    // Someone who does not own the database cannot make the schema.
    CHECK_THROWS_AS(InitServer(s.Address("bo")), ServerError);
    CHECK(InitServer(s.Address("stegvis_admin")) == std::make_pair(0, kServerSchemaVersion));
}

TEST_CASE("push then pull gives back exactly the project pushed, history included", "[.][server]") {
    TestServer s;
    TempDir dir;
    const std::string demo = Demo(dir);
    const ServerAddress to = s.Address("anna", "Kommun%20%C3%85");
    const PushResult r = PushProject(demo, to);
    CHECK(r.tables == static_cast<int>(ProjectTables().size()));
    CHECK(r.rows > 1000);

    const BackupDocument local = ExportBackup(demo);
    const BackupDocument server = ServerBackup(to);
    RequireSameTables(local, server);
    bool history = false;
    for (const auto& t : server.tables) history = history || (t.name == "history" && t.rows.size() > 100);
    CHECK(history);

    PullProject(to, dir.File("pulled.stegvis"));
    RequireSameTables(local, ExportBackup(dir.File("pulled.stegvis")));
    // The pulled file is a project like any other: it opens and loads.
    CHECK(Store::Open(dir.File("pulled.stegvis")).Load().project.organisation ==
          Store::OpenReadOnly(demo).Load().project.organisation);
    // Never over an existing file.
    const std::string before = Sha256OfFile(dir.File("pulled.stegvis"));
    CHECK_THROWS_AS(PullProject(to, dir.File("pulled.stegvis")), OpenError);
    CHECK(Sha256OfFile(dir.File("pulled.stegvis")) == before);
}

TEST_CASE("push refuses a name in use and a file that is no project, leaving the server as it was",
          "[.][server]") {
    TestServer s;
    TempDir dir;
    const std::string demo = Demo(dir);
    PushProject(demo, s.Address("anna", "P"));
    const int64_t rows = Count(s.adminDb, "history");
    try {
        PushProject(demo, s.Address("anna", "P"));
        FAIL("pushed over an existing project");
    } catch (const ServerError& e) {
        CHECK(e.GetKind() == ServerError::Kind::Exists);
        CHECK_THAT(e.what(), Catch::Contains("'P'"));
    }
    CHECK(Count(s.adminDb, "history") == rows);
    WriteText(dir.File("inte.stegvis"), "not a project");
    CHECK_THROWS_AS(PushProject(dir.File("inte.stegvis"), s.Address("anna", "Q")), OpenError);
    CHECK(ListServerProjects(s.Address("stegvis_admin")).size() == 1);
    // A user IT has not made a Stegvis user is told so, in words.
    CHECK_THROWS_WITH(PushProject(demo, s.Address("eva", "R")),
                      Catch::Contains("inte Stegvis-användare") && Catch::Contains("GRANT stegvis_users TO eva"));
    CHECK_THROWS_WITH(ListServerProjects(s.Address("eva")), Catch::Contains("inte Stegvis-användare"));
}

TEST_CASE("levels are enforced by the database: read reads, team edits steps 6-15, others see nothing",
          "[.][server]") {
    TestServer s;
    TempDir dir, dir2;
    PushProject(Demo(dir), s.Address("anna", "P"));
    GrantAccess(s.Address("anna", "P"), "bo", "team");
    GrantAccess(s.Address("anna", "P"), "cia", "read");

    // What each sees in the list of projects.
    REQUIRE(ListServerProjects(s.Address("cia")).size() == 1);
    CHECK(ListServerProjects(s.Address("cia"))[0].level == "read");
    CHECK(ListServerProjects(s.Address("bo"))[0].level == "team");
    CHECK(ListServerProjects(s.Address("dag")).empty());  // a Stegvis user, of no project

    // cia (read) may read and pull, not change a thing, even through psql.
    CHECK(Count(s.As("cia"), "inventory") > 10);
    pg::Connection cia(s.As("cia"));
    for (const char* sql : {"UPDATE stegvis.inventory SET comment = 'x'", "DELETE FROM stegvis.checklist_tick",
                            "UPDATE stegvis.initiative SET name = 'x'",
                            "INSERT INTO stegvis.team_member(project_id, id, name) VALUES (1, 999, 'x')"}) {
        INFO(sql);
        try {
            cia.Exec(sql);
            FAIL("a read user changed the project");
        } catch (const pg::Error& e) {
            CHECK(e.NotAllowed());
            CHECK_THAT(e.what(), Catch::Contains("level read"));
        }
    }
    PullProject(s.Address("cia", "P"), dir.File("cia.stegvis"));

    // bo (team): steps 6-15 yes, 1-5 no.
    pg::Connection bo(s.As("bo"));
    bo.Exec("UPDATE stegvis.initiative SET name = name || '!'");
    bo.Exec("INSERT INTO stegvis.checklist_tick(project_id, step, item, ticked_on) VALUES (1, 7, 'x', '2026-01-01')");
    CHECK_THROWS_AS(bo.Exec("UPDATE stegvis.inventory SET comment = 'x'"), pg::Error);
    CHECK_THROWS_AS(
        bo.Exec("INSERT INTO stegvis.checklist_tick(project_id, step, item, ticked_on) VALUES (1, 3, 'x', '2026-01-01')"),
        pg::Error);
    CHECK_THROWS_AS(bo.Exec("UPDATE stegvis.project SET name = 'x'"), pg::Error);
    // A decision's withdrawal follows the decision's step (with another project on the server,
    // whose decisions have the same ids).
    PushProject(Demo(dir2), s.Address("anna", "P2"));
    pg::Connection admin(s.adminDb);
    const std::string late = admin.Query("SELECT min(id) FROM stegvis.decision WHERE project_id = 1 AND step >= 6 "
                                         "AND id NOT IN (SELECT decision_id FROM stegvis.decision_withdrawal)").Text(0, 0);
    const std::string early = admin.Query("SELECT min(id) FROM stegvis.decision WHERE project_id = 1 AND step <= 5 "
                                          "AND id NOT IN (SELECT decision_id FROM stegvis.decision_withdrawal)").Text(0, 0);
    REQUIRE_FALSE(late.empty());
    REQUIRE_FALSE(early.empty());
    bo.Exec("INSERT INTO stegvis.decision_withdrawal(project_id, decision_id, withdrawn_at) VALUES (1, " + late +
            ", '2026-01-01')");
    CHECK_THROWS_AS(bo.Exec("INSERT INTO stegvis.decision_withdrawal(project_id, decision_id, withdrawn_at) VALUES (1, " +
                            early + ", '2026-01-01')"),
                    pg::Error);
    // Nor may bo write into a project he was not given, or make himself chef.
    CHECK_THROWS_AS(bo.Exec("INSERT INTO stegvis.team_member(project_id, id, name) VALUES (2, 1, 'x')"), pg::Error);
    CHECK_THROWS_AS(bo.Exec("UPDATE stegvis.project_grant SET level = 'chef'"), pg::Error);
    CHECK_THROWS_AS(GrantAccess(s.Address("bo", "P"), "bo", "chef"), ServerError);

    // dag sees no rows at all; eva, no Stegvis user, not even the tables.
    CHECK(Count(s.As("dag"), "inventory") == 0);
    CHECK_THROWS_WITH(ServerBackup(s.Address("dag", "P")), Catch::Contains("inget projekt 'P'"));
    CHECK_THROWS_AS(Count(s.As("eva"), "inventory"), pg::Error);
}

TEST_CASE("grant and revoke: only chefs, only login roles, and a project keeps a chef", "[.][server]") {
    TestServer s;
    TempDir dir;
    PushProject(Demo(dir), s.Address("anna", "P"));
    CHECK_THROWS_WITH(GrantAccess(s.Address("anna", "P"), "ingen_sadan", "team"),
                      Catch::Contains("ingen sådan användare"));
    CHECK_THROWS_WITH(GrantAccess(s.Address("anna", "Finns inte"), "bo", "team"),
                      Catch::Contains("inget projekt 'Finns inte'"));
    CHECK_THROWS_WITH(RevokeAccess(s.Address("anna", "P"), "anna"), Catch::Contains("at least one chef"));
    GrantAccess(s.Address("anna", "P"), "bo", "chef");
    CHECK(RevokeAccess(s.Address("bo", "P"), "anna"));  // another chef may
    CHECK_FALSE(RevokeAccess(s.Address("bo", "P"), "cia"));
    CHECK(ListServerProjects(s.Address("anna")).empty());
    // IT (the schema's owner) may grant in any project.
    GrantAccess(s.Address("stegvis_admin", "P"), "anna", "read");
    CHECK(ListServerProjects(s.Address("anna"))[0].level == "read");
}

TEST_CASE("the command line: server init, push, projects, grant, pull", "[.][server]") {
    TestServer s;
    TempDir dir;
    const std::string demo = Demo(dir);
    RunResult r = RunStegvis("server init --db " + Quoted(s.As("stegvis_admin")));
    CHECK(r.status == 0);
    CHECK_THAT(r.out, Catch::Contains("inget ändrades"));
    r = RunStegvis("push --db " + Quoted(demo) + " --to " + Quoted(s.As("anna", "Vår%20enhet")));
    REQUIRE(r.status == 0);
    CHECK_THAT(r.out, Catch::Contains("Vår enhet") && Catch::Contains("chef"));
    r = RunStegvis("server grant --db " + Quoted(s.As("anna", "Vår%20enhet")) + " --user cia --as read");
    CHECK(r.status == 0);
    r = RunStegvis("server projects --db " + Quoted(s.As("cia")));
    CHECK(r.status == 0);
    CHECK_THAT(r.out, Catch::StartsWith("Vår enhet\tread\t"));
    r = RunStegvis("pull --db " + Quoted(s.As("cia", "Vår%20enhet")) + " --out " + Quoted(dir.File("kopia.stegvis")));
    REQUIRE(r.status == 0);
    RequireSameTables(ExportBackup(demo), ExportBackup(dir.File("kopia.stegvis")));
    r = RunStegvis("server grant --db " + Quoted(s.As("anna", "Vår%20enhet")) + " --user cia --as boss");
    CHECK(r.status != 0);
    r = RunStegvis("push --db " + Quoted(demo) + " --to " + Quoted("postgresql://anna:hemligt@127.0.0.1/x?project=P"));
    CHECK(r.status == 1);
    CHECK_THAT(r.err, Catch::Contains("PGPASSWORD"));
}

TEST_CASE("the server keeps every table and column of a project file, of the same types", "[.][server]") {
    // A file migration that adds a column needs a server migration that adds it too: this fails
    // until it has one, so push and pull never drop what a file holds.
    TestServer s;
    Db file = Store::SchemaInMemory(Store::kSchemaVersion);
    pg::Connection c(s.adminDb);
    for (const std::string& table : ProjectTables()) {
        INFO("table " << table);
        std::vector<std::pair<std::string, std::string>> want{{"project_id", "bigint"}};
        Stmt st(file, ("PRAGMA table_info(" + table + ")").c_str());
        while (st.Step()) {
            const std::string type = st.Text(2);
            want.emplace_back(st.Text(1), type == "INTEGER" ? "bigint" : type == "REAL" ? "double precision" : "text");
        }
        REQUIRE(want.size() > 1);
        want.emplace_back("seq", "bigint");
        pg::Result r = c.Query("SELECT column_name, data_type FROM information_schema.columns "
                               "WHERE table_schema = 'stegvis' AND table_name = $1 ORDER BY ordinal_position",
                               {table});
        std::vector<std::pair<std::string, std::string>> got;
        for (int i = 0; i < r.Rows(); ++i) got.emplace_back(r.Text(i, 0), r.Text(i, 1));
        CHECK(got == want);
    }
}

TEST_CASE("status, report and chart read a server project as they read a file", "[.][server]") {
    TestServer s;
    TempDir dir;
    const std::string demo = Demo(dir);
    PushProject(demo, s.Address("anna", "P"));
    GrantAccess(s.Address("anna", "P"), "cia", "read");
    const std::string url = s.As("cia", "P");
    // The same text as for the file, but for the line naming where it came from.
    auto body = [](const std::string& status) {
        std::string out;
        size_t start = 0;
        while (start < status.size()) {
            size_t end = status.find('\n', start);
            std::string line = status.substr(start, end == std::string::npos ? std::string::npos : end - start + 1);
            if (line.rfind("Fil:", 0) != 0) out += line;
            if (end == std::string::npos) break;
            start = end + 1;
        }
        return out;
    };
    RunResult fromFile = RunStegvis("status --db " + Quoted(demo));
    RunResult fromServer = RunStegvis("status --db " + Quoted(url));
    REQUIRE(fromServer.status == 0);
    CHECK(fromServer.out.size() > 500);
    CHECK(body(fromServer.out) == body(fromFile.out));
    // A JSON backup of the server project equals the file's (the export time aside).
    REQUIRE(RunStegvis("report --db " + Quoted(url) + " --format json --out " + Quoted(dir.File("s.json"))).status == 0);
    REQUIRE(RunStegvis("report --db " + Quoted(demo) + " --format json --out " + Quoted(dir.File("f.json"))).status == 0);
    auto noTime = [](std::string t) {
        const size_t at = t.find("\"exported_at\"");
        REQUIRE(at != std::string::npos);
        return t.erase(at, t.find('\n', at) - at);
    };
    CHECK(noTime(Slurp(dir.File("s.json"))) == noTime(Slurp(dir.File("f.json"))));
    RunResult html = RunStegvis("report --db " + Quoted(url) + " --format html --out " + Quoted(dir.File("r.html")));
    CHECK(html.status == 0);
    CHECK(Slurp(dir.File("r.html")).find("Exempelkommun") != std::string::npos);
    // Edits, backups and the window are refused in words: nothing is looked for as a file.
    RunResult script = RunStegvis("script --db " + Quoted(url) + " --edits 3");
    CHECK(script.status == 1);
    CHECK_THAT(script.err, Catch::Contains("stegvis pull"));
    RunResult backups = RunStegvis("backups --db " + Quoted(url));
    CHECK(backups.status == 1);
    CHECK_THAT(backups.err, Catch::Contains("pg_dump"));
    RunResult window = RunStegvis("--db " + Quoted(url));
    CHECK(window.status == 2);
    CHECK_THAT(window.err, Catch::Contains("stegvis pull"));
    // A project the user may not read is named as missing, and nothing is written.
    RunResult hidden = RunStegvis("report --db " + Quoted(s.As("dag", "P")) + " --format html --out " +
                                  Quoted(dir.File("nej.html")));
    CHECK(hidden.status == 1);
    CHECK_THAT(hidden.err, Catch::Contains("inget projekt 'P'"));
    CHECK_FALSE(PathExists(dir.File("nej.html")));
}

TEST_CASE("the county roll-up reads every project on a server the caller may read, beside files", "[.][server]") {
    TestServer s;
    TempDir dir;
    const std::string demo = Demo(dir);
    PushProject(demo, s.Address("anna", "Enhet%20A"));
    PushProject(demo, s.Address("anna", "Enhet%20B"));
    PushProject(demo, s.Address("anna", "Hemlig"));
    for (const char* p : {"Enhet%20A", "Enhet%20B"}) GrantAccess(s.Address("anna", p), "cia", "read");
    RunResult r = RunStegvis("rollup --out " + Quoted(dir.File("lan.html")) + " " + Quoted(s.As("cia")) + " " +
                             Quoted(demo));
    REQUIRE(r.status == 0);
    CHECK_THAT(r.out, Catch::Contains("3 enheter"));  // two from the server, one file; not "Hemlig"
    const std::string html = Slurp(dir.File("lan.html"));
    CHECK(html.find("Hemlig") == std::string::npos);
    CHECK(html.find("project=Enhet A") != std::string::npos);
    CHECK(html.find("stegvis-rollup") == std::string::npos);  // no private working file is named
}
