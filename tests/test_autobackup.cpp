// Automatic backups made when a project is opened: complete private copies, newest N kept,
// listed with what they hold, restorable (and the restore undoable), never blocking an open.
#include <catch2/catch.hpp>

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <regex>
#include <set>

#include "Spawn.hpp"
#include "TestUtil.hpp"
#include "store/AutoBackup.hpp"
#include "base/Paths.hpp"
#include "store/Store.hpp"
#include "base/Text.hpp"

using namespace stegvis;
using stegvis::test::ProjectFixture;
using stegvis::test::RunStegvis;
using stegvis::test::Sha256OfFile;
using stegvis::test::TempDir;
using stegvis::test::WriteText;

namespace {

unsigned Mode(const std::string& path) {
    struct stat sb;
    REQUIRE(::stat(path.c_str(), &sb) == 0);
    return sb.st_mode & 0777;
}

std::vector<std::string> FilesIn(const std::string& dir) {
    std::vector<std::string> out;
    if (DIR* d = ::opendir(dir.c_str())) {
        while (const dirent* e = ::readdir(d))
            if (std::string(e->d_name) != "." && std::string(e->d_name) != "..") out.push_back(e->d_name);
        ::closedir(d);
    }
    return out;
}

std::string Notes(const std::string& path, int step) {
    return Store::Open(path).ReadField("step", std::to_string(step), "notes").value_or("");
}

}  // namespace

TEST_CASE("An automatic backup is a complete private copy of the project as it is now", "[autobackup]") {
    ProjectFixture f;
    f.Ok(SetStepNotes{1, "före kopian"});
    f.Ok(SetInventoryField{"BI-04", InvField::Volume, "120"});
    TempDir backups;
    const std::string root = backups.File("backups");
    // The project stays open, its latest edits still in the -wal: the copy has them all the same.
    const std::string path = MakeAutoBackup(f.store.Path(), root, 10);
    const std::string folder = root + "/p";
    CHECK(AutoBackupFolder(f.store.Path(), root) == folder);
    REQUIRE(StartsWith(path, folder + "/p-"));
    CHECK(std::regex_match(path.substr(folder.size() + 1), std::regex(R"(p-\d{8}-\d{6}\.stegvis)")));
    CHECK(Mode(path) == 0600);
    CHECK(Mode(folder) == 0700);
    CHECK(Mode(root) == 0700);
    CHECK(FilesIn(folder).size() == 1);  // one self-contained file: no -wal, no temporary
    CHECK(Store::CheckIntegrity(path) == "ok");
    FileSummary s = Store::Summarize(path);
    CHECK(s.name == "Projekt");
    CHECK(s.historyEntries == static_cast<int64_t>(f.store.History(1000).size()));
    CHECK_FALSE(s.lastChangeAt.empty());
    // Opening the copy (in a scratch place) shows the project as it was.
    const std::string scratch = backups.File("open.stegvis");
    REQUIRE(std::system(("cp '" + path + "' '" + scratch + "'").c_str()) == 0);
    CHECK(Notes(scratch, 1) == "före kopian");
    CHECK(Store::Open(scratch).ReadField("inventory", "BI-04", "volume") == "120");

    auto list = ListAutoBackups(f.store.Path(), root);
    REQUIRE(list.size() == 1);
    CHECK(list[0].path == path);
    CHECK(std::regex_match(list[0].takenAt, std::regex(R"(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)")));
    CHECK(list[0].sizeBytes > 0);
    CHECK(list[0].projectName == "Projekt");
    CHECK(list[0].organisation == "Exempelkommun");
    CHECK(list[0].historyEntries == s.historyEntries);
    CHECK(list[0].problem.empty());
    // Nothing changed since: the newest backup is the one to keep, not a second identical copy.
    CHECK(MakeAutoBackup(f.store.Path(), root, 10) == path);
    CHECK(ListAutoBackups(f.store.Path(), root).size() == 1);
    CHECK(ListAutoBackups(backups.File("other.stegvis"), root).empty());
}

TEST_CASE("Backups in the same second get their own names and the newest N are kept", "[autobackup]") {
    ProjectFixture f;
    TempDir backups;
    const std::string root = backups.File("b");
    std::vector<std::string> made;
    for (int i = 0; i < 13; ++i) {
        f.Ok(SetStepNotes{1, "version " + std::to_string(i)});
        made.push_back(MakeAutoBackup(f.store.Path(), root, 10));
    }
    CHECK(std::set<std::string>(made.begin(), made.end()).size() == 13);  // none overwritten
    bool suffixed = false;
    for (const auto& p : made) suffixed = suffixed || std::regex_search(p, std::regex(R"(-\d{6}-\d+\.stegvis$)"));
    CHECK(suffixed);  // thirteen copies of a small project take well under a second each
    auto list = ListAutoBackups(f.store.Path(), root);
    REQUIRE(list.size() == 10);
    for (size_t i = 0; i < list.size(); ++i) {
        INFO(i);
        CHECK(list[i].path == made[12 - i]);  // newest first
        CHECK(Notes(list[i].path, 1) == "version " + std::to_string(12 - i));
        if (i > 0) CHECK(list[i].historyEntries < list[i - 1].historyEntries);
    }
    for (int i = 0; i < 3; ++i) CHECK_FALSE(PathExists(made[static_cast<size_t>(i)]));
    // A smaller keep trims on the next backup.
    f.Ok(SetStepNotes{1, "sista"});
    MakeAutoBackup(f.store.Path(), root, 3);
    CHECK(ListAutoBackups(f.store.Path(), root).size() == 3);
}

TEST_CASE("Restoring a backup puts its contents back, and the restore can be undone", "[autobackup]") {
    ProjectFixture f;
    TempDir backups;
    const std::string root = backups.File("b");
    f.Ok(SetStepNotes{1, "version A"});
    const std::string a = MakeAutoBackup(f.store.Path(), root);
    f.Ok(SetStepNotes{1, "version B"});
    f.Ok(SetStepNotes{2, "bara i B"});
    REQUIRE_FALSE(f.store.ChangedSinceLastCheck());

    // The window keeps the project open through the restore.
    const std::string before = RestoreAutoBackup(a, f.store.Path(), root);
    REQUIRE_FALSE(before.empty());
    CHECK(before != a);
    CHECK(f.store.ChangedSinceLastCheck());  // the window sees an external change and reloads
    ProjectModel m = f.M();
    CHECK(m.Step(1).notes == "version A");
    CHECK(m.Step(2).notes.empty());
    CHECK(Store::CheckIntegrity(f.store.Path()) == "ok");
    CHECK(Mode(f.store.Path()) == 0600);
    f.Ok(SetStepNotes{3, "efter återställningen"});  // editing goes on in the same window
    CHECK(f.M().Step(3).notes == "efter återställningen");

    // Undo: the backup made just before the restore puts B back.
    RestoreAutoBackup(before, f.store.Path(), root);
    m = f.M();
    CHECK(m.Step(1).notes == "version B");
    CHECK(m.Step(2).notes == "bara i B");
    CHECK(Store::CheckIntegrity(f.store.Path()) == "ok");
    CHECK(Undo(f.store));  // history came back with the contents
}

TEST_CASE("A damaged project file is kept as it was and replaced by the backup", "[autobackup]") {
    TempDir dir;
    const std::string root = dir.File("b"), path = dir.File("p.stegvis");
    std::string good;
    {
        Store s = test::NewStore(dir);
        REQUIRE(Apply(s, SetStepNotes{4, "värd att rädda"}, "test").ok);
        good = MakeAutoBackup(path, root);
    }
    SECTION("pages overwritten in the middle") {
        std::string bytes = stegvis::ReadFile(path);
        REQUIRE(bytes.size() > 20000);
        for (size_t i = 4096; i < bytes.size(); i += 7) bytes[i] = static_cast<char>(0xA5);
        WriteText(path, bytes);
    }
    SECTION("not a database at all any more") {
        WriteText(path, "överskriven av misstag\n");
    }
    const std::string damaged = Sha256OfFile(path);
    const std::string before = RestoreAutoBackup(good, path, root);
    REQUIRE_FALSE(before.empty());
    CHECK(Sha256OfFile(before) == damaged);  // byte for byte, in case something can be recovered
    CHECK(Store::CheckIntegrity(path) == "ok");
    CHECK(Notes(path, 4) == "värd att rädda");
    CHECK(FilesIn(dir.Path()).size() == 2);  // p.stegvis and the backup folder: no temporary left
}

TEST_CASE("A damaged or foreign backup is refused and the project is left as it was", "[autobackup]") {
    ProjectFixture f;
    f.Ok(SetStepNotes{1, "nu"});
    TempDir backups;
    const std::string root = backups.File("b");
    const std::string good = MakeAutoBackup(f.store.Path(), root);
    f.Ok(SetStepNotes{1, "senare"});
    const std::string bad = backups.File("bad.stegvis");
    SECTION("truncated") {
        WriteText(bad, stegvis::ReadFile(good).substr(0, 6000));
    }
    SECTION("another program's database") {
        Db db(bad, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
        db.Exec("CREATE TABLE invoices(id INTEGER PRIMARY KEY, amount REAL)");
    }
    SECTION("a text file") {
        WriteText(bad, "inte en säkerhetskopia");
    }
    const size_t backupsBefore = ListAutoBackups(f.store.Path(), root).size();
    CHECK_THROWS_WITH(RestoreAutoBackup(bad, f.store.Path(), root), Catch::Contains(bad));
    CHECK(f.M().Step(1).notes == "senare");
    CHECK(ListAutoBackups(f.store.Path(), root).size() == backupsBefore);
    CHECK_FALSE(f.store.ChangedSinceLastCheck());
}

TEST_CASE("A backup folder that cannot be written gives a warning and the project still opens", "[autobackup]") {
    ProjectFixture f;
    f.Ok(SetStepNotes{1, "x"});
    const std::string project = f.store.Path();
    TempDir dir;
    int warned = 0;
    auto expectWarning = [&](const std::string& root, const std::string& named, const char* reason) {
        AutoBackupResult r = TryAutoBackup(project, root);
        INFO(r.warning);
        CHECK(r.path.empty());
        CHECK(r.warning.find(named) != std::string::npos);
        CHECK(r.warning.find(reason) != std::string::npos);
        CHECK_NOTHROW(Store::Open(project));
        ++warned;
    };
    // A file where the folder should be: refused for root too.
    WriteText(dir.File("blocked"), "");
    expectWarning(dir.File("blocked"), dir.File("blocked"), "ingen mapp");
    REQUIRE(MakeDirs(dir.File("taken")));
    WriteText(dir.File("taken/p"), "");
    expectWarning(dir.File("taken"), dir.File("taken/p"), "ingen mapp");
    if (::geteuid() != 0) {
        REQUIRE(MakeDirs(dir.File("ro/p")));
        ::chmod(dir.File("ro/p").c_str(), 0500);
        expectWarning(dir.File("ro"), dir.File("ro/p"), "skriva");
    } else {
        // Root writes through mode bits: a read-only mount is what stops it.
        test::TmpfsMount ro(dir.File("romount"), 1 << 20, true);
        if (ro.Ok()) expectWarning(ro.Dir(), ro.Dir(), "Read-only file system");
        test::TmpfsMount full(dir.File("full"), 64 * 1024);
        if (full.Ok()) {
            test::FillDisk(full.Dir() + "/filler");
            AutoBackupResult r = TryAutoBackup(project, full.Dir());
            INFO(r.warning);
            CHECK(r.path.empty());
            CHECK(r.warning.find("full") != std::string::npos);
            CHECK(FilesIn(full.Dir() + "/p").empty());  // no half copy left behind
            ++warned;
        }
    }
    // A read-only project file can still be backed up: the copy only reads it.
    ::chmod(project.c_str(), 0400);
    AutoBackupResult ok = TryAutoBackup(project, dir.File("fine"));
    ::chmod(project.c_str(), 0600);
    CHECK(ok.warning.empty());
    CHECK(Store::CheckIntegrity(ok.path) == "ok");
    std::cout << "auto-backup: " << warned << " unwritable backup folders gave a warning, none stopped the open\n";
}

TEST_CASE("stegvis backups lists, makes and restores backups", "[autobackup][cli]") {
    TempDir dir;
    const std::string db = dir.File("p.stegvis"), root = dir.File("b");
    REQUIRE(RunStegvis("new --db '" + db + "' --name Projekt --org Org").status == 0);
    auto none = RunStegvis("backups --db '" + db + "' --dir '" + root + "'");
    CHECK(none.status == 0);
    CHECK(none.out.find("Inga automatiska säkerhetskopior") != std::string::npos);
    auto made = RunStegvis("backups --db '" + db + "' --dir '" + root + "' --make");
    REQUIRE(made.status == 0);
    const std::string first = Trim(made.out.substr(made.out.find(": ") + 2));
    REQUIRE(PathExists(first));
    REQUIRE(RunStegvis("script --db '" + db + "' --edits 5 --seed 3").status == 0);
    auto list = RunStegvis("backups --db '" + db + "' --dir '" + root + "'");
    CHECK(list.status == 0);
    CHECK(list.out.find(first) != std::string::npos);
    CHECK(list.out.find("Projekt (Org)") != std::string::npos);
    auto restored = RunStegvis("backups --db '" + db + "' --dir '" + root + "' --restore '" + first + "'");
    INFO(restored.err);
    REQUIRE(restored.status == 0);
    CHECK(restored.out.find("Filen som den var före återställningen") != std::string::npos);
    CHECK(Store::Open(db).Load().undoable == 0);  // back to the new, unedited project
    CHECK(ListAutoBackups(db, root).size() == 2);
    auto broken = RunStegvis("backups --db '" + db + "' --dir '" + root + "' --restore '" + dir.File("nope") + "'");
    CHECK(broken.status != 0);
    CHECK(broken.err.find(dir.File("nope")) != std::string::npos);
    auto help = RunStegvis("--help");
    CHECK(help.out.find("backups") != std::string::npos);
    CHECK(help.out.find("script") == std::string::npos);  // the test helper stays out of --help
}
