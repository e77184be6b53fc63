// Nothing lost under crashes, full disks and two instances: the real binary is killed with
// SIGKILL in the middle of edits and imports, run twice at once on one file, and run on a full
// disk (a small tmpfs when the tests run as root, a file-size limit otherwise and as well).
//
// The crash tests draw their seed at random and print it; STEGVIS_CRASH_SEED=N repeats a run
// and STEGVIS_CRASH_ROUNDS=N changes the number of kills.
#include <catch2/catch.hpp>

#include <dirent.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <map>
#include <random>
#include <regex>
#include <sstream>
#include <tuple>

#include "Spawn.hpp"
#include "TestUtil.hpp"
#include "edit/Actions.hpp"
#include "store/Backup.hpp"
#include "base/Paths.hpp"
#include "store/Store.hpp"
#include "base/Text.hpp"

using namespace stegvis;
using stegvis::test::Child;
using stegvis::test::RunChild;
using stegvis::test::RunStegvis;
using stegvis::test::Sha256OfFile;
using stegvis::test::SpawnOptions;
using stegvis::test::TempDir;
using stegvis::test::TmpfsMount;

namespace {

using FieldKey = std::tuple<std::string, std::string, std::string>;  // entity, key, field

struct ScriptLine {
    std::string word;  // "edit" (about to apply) or "saved" (committed)
    int n = 0;
    FieldKey field;
    std::string value;
};

// What `stegvis script` reported: the value each field was last saved with, and the edit it
// had started but not reported (it may or may not have been committed when it was killed).
struct Reported {
    std::map<FieldKey, std::string> saved;
    std::optional<ScriptLine> pending;
    int savedCount = 0;
};

Reported ParseScript(const std::string& out) {
    Reported r;
    std::istringstream in(out);
    std::string line;
    while (std::getline(in, line)) {
        if (in.eof() && !out.empty() && out.back() != '\n') break;  // a line cut by the kill
        std::istringstream ls(line);
        ScriptLine s;
        std::string e, k, f;
        if (!(ls >> s.word >> s.n >> e >> k >> f >> s.value)) continue;
        s.field = {e, k, f};
        if (s.word == "edit") {
            r.pending = s;
        } else if (s.word == "saved") {
            r.saved[s.field] = s.value;
            r.pending.reset();
            ++r.savedCount;
        }
    }
    return r;
}

std::optional<std::string> Read(const Store& s, const FieldKey& k) {
    return s.ReadField(std::get<0>(k), std::get<1>(k), std::get<2>(k));
}

std::string Describe(const FieldKey& k) {
    return std::get<0>(k) + " " + std::get<1>(k) + " " + std::get<2>(k);
}

// Every field in `expected` has its value in the file; returns the fields that do not.
std::vector<std::string> Missing(const Store& s, const std::map<FieldKey, std::string>& expected) {
    std::vector<std::string> out;
    for (const auto& [k, v] : expected) {
        auto have = Read(s, k);
        if (have.value_or("") != v)
            out.push_back(Describe(k) + ": expected " + v + ", found " + have.value_or("(none)"));
    }
    return out;
}

uint64_t SeedFromEnv(const char* name) {
    if (const char* s = std::getenv(name); s && *s) return std::strtoull(s, nullptr, 10);
    return std::random_device{}();
}

int IntFromEnv(const char* name, int fallback) {
    if (const char* s = std::getenv(name); s && *s) return std::atoi(s);
    return fallback;
}

double Seconds(std::chrono::steady_clock::time_point since) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

std::string WithoutExportedAt(const std::string& json) {
    static const std::regex kExportedAt("\"exported_at\": \"[^\"]*\"");
    return std::regex_replace(json, kExportedAt, "\"exported_at\": \"\"");
}

// Files in `dir` whose names start with `prefix`.
std::vector<std::string> FilesStartingWith(const std::string& dir, const std::string& prefix) {
    std::vector<std::string> out;
    if (DIR* d = ::opendir(dir.c_str())) {
        while (const dirent* e = ::readdir(d))
            if (StartsWith(e->d_name, prefix)) out.push_back(e->d_name);
        ::closedir(d);
    }
    return out;
}

std::string Joined(const std::vector<std::string>& v) {
    std::string s;
    for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
    return s;
}

}  // namespace

TEST_CASE("Killing stegvis in the middle of edits loses nothing it reported saved", "[reliability][crash]") {
    const uint64_t seed = SeedFromEnv("STEGVIS_CRASH_SEED");
    const int rounds = IntFromEnv("STEGVIS_CRASH_ROUNDS", 25);
    INFO("STEGVIS_CRASH_SEED=" << seed);
    std::cout << "crash test (edits): STEGVIS_CRASH_SEED=" << seed << ", " << rounds << " rounds\n";
    TempDir dir;
    const std::string path = dir.File("demo.stegvis");
    REQUIRE(RunStegvis("demo --db '" + path + "'").status == 0);
    SpawnOptions opt;
    opt.dataHome = dir.Path();

    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> delay(0.01, 0.4);
    std::map<FieldKey, std::string> expected;  // the file's state as reported, across all rounds
    int kills = 0, survived = 0, savedTotal = 0, committedUnreported = 0;
    const auto start = std::chrono::steady_clock::now();
    for (int round = 1; round <= rounds; ++round) {
        const double wait = delay(rng);
        const uint64_t scriptSeed = rng() % 1000000;
        INFO("round " << round << ": script --seed " << scriptSeed << ", killed after " << wait << " s");
        Child child({"script", "--db", path, "--edits", "1000000", "--seed", std::to_string(scriptSeed)}, opt);
        // Odd rounds count the moment of the kill from the start, so some fall while the file is
        // being opened; even rounds from the first edit, so edits are reported saved however
        // slowly the program starts (under a sanitizer on a busy machine, opening can take longer
        // than the longest wait).
        if (round % 2 == 0) REQUIRE(child.ReadUntil("edit 1 ", 60));
        child.ReadFor(wait);
        child.Kill();
        int status = child.Wait();
        INFO("stderr: " << child.Err());
        REQUIRE(WIFSIGNALED(status));
        REQUIRE(WTERMSIG(status) == SIGKILL);
        ++kills;

        Reported r = ParseScript(child.Out());
        savedTotal += r.savedCount;
        for (const auto& [k, v] : r.saved) expected[k] = v;
        const std::string integrity = Store::CheckIntegrity(path);
        CHECK(integrity == "ok");
        bool ok = integrity == "ok";
        try {
            Store store = Store::Open(path);
            // The edit that had begun may have been committed before the kill: then its value is
            // the file's from now on.
            if (r.pending && std::get<1>(r.pending->field) != "-" &&
                Read(store, r.pending->field) == r.pending->value && expected[r.pending->field] != r.pending->value) {
                expected[r.pending->field] = r.pending->value;
                ++committedUnreported;
            }
            auto missing = Missing(store, expected);
            CHECK(Joined(missing) == "");
            ok = ok && missing.empty();
            CHECK(store.Load().steps.size() == 15);
        } catch (const std::exception& e) {
            FAIL_CHECK("the file does not open after the kill: " << e.what());
            ok = false;
        }
        survived += ok ? 1 : 0;
    }
    std::cout << "crash test (edits): " << kills << " kills, " << survived << " survived; " << savedTotal
              << " edits reported saved, all present; " << committedUnreported
              << " committed just before the kill without being reported; " << expected.size() << " fields checked; "
              << Seconds(start) << " s\n";
    CHECK(survived == kills);
    CHECK(savedTotal > 0);
}

TEST_CASE("Killing an import leaves either no project or the whole one, and the next import works",
          "[reliability][crash]") {
    const uint64_t seed = SeedFromEnv("STEGVIS_CRASH_SEED");
    const int rounds = IntFromEnv("STEGVIS_CRASH_ROUNDS", 25) / 2 + 1;
    INFO("STEGVIS_CRASH_SEED=" << seed);
    TempDir dir;
    const std::string source = dir.File("county.stegvis"), json = dir.File("county.json"),
                      target = dir.File("new.stegvis");
    REQUIRE(RunStegvis("demo --scale county --db '" + source + "'").status == 0);
    REQUIRE(RunStegvis("report --db '" + source + "' --format json --out '" + json + "'").status == 0);
    const std::string expected = WithoutExportedAt(stegvis::ReadFile(json));
    SpawnOptions opt;
    opt.dataHome = dir.Path();

    // How long a whole import takes here, so the kills fall before, during and after it.
    auto t0 = std::chrono::steady_clock::now();
    REQUIRE(RunChild({"import", "--db", target, json}, opt).status == 0);
    const double full = Seconds(t0);
    REQUIRE(::unlink(target.c_str()) == 0);

    std::mt19937_64 rng(seed ^ 0x1a2b3c);
    std::uniform_real_distribution<double> delay(0.0, full * 1.2);
    int kills = 0, survived = 0, absent = 0, complete = 0, leftovers = 0;
    const auto start = std::chrono::steady_clock::now();
    for (int round = 1; round <= rounds; ++round) {
        const double wait = delay(rng);
        INFO("import round " << round << ", killed after " << wait << " s (a whole import takes " << full << " s)");
        for (const char* suffix : {"", "-wal", "-shm"}) ::unlink((target + suffix).c_str());
        Child child({"import", "--db", target, json}, opt);
        child.ReadFor(wait);
        child.Kill();
        child.Wait();
        ++kills;
        bool ok = true;
        if (PathExists(target)) {
            ++complete;
            const std::string integrity = Store::CheckIntegrity(target);
            CHECK(integrity == "ok");
            std::string again;
            try {
                again = WithoutExportedAt(BackupToJson(ExportBackup(target)));
            } catch (const std::exception& e) {
                FAIL_CHECK("the imported file does not open: " << e.what());
            }
            CHECK(again == expected);
            ok = integrity == "ok" && again == expected;
        } else {
            ++absent;
        }
        leftovers += FilesStartingWith(dir.Path(), "new.stegvis.").empty() ? 0 : 1;
        survived += ok ? 1 : 0;
    }
    // Whatever the kills left behind, the next import goes through and cleans up after itself.
    for (const char* suffix : {"", "-wal", "-shm"}) ::unlink((target + suffix).c_str());
    auto last = RunChild({"import", "--db", target, json}, opt);
    INFO(last.err);
    REQUIRE(last.status == 0);
    CHECK(WithoutExportedAt(BackupToJson(ExportBackup(target))) == expected);
    CHECK(FilesStartingWith(dir.Path(), "new.stegvis.").empty());
    std::cout << "crash test (import of a " << expected.size() / 1024 << " kB backup, " << full
              << " s whole): " << kills << " kills, " << survived << " survived (" << absent << " left no file, "
              << complete << " a complete project, " << leftovers
              << " left a temporary file that the next import removed); " << Seconds(start) << " s\n";
    CHECK(survived == kills);
}

TEST_CASE("Two stegvis processes edit one file at once and every edit either saved is there",
          "[reliability][concurrency]") {
    TempDir dir;
    const std::string path = dir.File("shared.stegvis");
    REQUIRE(RunStegvis("demo --db '" + path + "'").status == 0);
    SpawnOptions opt;
    opt.dataHome = dir.Path();
    Store watcher = Store::Open(path);  // a third party: a window that keeps the file open
    const auto start = std::chrono::steady_clock::now();
    Child a({"script", "--db", path, "--edits", "150", "--seed", "101", "--lane", "0", "--lanes", "2"}, opt);
    Child b({"script", "--db", path, "--edits", "150", "--seed", "202", "--lane", "1", "--lanes", "2"}, opt);
    int noticed = 0;
    for (int i = 0; i < 600; ++i) {
        a.ReadFor(0.01);
        b.ReadFor(0.01);
        noticed += watcher.ChangedSinceLastCheck() ? 1 : 0;
        if (a.Out().find("saved 150 ") != std::string::npos && b.Out().find("saved 150 ") != std::string::npos) break;
    }
    int sa = a.Wait(), sb = b.Wait();
    const double took = Seconds(start);
    INFO("a: " << a.Err() << "\nb: " << b.Err());
    REQUIRE(WIFEXITED(sa));
    REQUIRE(WIFEXITED(sb));
    CHECK(WEXITSTATUS(sa) == 0);
    CHECK(WEXITSTATUS(sb) == 0);
    CHECK(a.Err().find("lock") == std::string::npos);
    CHECK(b.Err().find("lock") == std::string::npos);
    Reported ra = ParseScript(a.Out()), rb = ParseScript(b.Out());
    CHECK(ra.savedCount == 150);
    CHECK(rb.savedCount == 150);
    CHECK(Store::CheckIntegrity(path) == "ok");
    auto missing = Missing(watcher, ra.saved);
    auto missingB = Missing(watcher, rb.saved);
    missing.insert(missing.end(), missingB.begin(), missingB.end());
    CHECK(Joined(missing) == "");
    CHECK(noticed > 0);
    std::cout << "two processes: " << ra.savedCount + rb.savedCount << " edits on one file in " << took << " s, "
              << missing.size() << " lost, none refused as locked; a third connection noticed changes " << noticed
              << " times\n";
}

TEST_CASE("A Store notices when another stegvis process changes its file", "[reliability][concurrency]") {
    test::ProjectFixture f;
    const std::string path = f.store.Path();
    CHECK_FALSE(f.store.ChangedSinceLastCheck());
    const int64_t before = f.store.DataVersion();
    f.Ok(SetStepNotes{2, "egen ändring"});
    CHECK_FALSE(f.store.ChangedSinceLastCheck());  // its own edits are not news
    CHECK(f.store.DataVersion() == before);

    auto r = RunStegvis("script --db '" + path + "' --edits 3 --seed 7");
    INFO(r.err);
    REQUIRE(r.status == 0);
    CHECK(f.store.DataVersion() != before);
    CHECK(f.store.ChangedSinceLastCheck());
    CHECK_FALSE(f.store.ChangedSinceLastCheck());  // once per change
    // What the other process saved is what this Store now reads.
    Reported rep = ParseScript(r.out);
    REQUIRE(rep.savedCount == 3);
    CHECK(Joined(Missing(f.store, rep.saved)) == "");
}

namespace {

// A target the command was told to create: nothing of it may be left when it fails.
void CheckRefused(const test::Finished& r, const std::string& dir, const std::string& name, const char* reason) {
    INFO("stdout: " << r.out << "\nstderr: " << r.err);
    CHECK(r.signal == 0);  // refused with a message, not killed (SIGXFSZ)
    CHECK(r.status != 0);
    CHECK(r.err.find(dir + "/" + name) != std::string::npos);  // the message names the file
    CHECK(r.err.find(reason) != std::string::npos);
    CHECK(Joined(FilesStartingWith(dir, name)) == "");  // no half file, no temporary left
}

// Edits on a full disk: refused with a clear message, nothing reported saved that is not in the
// file, and the file intact.
struct EditOutcome {
    Reported reported;
    test::Finished run;
};
EditOutcome EditsOnFullDisk(const std::string& path, const SpawnOptions& opt, int edits, int seed) {
    EditOutcome o;
    o.run = RunChild({"script", "--db", path, "--edits", std::to_string(edits), "--seed", std::to_string(seed)}, opt);
    o.reported = ParseScript(o.run.out);
    return o;
}

}  // namespace

TEST_CASE("A full disk refuses new files and edits with a clear message and keeps the project intact",
          "[reliability][disk]") {
    TempDir dir;
    const std::string json = dir.File("backup.json");
    REQUIRE(RunStegvis("demo --db '" + dir.File("src.stegvis") + "'").status == 0);
    REQUIRE(RunStegvis("report --db '" + dir.File("src.stegvis") + "' --format json --out '" + json + "'").status == 0);
    SpawnOptions opt;
    opt.dataHome = dir.Path();
    int refused = 0;

    SECTION("a small tmpfs filled up") {
        TmpfsMount disk(dir.File("disk"), 1 << 20);
        if (!disk.Ok()) {
            WARN("no tmpfs here (not root, or mount not allowed): the file-size limit section covers a full disk");
            return;
        }
        const std::string d = disk.Dir();
        // A project made while there was room, with a few edits.
        const std::string path = d + "/p.stegvis";
        REQUIRE(RunChild({"new", "--db", path, "--name", "Projekt", "--org", "Org"}, opt).status == 0);
        auto first = EditsOnFullDisk(path, opt, 5, 11);
        REQUIRE(first.run.status == 0);
        Store holder = Store::Open(path);  // a window with the file open: the -shm stays in place
        long filled = test::FillDisk(d + "/filler");
        INFO("filled " << filled << " bytes");
        REQUIRE(filled > 0);

        CheckRefused(RunChild({"new", "--db", d + "/n.stegvis", "--name", "P", "--org", "O"}, opt), d, "n.stegvis",
                     "disken är full");
        CheckRefused(RunChild({"demo", "--db", d + "/d.stegvis"}, opt), d, "d.stegvis", "full");
        CheckRefused(RunChild({"import", "--db", d + "/i.stegvis", json}, opt), d, "i.stegvis", "full");
        refused += 3;

        const std::string before = Sha256OfFile(path);
        const size_t history = holder.History(100000).size();
        auto full = EditsOnFullDisk(path, opt, 10, 12);
        INFO("stderr: " << full.run.err);
        CHECK(full.run.status != 0);
        CHECK(full.run.err.find(path + ": ändringen sparades inte: disken är full") != std::string::npos);
        // Only an edit that changed nothing (a value it already had) can have been reported.
        CHECK(holder.History(100000).size() == history);
        CHECK(Joined(Missing(holder, full.reported.saved)) == "");
        REQUIRE(full.reported.pending);  // the edit that was refused
        try {
            Apply(holder, SetStepNotes{3, "skrivs inte"}, "test");
            FAIL_CHECK("an edit on a full disk was accepted");
        } catch (const DataError& e) {
            CHECK(e.File() == path);
            CHECK(std::string(e.what()).find("disken är full") != std::string::npos);
        }
        refused += 2;
        CHECK(Sha256OfFile(path) == before);
        CHECK(Store::CheckIntegrity(path) == "ok");
        CHECK(Joined(Missing(holder, first.reported.saved)) == "");
        CHECK(holder.ReadField("step", "3", "notes").value_or("") != "skrivs inte");

        // Room again: editing simply works again.
        REQUIRE(::unlink((d + "/filler").c_str()) == 0);
        auto again = EditsOnFullDisk(path, opt, 5, 13);
        CHECK(again.run.status == 0);
        CHECK(Joined(Missing(holder, again.reported.saved)) == "");
        std::cout << "full disk (tmpfs): " << refused << " cases refused cleanly (new, demo, import, edit in another "
                  << "process, edit in this one), file unchanged\n";
    }

    SECTION("a file-size limit") {
        const std::string d = dir.File("limited");
        REQUIRE(MakeDirs(d));
        SpawnOptions limited = opt;
        limited.fileSizeLimit = 16 * 1024;
        CheckRefused(RunChild({"new", "--db", d + "/n.stegvis", "--name", "P", "--org", "O"}, limited), d, "n.stegvis",
                     "large");
        CheckRefused(RunChild({"demo", "--db", d + "/d.stegvis"}, limited), d, "d.stegvis", "large");
        CheckRefused(RunChild({"import", "--db", d + "/i.stegvis", json}, limited), d, "i.stegvis", "large");
        refused += 3;

        // With a window keeping the file open, a limit that leaves no room for a single edit.
        const std::string path = d + "/p.stegvis";
        REQUIRE(RunStegvis("demo --db '" + path + "'").status == 0);
        {
            Store holder = Store::Open(path);
            const std::string before = Sha256OfFile(path);
            const size_t history = holder.History(100000).size();
            limited.fileSizeLimit = 4096;
            auto none = EditsOnFullDisk(path, limited, 10, 21);
            INFO("stderr: " << none.run.err);
            CHECK(none.run.status != 0);
            CHECK(none.run.err.find(path + ": ändringen sparades inte: ") != std::string::npos);
            CHECK(holder.History(100000).size() == history);
            CHECK(Joined(Missing(holder, none.reported.saved)) == "");
            CHECK(Sha256OfFile(path) == before);
            CHECK(Store::CheckIntegrity(path) == "ok");
            ++refused;
        }
        // Alone on the file, with room for a few edits but not for many.
        limited.fileSizeLimit = 64 * 1024;
        auto some = EditsOnFullDisk(path, limited, 200, 22);
        INFO("stderr: " << some.run.err);
        CHECK(some.run.status != 0);
        CHECK(some.reported.savedCount < 200);
        CHECK(some.run.err.find(path + ": ändringen sparades inte: ") != std::string::npos);
        CHECK(Store::CheckIntegrity(path) == "ok");
        Store after = Store::Open(path);
        CHECK(Joined(Missing(after, some.reported.saved)) == "");
        ++refused;
        std::cout << "full disk (file-size limit): " << refused << " cases refused cleanly (new, demo, import, an edit "
                  << "with no room, edit " << some.reported.savedCount + 1 << " after " << some.reported.savedCount
                  << " saved)\n";
    }
}

TEST_CASE("A new project never picks up a -wal left behind by an earlier file of the same name",
          "[reliability][store]") {
    TempDir dir;
    const std::string path = dir.File("p.stegvis");
    {
        test::ProjectFixture f;
        f.Ok(SetProjectName{"Det gamla projektet"});
        for (int i = 0; i < 20; ++i) f.Ok(SetStepNotes{1 + i % 15, "gammal anteckning " + std::to_string(i)});
        // While the file is open (or after a crash) its -wal holds committed pages that are not
        // yet in the file itself.
        struct stat sb;
        REQUIRE(::stat((f.store.Path() + "-wal").c_str(), &sb) == 0);
        REQUIRE(sb.st_size > 4096);
        REQUIRE(std::system(("cp '" + f.store.Path() + "-wal' '" + path + "-wal'").c_str()) == 0);
    }
    // The old file is gone (deleted by hand), its -wal is not; a new project takes the name.
    ProjectInfo info;
    info.name = "Nytt";
    info.organisation = "Org";
    info.catalogEdition = "2015";
    {
        Store s = Store::Create(path, info);
        CHECK(s.Load().project.name == "Nytt");
        CHECK(s.Load().undoable == 0);
    }
    CHECK(Store::CheckIntegrity(path) == "ok");
    CHECK(Store::Open(path).Load().project.name == "Nytt");
}
