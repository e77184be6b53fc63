// Hostile and careless use: each class of hole found by an adversarial test, shown closed. Where a
// class is about what the program does with files, the real binary is run.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <set>
#include <thread>
#include <sstream>

#include "Spawn.hpp"
#include "TestUtil.hpp"
#include "edit/Actions.hpp"
#include "store/Backup.hpp"
#include "edit/Demo.hpp"
#include "output/Rollup.hpp"
#include "output/Export.hpp"
#include "base/Files.hpp"
#include "base/Paths.hpp"
#include "output/Xlsx.hpp"
#include "output/Report.hpp"
#include "store/Store.hpp"
#include "base/Text.hpp"
#include "store/Verify.hpp"

using namespace stegvis;
using stegvis::test::Quoted;
using stegvis::test::RunStegvis;
using stegvis::test::Sha256OfFile;
using stegvis::test::Slurp;
using stegvis::test::Sql;
using stegvis::test::TempDir;
using stegvis::test::TheManual;
using stegvis::test::WriteText;

namespace {


// A demo project in `dir` (measures with points, readiness rounds, a team): the richest real file.
std::string MakeDemo(const TempDir& dir, const std::string& name = "p.stegvis") {
    const std::string path = dir.File(name);
    auto r = RunStegvis("demo --db " + Quoted(path));
    REQUIRE(r.status == 0);
    return path;
}

// The demo's backup with one cell changed: table `table`, first row, column `column`.
std::string BackupWith(const std::string& json, const std::string& table, const std::string& column,
                       const std::string& cell) {
    rapidjson::Document d;
    d.Parse(json.c_str(), json.size());
    REQUIRE(!d.HasParseError());
    bool done = false;
    for (auto& t : d["backup"]["tables"].GetArray()) {
        if (std::string(t["name"].GetString()) != table) continue;
        auto& cols = t["columns"];
        for (rapidjson::SizeType c = 0; c < cols.Size(); ++c)
            if (std::string(cols[c].GetString()) == column) {
                REQUIRE(t["rows"].Size() > 0);
                t["rows"][0][c].SetString(cell.data(), static_cast<rapidjson::SizeType>(cell.size()), d.GetAllocator());
                done = true;
            }
    }
    REQUIRE(done);
    rapidjson::StringBuffer sb;
    rapidjson::Writer<rapidjson::StringBuffer> w(sb);
    d.Accept(w);
    return sb.GetString();
}

std::string BackupWithOnly(const std::string& json, const std::string& table) {
    rapidjson::Document d;
    d.Parse(json.c_str(), json.size());
    auto& tables = d["backup"]["tables"];
    for (rapidjson::SizeType i = tables.Size(); i-- > 0;)
        if (std::string(tables[i]["name"].GetString()) != table) tables.Erase(tables.Begin() + i);
    rapidjson::StringBuffer sb;
    rapidjson::Writer<rapidjson::StringBuffer> w(sb);
    d.Accept(w);
    return sb.GetString();
}

}  // namespace

TEST_CASE("An output that is the project or an input is refused, through links too, and nothing is written",
          "[hostile][files]") {
    TempDir dir;
    const std::string p = MakeDemo(dir);
    const std::string before = Sha256OfFile(p);
    REQUIRE(::symlink(p.c_str(), dir.File("länk.html").c_str()) == 0);
    REQUIRE(::link(p.c_str(), dir.File("hård.md").c_str()) == 0);
    for (const std::string format : {"md", "html", "xlsx", "csv", "json"}) {
        for (const std::string out : {p, dir.File("länk.html"), dir.File("hård.md"), p + "-wal"}) {
            INFO(format << " → " << out);
            auto r = RunStegvis("report --db " + Quoted(p) + " --format " + format + " --out " + Quoted(out));
            CHECK(r.status == 1);
            CHECK(r.err.find("samma fil som") != std::string::npos);
            CHECK(Sha256OfFile(p) == before);
            CHECK_FALSE(PathExists(p + "-wal"));
        }
    }
    // A roll-up's output naming one of its inputs, given alone or inside a folder.
    TempDir county;
    const std::string unit = MakeDemo(county, "enhet.stegvis");
    const std::string unitBefore = Sha256OfFile(unit);
    // Its working folder goes in $TMPDIR: a private one here, so what is left behind can be seen.
    TempDir tmp;
    ::setenv("TMPDIR", tmp.Path().c_str(), 1);
    for (const std::string input : {unit, county.Path()}) {
        auto r = RunStegvis("rollup --out " + Quoted(unit) + " " + Quoted(input));
        CHECK(r.status == 1);
        CHECK(r.err.find("samma fil som") != std::string::npos);
    }
    CHECK(Sha256OfFile(unit) == unitBefore);
    // A refused roll-up leaves nothing behind, and one that runs cleans up after itself.
    CHECK(std::filesystem::is_empty(tmp.Path()));
    REQUIRE(RunStegvis("rollup --out " + Quoted(county.File("lan.html")) + " " + Quoted(unit)).status == 0);
    CHECK(std::filesystem::is_empty(tmp.Path()));
    ::unsetenv("TMPDIR");
    // Restoring the project from itself.
    auto r = RunStegvis("backups --db " + Quoted(p) + " --restore " + Quoted(dir.File("hård.md")));
    CHECK(r.status == 1);
    CHECK(Sha256OfFile(p) == before);
}

TEST_CASE("A file that must not exist is never replaced, also when it appears at the last moment", "[hostile][files]") {
    TempDir dir;
    WriteText(dir.File("finns.txt"), "kvar");
    WriteText(dir.File("ny.txt"), "ny");
    // The atomic step itself: no check-then-rename window.
    CHECK_THROWS_AS(MoveIntoPlace(dir.File("ny.txt"), dir.File("finns.txt"), IfExists::Refuse), FileExistsError);
    CHECK(Slurp(dir.File("finns.txt")) == "kvar");
    CHECK(PathExists(dir.File("ny.txt")));
    // A link planted at the name, dangling or not, is a name taken.
    REQUIRE(::symlink("/nowhere/at/all", dir.File("dinglande.stegvis").c_str()) == 0);
    CHECK_THROWS_AS(MoveIntoPlace(dir.File("ny.txt"), dir.File("dinglande.stegvis"), IfExists::Refuse), FileExistsError);
    CHECK_THROWS_AS(WriteFileAtomic(dir.File("finns.txt"), "x", 0600, IfExists::Refuse), FileExistsError);
    // Through the real commands: new, demo and import refuse a taken name and leave it as it was.
    for (const std::string cmd : {"new --name N --org O --db ", "demo --db "}) {
        auto r = RunStegvis(cmd + Quoted(dir.File("finns.txt")));
        CHECK(r.status == 1);
        auto d = RunStegvis(cmd + Quoted(dir.File("dinglande.stegvis")));
        CHECK(d.status == 1);
    }
    CHECK(Slurp(dir.File("finns.txt")) == "kvar");
    // Nothing is left behind by a refused or finished creation.
    const std::string p = MakeDemo(dir);
    REQUIRE(RunStegvis("report --db " + Quoted(p) + " --format json --out " + Quoted(dir.File("b.json"))).status == 0);
    auto imp = RunStegvis("import --db " + Quoted(dir.File("finns.txt")) + " " + Quoted(dir.File("b.json")));
    CHECK(imp.status == 1);
    CHECK(Slurp(dir.File("finns.txt")) == "kvar");
    for (const std::string leftover : {".p.stegvis.work", ".finns.txt.work", ".b.json.tmp"}) {
        INFO(leftover);
        CHECK(std::system(("ls -a " + Quoted(dir.Path()) + " | grep -q '^" + leftover + "'").c_str()) != 0);
    }
}

TEST_CASE("Exports and backups get their final mode from the start and follow the umask", "[hostile][files]") {
    TempDir dir;
    const std::string p = MakeDemo(dir);
    auto modeOf = [](const std::string& path) {
        struct stat sb;
        REQUIRE(::stat(path.c_str(), &sb) == 0);
        return sb.st_mode & 0777;
    };
    // A backup holds the history with staff names: owner only, whatever the umask.
    auto r = RunStegvis("report --db " + Quoted(p) + " --format json --out " + Quoted(dir.File("b.json")));
    REQUIRE(r.status == 0);
    CHECK(modeOf(dir.File("b.json")) == 0600);
    // Documents follow the user's umask instead of being forced to 0644.
    const mode_t old = ::umask(027);
    auto h = RunStegvis("report --db " + Quoted(p) + " --format html --out " + Quoted(dir.File("r.html")));
    ::umask(old);
    REQUIRE(h.status == 0);
    CHECK(modeOf(dir.File("r.html")) == 0640);
    // Replacing an existing document that is a link replaces the link, never its target.
    WriteText(dir.File("mål.txt"), "orört");
    REQUIRE(::symlink(dir.File("mål.txt").c_str(), dir.File("l.html").c_str()) == 0);
    REQUIRE(RunStegvis("report --db " + Quoted(p) + " --format html --out " + Quoted(dir.File("l.html"))).status == 0);
    CHECK(Slurp(dir.File("mål.txt")) == "orört");
}

TEST_CASE("Read-only commands work on read-only media and never write the file or beside it", "[hostile][files]") {
    TempDir dir;
    stegvis::test::TmpfsMount media(dir.File("media"), 8 << 20);
    if (!media.Ok()) {
        WARN("no tmpfs here (not root, or mounting not allowed): skipped");
        return;
    }
    const std::string p = dir.File("media/p.stegvis");
    REQUIRE(RunStegvis("demo --db " + Quoted(p)).status == 0);
    ::chmod(p.c_str(), 0444);
    REQUIRE(std::system(("mount -o remount,ro " + Quoted(dir.File("media"))).c_str()) == 0);
    const std::string before = Sha256OfFile(p);
    TempDir out;
    auto s = RunStegvis("status --db " + Quoted(p));
    INFO(s.err);
    CHECK(s.status == 0);
    CHECK(s.out.find("Exempelkommun") != std::string::npos);
    for (const std::string format : {"html", "xlsx", "json"}) {
        auto r = RunStegvis("report --db " + Quoted(p) + " --format " + format + " --out " + Quoted(out.File("r." + format)));
        INFO(format << ": " << r.err);
        CHECK(r.status == 0);
    }
    auto b = RunStegvis("backups --db " + Quoted(p) + " --make --dir " + Quoted(out.File("kopior")));
    INFO(b.err);
    CHECK(b.status == 0);
    CHECK(Sha256OfFile(p) == before);
    CHECK_FALSE(PathExists(p + "-wal"));
    CHECK_FALSE(PathExists(p + "-shm"));
}

TEST_CASE("A file of an older schema is read by status and report without being upgraded", "[hostile][files]") {
    TempDir dir;
    const std::string p = dir.File("gammal.stegvis");
    stegvis::test::CreateReleasedFile(p, 2);
    Sql(p, "INSERT INTO project VALUES (1, 'Gammalt', 'Kommunen', 'kommun', '2015', '2020-01-01');"
           "PRAGMA journal_mode = DELETE;");
    const std::string before = Sha256OfFile(p);
    auto s = RunStegvis("status --db " + Quoted(p));
    INFO(s.err);
    CHECK(s.status == 0);
    CHECK(s.out.find("Gammalt") != std::string::npos);
    CHECK(RunStegvis("report --db " + Quoted(p) + " --format md --out " + Quoted(dir.File("r.md"))).status == 0);
    CHECK(Sha256OfFile(p) == before);
    CHECK(Store::HeaderSchemaVersion(p) == 2);
}

TEST_CASE("Read-only commands get the data out of a project on a full disk", "[hostile][files]") {
    TempDir dir;
    stegvis::test::TmpfsMount disk(dir.File("disk"), 8 << 20);
    if (!disk.Ok()) {
        WARN("no tmpfs here (not root, or mounting not allowed): skipped");
        return;
    }
    const std::string p = dir.File("disk/p.stegvis");
    REQUIRE(RunStegvis("demo --db " + Quoted(p)).status == 0);
    REQUIRE(stegvis::test::FillDisk(dir.File("disk/fyllnad")) > 0);
    const std::string before = Sha256OfFile(p);
    TempDir out;
    CHECK(RunStegvis("status --db " + Quoted(p)).status == 0);
    auto r = RunStegvis("report --db " + Quoted(p) + " --format json --out " + Quoted(out.File("b.json")));
    INFO(r.err);
    CHECK(r.status == 0);
    auto b = RunStegvis("backups --db " + Quoted(p) + " --make --dir " + Quoted(out.File("kopior")));
    INFO(b.err);
    CHECK(b.status == 0);
    CHECK(Sha256OfFile(p) == before);
}

TEST_CASE("A file replaced, moved or deleted under an open store gets no more writes, and its edits are rescued",
          "[hostile][files]") {
    TempDir dir;
    ProjectInfo info = stegvis::test::SampleInfo();
    const std::string p = dir.File("p.stegvis");
    ActionContext ctx;
    ctx.manual = &TheManual();
    auto edit = [&](Store& s, const std::string& text) { return Apply(s, SetStepNotes{2, text}, "Anna", ctx); };

    SECTION("replaced by a copy (a sync client: cp old new && mv new p.stegvis), then edited") {
        Store store = Store::Create(p, info);
        REQUIRE(edit(store, "sparad").ok);
        const std::string saved = Sha256OfFile(p);
        std::system(("cp " + Quoted(p) + " " + Quoted(dir.File("ny")) + " && mv " + Quoted(dir.File("ny")) + " " +
                     Quoted(p)).c_str());
        const std::string replaced = Sha256OfFile(p);
        try {
            edit(store, "efter bytet");
            FAIL("the edit should have been refused");
        } catch (const OpenError& e) {
            CHECK(e.GetKind() == OpenError::Kind::Moved);
            CHECK(std::string(e.what()).find("ersatts") != std::string::npos);
        }
        CHECK_FALSE(store.StillAtPath());
        // Everything saved in the open store is in the rescued copy.
        store.SaveCopyTo(dir.File("räddad.stegvis"));
        CHECK(Store::Open(dir.File("räddad.stegvis")).Load().Step(2).notes == "sparad");
        // The file now at the path was never written to, and opens cleanly.
        CHECK(Sha256OfFile(p) == replaced);
        (void)saved;
    }
    SECTION("moved away: the moved file keeps every edit once the store lets go") {
        {
            Store store = Store::Create(p, info);
            store.DeferCheckpoints();  // the edits stay in the -wal, as in the window
            REQUIRE(edit(store, "i loggen").ok);
            REQUIRE(::rename(p.c_str(), dir.File("flyttad.stegvis").c_str()) == 0);
            CHECK_THROWS_AS(edit(store, "efter flytten"), OpenError);
            CHECK_FALSE(store.StillAtPath());
        }
        CHECK_FALSE(PathExists(p + "-wal"));  // the log went with the connection, not left for a new file
        CHECK(Store::Open(dir.File("flyttad.stegvis")).Load().Step(2).notes == "i loggen");
    }
    SECTION("deleted") {
        Store store = Store::Create(p, info);
        REQUIRE(edit(store, "kvar i minnet").ok);
        ::unlink(p.c_str());
        CHECK_THROWS_AS(edit(store, "efter"), OpenError);
        CHECK_THROWS_AS(Undo(store), OpenError);
        store.SaveCopyTo(dir.File("räddad.stegvis"));
        CHECK(Store::Open(dir.File("räddad.stegvis")).Load().Step(2).notes == "kvar i minnet");
        CHECK_FALSE(PathExists(p));  // nothing recreated at the path
    }
}

TEST_CASE("A program writing to a file that is replaced stops and names it: the new file stays whole", "[hostile][files]") {
    TempDir dir;
    const std::string p = MakeDemo(dir);
    REQUIRE(RunStegvis("report --db " + Quoted(p) + " --format json --out " + Quoted(dir.File("b.json"))).status == 0);
    REQUIRE(RunStegvis("import --db " + Quoted(dir.File("kopia.stegvis")) + " " + Quoted(dir.File("b.json"))).status == 0);
    stegvis::test::Child child({"script", "--db", p, "--edits", "200000"},
                               stegvis::test::SpawnOptions{dir.File("data")});
    child.ReadFor(0.5);
    REQUIRE(::rename(dir.File("kopia.stegvis").c_str(), p.c_str()) == 0);  // a sync client's replace
    child.ReadFor(10);
    const int status = child.Wait();
    INFO("stderr: " << child.Err() << "\nstdout ends: " << child.Out().substr(child.Out().size() > 300 ? child.Out().size() - 300 : 0));
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 1);
    CHECK(child.Err().find("ersatts") != std::string::npos);
    // Another program opening the path now gets the new file, with no foreign log replayed into it.
    CHECK(Store::CheckIntegrity(p) == "ok");
    CHECK(RunStegvis("status --db " + Quoted(p)).status == 0);
}

TEST_CASE("Imports that once crashed the window at every start are refused, naming the place", "[hostile][import]") {
    TempDir dir;
    const std::string p = MakeDemo(dir);
    REQUIRE(RunStegvis("report --db " + Quoted(p) + " --format json --out " + Quoted(dir.File("b.json"))).status == 0);
    const std::string json = Slurp(dir.File("b.json"));
    struct Case {
        const char* what;
        std::string doc;
        const char* expect;
    };
    const std::vector<Case> cases = {
        {"only the project table", BackupWithOnly(json, "project"), "15 steg"},
        {"a period '2'", BackupWith(json, "measure_point", "period", "t:2"), "inget datum"},
        {"a period 'abc'", BackupWith(json, "measure_point", "period", "t:abc"), "inget datum"},
        {"a period mid-month", BackupWith(json, "measure_point", "period", "t:2026-03-17"), "början på en"},
        {"30 000 000 respondents", BackupWith(json, "readiness_round", "respondents", "i:30000000"), "utanför"},
        {"2^63-1 people", BackupWith(json, "inventory", "volume", "i:9223372036854775807"), "utanför"},
        {"1e308 kronor", BackupWith(json, "measure_point", "numerator", "r:1e308"), "utanför"},
        {"a number as text", BackupWith(json, "inventory", "volume", "t:många"), "inget heltal"},
        {"a status nobody can set", BackupWith(json, "inventory", "offered", "t:kanske"), "CHECK constraint"},
        {"a provider nobody can choose", BackupWith(json, "inventory", "provider", "t:egen,kanske"), "tillåtna värdena"},
        {"nobody together with somebody", BackupWith(json, "inventory", "provider", "t:egen,ingen"), "tillåtna värdena"},
        {"a date that is no date", BackupWith(json, "decision", "decided_on", "t:igår"), "inget datum"},
        {"a NUL in a text", BackupWith(json, "project", "name", std::string("t:Före\0efter", 13)), "NUL"},
        {"a responsible person who does not exist", BackupWith(json, "activity", "responsible", "i:999999"),
         "FOREIGN KEY"},
    };
    for (const Case& c : cases) {
        INFO(c.what);
        WriteText(dir.File("fel.json"), c.doc);
        auto r = RunStegvis("import --db " + Quoted(dir.File("fel.stegvis")) + " " + Quoted(dir.File("fel.json")));
        CHECK(r.status == 1);
        CHECK(r.err.find("fel.json") != std::string::npos);
        CHECK(r.err.find("backup.tables") != std::string::npos);
        CHECK(r.err.find(c.expect) != std::string::npos);
        CHECK(r.err.find("rapidjson") == std::string::npos);
        CHECK(r.err.find("NVP") == std::string::npos);
        CHECK_FALSE(PathExists(dir.File("fel.stegvis")));
    }
}

TEST_CASE("A project file altered by hand is refused on open with the place named, and never reopened", "[hostile][open]") {
    TempDir dir;
    const std::string p = MakeDemo(dir);
    struct Case {
        const char* what;
        const char* sql;
        const char* expect;
    };
    const std::vector<Case> cases = {
        {"a period that is no date", "UPDATE measure_point SET period = 'abc' WHERE rowid = (SELECT min(rowid) FROM measure_point)",
         "measure_point"},
        {"a step missing", "DELETE FROM step_progress WHERE step = 7", "15 steg"},
        {"providers out of the list's order", "UPDATE inventory SET provider = 'psykiatri,egen' WHERE rec_id = 'BI-01'",
         "inventory"},
        {"a provider twice", "UPDATE inventory SET provider = 'egen,egen' WHERE rec_id = 'BI-01'", "provider"},
        {"history as a view that never ends",
         "ALTER TABLE history RENAME TO h; CREATE VIEW history AS WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1 "
         "FROM r) SELECT x AS id, x AS action_id, '' AS at, '' AS who, '' AS label, '' AS entity, '' AS key, '' AS field, "
         "NULL AS old_value, NULL AS new_value, 'done' AS state FROM r",
         "Stegvis-projekt"},
        {"a trigger of someone else's", "CREATE TRIGGER t AFTER UPDATE ON step_progress BEGIN SELECT 1; END",
         "trigger 't'"},
        {"a changed trigger", "DROP TRIGGER decision_append_only_u; CREATE TRIGGER decision_append_only_u BEFORE UPDATE "
                              "ON decision BEGIN SELECT 1; END",
         "decision_append_only_u"},
    };
    for (const Case& c : cases) {
        INFO(c.what);
        const std::string f = dir.File("ändrad.stegvis");
        std::system(("cp " + Quoted(p) + " " + Quoted(f)).c_str());
        Sql(f, c.sql);
        auto r = RunStegvis("status --db " + Quoted(f), "", 30);
        CHECK(r.status == 1);  // refused, not hung (killed: 137) or crashed
        CHECK(r.err.find(c.expect) != std::string::npos);
        CHECK(r.err.find("ändrad.stegvis") != std::string::npos);
        CHECK_THROWS_AS(Store::Open(f), OpenError);
        ::unlink(f.c_str());
    }
}

TEST_CASE("A roll-up skips and names a degenerate unit and reads the rest", "[hostile][rollup]") {
    TempDir dir;
    const std::string good = MakeDemo(dir, "god.stegvis");
    const std::string bad = dir.File("ond.stegvis");
    std::system(("cp " + Quoted(good) + " " + Quoted(bad)).c_str());
    Sql(bad, "ALTER TABLE history RENAME TO h; CREATE VIEW history AS WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL "
             "SELECT x + 1 FROM r) SELECT x AS id FROM r");
    WriteText(dir.File("tom.stegvis"), "");
    TempDir out;
    auto r = RunStegvis("rollup --out " + Quoted(out.File("län.html")) + " " + Quoted(dir.Path()), "", 60);
    CHECK(r.status == 2);
    CHECK(r.err.find("ond.stegvis") != std::string::npos);
    CHECK(r.err.find("tom.stegvis") != std::string::npos);
    CHECK(r.out.find("1 enheter, 2 överhoppade") != std::string::npos);
    CHECK(Slurp(out.File("län.html")).find("Exempelkommun") != std::string::npos);
}

TEST_CASE("A FIFO, a device or a huge file as a template, partial or data file is refused, not waited on",
          "[hostile][reads]") {
    TempDir dir;
    const std::string p = MakeDemo(dir);
    REQUIRE(::mkfifo(dir.File("rör.md.mustache").c_str(), 0600) == 0);
    for (const std::string tmpl : {dir.File("rör.md.mustache"), std::string("/dev/zero")}) {
        INFO(tmpl);
        auto r = RunStegvis("report --db " + Quoted(p) + " --format md --template " + Quoted(tmpl) + " --out " +
                                Quoted(dir.File("r.md")),
                            "", 30);
        CHECK(r.status == 1);
        CHECK(r.err.find("ingen vanlig fil") != std::string::npos);
    }
    // A partial that is a pipe, beside the template.
    REQUIRE(::mkfifo(dir.File("del.md.mustache").c_str(), 0600) == 0);
    WriteText(dir.File("mall.md.mustache"), "# {{project}}\n{{> del}}\n");
    auto r = RunStegvis("report --db " + Quoted(p) + " --format md --template " + Quoted(dir.File("mall.md.mustache")) +
                            " --out " + Quoted(dir.File("r.md")),
                        "", 30);
    CHECK(r.status == 1);
    CHECK(r.err.find("ingen vanlig fil") != std::string::npos);
    // A data file under STEGVIS_HOME that is a pipe: the catalog.
    TempDir home;
    std::system(("cp -r " STEGVIS_SOURCE_DIR "/phases " STEGVIS_SOURCE_DIR "/templates " + Quoted(home.Path()) +
                 " && mkdir -p " + Quoted(home.File("data")) + " && cp -r " STEGVIS_SOURCE_DIR "/data/instruments " +
                 Quoted(home.File("data")))
                    .c_str());
    REQUIRE(::mkfifo(home.File("data/catalog.tsv").c_str(), 0600) == 0);
    const std::string cmd = "STEGVIS_HOME=" + Quoted(home.Path()) + " timeout -s KILL 30 '" STEGVIS_BINARY "' catalog >/dev/null 2>" +
                            Quoted(dir.File("err"));
    const int rc = std::system(cmd.c_str());
    CHECK(WEXITSTATUS(rc) == 1);
    CHECK(Slurp(dir.File("err")).find("ingen vanlig fil") != std::string::npos);
    // The size cap itself.
    WriteText(dir.File("stor"), std::string(2048, 'x'));
    CHECK_THROWS_WITH(ReadFile(dir.File("stor"), 1024), Catch::Contains("större än gränsen"));
    CHECK(ReadFile(dir.File("stor"), 4096).size() == 2048);
}

TEST_CASE("Markdown shows user text as typed: no raw HTML, no split table, no stray heading or list", "[hostile][output]") {
    CHECK(MarkdownEscape("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;");
    CHECK(MarkdownEscape("a | b") == "a \\| b");
    CHECK(MarkdownEscape("rad 1\n# rubrik") == "rad 1<br># rubrik");
    CHECK(MarkdownEscape("# rubrik") == "\\# rubrik");
    CHECK(MarkdownEscape("- punkt") == "\\- punkt");
    CHECK(MarkdownEscape("> citat") == "\\&gt; citat");
    CHECK(MarkdownEscape("12. numrerad") == "12\\. numrerad");
    CHECK(MarkdownEscape("3) numrerad") == "3\\) numrerad");
    CHECK(MarkdownEscape("*fet* och _kursiv_ och [länk](x)") == "\\*fet\\* och \\_kursiv\\_ och \\[länk\\](x)");
    CHECK(MarkdownEscape("Åsa, 2026-11-29, 3,5 %") == "Åsa, 2026-11-29, 3,5 %");  // ordinary text stays readable

    // In a real document: a comment with all of it stays inside its table cell.
    stegvis::test::ProjectFixture f;
    f.Ok(SetInventoryField{"BI-04", InvField::Comment, "x | y\n# z <b>fet</b>"});
    const std::string md = RenderProgress(f.M(), stegvis::test::TheCatalog(), TheManual(), stegvis::test::TheInstruments(),
                                          "2026-11-29", "md", ResolveTemplate("progress", "md"));
    CHECK(md.find("<b>") == std::string::npos);
    CHECK(md.find("\n# z") == std::string::npos);
}

TEST_CASE("Every column of every CSV is neutralised against formulas", "[hostile][output]") {
    for (const std::string start : {"=", "+", "-", "@", "\t", "\r"}) {
        INFO(start);
        CHECK(CsvField(start + "1+1").rfind("\"'", 0) == 0);
        CHECK(CsvField(start + "1+1", ';').rfind("\"'", 0) == 0);
    }
    CHECK(CsvField("vanlig text") == "vanlig text");
    stegvis::test::ProjectFixture f;
    f.Ok(SetInventoryField{"BI-04", InvField::Comment, "=HYPERLINK(\"http://x\")"});
    const std::string inv = InventoryCsv(f.M(), stegvis::test::TheCatalog());
    CHECK(inv.find(";=HYPERLINK") == std::string::npos);
    CHECK(inv.find("\"'=HYPERLINK") != std::string::npos);
}

TEST_CASE("XLSX never drops text: a cell over Excel's limit is cut with a marker, and the export says so",
          "[hostile][output]") {
    TempDir dir;
    const std::string p = MakeDemo(dir);
    std::string longText;
    while (longText.size() < 40000) longText += "Lång kommentar med å ä ö. ";
    {
        Store store = Store::Open(p);
        ActionContext ctx;
        ctx.manual = &TheManual();
        ctx.catalog = &stegvis::test::TheCatalog();
        REQUIRE(Apply(store, SetInventoryField{"BI-04", InvField::Comment, longText.substr(0, 19990)}, "Anna", ctx).ok);
        REQUIRE(Apply(store, SetStepNotes{3, longText.substr(0, 19990)}, "Anna", ctx).ok);
    }
    // The history keeps old and new values side by side: twice the limit of a field, beyond Excel's.
    auto r = RunStegvis("report --db " + Quoted(p) + " --format xlsx --out " + Quoted(dir.File("p.xlsx")));
    REQUIRE(r.status == 0);
    const int rc = std::system(("python3 -c \"import zipfile,sys; z=zipfile.ZipFile(sys.argv[1]); "
                                "s=z.read('xl/sharedStrings.xml').decode(); sys.exit(0 if 'Lång kommentar' in s else 3)\" " +
                                Quoted(dir.File("p.xlsx")))
                                   .c_str());
    CHECK(WEXITSTATUS(rc) == 0);
    // A text over the limit, through the same writer the export uses.
    ProjectModel m = Store::OpenReadOnly(p).Load();
    m.inventory["BI-04"].comment = longText;
    const int cut = WriteProjectXlsx(dir.File("lång.xlsx"), m, stegvis::test::TheCatalog(), TheManual(),
                                     stegvis::test::TheInstruments(), "2026-11-29");
    CHECK(cut >= 1);
    const int rc2 = std::system(("python3 -c \"import zipfile,sys; z=zipfile.ZipFile(sys.argv[1]); "
                                 "s=z.read('xl/sharedStrings.xml').decode(); sys.exit(0 if 'avkortad' in s else 3)\" " +
                                 Quoted(dir.File("lång.xlsx")))
                                    .c_str());
    CHECK(WEXITSTATUS(rc2) == 0);
}

TEST_CASE("Undo cannot put into the project a value no edit could, even from a history altered by hand", "[hostile][open]") {
    stegvis::test::ProjectFixture f;
    f.Ok(SetInventoryField{"BI-04", InvField::Volume, "12"});
    // The history's old value for that edit, changed by hand to something no edit accepts.
    Sql(f.store.Path(), "UPDATE history SET old_value = 'massor' WHERE field = 'volume'");
    CHECK_THROWS_WITH(Undo(f.store), Catch::Contains("inget ändrades"));
    CHECK(f.M().Inventory("BI-04")->volume == 12);
}

TEST_CASE("The backup holds every table of the current schema and gives every row back", "[hostile][backup]") {
    TempDir dir;
    const std::string p = MakeDemo(dir);
    const BackupDocument doc = ExportBackup(p);
    std::set<std::string> inBackup;
    for (const BackupTable& t : doc.tables) inBackup.insert(t.name);
    Db schema = Store::SchemaInMemory(Store::kSchemaVersion);
    Stmt tables(schema, "SELECT name FROM sqlite_master WHERE type = 'table'");
    int n = 0;
    while (tables.Step()) {
        INFO(tables.Text(0));
        CHECK(inBackup.count(tables.Text(0)) == 1);
        ++n;
    }
    CHECK(n >= 29);
    ImportBackup(BackupToJson(doc), "b.json", dir.File("åter.stegvis"));
    const BackupDocument again = ExportBackup(dir.File("åter.stegvis"));
    REQUIRE(again.tables.size() == doc.tables.size());
    for (size_t i = 0; i < doc.tables.size(); ++i) {
        INFO(doc.tables[i].name);
        CHECK(again.tables[i].rows == doc.tables[i].rows);
    }
}

TEST_CASE("Two programs opening the same old file at once both upgrade it cleanly", "[hostile][open]") {
    for (int round = 0; round < 10; ++round) {
        TempDir dir;
        const std::string p = dir.File("gammal.stegvis");
        stegvis::test::CreateReleasedFile(p, 1);
        Sql(p, "INSERT INTO project VALUES (1, 'Gammalt', 'Kommunen', 'kommun', '2015', '2020-01-01')");
        const std::string cmd = "XDG_DATA_HOME=" + Quoted(dir.File("d")) + " '" STEGVIS_BINARY "' script --edits 3 --db " +
                                Quoted(p) + " >/dev/null 2>" + Quoted(dir.File("e"));
        const std::string both = cmd + "1 & p1=$!; " + cmd + "2 & p2=$!; wait $p1; a=$?; wait $p2; b=$?; exit $((a+b))";
        const int rc = std::system(("bash -c " + Quoted(both)).c_str());
        INFO(Slurp(dir.File("e1")) << Slurp(dir.File("e2")));
        CHECK(WEXITSTATUS(rc) == 0);
        CHECK(Store::HeaderSchemaVersion(p) <= Store::kSchemaVersion);
        CHECK(Store::OpenReadOnly(p).SchemaVersion() == Store::kSchemaVersion);
    }
}

TEST_CASE("Demos and a roll-up built on several threads at once share nothing unguarded", "[threads]") {
    // Run under ThreadSanitizer by .ci/tsan: the benchmark builds demos in parallel, and the
    // roll-up reads its units on a pool of threads (with the schema cache and read deadlines).
    TempDir dir;
    std::vector<std::thread> pool;
    std::vector<std::string> errors(4);
    for (int i = 0; i < 4; ++i)
        pool.emplace_back([&, i] {
            try {
                DemoOptions opt;
                opt.organisation = "Kommun " + std::to_string(i);
                opt.anchorDate = "2026-11-29";
                CreateDemo(dir.File("enhet-" + std::to_string(i) + ".stegvis"), opt, TheManual(),
                           stegvis::test::TheCatalog(), stegvis::test::TheInstruments());
            } catch (const std::exception& e) {
                errors[static_cast<size_t>(i)] = e.what();
            }
        });
    for (auto& t : pool) t.join();
    for (const std::string& e : errors) CHECK(e.empty());
    TempDir work;
    Rollup r = LoadRollup({dir.Path()}, work.Path());
    CHECK(r.units.size() == 4);
    CHECK(r.skipped.empty());
}
