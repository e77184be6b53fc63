// Projects on a PostgreSQL server: the address, the schema's migrations, who may do what (in the
// database itself, as a user with psql meets it), and push/pull of a whole project.
//
// The [server] tests need the private cluster ctest starts (tests/server/cluster.sh, the fixture
// "server"): they are hidden from the main run and registered as server.* with that fixture.
// Each test gets a database of its own; the login roles (anna, bo, cia, dag) are the cluster's.
#include <catch2/catch.hpp>

#include <algorithm>
#include <functional>
#include <atomic>
#include <map>
#include <tuple>
#include <cstdlib>
#include <memory>
#include <sstream>
#include <unistd.h>

#include "Spawn.hpp"
#include "TestServer.hpp"
#include "TestUtil.hpp"
#include "base/Paths.hpp"
#include "edit/Actions.hpp"
#include "edit/Demo.hpp"
#include "server/Pg.hpp"
#include "server/Server.hpp"
#include "store/Backup.hpp"
#include "store/Sqlite.hpp"
#include "store/Store.hpp"

using namespace stegvis;
using namespace stegvis::test;
using stegvis::test::Child;
using stegvis::test::SpawnOptions;

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

// `sql`, run by the holder of `c`, is refused by the database itself as beyond their `level`.
void RefusedByDatabase(pg::Connection& c, const std::string& sql, const std::string& level) {
    INFO(sql);
    try {
        c.Exec(sql);
        FAIL("the database let a " << level << " user make this change");
    } catch (const pg::Error& e) {
        CHECK(e.NotAllowed());
        CHECK_THAT(e.what(), Catch::Contains("level " + level));
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

TEST_CASE("A server whose schema is older than the program is not used until server init brings it up", "[.][server]") {
    TestServer s;
    pg::Connection(s.adminDb).Exec("UPDATE stegvis.server_version SET version = " + std::to_string(kServerSchemaVersion - 1));
    for (const auto& refused : {std::function<void()>([&] { ListServerProjects(s.Address("anna")); }),
                                std::function<void()>([&] { OpenServerProject(s.Address("anna", "Umeå IFO")); })}) {
        try {
            refused();
            FAIL("an older server schema was used");
        } catch (const ServerError& e) {
            CHECK_THAT(e.what(), Catch::Contains("version " + std::to_string(kServerSchemaVersion - 1)) &&
                                     Catch::Contains("äldre än detta program") &&
                                     Catch::Contains("stegvis server init --db"));
        }
    }
    pg::Connection(s.adminDb).Exec("UPDATE stegvis.server_version SET version = " + std::to_string(kServerSchemaVersion));
    CHECK_NOTHROW(ListServerProjects(s.Address("anna")));
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
                            "INSERT INTO stegvis.team_member(project_id, id, name) VALUES (1, 999, 'x')"})
        RefusedByDatabase(cia, sql, "read");
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
    // A read user may not edit; backups are the server's (pg_dump); nothing is looked for as a file.
    RunResult script = RunStegvis("script --db " + Quoted(url) + " --edits 3");
    CHECK(script.status == 1);  // a read user's edit, refused by the server
    CHECK_THAT(script.err, Catch::Contains("behörighet"));
    RunResult backups = RunStegvis("backups --db " + Quoted(url));
    CHECK(backups.status == 1);
    CHECK_THAT(backups.err, Catch::Contains("pg_dump"));
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

// ---- working on a server project: edits go to the server, one transaction each ----

namespace {
ActionContext Context() { return ActionContext{&TheManual(), &TheCatalog(), &TheInstruments()}; }

std::string ServerValue(const TestServer& s, const std::string& sql) {
    pg::Connection c(s.adminDb);
    pg::Result r = c.Query(sql);
    return r.Rows() == 0 || r.IsNull(0, 0) ? "(none)" : r.Text(0, 0);
}

// The demo project on the server, Anna its chef and Bo in its team, each with it open.
struct AnnaAndBo {
    AnnaAndBo(TestServer& s, const TempDir& dir) : anna(Pushed(s, dir)), bo(OpenServerProject(s.Address("bo", "P"))) {}
    static Store Pushed(TestServer& s, const TempDir& dir) {
        PushProject(Demo(dir), s.Address("anna", "P"));
        GrantAccess(s.Address("anna", "P"), "bo", "team");
        return OpenServerProject(s.Address("anna", "P"));
    }
    Store anna, bo;
};

// Waits for `store` to hear of others' commits (LISTEN/NOTIFY), for up to 20 s.
bool HearsOfChange(Store& store) {
    for (int i = 0; i < 400; ++i) {
        if (store.ChangedSinceLastCheck()) return true;
        usleep(50000);
    }
    return false;
}
}  // namespace

TEST_CASE("an edit to a server project is on the server when it returns, and another copy hears of it",
          "[.][server]") {
    TestServer s;
    TempDir dir;
    AnnaAndBo p(s, dir);
    Store& anna = p.anna;
    Store& bo = p.bo;
    CHECK(anna.GetRemote()->Name() == s.As("anna", "P"));

    REQUIRE(Apply(anna, SetStepNotes{9, "Från Anna"}, "Anna", Context()).ok);
    CHECK(ServerValue(s, "SELECT notes FROM stegvis.step_progress WHERE project_id = 1 AND step = 9") == "Från Anna");
    // The history names the server's login beside the name the user gave.
    CHECK(ServerValue(s, "SELECT who FROM stegvis.history WHERE project_id = 1 ORDER BY id DESC LIMIT 1") ==
          "Anna (anna)");
    // Bo's window is told, and his copy then holds it.
    REQUIRE(HearsOfChange(bo));
    CHECK(bo.ReadField("step", "9", "notes") == "Från Anna");
    CHECK(bo.Load().steps[8].notes == "Från Anna");
    // A new record gets its id on the server too.
    ApplyResult added = Apply(bo, AddRecord{"member", 0, {{"name", "Ny medlem"}, {"role", "member"}}}, "Bo", Context());
    REQUIRE(added.ok);
    CHECK(ServerValue(s, "SELECT name FROM stegvis.team_member WHERE project_id = 1 AND id = " +
                             std::to_string(added.newId)) == "Ny medlem");
    // Undo goes to the server as well.
    REQUIRE(Undo(bo));
    CHECK(ServerValue(s, "SELECT removed_at IS NOT NULL FROM stegvis.team_member WHERE project_id = 1 AND id = " +
                             std::to_string(added.newId)) != "f");
}

TEST_CASE("no lost updates: a value someone else changed meanwhile is refused and named, others go through",
          "[.][server]") {
    TestServer s;
    TempDir dir;
    AnnaAndBo p(s, dir);
    Store& anna = p.anna;
    Store& bo = p.bo;  // both read the same project

    REQUIRE(Apply(anna, SetStepNotes{10, "Annas plan"}, "Anna", Context()).ok);
    // Bo has not seen it: his edit of the same field is refused, with who, what and when.
    ApplyResult r = Apply(bo, SetStepNotes{10, "Bos plan"}, "Bo", Context());
    REQUIRE_FALSE(r.ok);
    CHECK(r.conflict);
    CHECK_THAT(r.error.Text(), Catch::StartsWith("Anna (anna) ändrade detta till 'Annas plan' ") &&
                                   Catch::Contains("din ändring sparades inte"));
    CHECK(ServerValue(s, "SELECT notes FROM stegvis.step_progress WHERE project_id = 1 AND step = 10") == "Annas plan");
    CHECK(bo.ReadField("step", "10", "notes") == "Annas plan");  // his copy now shows the server's
    // Refused again until he has seen it; then his edit goes through.
    CHECK(Apply(bo, SetStepNotes{10, "Bos plan"}, "Bo", Context()).conflict);
    bo.MarkSeen();
    REQUIRE(Apply(bo, SetStepNotes{10, "Bos plan"}, "Bo", Context()).ok);
    // A field of the same row that nobody else touched is never refused, however stale the copy.
    REQUIRE(Apply(anna, SetStepNotes{11, "Annas utbildning"}, "Anna", Context()).ok);
    REQUIRE(Apply(bo, SetStepStatus{11, StepStatus::InProgress}, "Bo", Context()).ok);
    CHECK(ServerValue(s, "SELECT notes || '/' || status FROM stegvis.step_progress WHERE project_id = 1 AND step = 11") ==
          "Annas utbildning/in_progress");
}

TEST_CASE("a read or team user's edit beyond their level is refused by the database, and nothing is kept",
          "[.][server]") {
    TestServer s;
    TempDir dir;
    PushProject(Demo(dir), s.Address("anna", "P"));
    GrantAccess(s.Address("anna", "P"), "bo", "team");
    GrantAccess(s.Address("anna", "P"), "cia", "read");
    Store cia = OpenServerProject(s.Address("cia", "P"));
    CHECK_THROWS_WITH(Apply(cia, SetStepNotes{9, "x"}, "Cia", Context()), Catch::Contains("behörighet"));
    CHECK(cia.ReadField("step", "9", "notes") != std::optional<std::string>("x"));  // not kept here either
    Store bo = OpenServerProject(s.Address("bo", "P"));
    CHECK_THROWS_WITH(Apply(bo, SetInventoryField{"BI-01", InvField::Comment, "x"}, "Bo", Context()),
                      Catch::Contains("behörighet"));
    CHECK_THROWS_WITH(Apply(bo, SetStepNotes{3, "x"}, "Bo", Context()), Catch::Contains("behörighet"));
    REQUIRE(Apply(bo, SetStepNotes{9, "Bo får"}, "Bo", Context()).ok);
    CHECK(ServerValue(s, "SELECT count(*) FROM stegvis.history WHERE project_id = 1 AND new_value = 'x'") == "0");
    // The same from psql: a step of 1-5 is not bo's, kept in place or moved there from his own.
    pg::Connection psql(s.As("bo"));
    for (const char* sql : {"UPDATE stegvis.step_progress SET notes = 'x' WHERE project_id = 1 AND step = 3",
                            "UPDATE stegvis.step_progress SET step = 3 WHERE project_id = 1 AND step = 9",
                            "DELETE FROM stegvis.step_progress WHERE project_id = 1 AND step = 2"})
        RefusedByDatabase(psql, sql, "team");
    psql.Exec("UPDATE stegvis.step_progress SET notes = 'Bo igen' WHERE project_id = 1 AND step = 9");
    CHECK(ServerValue(s, "SELECT notes FROM stegvis.step_progress WHERE project_id = 1 AND step = 9") == "Bo igen");
}

namespace {
// One edit a script reported saved, with the server versions it had seen and made.
struct SavedEdit {
    int process = 0;
    std::string entity, key, field, value;
    int64_t seen = 0, version = 0;
};

// Runs five scripts of 300 edits at once on `url`: in separate lanes (no field shared) or all in
// one (the same fields). Returns the saved edits; counts the refused ones.
std::vector<SavedEdit> FiveScripts(const std::string& url, const TempDir& dir, bool shared, int* refused) {
    SpawnOptions opt;
    opt.dataHome = dir.File("data");
    std::vector<std::unique_ptr<Child>> children;
    for (int p = 0; p < 5; ++p)
        children.push_back(std::make_unique<Child>(
            std::vector<std::string>{"script", "--db", url, "--edits", "300", "--seed", std::to_string(100 + p),
                                     "--lanes", shared ? "1" : "5", "--lane", shared ? "0" : std::to_string(p)},
            opt));
    std::vector<SavedEdit> out;
    *refused = 0;
    for (int p = 0; p < 5; ++p) {
        Child& c = *children[static_cast<size_t>(p)];
        const int status = c.Wait();
        INFO("script " << p << ": " << c.Err());
        REQUIRE(status == 0);
        WriteText(dir.File("script" + std::to_string(p) + ".txt"), c.Out());
        std::istringstream in(c.Out());
        std::string line;
        SavedEdit last;
        while (std::getline(in, line)) {
            std::istringstream l(line);
            std::string word;
            int n = 0;
            l >> word >> n;
            if (word == "refused") ++*refused;
            if (word == "saved") {
                last = SavedEdit{p, "", "", "", "", 0, 0};
                l >> last.entity >> last.key >> last.field >> last.value;
            }
            int changed = 0;
            if (word == "server" && (l >> last.seen >> last.version >> changed) && changed) out.push_back(last);
        }
    }
    return out;
}

// Every edit reported saved is in the project's history as made, and no edit was made over a
// change the editor had not seen: the one before it on the same field is its own, or older than
// what it had seen.
void CheckNothingLost(const TestServer& s, const std::vector<SavedEdit>& saved) {
    pg::Connection c(s.adminDb);
    for (const SavedEdit& e : saved) {
        if (e.field == "name") continue;  // a new record: its history tells it was added (the scripts' --check finds it)
        const std::string key = e.key;
        pg::Result r = c.Query("SELECT count(*) FROM stegvis.history WHERE project_id = 1 AND entity = $1 AND key = $2 "
                               "AND field = $3 AND new_value = $4 AND who = 'script (anna)'",
                               {e.entity, key, e.field, e.value});
        INFO(e.entity << " " << key << " " << e.field << " " << e.value);
        CHECK(r.Int(0, 0) >= 1);
    }
    std::map<std::tuple<std::string, std::string, std::string>, std::vector<const SavedEdit*>> byField;
    for (const SavedEdit& e : saved) byField[{e.entity, e.key, e.field}].push_back(&e);
    for (auto& [field, edits] : byField) {
        std::sort(edits.begin(), edits.end(), [](const SavedEdit* a, const SavedEdit* b) { return a->version < b->version; });
        for (size_t i = 1; i < edits.size(); ++i) {
            const SavedEdit& before = *edits[i - 1];
            const SavedEdit& now = *edits[i];
            if (before.process == now.process) continue;
            INFO(now.entity << " " << now.key << " " << now.field << ": " << now.value << " (script " << now.process
                            << ", saw " << now.seen << ") over " << before.value << " (script " << before.process
                            << ", version " << before.version << ")");
            CHECK(before.version <= now.seen);
        }
    }
}
}  // namespace

TEST_CASE("five programs, 300 edits each, on separate fields of one server project: nothing refused, nothing lost",
          "[.][server]") {
    TestServer s;
    TempDir dir;
    PushProject(Demo(dir), s.Address("anna", "P"));
    int refused = 0;
    const std::vector<SavedEdit> saved = FiveScripts(s.As("anna", "P"), dir, false, &refused);
    CHECK(refused == 0);  // a value nobody else touched is never refused
    CHECK(saved.size() > 5 * 250);
    CheckNothingLost(s, saved);
    // Each script's own check reads the project back: every value it saved last is there.
    for (int p = 0; p < 5; ++p) {
        RunResult check = RunStegvis("script --db " + Quoted(s.As("anna", "P")) + " --check " +
                                     Quoted(dir.File("script" + std::to_string(p) + ".txt")));
        INFO(check.out << check.err);
        CHECK(check.status == 0);
        CHECK_THAT(check.out, Catch::Contains(" 0 missing"));
    }
}

TEST_CASE("five programs, 300 edits each, on the same fields: conflicts are refused, nothing written over unseen",
          "[.][server]") {
    TestServer s;
    TempDir dir;
    PushProject(Demo(dir), s.Address("anna", "P"));
    int refused = 0;
    const std::vector<SavedEdit> saved = FiveScripts(s.As("anna", "P"), dir, true, &refused);
    CHECK(refused > 0);  // the same fields at the same time: some meet each other
    CHECK(saved.size() > 500);
    CheckNothingLost(s, saved);
    // And the project holds what its history says last.
    pg::Connection c(s.adminDb);
    pg::Result r = c.Query(
        "SELECT DISTINCT ON (key) key, new_value FROM stegvis.history WHERE project_id = 1 AND entity = 'step' AND "
        "field = 'notes' AND state = 'done' ORDER BY key, id DESC");
    REQUIRE(r.Rows() > 0);
    for (int i = 0; i < r.Rows(); ++i)
        CHECK(ServerValue(s, "SELECT notes FROM stegvis.step_progress WHERE project_id = 1 AND "
                             "step = " + r.Text(i, 0)) == r.Text(i, 1));
}

TEST_CASE("undo on a server project takes back the user's own newest action, and never someone else's change",
          "[.][server]") {
    TestServer s;
    TempDir dir;
    AnnaAndBo p(s, dir);
    Store& anna = p.anna;
    Store& bo = p.bo;
    REQUIRE(Apply(anna, SetStepNotes{9, "Annas"}, "Anna", Context()).ok);
    REQUIRE(Apply(bo, SetStepNotes{12, "Bos"}, "Bo", Context()).ok);  // newer, but Bo's
    REQUIRE(HearsOfChange(anna));
    REQUIRE(Undo(anna));  // Anna's own newest: her note on step 9; Bo's stays
    CHECK(ServerValue(s, "SELECT notes FROM stegvis.step_progress WHERE project_id = 1 AND step = 9") != "Annas");
    CHECK(ServerValue(s, "SELECT notes FROM stegvis.step_progress WHERE project_id = 1 AND step = 12") == "Bos");
    REQUIRE(Redo(anna));
    // Bo, having seen it, writes over Anna's note: her undo would take his change back, so it says so.
    REQUIRE(HearsOfChange(bo));
    bo.MarkSeen();
    REQUIRE(Apply(bo, SetStepNotes{9, "Bos rättelse"}, "Bo", Context()).ok);
    REQUIRE(HearsOfChange(anna));
    CHECK_THROWS_WITH(Undo(anna), Catch::Contains("Bo (bo) har ändrat detta sedan") && Catch::Contains("Bos rättelse"));
    CHECK(ServerValue(s, "SELECT notes FROM stegvis.step_progress WHERE project_id = 1 AND step = 9") == "Bos rättelse");
}


namespace {
// A cluster of this test's own (tests/server/cluster.sh), which it may stop and start again.
class OwnCluster {
public:
    OwnCluster() : m_dir(m_folder.File("cluster")) {
        Run("start");
        url = Slurp(m_dir + "/url");
        while (!url.empty() && url.back() == '\n') url.pop_back();
    }
    ~OwnCluster() { std::system(Command("stop").c_str()); }
    void Pause() { Run("pause"); }
    void Resume() { Run("resume"); }
    std::string url;

private:
    std::string Command(const char* what) const {
        return std::string(STEGVIS_SOURCE_DIR) + "/tests/server/cluster.sh " + what + " '" + m_dir + "' >/dev/null 2>&1";
    }
    void Run(const char* what) { REQUIRE(std::system(Command(what).c_str()) == 0); }
    TempDir m_folder;
    std::string m_dir;
};

// The saved edits a script reported before it was stopped, as FiveScripts reads them.
int CountSaved(const std::string& out) {
    int n = 0;
    for (size_t at = out.find("\nsaved "); at != std::string::npos; at = out.find("\nsaved ", at + 1)) ++n;
    return n + (out.rfind("saved ", 0) == 0 ? 1 : 0);
}
}  // namespace

TEST_CASE("a killed program and a stopped server lose nothing reported saved, and edits wait for the server",
          "[.][server]") {
    OwnCluster cluster;
    TestServer s(cluster.url);
    TempDir dir;
    PushProject(Demo(dir), s.Address("anna", "P"));
    const std::string url = s.As("anna", "P");
    SpawnOptions opt;
    opt.dataHome = dir.File("data");

    // A script started on the project, once it has reported 40 edits saved.
    auto started = [&](const char* seed) {
        auto script = std::make_unique<Child>(
            std::vector<std::string>{"script", "--db", url, "--edits", "100000", "--seed", seed}, opt);
        for (int i = 0; i < 1200 && CountSaved(script->Out()) < 40; ++i) script->ReadFor(0.05);
        REQUIRE(CountSaved(script->Out()) >= 40);
        return script;
    };
    // Every edit the script reported saved is in the project (its own --check).
    auto nothingLost = [&](const Child& script, const std::string& name) {
        WriteText(dir.File(name), script.Out());
        RunResult check = RunStegvis("script --db " + Quoted(url) + " --check " + Quoted(dir.File(name)));
        INFO(check.out << check.err);
        CHECK(check.status == 0);
        CHECK_THAT(check.out, Catch::Contains(" 0 missing"));
    };

    SECTION("a program killed while it edits") {
        auto script = started("5");
        script->Kill();
        script->Wait();
        nothingLost(*script, "killed.txt");
    }
    SECTION("the server stopped while a program edits") {
        auto script = started("6");
        cluster.Pause();
        const int status = script->Wait();
        CHECK(status != 0);  // it says so and stops; nothing after the stop is reported saved
        CHECK_THAT(script->Err(), Catch::Contains("Ingen anslutning till servern"));
        cluster.Resume();
        nothingLost(*script, "stopped.txt");
    }
    SECTION("an edit made while the server is away is not saved, and goes through once it is back") {
        Store anna = OpenServerProject(s.Address("anna", "P"));
        REQUIRE(Apply(anna, SetStepNotes{9, "Före"}, "Anna", Context()).ok);
        cluster.Pause();
        ApplyResult away = Apply(anna, SetStepNotes{9, "Under avbrottet"}, "Anna", Context());
        CHECK_FALSE(away.ok);
        CHECK(away.unreachable);
        CHECK_THAT(away.error.Text(), Catch::Contains("Ingen anslutning till servern"));
        CHECK(anna.ReadField("step", "9", "notes") == "Före");  // not kept here either
        CHECK_FALSE(anna.GetRemote()->Connected());
        cluster.Resume();
        REQUIRE(Apply(anna, SetStepNotes{9, "Under avbrottet"}, "Anna", Context()).ok);  // the window's retry
        CHECK(anna.GetRemote()->Connected());
        CHECK(ServerValue(s, "SELECT notes FROM stegvis.step_progress WHERE project_id = 1 AND step = 9") ==
              "Under avbrottet");
    }
}

TEST_CASE("a change made on the server outside Stegvis is never written over: the copy is read again",
          "[.][server]") {
    TestServer s;
    TempDir dir;
    AnnaAndBo p(s, dir);
    Store& anna = p.anna;
    {
        pg::Connection c(s.As("anna"));  // Anna herself, with plain SQL
        c.Exec("UPDATE stegvis.step_progress SET notes = 'med psql' WHERE project_id = 1 AND step = 9");
    }
    ApplyResult r = Apply(anna, SetStepNotes{9, "I Stegvis"}, "Anna", Context());
    CHECK(r.conflict);
    CHECK_THAT(r.error.Text(), Catch::Contains("utanför Stegvis"));
    CHECK(ServerValue(s, "SELECT notes FROM stegvis.step_progress WHERE project_id = 1 AND step = 9") == "med psql");
    // The next turn reads the project whole; until she has seen it, her edit is refused again.
    ApplyResult again = Apply(anna, SetStepNotes{9, "I Stegvis"}, "Anna", Context());
    INFO(again.ok << " " << again.error.Text());
    CHECK(again.conflict);
    CHECK(anna.ReadField("step", "9", "notes") == "med psql");
    anna.MarkSeen();
    REQUIRE(Apply(anna, SetStepNotes{9, "I Stegvis"}, "Anna", Context()).ok);
    CHECK(ServerValue(s, "SELECT notes FROM stegvis.step_progress WHERE project_id = 1 AND step = 9") == "I Stegvis");
}
