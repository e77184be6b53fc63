// The JSON backup: a round trip is exact, and a damaged backup is refused with the path of
// its first problem and without leaving a file behind.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include "TestUtil.hpp"
#include "edit/Actions.hpp"
#include "store/Backup.hpp"
#include "edit/Demo.hpp"
#include "base/Paths.hpp"
#include "store/Store.hpp"
#include "base/Text.hpp"

using namespace stegvis;
using stegvis::test::TempDir;
using stegvis::test::TheCatalog;
using stegvis::test::TheInstruments;
using stegvis::test::TheManual;

namespace {
std::string WithoutTimestamp(std::string json) {
    auto pos = json.find("\"exported_at\"");
    REQUIRE(pos != std::string::npos);
    json.erase(pos, json.find('\n', pos) - pos);
    return json;
}

std::string DemoBackup(const TempDir& dir) {
    DemoOptions opt;
    opt.anchorDate = "2026-11-23";
    CreateDemo(dir.File("demo.stegvis"), opt, TheManual(), TheCatalog(), TheInstruments());
    return BackupToJson(ExportBackup(dir.File("demo.stegvis")));
}

DataError ImportError(const std::string& json, const std::string& target) {
    try {
        ImportBackup(json, "backup.json", target);
    } catch (const DataError& e) {
        CHECK_FALSE(PathExists(target));               // nothing half-made is left
        CHECK_FALSE(PathExists(target + ".importing"));
        return e;
    }
    FAIL("the import should have failed");
    throw std::logic_error("unreachable");
}

void Replace(std::string& s, const std::string& from, const std::string& to) {
    auto pos = s.find(from);
    REQUIRE(pos != std::string::npos);
    s.replace(pos, from.size(), to);
}
}  // namespace

TEST_CASE("Export, import, export gives the same backup apart from the timestamp", "[backup]") {
    TempDir dir;
    std::string first = DemoBackup(dir);
    ImportBackup(first, "backup.json", dir.File("restored.stegvis"));
    std::string second = BackupToJson(ExportBackup(dir.File("restored.stegvis")));
    CHECK(WithoutTimestamp(first) == WithoutTimestamp(second));
    struct stat sb;
    REQUIRE(::stat(dir.File("restored.stegvis").c_str(), &sb) == 0);
    CHECK((sb.st_mode & 0777) == 0600);

    // The restored project is the same project, history included: undo still works.
    Store a = Store::Open(dir.File("demo.stegvis"));
    Store b = Store::Open(dir.File("restored.stegvis"));
    ProjectModel ma = a.Load(), mb = b.Load();
    CHECK(mb.project.name == ma.project.name);
    CHECK(mb.decisions.size() == ma.decisions.size());
    CHECK(mb.inventory.size() == ma.inventory.size());
    CHECK(mb.points.size() == ma.points.size());
    CHECK(mb.records.at("activity").size() == ma.records.at("activity").size());
    CHECK(mb.undoable == ma.undoable);
    REQUIRE(Undo(b));
    CHECK(b.Load().undoable == ma.undoable - 1);
}

TEST_CASE("A damaged backup is refused with the path of its first problem", "[backup][errors]") {
    TempDir dir;
    const std::string good = DemoBackup(dir);
    const std::string target = dir.File("new.stegvis");
    SECTION("cut off half-way") {
        auto e = ImportError(good.substr(0, good.size() / 2), target);
        CHECK(e.Line() > 1);  // the JSON syntax error's line
    }
    SECTION("not a backup at all") {
        CHECK(ImportError("{\"rows\": []}", target).Entry() == "backup");
    }
    SECTION("a cell edited by hand into nonsense") {
        std::string bad = good;
        Replace(bad, "\"i:1\"", "\"one\"");
        auto e = ImportError(bad, target);
        CHECK(e.Entry().find("backup.tables[0].rows[0][0]") == 0);
        CHECK(std::string(e.what()).find("'one' is not a cell") != std::string::npos);
    }
    SECTION("a row with a cell missing") {
        std::string bad = good;
        Replace(bad, "\"i:1\",", "");
        CHECK(ImportError(bad, target).Entry() == "backup.tables[0].rows[0]");
    }
    SECTION("an unknown table") {
        std::string bad = good;
        Replace(bad, "\"name\": \"inventory\"", "\"name\": \"salaries\"");
        CHECK(std::string(ImportError(bad, target).what()).find("'salaries' is not a table") != std::string::npos);
    }
    SECTION("a newer schema") {
        std::string bad = good;
        Replace(bad, "\"schema\": " + std::to_string(Store::kSchemaVersion), "\"schema\": 99");
        CHECK(ImportError(bad, target).Field() == "schema");
    }
    SECTION("a row that breaks the file's rules") {
        std::string bad = good;
        Replace(bad, "\"t:not_started\"", "\"t:maybe\"");  // a step status outside the allowed ones
        auto e = ImportError(bad, target);
        CHECK(e.Entry().find("backup.tables[1].rows[") == 0);
    }
}

TEST_CASE("An import never overwrites an existing file", "[backup][errors]") {
    TempDir dir;
    std::string json = DemoBackup(dir);
    stegvis::test::WriteText(dir.File("taken.stegvis"), "mine");
    CHECK_THROWS_AS(ImportBackup(json, "backup.json", dir.File("taken.stegvis")), OpenError);
    CHECK(ReadFile(dir.File("taken.stegvis")) == "mine");
}

TEST_CASE("stegvis report --format json and stegvis import round-trip", "[backup][cli]") {
    TempDir dir;
    std::string demo = dir.File("demo.stegvis");
    REQUIRE(stegvis::test::RunStegvis("demo --db '" + demo + "'").status == 0);
    std::string json = dir.File("kopia.json");
    REQUIRE(stegvis::test::RunStegvis("report --db '" + demo + "' --format json --out '" + json + "'").status == 0);
    struct stat sb;
    REQUIRE(::stat(json.c_str(), &sb) == 0);
    CHECK((sb.st_mode & 0777) == 0600);
    auto r = stegvis::test::RunStegvis("import --db '" + dir.File("ny.stegvis") + "' '" + json + "'");
    REQUIRE(r.status == 0);
    auto again = stegvis::test::RunStegvis("import --db '" + dir.File("ny.stegvis") + "' '" + json + "'");
    CHECK(again.status != 0);
    CHECK(again.err.find("ny.stegvis") != std::string::npos);
    auto status = stegvis::test::RunStegvis("status --db '" + dir.File("ny.stegvis") + "'");
    CHECK(status.out.find("Exempelkommun") != std::string::npos);
}

TEST_CASE("An import never picks up a -wal left behind by an earlier file of the same name", "[backup][reliability]") {
    TempDir dir;
    const ProjectInfo info = stegvis::test::SampleInfo();
    const std::string target = dir.File("ny.stegvis");
    std::string staleWal;
    {
        // An earlier file of that name, with an edit still in its log...
        Store earlier = Store::Create(target, info);
        earlier.DeferCheckpoints();
        REQUIRE(Apply(earlier, SetStepNotes{1, "från den gamla filen"}, "test", &TheManual()).ok);
        staleWal = ReadFile(target + "-wal");
    }
    // ...deleted by hand while its -wal stayed.
    REQUIRE(::unlink(target.c_str()) == 0);
    WriteFileAtomic(target + "-wal", staleWal);

    const std::string fresh = dir.File("tom.stegvis");
    { Store::Create(fresh, info); }
    ImportBackup(BackupToJson(ExportBackup(fresh)), "tom.json", target);
    struct stat sb;
    REQUIRE(::stat(target.c_str(), &sb) == 0);
    CHECK((sb.st_mode & 0777) == 0600);
    CHECK(Store::CheckIntegrity(target) == "ok");
    CHECK(Store::Open(target).Load().Step(1).notes.empty());
}
