#pragma once
#include <algorithm>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <memory>
#include <string>

#include "edit/Actions.hpp"
#include "store/Store.hpp"

#include "reference/Catalog.hpp"
#include "reference/Instruments.hpp"
#include "reference/Phases.hpp"

namespace stegvis {
class Store;
}

namespace stegvis::test {

// Holds the worker at each progress report until the test lets it go on, as a slow disk would,
// without a clock: the test reads the job's state while the worker stands still.
struct Gate {
    std::mutex m;
    std::condition_variable cv;
    int reports = 0;  // reports the worker has reached
    int allowed = 0;  // reports it may pass
    bool open = false;
    std::function<void()> Wake() {
        return [this] {
            std::unique_lock<std::mutex> lock(m);
            const int mine = ++reports;
            cv.notify_all();
            cv.wait(lock, [&] { return open || mine <= allowed; });
        };
    }
    // Waits until the worker stands at report `n`.
    void Reach(int n) {
        std::unique_lock<std::mutex> lock(m);
        cv.wait(lock, [&] { return reports >= n; });
    }
    // Lets it pass report `n`.
    void Pass(int n) {
        std::lock_guard<std::mutex> lock(m);
        allowed = std::max(allowed, n);
        cv.notify_all();
    }
    void Open() {
        std::lock_guard<std::mutex> lock(m);
        open = true;
        cv.notify_all();
    }
};
// Opens the gate before the App (declared before it) is destroyed, so a failed check never
// leaves the worker waiting for a test that has gone.
struct OpenOnExit {
    Gate& gate;
    ~OpenOnExit() { gate.Open(); }
};


// A fresh temporary folder, removed with everything in it when the object goes.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::string& Path() const { return m_path; }
    std::string File(const std::string& name) const { return m_path + "/" + name; }

private:
    std::string m_path;
};

const Manual& TheManual();    // phases/steps.json, loaded once
const Catalog& TheCatalog();  // data/catalog.tsv, loaded once
const std::vector<Instrument>& TheInstruments();  // data/instruments/, loaded once
void WriteText(const std::string& path, const std::string& text);
std::string Slurp(const std::string& path);  // a file's bytes; "" when it cannot be read
// A new project file "p.stegvis" in `dir` (name Projekt, organisation Exempelkommun, catalog 2015).
// A small project's details: "Införande 2027", Umeå kommun, catalog edition 2015.
ProjectInfo SampleInfo();
Store NewStore(const TempDir& dir);
std::string Sha256OfFile(const std::string& path);
// Runs SQL on a file directly, as a person altering it by hand would (REQUIREs it to work).
void Sql(const std::string& path, const std::string& sql);  // via sha256sum; for "file unchanged" checks

// The CREATE statements of a released schema version (1-4), frozen in tests/schema/v<N>.sql.
std::string ReleasedSchema(int version);
// A project file as a released Stegvis of that schema version wrote it: the frozen schema, its
// header (application id, user_version), its fifteen steps, in WAL mode as an opened file is.
// It has no project row yet: the test adds that and the rest of its rows with SQL.
void CreateReleasedFile(const std::string& path, int version);

// A fresh project file and the action context of the real data files, with the checks every
// action test makes.
// True when this run puts the action tests' projects on the server (STEGVIS_TEST_BACKEND=server).
bool ServerBackend();

// With STEGVIS_TEST_BACKEND=server (ctest's server-backend.* run of the action tests) the project
// is pushed to a database of the test's own on the tests' server and worked on there.
struct ProjectFixture {
    TempDir dir;
    std::shared_ptr<void> server;  // that database, while the fixture lives
    Store store;
    ActionContext ctx;
    ProjectFixture();
    ApplyResult Do(const Action& a) { return Apply(store, a, "Anna", ctx); }
    int64_t Ok(const Action& a);              // REQUIREs success, returns the new record's id if any
    std::string Rejected(const Action& a);    // REQUIREs refusal with a message, returns the field
    ProjectModel M() const { return store.Load(); }
};

struct RunResult {
    int status = -1;
    std::string out;
    std::string err;
};
// Runs the real stegvis binary with the given arguments (shell-quoted here), stdin optional.
// With `killAfterSeconds` > 0 a run still going by then is killed (status 137): for tests of
// inputs that once made the program hang.
RunResult RunStegvis(const std::string& args, const std::string& stdinText = "", int killAfterSeconds = 0);
// What a shell command prints on stdout ("" when it cannot be run).
std::string CommandOutput(const std::string& cmd);
// One part of a zip (an .xlsx's "xl/workbook.xml") as text, read by Python's zipfile; "" when
// the zip or the part is not there.
std::string ZipPart(const std::string& zip, const std::string& part);
// A path quoted for RunStegvis's shell.
std::string Quoted(const std::string& path);

// True when the line names the intervention "Bensodiazepiner" (LB-01 or LB-04), not only
// "Bensodiazepiner eller klometiazol" (LB-03): the rows that need their condition beside them.
bool NamesBenzodiazepines(const std::string& line);

}  // namespace stegvis::test
