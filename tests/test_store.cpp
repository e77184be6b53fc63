#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <set>

#include "TestUtil.hpp"
#include "edit/Actions.hpp"
#include "domain/Fields.hpp"
#include "domain/Records.hpp"
#include "store/Sqlite.hpp"
#include "store/Store.hpp"
#include "store/StoreInternal.hpp"  // raw SQL, to show the file itself refuses it
#include "base/Text.hpp"
#include "store/Verify.hpp"

using namespace stegvis;
using stegvis::test::SampleInfo;
using stegvis::test::Sha256OfFile;
using stegvis::test::TempDir;
using stegvis::test::WriteText;

namespace {

OpenError::Kind OpenKind(const std::string& path) {
    try {
        Store::Open(path);
    } catch (const OpenError& e) {
        return e.GetKind();
    }
    FAIL("opening " << path << " should have failed");
    throw std::logic_error("unreachable");
}

int64_t Pragma(const Store& s, const char* sql) {
    Stmt st(storeimpl::Access::Connection(s), sql);
    REQUIRE(st.Step());
    return st.Int(0);
}
}  // namespace

TEST_CASE("A new project file is created with the durable settings", "[store]") {
    TempDir dir;
    std::string path = dir.File("p.stegvis");
    Store s = Store::Create(path, SampleInfo());
    CHECK(s.SchemaVersion() == Store::kSchemaVersion);
    CHECK(Pragma(s, "PRAGMA application_id") == Store::kApplicationId);
    CHECK(Pragma(s, "PRAGMA foreign_keys") == 1);
    CHECK(Pragma(s, "PRAGMA synchronous") == 2);  // FULL
    {
        Stmt st(storeimpl::Access::Connection(s), "PRAGMA journal_mode");
        REQUIRE(st.Step());
        CHECK(st.Text(0) == "wal");
    }
    struct stat sb;
    REQUIRE(::stat(path.c_str(), &sb) == 0);
    CHECK((sb.st_mode & 0777) == 0600);  // readable by the user only
    ProjectModel m = s.Load();
    CHECK(m.project.name == "Införande 2027");
    CHECK(m.project.organisation == "Umeå kommun");
    CHECK(m.project.kind == OrgKind::Kommun);
    CHECK(m.project.catalogEdition == "2015");
    REQUIRE(m.steps.size() == 15);
    for (const auto& sp : m.steps) CHECK(sp.status == StepStatus::NotStarted);
    CHECK(m.undoable == 0);
    CHECK(m.decisions.empty());
}

TEST_CASE("Creating refuses an existing file and leaves it untouched", "[store]") {
    TempDir dir;
    std::string path = dir.File("taken.stegvis");
    WriteText(path, "my notes");
    REQUIRE_THROWS_AS(Store::Create(path, SampleInfo()), OpenError);
    CHECK(stegvis::ReadFile(path) == "my notes");
}

TEST_CASE("The schema written down for the current version is the one the migrations make", "[store][migrations]") {
    Db made = Store::SchemaInMemory(Store::kSchemaVersion);
    const std::optional<std::string> difference = CheckSchemaObjects(made, Store::kSchemaVersion);
    if (difference) {
        // What src/store/SchemaCurrent.inc should list now (after its comment).
        std::string list;
        Stmt st(made, "SELECT type, name, coalesce(sql, '') FROM sqlite_master ORDER BY type, name");
        while (st.Step())
            list += "{\"" + st.Text(0) + "\", \"" + st.Text(1) + "\",\n R\"sql(" + st.Text(2) + ")sql\"},\n";
        FAIL_CHECK(*difference << "\nsrc/store/SchemaCurrent.inc should list:\n" << list);
    }
}

TEST_CASE("Files Stegvis cannot use are refused with the file unchanged", "[store][errors]") {
    TempDir dir;
    SECTION("a file made by a newer Stegvis") {
        std::string path = dir.File("new.stegvis");
        { Store::Create(path, SampleInfo()); }
        {
            Db db(path, SQLITE_OPEN_READWRITE);
            db.Exec("PRAGMA journal_mode = DELETE");
            db.Exec("PRAGMA user_version = 99");
        }
        std::string before = Sha256OfFile(path);
        CHECK(OpenKind(path) == OpenError::Kind::TooNew);
        CHECK(Sha256OfFile(path) == before);
    }
    SECTION("another program's SQLite file") {
        std::string path = dir.File("other.db");
        {
            Db db(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
            db.Exec("CREATE TABLE invoices(id INTEGER PRIMARY KEY, amount REAL); INSERT INTO invoices VALUES (1, 99.5)");
        }
        std::string before = Sha256OfFile(path);
        CHECK(OpenKind(path) == OpenError::Kind::Foreign);
        CHECK(Sha256OfFile(path) == before);
    }
    SECTION("an empty SQLite database") {
        std::string path = dir.File("empty.db");
        { Db db(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE); db.Exec("PRAGMA user_version = 0; CREATE TABLE t(x); DROP TABLE t"); }
        std::string before = Sha256OfFile(path);
        CHECK(OpenKind(path) == OpenError::Kind::Foreign);
        CHECK(Sha256OfFile(path) == before);
    }
    SECTION("a text file") {
        std::string path = dir.File("notes.stegvis");
        WriteText(path, "Det här är inte en databas, bara anteckningar från mötet.\n");
        std::string before = Sha256OfFile(path);
        CHECK(OpenKind(path) == OpenError::Kind::NotSqlite);
        CHECK(Sha256OfFile(path) == before);
    }
    SECTION("random bytes") {
        std::string path = dir.File("random.stegvis");
        std::string bytes(64 * 1024, '\0');
        uint32_t x = 2463534242u;  // xorshift: the same bytes every run
        for (char& c : bytes) {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            c = static_cast<char>(x & 0xff);
        }
        WriteText(path, bytes);
        std::string before = Sha256OfFile(path);
        CHECK(OpenKind(path) == OpenError::Kind::NotSqlite);
        CHECK(Sha256OfFile(path) == before);
    }
    SECTION("a zero-length file") {
        std::string path = dir.File("zero.stegvis");
        WriteText(path, "");
        CHECK(OpenKind(path) == OpenError::Kind::NotSqlite);
        CHECK(stegvis::ReadFile(path).empty());
    }
    SECTION("a truncated project file") {
        std::string good = dir.File("good.stegvis");
        { Store::Create(good, SampleInfo()); }
        std::string bytes = stegvis::ReadFile(good);
        REQUIRE(bytes.size() > 3000);
        std::string path = dir.File("cut.stegvis");
        WriteText(path, bytes.substr(0, 3000));
        std::string before = Sha256OfFile(path);
        auto kind = OpenKind(path);
        CHECK((kind == OpenError::Kind::Corrupt || kind == OpenError::Kind::NotSqlite || kind == OpenError::Kind::Foreign));
        CHECK(Sha256OfFile(path) == before);
    }
    SECTION("a read-only project file") {
        std::string path = dir.File("ro.stegvis");
        { Store::Create(path, SampleInfo()); }
        ::chmod(path.c_str(), 0400);
        std::string before = Sha256OfFile(path);
        CHECK(OpenKind(path) == OpenError::Kind::ReadOnly);
        CHECK(Sha256OfFile(path) == before);
    }
    SECTION("a missing file") { CHECK(OpenKind(dir.File("nope.stegvis")) == OpenError::Kind::NotFound); }
}

TEST_CASE("A file locked exclusively by another program gets a clear error", "[store][errors]") {
    TempDir dir;
    std::string path = dir.File("locked.stegvis");
    { Store::Create(path, SampleInfo()); }
    Db other(path, SQLITE_OPEN_READWRITE);
    other.Exec("PRAGMA journal_mode = DELETE");
    other.Exec("PRAGMA locking_mode = EXCLUSIVE");
    other.Exec("BEGIN EXCLUSIVE");
    try {
        Store::Open(path);
        FAIL("opened a locked file");
    } catch (const OpenError& e) {
        CHECK(e.GetKind() == OpenError::Kind::Locked);
        CHECK(std::string(e.what()).find("låst") != std::string::npos);
    }
    other.Exec("ROLLBACK");
}

TEST_CASE("A write not committed leaves the file as it was", "[store]") {
    TempDir dir;
    Store s = Store::Create(dir.File("p.stegvis"), SampleInfo());
    const std::string before = s.Load().project.name;
    {
        Store::Write w = s.BeginWrite();
        w.Field("project", "1", "name", std::string("Halvfärdigt"));
        CHECK(w.Reads().ReadField("project", "1", "name") == std::optional<std::string>("Halvfärdigt"));
    }  // no Commit: rolled back
    CHECK(s.Load().project.name == before);
    {
        Store::Write w = s.BeginWrite();
        w.Field("project", "1", "name", std::string("Klart"));
        w.Commit();
    }
    CHECK(Store::Open(dir.File("p.stegvis")).Load().project.name == "Klart");
}

TEST_CASE("The decision log cannot be edited or erased", "[store]") {
    TempDir dir;
    Store s = Store::Create(dir.File("p.stegvis"), SampleInfo());
    Decision d;
    d.step = 3;
    d.decidedOn = "2026-10-01";
    d.title = "Prioritera ASI";
    d.recordedAt = "2026-10-01 10:00:00";
    d.recordedBy = "test";
    d.recommendations = {"BI-04"};
    int64_t id = 0;
    {
        Store::Write w = s.BeginWrite();
        id = w.InsertDecision(d);
        w.Commit();
    }
    CHECK_THROWS_AS(storeimpl::Access::Connection(s).Exec("UPDATE decision SET title = 'x' WHERE id = " + std::to_string(id)), SqliteError);
    CHECK_THROWS_AS(storeimpl::Access::Connection(s).Exec("DELETE FROM decision"), SqliteError);
    CHECK_THROWS_AS(storeimpl::Access::Connection(s).Exec("DELETE FROM decision_recommendation"), SqliteError);
    ProjectModel m = s.Load();
    REQUIRE(m.decisions.size() == 1);
    CHECK(m.decisions[0].title == "Prioritera ASI");
    CHECK(m.decisions[0].recommendations == std::vector<std::string>{"BI-04"});
}

TEST_CASE("Schema 5 keeps a version 4 file's trainings and inventory, and asks the new questions", "[store][migrations]") {
    TempDir dir;
    std::string path = dir.File("v4.stegvis");
    stegvis::test::CreateReleasedFile(path, 4);
    {
        Db db(path, SQLITE_OPEN_READWRITE);
        db.Exec("INSERT INTO project(id, name, organisation, org_kind, catalog_edition, created_on) "
                "VALUES (1, 'Gammalt', 'Org', 'kommun', '2015', '2020-01-01')");
        db.Exec("INSERT INTO initiative(id, rec_id, name, decided_on) VALUES (1, 'PB-01', 'MET', '2020-02-01')");
        db.Exec("INSERT INTO team_member(id, name, role) VALUES (1, 'Maria', 'member')");
        db.Exec("INSERT INTO training(id, initiative_id, member, course, status) VALUES (7, 1, 1, 'MET', 'done')");
        db.Exec("INSERT INTO inventory(rec_id, offered, volume) VALUES ('BI-01', 'ja', 120)");
    }
    Store s = Store::Open(path);
    REQUIRE(s.SchemaVersion() == Store::kSchemaVersion);
    ProjectModel m = s.Load();
    const Record* t = FindRecord(m, "training", 7);
    REQUIRE(t);
    CHECK(t->Get("member") == "1");
    CHECK(t->Get("course") == "MET");
    CHECK(m.Inventory("BI-01")->volume == 120);
    CHECK_FALSE(m.Inventory("BI-01")->reached.has_value());
    // The new questions: how many get it today, and a trainee outside the team.
    REQUIRE(Apply(s, SetInventoryField{"BI-01", InvField::Reached, "45"}, "Anna").ok);
    REQUIRE(Apply(s, AddRecord{"training", 1, {{"trainee", "Lina"}, {"trainee_role", "investigator"}, {"course", "MET"}}}, "Anna").ok);
    ApplyResult none = Apply(s, AddRecord{"training", 1, {{"course", "MET"}}}, "Anna");
    CHECK_FALSE(none.ok);
    CHECK(none.error.Text().find("namnet på den som utbildas") != std::string::npos);
    m = s.Load();
    CHECK(m.Inventory("BI-01")->reached == 45);
    CHECK(Records(m, "training", 1).size() == 2);
    CHECK_FALSE(s.ContentProblem().has_value());
}

TEST_CASE("The field registry names every editable field once, with words and a place in the file", "[store][fields]") {
    TempDir dir;
    Store s = Store::Create(dir.File("p.stegvis"), SampleInfo());
    const ApplyResult round = Apply(s, AddReadinessRound{"oric", "Omgång 1", "2026-10-01"}, "test");
    REQUIRE(round.ok);
    std::set<std::string> seen;
    int plain = 0;
    for (const RecordKind& e : Entities()) {
        for (const FieldSpec& f : e.fields) {
            INFO(e.kind << "." << f.name);
            CHECK(seen.insert(std::string(e.kind) + "." + f.name).second);  // named once
            CHECK(std::string(f.sv).size() > 1);
            CHECK(std::string(f.en).size() > 1);
            if (f.type == FieldType::Enum) CHECK(f.options != nullptr);
            CHECK(FindField(e.kind, f.name) == &f);
            if (e.storage == Storage::Records) CHECK(FindRecordKind(e.kind) != nullptr);
            // A field the store keeps as a column: the SQL made from the registry reads it from
            // the current schema (a typo in a table or column name fails here).
            const bool plainColumn = (e.storage == Storage::One && f.type != FieldType::Flag) || e.storage == Storage::PerKey;
            if (!plainColumn) continue;
            ++plain;
            const std::string key = std::string(e.kind) == "round" ? std::to_string(round.newId)
                                    : std::string(e.key) == "rec_id" ? "BI-04"
                                                                      : "1";
            CHECK_NOTHROW(s.ReadField(e.kind, key, f.name));
        }
    }
    CHECK(plain >= 20);
    // The initiative's steps and ticks are the project's, by the same words.
    CHECK(FindField("istep", "notes") == FindField("step", "notes"));
    CHECK(FindField("inventory", "no_such_column") == nullptr);
}

namespace {
// The journal a file says it uses: byte 18 of the header is 2 for WAL, 1 for a rollback journal.
int JournalFormat(const std::string& path) {
    const std::string head = ReadFile(path).substr(0, 20);
    return head.size() == 20 ? static_cast<unsigned char>(head[18]) : -1;
}

// Paths in `dir` count as being on a network share while this lives.
struct PretendShare {
    explicit PretendShare(const std::string& dir, const char* name = "SMB/CIFS") { PretendNetworkFilesystem(dir, name); }
    ~PretendShare() { PretendNetworkFilesystem("", ""); }
};
}  // namespace

TEST_CASE("A project on a network share is written with a rollback journal, never the WAL log", "[store][network]") {
    TempDir dir;
    CHECK(NetworkFilesystem(dir.Path()).empty());  // the tests' own folder is a local disk
    const std::string local = dir.File("lokal.stegvis");
    { Store::Create(local, SampleInfo()); }
    CHECK(JournalFormat(local) == 2);

    PretendShare share(dir.Path());
    CHECK(NetworkFilesystem(dir.File("ny.stegvis")) == "SMB/CIFS");  // a file not made yet: its folder
    SECTION("a new project") {
        const std::string path = dir.File("delad.stegvis");
        Store s = Store::Create(path, SampleInfo());
        CHECK(s.NetworkFilesystem() == "SMB/CIFS");
        REQUIRE(Apply(s, SetStepNotes{1, "Skrivet på nätverksenheten"}, "Anna").ok);
        // No log and no shared memory beside it, open or closed.
        CHECK_FALSE(IdentifyFile(path + "-wal"));
        CHECK_FALSE(IdentifyFile(path + "-shm"));
        CHECK(JournalFormat(path) == 1);
        // A second program (another computer) opens it too: each edit is the whole file's, in turn.
        Store other = Store::Open(path);
        REQUIRE(Apply(other, SetStepNotes{2, "Från den andra datorn"}, "Erik").ok);
        REQUIRE(Apply(s, SetStepNotes{3, "Och tillbaka"}, "Anna").ok);
        CHECK(other.Load().Step(3).notes == "Och tillbaka");
        CHECK(s.Load().Step(2).notes == "Från den andra datorn");
        CHECK(Store::CheckIntegrity(path) == "ok");
    }
    SECTION("a project made on a local disk and copied to the share") {
        Store s = Store::Open(local);
        CHECK(s.NetworkFilesystem() == "SMB/CIFS");
        CHECK(JournalFormat(local) == 1);
        REQUIRE(Apply(s, SetStepNotes{1, "Flyttad"}, "Anna").ok);
        CHECK_FALSE(IdentifyFile(local + "-wal"));
        CHECK(s.Load().Step(1).notes == "Flyttad");
    }
    SECTION("a WAL file another program still has open is refused, untouched") {
        PretendNetworkFilesystem("", "");
        Store first = Store::Open(local);  // WAL, on what it takes for a local disk
        REQUIRE(Apply(first, SetStepNotes{1, "Öppen här"}, "Anna").ok);
        PretendNetworkFilesystem(dir.Path(), "NFS");
        try {
            Store::Open(local);
            FAIL("a second program could take the file out of WAL mode under the first");
        } catch (const OpenError& e) {
            CHECK(e.GetKind() == OpenError::Kind::Locked);
            CHECK(std::string(e.what()).find("nätverksenhet (NFS)") != std::string::npos);
            CHECK(std::string(e.what()).find("lokal.stegvis") != std::string::npos);
        }
        CHECK(JournalFormat(local) == 2);
        CHECK(first.Load().Step(1).notes == "Öppen här");
        REQUIRE(Apply(first, SetStepNotes{2, "Fortfarande"}, "Anna").ok);
    }
}

TEST_CASE("A write cut off half-way on a network drive is taken back on the next open, not read half-done",
          "[store][network]") {
    TempDir dir;
    PretendShare share(dir.Path());
    const std::string path = dir.File("delad.stegvis");
    { Store::Create(path, SampleInfo()); }
    {
        Db db(path, SQLITE_OPEN_READWRITE);
        db.Exec("UPDATE step_progress SET notes = hex(randomblob(4000))");
    }
    const std::string before = Store::OpenReadOnly(path).Load().Step(7).notes;
    REQUIRE(before.size() == 8000);
    // Another program dies in the middle of a write: pages already in the file, the journal
    // holding what they were.
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        sqlite3* raw = nullptr;
        sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE, nullptr);
        sqlite3_exec(raw, "PRAGMA cache_size = 2; BEGIN; UPDATE step_progress SET notes = 'halvvägs ' || notes;", nullptr,
                     nullptr, nullptr);
        ::_exit(0);
    }
    int status = 0;
    ::waitpid(child, &status, 0);
    struct stat journal;
    REQUIRE(::stat((path + "-journal").c_str(), &journal) == 0);
    REQUIRE(journal.st_size > 0);
    // Reading alone cannot take it back: said in words, never read half-done.
    try {
        Store::OpenReadOnly(path);
        FAIL("a half-done write was read");
    } catch (const OpenError& e) {
        CHECK(std::string(e.what()).find("avbröts halvvägs") != std::string::npos);
    }
    // Opening for editing takes it back: the project is as it was before that write.
    Store s = Store::Open(path);
    CHECK(s.Load().Step(7).notes == before);
    CHECK(::stat((path + "-journal").c_str(), &journal) != 0);
    CHECK(Store::CheckIntegrity(path) == "ok");
}
