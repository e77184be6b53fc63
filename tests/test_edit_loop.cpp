// The window's edit loop: screens emit actions while they draw, the actions are applied when
// the frame ends, and the model is refreshed from what each action changed. These tests hold
// the refreshed model and history to what a full read of the file gives.
#include <catch2/catch.hpp>

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdlib>
#include <functional>
#include <mutex>
#include <sstream>

#include "TestUtil.hpp"
#include "edit/Demo.hpp"
#include "base/Files.hpp"
#include "base/Text.hpp"
#include "domain/Measures.hpp"
#include "domain/Inventory.hpp"
#include "domain/Records.hpp"
#include "store/AutoBackup.hpp"
#include "ui/App.hpp"
#include "ui/Strings.hpp"
#include "ui/Widgets.hpp"

using namespace stegvis;
using namespace stegvis::ui;
using stegvis::test::Gate;
using stegvis::test::OpenOnExit;
using stegvis::test::TempDir;
using stegvis::test::TheCatalog;
using stegvis::test::TheInstruments;
using stegvis::test::TheManual;

namespace {

std::string Opt(const std::optional<int>& v) { return v ? std::to_string(*v) : "-"; }
std::string Opt(const std::optional<double>& v) { return v ? std::to_string(*v) : "-"; }

std::string Row(const InventoryRow& r) {
    return r.offered + "|" + r.provider + "|" + Opt(r.volume) + "|" + Opt(r.staffTrained) + "|" + Opt(r.reached) + "|" +
           r.gap + "|" + r.comment;
}

std::string Steps(const StepProgress& p) {
    std::string s = std::to_string(p.step) + ":" + std::to_string(static_cast<int>(p.status)) + "|" + p.startedOn + "|" +
                    p.doneOn + "|" + p.notes + "|";
    for (const auto& t : p.ticked) s += t + ",";
    return s;
}

// Every value of the model, one per line, in a fixed order: two models print the same exactly
// when a screen would show them the same.
std::string Print(const ProjectModel& m) {
    std::ostringstream o;
    o << "project " << m.project.name << "|" << m.project.organisation << "|" << static_cast<int>(m.project.kind) << "|"
      << m.project.catalogEdition << "|" << m.project.createdOn << "\n";
    for (const auto& s : m.steps) o << "step " << Steps(s) << "\n";
    for (const auto& d : m.decisions) {
        o << "decision " << d.id << "|" << d.step << "|" << d.decidedOn << "|" << d.title << "|" << d.rationale << "|"
          << d.participants << "|" << d.recordedAt << "|" << d.recordedBy << "|" << d.withdrawn << "|";
        for (const auto& r : d.recommendations) o << r << ",";
        o << "\n";
    }
    for (const auto& [rec, d] : m.discussions) o << "discussion " << rec << "|" << d.discussedOn << "|" << d.note << "\n";
    for (const auto& [rec, r] : m.inventory) o << "inventory " << rec << "|" << Row(r) << "\n";
    for (const auto& b : m.baselines) {
        o << "baseline " << b.id << "|" << b.name << "|" << b.takenOn << "|" << b.createdAt << "\n";
        for (const auto& [rec, r] : b.rows) o << "  row " << rec << "|" << Row(r) << "\n";
    }
    for (const auto& [rec, p] : m.priorities)
        o << "priority " << rec << "|" << Opt(p.feasibility) << "|" << Opt(p.position) << "|" << p.selected << "\n";
    for (const auto& [rec, f] : m.hexagon)
        for (const auto& [factor, v] : f) o << "hexagon " << rec << "|" << factor << "|" << v << "\n";
    for (const auto& r : m.rounds) {
        o << "round " << r.id << "|" << r.instrument << "|" << r.name << "|" << r.heldOn << "|" << r.respondents << "\n";
        for (const auto& [k, v] : r.answers) o << "  answer " << k.first << "|" << k.second << "|" << v << "\n";
    }
    for (const auto& [kind, list] : m.records)
        for (const auto& r : list) {
            o << "record " << kind << "|" << r.id << "|" << r.initiative;
            for (const auto& [f, v] : r.fields) o << "|" << f << "=" << v;
            o << "\n";
        }
    for (const auto& [init, steps] : m.initiativeSteps)
        for (const auto& [n, p] : steps) o << "istep " << init << "|" << n << "|" << Steps(p) << "\n";
    for (const auto& [measure, pts] : m.points)
        for (const auto& [period, p] : pts)
            o << "point " << measure << "|" << period << "|" << Opt(p.numerator) << "|" << Opt(p.denominator) << "|" << p.note
              << "\n";
    o << "undo " << m.undoable << "|" << m.redoable << "|" << m.lastChangeAt << "\n";
    return o.str();
}

std::string Print(const std::vector<HistoryEntry>& history) {
    std::ostringstream o;
    for (const auto& h : history)
        o << h.id << "|" << h.actionId << "|" << h.at << "|" << h.who << "|" << h.label << "|" << h.entity << "|" << h.key
          << "|" << h.field << "|" << h.hadOld << h.oldValue << "|" << h.hasNew << h.newValue << "|" << h.state << "\n";
    return o.str();
}

struct Fixture {
    TempDir dir;
    std::string path = dir.File("enhet.stegvis");
    App app;
    Fixture()
        : app((::setenv("XDG_DATA_HOME", dir.Path().c_str(), 1), TheManual()), TheCatalog(), TheInstruments(),
              Settings(dir.File("settings.txt"))) {
        DemoOptions opt;
        opt.anchorDate = "2026-06-15";
        CreateDemo(path, opt, TheManual(), TheCatalog(), TheInstruments());
        REQUIRE(app.OpenProject(path));
    }
    // The model and history as a fresh read of the file gives them.
    void RequireSameAsFile(const std::string& after) {
        INFO("after " << after);
        Store store = Store::OpenReadOnly(path);
        REQUIRE(Print(app.model) == Print(store.Load()));
        REQUIRE(Print(app.history) == Print(store.History(500)));
    }
};

}  // namespace

TEST_CASE("Edits refresh only what they changed, and the model equals a fresh read after every kind", "[ui][edit]") {
    Fixture f;
    App& app = f.app;
    f.RequireSameAsFile("opening");
    const std::string checklistItem = TheManual().steps.at(0).checklist.at(0).id;
    const std::string factor = HexagonFactors().front().key;
    const Instrument& oric = [] {
        for (const auto& i : TheInstruments())
            if (i.id == "oric") return i;
        FAIL("no ORIC");
        return TheInstruments().front();
    }();
    auto initiatives = Records(app.model, "initiative");
    REQUIRE_FALSE(initiatives.empty());
    const int64_t init = initiatives.front()->id;
    auto measures = Records(app.model, "measure", init);
    REQUIRE_FALSE(measures.empty());
    const int64_t measure = measures.front()->id;
    REQUIRE(app.model.points.count(measure));
    const std::string lastPeriod = app.model.points.at(measure).rbegin()->first;
    const std::optional<double> denominator = app.model.points.at(measure).rbegin()->second.denominator;
    const std::string firstPeriod = app.model.points.at(measure).begin()->first;

    struct Step {
        const char* what;
        Action action;
    };
    const std::vector<Step> steps = {
        {"project name", SetProjectName{"Enhet Norr"}},
        {"org kind", SetOrgKind{OrgKind::Region}},
        {"step status", SetStepStatus{3, StepStatus::InProgress}},
        {"step notes", SetStepNotes{3, "Anteckning med å, ä och ö"}},
        {"step date", SetStepDate{3, false, "2026-05-01"}},
        {"checklist tick", SetChecklistTick{1, checklistItem, true}},
        {"decision", RecordDecision{Decision{0, 3, "2026-05-02", "Prioritera", "Skäl", "Team", {"PB-01"}}}},
        {"discussed", SetDiscussed{"PB-02", true, "2026-05-03"}},
        {"discussion note", SetDiscussionNote{"PB-02", "Tas upp igen"}},
        {"inventory", SetInventoryField{"PB-03", InvField::Volume, "120"}},
        {"inventory comment", SetInventoryField{"PB-03", InvField::Comment, "Uppskattning"}},
        {"baseline", FreezeBaseline{"Nolläge", "2026-05-04"}},
        {"feasibility", SetFeasibility{"PB-03", 2}},
        {"selected", SetSelected{"PB-03", true}},
        {"hexagon", SetHexagonRating{"PB-03", factor, 4}},
        {"round", AddReadinessRound{"oric", "Omgång X", "2026-05-05"}},
        {"member", AddRecord{"member", 0, {{"name", "Ny Person"}, {"role", "member"}}}},
        {"initiative", StartInitiative{"PB-04", "Nytt arbetssätt", "2026-05-06", "Skäl", "Team"}},
        {"initiative step", SetStepStatus{9, StepStatus::InProgress, init}},
        {"initiative notes", SetStepNotes{9, "Per insats", init}},
        {"initiative field", SetRecordField{"initiative", init, "expected_effect", "Fler får stöd"}},
        {"point", SetPoint{measure, lastPeriod, 7, denominator}},
        {"point note", SetPointNote{measure, lastPeriod, "Ny rutin"}},
        // A point emptied is a gap again (its row goes); then written anew; then several at once.
        {"point note cleared", SetPointNote{measure, lastPeriod, ""}},
        {"point cleared", SetPoint{measure, lastPeriod, std::nullopt, std::nullopt}},
        {"point written into a gap", SetPoint{measure, lastPeriod, 9, denominator}},
        {"points imported", ImportPoints{measure, {{firstPeriod, 4, denominator}, {lastPeriod, 5, denominator}}}},
        {"inventory gap", SetInventoryField{TheCatalog().recommendations.back().id, InvField::Gap, GapOptions().front().key}},
        {"measure baseline", SetRecordFields{"measure", measure, {{"baseline_from", ""}, {"baseline_to", ""}}}},
        {"pilot decision", DecideAfterPilot{init, "adopt", "2026-05-07", "Fungerar"}},
    };
    for (const Step& s : steps) {
        INFO(s.what);
        const bool ok = app.Perform(s.action);
        INFO(app.ui.message);
        REQUIRE(ok);
        f.RequireSameAsFile(s.what);
    }

    // Records made above, changed and removed; a round answered and shrunk.
    auto members = Records(app.model, "member");
    const int64_t member = members.back()->id;
    REQUIRE(app.Perform(SetRecordField{"member", member, "name", "Ny Persson"}));
    f.RequireSameAsFile("member renamed");
    REQUIRE(app.Perform(RemoveRecord{"member", member}));
    f.RequireSameAsFile("member removed");
    const int64_t round = app.model.rounds.back().id;
    REQUIRE(app.Perform(SetRoundRespondents{round, 2}));
    REQUIRE(app.Perform(SetAnswer{round, 2, oric.items.front().id, oric.MaxValue()}));
    f.RequireSameAsFile("answer");
    REQUIRE(app.Perform(SetRoundRespondents{round, 1}));
    f.RequireSameAsFile("respondent dropped");
    const int64_t decision = app.model.decisions.back().id;
    REQUIRE(app.Perform(WithdrawDecision{decision}));
    f.RequireSameAsFile("decision withdrawn");

    // Undo marks, then a new edit drops the redo chain, as the file does.
    app.UndoLast();
    app.UndoLast();
    f.RequireSameAsFile("two undos");
    REQUIRE(app.model.redoable == 2);
    REQUIRE(app.Perform(SetStepNotes{4, "Efter ångra"}));
    f.RequireSameAsFile("an edit after undo");
    CHECK(app.model.redoable == 0);

    // A rejected edit changes nothing and says why at the field.
    const std::string before = Print(app.model);
    CHECK_FALSE(app.Perform(SetStepDate{4, false, "2026-02-30"}));
    CHECK(Print(app.model) == before);
    CHECK_FALSE(app.ui.fieldErrors.empty());
}

TEST_CASE("During a frame the model holds still: edits and commands wait for the frame's end", "[ui][edit]") {
    Fixture f;
    App& app = f.app;
    const std::string before = Print(app.model);
    const std::string notesBefore = app.model.Step(2).notes;

    app.BeginDraw();
    int64_t newId = -1;
    bool ok = false;
    app.Dispatch(FreezeBaseline{"Under ramen", "2026-05-04"}, [&](App&, const ApplyResult& r) {
        ok = r.ok;
        newId = r.newId;
    });
    app.Dispatch(SetStepNotes{2, "skriven under ramen"});
    app.UndoLast();  // a command that reloads the model waits too
    CHECK(Print(app.model) == before);
    CHECK(app.HasPending());
    CHECK(newId == -1);
    // Changing the model while screens hold references into it is refused outright.
    CHECK_THROWS_AS(app.Perform(SetStepNotes{2, "direkt"}), std::logic_error);
    app.EndDraw();

    app.BetweenFrames();
    CHECK_FALSE(app.HasPending());
    CHECK(ok);
    // The screen learns the new record's id from the result, not by guessing it is the last.
    REQUIRE(newId > 0);
    REQUIRE_FALSE(app.model.baselines.empty());
    bool found = false;
    for (const auto& b : app.model.baselines) found = found || (b.id == newId && b.name == "Under ramen");
    CHECK(found);
    // The undo came after the notes, in the order asked for: it took the notes back.
    CHECK(app.model.Step(2).notes == notesBefore);
    CHECK(app.model.redoable == 1);
    f.RequireSameAsFile("a frame's queue");

    // A rejected edit's reason reaches the callback and the field.
    app.BeginDraw();
    std::string error;
    app.Dispatch(SetStepDate{2, true, "2026-13-01"}, [&](App&, const ApplyResult& r) { error = r.ok ? "" : r.error.Text(); });
    app.EndDraw();
    app.BetweenFrames();
    CHECK_FALSE(error.empty());
    CHECK(app.ui.fieldErrors.count("done_on") == 1);
    CHECK(app.ui.fieldErrors["done_on"].find("ÅÅÅÅ-MM-DD") != std::string::npos);

    // In the English window the same refusal reads in English, at the field and in the message line.
    SetLanguage(Lang::En);
    app.BeginDraw();
    app.Dispatch(SetStepDate{2, true, "2026-13-01"});
    app.EndDraw();
    app.BetweenFrames();
    const std::string english = app.ui.fieldErrors["done_on"];
    SetLanguage(Lang::Sv);
    CHECK(english.find("Enter the date as YYYY-MM-DD") == 0);
    CHECK(english.find("ÅÅÅÅ") == std::string::npos);
}

TEST_CASE("Long work runs on a worker while frames go on, reports progress, and can be cancelled", "[ui][edit][job]") {
    Fixture f;
    App& app = f.app;
    const std::string county = f.dir.File("län");
    REQUIRE(::mkdir(county.c_str(), 0755) == 0);
    for (int i = 1; i <= 4; ++i) {
        DemoOptions opt;
        opt.organisation = "Enhet " + std::to_string(i);
        opt.anchorDate = "2026-06-15";
        CreateDemo(county + "/enhet-" + std::to_string(i) + ".stegvis", opt, TheManual(), TheCatalog(), TheInstruments());
    }

    SECTION("asked for during a frame, the roll-up runs on a worker and lands between frames") {
        std::atomic<int> wakes{0};
        app.wakeLoop = [&wakes] { ++wakes; };
        app.BeginDraw();
        app.LoadCounty(county);
        app.EndDraw();
        CHECK(app.JobRunning());
        CHECK_FALSE(app.county.has_value());  // nothing lands in the middle of anything
        // A second long job waits its turn, and says so.
        app.BeginDraw();
        app.ExportDocument("progress", "html", f.dir.File("rapport"));
        app.EndDraw();
        CHECK(app.ui.message.find("Vänta") != std::string::npos);
        CHECK_FALSE(stegvis::PathExists(f.dir.File("rapport.html")));
        app.WaitForJob();
        CHECK_FALSE(app.JobRunning());
        REQUIRE(app.county.has_value());
        CHECK(app.county->units.size() == 4);
        CHECK(wakes >= 5);  // after each of the 4 units, and when done
        CHECK(app.settings.Get("county_folder") == county);
    }

    SECTION("Avbryt stops the roll-up: nothing is kept, and the message says so") {
        // Cancelled from the first progress report, as a click on Avbryt would.
        std::pair<size_t, size_t> seen{0, 0};
        app.wakeLoop = [&app, &seen] {
            if (seen.second == 0) seen = app.JobProgress();
            app.CancelJob();
        };
        app.BeginDraw();
        app.LoadCounty(county);
        app.EndDraw();
        app.WaitForJob();
        CHECK(seen.second == 4);  // the bar knew how many units there were
        CHECK(seen.first >= 1);
        CHECK(seen.first < 4);    // and the reading stopped before the end
        CHECK_FALSE(app.county.has_value());
        CHECK(app.ui.message.find("Avbrutet") != std::string::npos);
        CHECK_FALSE(app.ui.messageIsError);
    }

    SECTION("an export asked for during a frame is written by the worker from the model as it was") {
        app.BeginDraw();
        CHECK(app.ExportDocument("progress", "html", f.dir.File("rapport")).empty());  // not yet
        app.Dispatch(SetProjectName{"Namn efter exporten"});
        app.EndDraw();
        app.BetweenFrames();  // the rename is applied; the export goes on from its copy
        app.WaitForJob();
        const std::string html = stegvis::test::Slurp(f.dir.File("rapport.html"));
        REQUIRE_FALSE(html.empty());
        CHECK(html.find("Namn efter exporten") == std::string::npos);
        CHECK(app.model.project.name == "Namn efter exporten");
        CHECK(app.ui.message.find("rapport.html") != std::string::npos);
    }
}

namespace {


// A frame as the window draws one: screens may ask for things, which happen when it ends.
void Frame(App& app, const std::function<void()>& draw = {}) {
    app.BeginDraw();
    if (draw) draw();
    app.EndDraw();
    app.BetweenFrames();
}

std::vector<std::string> BackupFolderFiles(const std::string& project) {
    std::vector<std::string> out;
    const std::string folder = AutoBackupFolder(project, AutoBackupRoot());
    if (DIR* d = ::opendir(folder.c_str())) {
        while (const dirent* e = ::readdir(d))
            if (std::string(e->d_name) != "." && std::string(e->d_name) != "..") out.push_back(e->d_name);
        ::closedir(d);
    }
    return out;
}

std::string FileNotes(const std::string& path, int step) { return Store::OpenReadOnly(path).Load().Step(step).notes; }

}  // namespace

TEST_CASE("The automatic backup runs on the worker, counts pages, and the first edit waits for it", "[ui][edit][job][backup]") {
    Gate gate;
    Fixture f;
    OpenOnExit guard{gate};
    App& app = f.app;
    app.RunJobsOnWorker(true);
    app.wakeLoop = gate.Wake();
    const std::string before = app.model.Step(2).notes;
    REQUIRE(BackupFolderFiles(f.path).empty());  // not yet made: it waits for idle time or the first edit

    // The first edit, as a screen sends it: the backup starts, the edit waits behind it.
    bool applied = false;
    Frame(app, [&] { app.Dispatch(SetStepNotes{2, "efter kopian"}, [&](App&, const ApplyResult& r) { applied = r.ok; }); });
    REQUIRE(app.JobRunning());
    CHECK(app.JobTitle() == T(S::JobBackup));
    CHECK(app.JobCancellable());
    gate.Reach(1);
    auto [done, total] = app.JobProgress();
    CHECK(total > 0);  // in pages, known from the first report
    CHECK(done == 0);
    // Frames go on while the copy stands still; the edit is neither written nor shown yet.
    for (int i = 0; i < 3; ++i) Frame(app);
    CHECK(app.JobRunning());
    CHECK_FALSE(applied);
    CHECK(app.model.Step(2).notes == before);
    CHECK(FileNotes(f.path, 2) == before);
    CHECK(app.ui.message == Format(S::JobWaits, T(S::JobBackup)));

    // The copy goes on report by report; the bar's numbers only grow, up to the whole file.
    std::vector<size_t> seen{done};
    for (int n = 1; seen.back() < total; ++n) {
        gate.Pass(n);
        gate.Reach(n + 1);
        seen.push_back(app.JobProgress().first);
        CHECK(seen.back() >= seen[seen.size() - 2]);
        REQUIRE(n < 10000);
    }
    CHECK(seen.size() >= 3);  // more than one step: a bar that moves
    CHECK(seen.back() == total);
    gate.Open();
    app.WaitForJob();
    CHECK_FALSE(app.JobRunning());

    // Backup first, then the edit: the copy holds the file as it was before it.
    CHECK(applied);
    const auto backups = ListAutoBackups(f.path);
    REQUIRE(backups.size() == 1);
    CHECK(FileNotes(backups.front().path, 2) == before);
    CHECK(FileNotes(f.path, 2) == "efter kopian");
    f.RequireSameAsFile("the edit after the backup");
    CHECK(BackupFolderFiles(f.path).size() == 1);  // no temporary left beside it
}

TEST_CASE("Avbryt stops the automatic backup: no file is left, it says so, and edits go on", "[ui][edit][job][backup]") {
    Gate gate;
    Fixture f;
    OpenOnExit guard{gate};
    App& app = f.app;
    app.RunJobsOnWorker(true);
    app.wakeLoop = gate.Wake();

    app.Idle();  // the window's first idle moment
    REQUIRE(app.JobRunning());
    gate.Pass(1);
    gate.Reach(2);  // part of the file copied
    CHECK(app.JobProgress().first > 0);
    CHECK(app.JobProgress().first < app.JobProgress().second);
    CHECK_FALSE(BackupFolderFiles(f.path).empty());  // the copy being written, under a temporary name
    app.CancelJob();
    gate.Open();
    app.WaitForJob();
    CHECK(app.ui.message == T(S::BackupCancelled));
    CHECK_FALSE(app.ui.messageIsError);
    CHECK(BackupFolderFiles(f.path).empty());  // not even a half-made temporary
    CHECK(ListAutoBackups(f.path).empty());

    // Cancelled is not retried behind the user's back: the next edit is written at once.
    bool applied = false;
    Frame(app, [&] { app.Dispatch(SetStepNotes{2, "utan kopia"}, [&](App&, const ApplyResult& r) { applied = r.ok; }); });
    CHECK(applied);
    CHECK_FALSE(app.JobRunning());
    f.RequireSameAsFile("an edit after a cancelled backup");
}

TEST_CASE("An automatic backup under way never makes the user's export busy: it waits its turn", "[ui][edit][job][backup]") {
    Gate gate;
    Fixture f;
    OpenOnExit guard{gate};
    App& app = f.app;
    app.RunJobsOnWorker(true);
    app.wakeLoop = gate.Wake();

    app.Idle();
    REQUIRE(app.JobRunning());
    gate.Reach(1);
    Frame(app, [&] { app.ExportDocument("progress", "html", f.dir.File("rapport")); });
    CHECK(app.ui.message.find("Vänta") == std::string::npos);  // not refused
    CHECK(app.JobTitle() == T(S::JobBackup));                 // the backup first
    CHECK_FALSE(stegvis::PathExists(f.dir.File("rapport.html")));
    // A second export while the first waits is refused, as between any two of the user's jobs.
    Frame(app, [&] { app.ExportDocument("plan", "html", f.dir.File("plan")); });
    CHECK(app.ui.message.find("Vänta") != std::string::npos);
    gate.Open();
    app.WaitForJob();
    CHECK(ListAutoBackups(f.path).size() == 1);
    CHECK(stegvis::PathExists(f.dir.File("rapport.html")));
    CHECK_FALSE(stegvis::PathExists(f.dir.File("plan.html")));
}

TEST_CASE("Closing waits for the backup under way and stops an export: nothing half-made is left", "[ui][edit][job][backup]") {
    Gate gate;
    Fixture f;
    OpenOnExit guard{gate};
    App& app = f.app;
    app.RunJobsOnWorker(true);
    app.wakeLoop = gate.Wake();

    app.Idle();
    gate.Reach(1);
    Frame(app, [&] { app.ExportDocument("progress", "html", f.dir.File("rapport")); });  // waits behind it
    // Closing the project waits for the backup of this opening.
    app.CloseProject();
    CHECK(app.HasProject());
    // Closing the window: not yet (the backup is under way); the export waiting is given up.
    CHECK_FALSE(app.ReadyToClose());
    CHECK(app.ui.message == Format(S::JobCancelled, Format(S::JobExport, "rapport.html").c_str()));
    for (int i = 0; i < 2; ++i) Frame(app);  // the window keeps drawing while it waits
    CHECK(app.JobRunning());
    gate.Open();
    app.WaitForJob();
    CHECK_FALSE(app.HasProject());  // closed once the backup was made
    CHECK(app.ReadyToClose());
    CHECK(ListAutoBackups(f.path).size() == 1);
    CHECK(BackupFolderFiles(f.path).size() == 1);
    CHECK_FALSE(stegvis::PathExists(f.dir.File("rapport.html")));
}

namespace {
// A project with a backup of its first state and a mistake made since; the backup to restore.
std::string MakeMistake(Fixture& f) {
    App& app = f.app;
    REQUIRE(app.Perform(SetStepNotes{3, "första versionen"}));  // backed up (inline) before it
    REQUIRE(app.Perform(SetStepNotes{3, "ett misstag"}));
    app.RefreshBackups();
    REQUIRE(app.ui.backups.size() == 1);
    return app.ui.backups.front().path;
}
}  // namespace

TEST_CASE("A restore runs on the worker: edits are refused meanwhile, then the model is the restored file", "[ui][edit][job][restore]") {
    Gate gate;
    Fixture f;
    OpenOnExit guard{gate};
    App& app = f.app;
    const std::string backup = MakeMistake(f);
    const std::string original = FileNotes(backup, 3);
    REQUIRE(original != "ett misstag");
    app.RunJobsOnWorker(true);
    app.wakeLoop = gate.Wake();

    app.ui.restoreFromDialog = true;
    Frame(app, [&] { app.RestoreBackup(backup); });
    REQUIRE(app.JobRunning());
    CHECK(app.JobTitle() == T(S::JobRestore));
    CHECK(app.RestoreUnderWay());
    gate.Pass(1);
    gate.Reach(2);
    CHECK(app.JobProgress().second > 0);

    // Frames go on. An edit and an undo asked for now are refused, with the reason; nothing is
    // written to the file being replaced, and nothing is kept to be written over the restore.
    ApplyResult refused;
    refused.ok = true;
    Frame(app, [&] {
        app.Dispatch(SetStepNotes{4, "under återställningen"}, [&](App&, const ApplyResult& r) { refused = r; });
        app.UndoLast();
    });
    CHECK_FALSE(refused.ok);
    CHECK(refused.error.Text() == T(S::RestoreRefusesEdit));
    CHECK(app.ui.message == T(S::RestoreRefusesEdit));
    CHECK(app.ui.messageIsError);
    CHECK_FALSE(app.Perform(SetStepNotes{4, "direkt"}));
    CHECK(app.model.Step(3).notes == "ett misstag");  // the model stays what it was until the end
    CHECK_FALSE(app.PollExternalChange());

    gate.Open();
    app.WaitForJob();
    CHECK_FALSE(app.RestoreUnderWay());
    CHECK(app.model.Step(3).notes == original);
    CHECK(app.model.Step(4).notes.find("återställningen") == std::string::npos);
    CHECK(app.model.Step(4).notes != "direkt");
    CHECK(app.ui.message.find("Återställde") != std::string::npos);
    CHECK(app.ui.closePopup == "backups");  // the dialog closes itself
    f.RequireSameAsFile("the restore");
    CHECK_FALSE(app.PollExternalChange());  // our own restore is not someone else's change
    // The file as it was is a backup now; the list was read again after it.
    bool keptMistake = false;
    for (const AutoBackupInfo& b : app.ui.backups) keptMistake = keptMistake || FileNotes(b.path, 3) == "ett misstag";
    CHECK(keptMistake);
    // Edits work again.
    REQUIRE(app.Perform(SetStepNotes{4, "efter återställningen"}));
    f.RequireSameAsFile("an edit after the restore");
}

TEST_CASE("A restore cancelled while it replaces the file rolls back, and once it commits Avbryt is refused", "[ui][edit][job][restore]") {
    Gate gate;
    Fixture f;
    OpenOnExit guard{gate};
    App& app = f.app;
    const std::string backup = MakeMistake(f);
    const std::string original = FileNotes(backup, 3);
    const size_t projectPages = static_cast<size_t>(Store::PageCount(f.path));
    REQUIRE(projectPages > 0);
    app.RunJobsOnWorker(true);
    app.wakeLoop = gate.Wake();

    SECTION("Avbryt while the new contents are being written: the project is exactly as it was") {
        const std::string modelBefore = Print(app.model);
        Frame(app, [&] { app.RestoreBackup(backup); });
        // The copy of the file as it is comes first (its pages), then the backup's pages into
        // it: the second report at the copy's last page is the replacement's first.
        int n = 1, atEnd = 0;
        for (;; ++n) {
            gate.Reach(n);
            if (app.JobProgress().first == projectPages && ++atEnd == 2) break;
            REQUIRE(app.JobProgress().first <= projectPages);
            gate.Pass(n);
        }
        REQUIRE(app.JobCancellable());
        app.CancelJob();
        gate.Open();
        app.WaitForJob();
        CHECK(app.ui.message == T(S::RestoreCancelled));
        CHECK_FALSE(app.ui.messageIsError);
        CHECK(Print(app.model) == modelBefore);
        CHECK(FileNotes(f.path, 3) == "ett misstag");
        CHECK(Store::CheckIntegrity(f.path) == "ok");
        f.RequireSameAsFile("a cancelled restore");
        CHECK_FALSE(app.PollExternalChange());
    }

    SECTION("Avbryt once the replacement commits is refused, and the restore ends whole") {
        Frame(app, [&] { app.RestoreBackup(backup); });
        int n = 1;
        for (;; ++n) {
            gate.Reach(n);
            if (!app.JobCancellable()) break;
            gate.Pass(n);
            REQUIRE(n < 10000);
        }
        app.CancelJob();
        CHECK(app.ui.message == T(S::JobCannotCancel));
        gate.Open();
        app.WaitForJob();
        CHECK(app.model.Step(3).notes == original);
        CHECK(app.ui.message.find("Återställde") != std::string::npos);
        f.RequireSameAsFile("a restore past its point of no return");
    }
}

TEST_CASE("A file from an older Stegvis is backed up on the worker before it is upgraded, or not opened at all",
          "[ui][edit][job][backup]") {
    Gate gate;
    Fixture f;
    OpenOnExit guard{gate};
    App& app = f.app;
    app.CloseProject();  // made the opening's backup of the demo, inline
    const std::string old = f.dir.File("gammal.stegvis");
    stegvis::test::CreateReleasedFile(old, 1);
    {
        Db db(old, SQLITE_OPEN_READWRITE);
        db.Exec("INSERT INTO project(id, name, organisation, org_kind, catalog_edition, created_on) "
                "VALUES (1, 'Gammalt', 'Org', 'region', '2015', '2020-01-01')");
    }
    REQUIRE(Store::HeaderSchemaVersion(old) == 1);
    app.RunJobsOnWorker(true);
    app.wakeLoop = gate.Wake();

    SECTION("the copy first, then the upgrade; the window draws meanwhile") {
        CHECK(app.OpenProject(old));  // started
        CHECK(app.JobTitle() == T(S::JobBackup));
        gate.Reach(1);
        Frame(app);
        CHECK_FALSE(app.HasProject());
        CHECK(Store::HeaderSchemaVersion(old) == 1);  // not upgraded while the copy is made
        gate.Open();
        app.WaitForJob();
        REQUIRE(app.HasProject());
        CHECK(app.schemaVersion == Store::kSchemaVersion);
        const auto backups = ListAutoBackups(old);
        REQUIRE(backups.size() == 1);
        CHECK(Store::HeaderSchemaVersion(backups.front().path) == 1);
    }

    SECTION("Avbryt: the file is left as it was and not opened") {
        app.OpenProject(old);
        gate.Reach(1);
        app.CancelJob();
        gate.Open();
        app.WaitForJob();
        CHECK_FALSE(app.HasProject());
        CHECK(app.ui.welcomeError == T(S::OpenCancelled));
        CHECK(Store::HeaderSchemaVersion(old) == 1);
        CHECK(BackupFolderFiles(old).empty());
    }
}

TEST_CASE("The chart a screen shows is the model's after every edit it reads: points, the measure, PDSA cycles, full scale", "[ui][edit][chart]") {
    Fixture f;
    App& app = f.app;
    const int64_t init = Records(app.model, "initiative").front()->id;
    const int64_t measure = Records(app.model, "measure", init).front()->id;
    const std::string firstPeriod = app.model.points.at(measure).begin()->first;
    auto same = [&](const std::string& after) {
        INFO("after " << after);
        const Record* m = FindRecord(app.model, "measure", measure);
        REQUIRE(m);
        const std::string fullScale = FindRecord(app.model, "initiative", init)->Get("full_scale_from");
        const Chart& shown = app.ChartFor(*m, fullScale);
        const Chart fresh = BuildChart(app.model, *m, fullScale);
        REQUIRE(shown.parts.size() == fresh.parts.size());
        for (size_t i = 0; i < fresh.parts.size(); ++i) {
            CHECK(shown.parts[i].label == fresh.parts[i].label);
            CHECK(shown.parts[i].first == fresh.parts[i].first);
            CHECK(shown.parts[i].verdict == fresh.parts[i].verdict);
        }
        CHECK(shown.values == fresh.values);
        CHECK(shown.control.has_value() == fresh.control.has_value());
        CHECK(shown.suggestion.kind == fresh.suggestion.kind);
    };
    same("opening");
    const size_t partsBefore = app.ChartFor(*FindRecord(app.model, "measure", measure), "").parts.size();
    REQUIRE(app.Perform(AddRecord{"pdsa", init, {{"change", "Ny cykel"}, {"started_on", AddDays(firstPeriod, 7 * 30)}}}));
    same("a new PDSA cycle");
    const int64_t cycle = Records(app.model, "pdsa", init).back()->id;
    REQUIRE(app.Perform(SetRecordField{"pdsa", cycle, "started_on", AddDays(firstPeriod, 7 * 32)}));
    same("its start moved");
    REQUIRE(app.Perform(SetRecordField{"pdsa", cycle, "change", "Annat namn"}));
    same("its name changed");
    REQUIRE(app.Perform(RemoveRecord{"pdsa", cycle}));
    same("the cycle removed");
    CHECK(app.ChartFor(*FindRecord(app.model, "measure", measure), "").parts.size() == partsBefore);
    REQUIRE(app.Perform(SetRecordField{"measure", measure, "chart", "p"}));
    same("drawn as a P chart");
    REQUIRE(app.Perform(SetRecordField{"initiative", init, "full_scale_from", AddDays(firstPeriod, 7 * 33)}));
    same("full scale set");
}
