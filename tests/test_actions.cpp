#include <catch2/catch.hpp>

#include <set>

#include "TestUtil.hpp"
#include "edit/Actions.hpp"
#include "store/Store.hpp"
#include "base/Text.hpp"

using namespace stegvis;
using stegvis::test::TempDir;
using stegvis::test::NewStore;
using stegvis::test::TheManual;


TEST_CASE("An edit is stored with who, what, old and new value", "[actions]") {
    TempDir dir;
    Store s = NewStore(dir);
    ApplyResult r = Apply(s, SetProjectName{"Införande av MET"}, "Anna", &TheManual());
    REQUIRE(r.ok);
    CHECK(r.changed);
    CHECK(s.Load().project.name == "Införande av MET");
    auto h = s.History(10);
    REQUIRE(h.size() == 1);
    CHECK(h[0].who == "Anna");
    CHECK(h[0].entity == "project");
    CHECK(h[0].field == "name");
    CHECK(h[0].oldValue == "Projekt");
    CHECK(h[0].newValue == "Införande av MET");
    CHECK(h[0].state == "done");
    CHECK(IsIsoDate(h[0].at.substr(0, 10)));
}

TEST_CASE("Rejected edits name the field and store nothing", "[actions][errors]") {
    TempDir dir;
    Store s = NewStore(dir);
    auto check = [&](const Action& a, const std::string& field) {
        ApplyResult r = Apply(s, a, "Anna", &TheManual());
        CHECK_FALSE(r.ok);
        CHECK(r.error.field == field);
        CHECK_FALSE(r.error.Text().empty());
    };
    check(SetProjectName{"   "}, "name");
    check(SetOrganisation{""}, "organisation");
    check(SetStepDate{2, false, "2026-13-01"}, "started_on");
    check(SetStepDate{2, true, "23/11/2026"}, "done_on");
    check(SetStepNotes{16, "x"}, "step");
    check(SetChecklistTick{1, "s01-no-such-item", true}, "item");
    check(SetStepNotes{1, std::string("bad \xff byte")}, "notes");
    Decision d;
    d.step = 3;
    d.decidedOn = "igår";
    d.title = "Beslut";
    check(RecordDecision{d}, "decided_on");
    d.decidedOn = "2026-11-01";
    d.title = "";
    check(RecordDecision{d}, "title");
    CHECK(s.History(100).empty());
    CHECK(s.Load().project.name == "Projekt");

    REQUIRE(Apply(s, SetStepDate{2, false, "2026-10-10"}, "Anna").ok);
    ApplyResult r = Apply(s, SetStepDate{2, true, "2026-10-01"}, "Anna");
    CHECK_FALSE(r.ok);
    CHECK(r.error.field == "done_on");
    CHECK(r.error.Text().find("2026-10-10") != std::string::npos);
    CHECK(s.Load().Step(2).doneOn.empty());
    // The reason is a message id with its arguments; each language words it.
    CHECK(r.error.message.id == Msg::DoneBeforeStart);
    CHECK(r.error.Text(false) == "Klart-datum kan inte ligga före startdatum (2026-10-10).");
    CHECK(r.error.Text(true) == "The done date cannot be before the start date (2026-10-10).");
    // A closed list is named in the reader's language, with its own words.
    ApplyResult offered = Apply(s, SetInventoryField{"", InvField::Offered, "kanske"}, "Anna");
    REQUIRE_FALSE(offered.ok);
    CHECK(offered.error.Text(false) == "Välj ett av: ja, delvis, nej, vet ej eller ej aktuellt för oss.");
    CHECK(offered.error.Text(true) == "Choose one of: yes, partly, no, don't know or not relevant for us.");
}

TEST_CASE("Every message core gives has both languages, with the same arguments", "[actions][errors][i18n]") {
    auto placeholders = [](const std::string& t) {
        std::multiset<std::string> out;
        for (size_t i = t.find('{'); i != std::string::npos; i = t.find('{', i + 1))
            out.insert(t.substr(i, t.find('}', i) - i + 1));
        return out;
    };
    for (int i = 0; i < static_cast<int>(Msg::Count_); ++i) {
        const Msg id = static_cast<Msg>(i);
        const std::string sv = MessageText(id, false), en = MessageText(id, true);
        INFO("message " << i << ": " << sv << " / " << en);
        CHECK_FALSE(sv.empty());  // empty also when the table is out of order
        CHECK_FALSE(en.empty());
        CHECK(placeholders(sv) == placeholders(en));
        if (id != Msg::Plain) CHECK(sv != en);
        for (const char* swedish : {"å", "ä", "ö", "Å", "Ä", "Ö"}) CHECK(en.find(swedish) == std::string::npos);
    }
    CHECK(Render({Msg::AnswerRange, {"1", "5"}}, true) == "The answer must be 1–5.");
    CHECK(Render({Msg::AnswerRange, {"1", "5"}}, false) == "Svaret ska vara 1–5.");
    CHECK(Render({Msg::Plain, {"{0} stays as typed"}}, true) == "{0} stays as typed");  // an argument is not read again
}

TEST_CASE("Setting a value it already has records nothing", "[actions]") {
    TempDir dir;
    Store s = NewStore(dir);
    ApplyResult r = Apply(s, SetProjectName{"Projekt"}, "Anna");
    CHECK(r.ok);
    CHECK_FALSE(r.changed);
    CHECK(s.History(10).empty());
}

TEST_CASE("Status changes fill dates and undo as one action", "[actions][undo]") {
    TempDir dir;
    Store s = NewStore(dir);
    REQUIRE(Apply(s, SetStepStatus{4, StepStatus::Done}, "Anna").ok);
    ProjectModel m = s.Load();
    CHECK(m.Step(4).status == StepStatus::Done);
    CHECK(m.Step(4).startedOn == TodayIso());
    CHECK(m.Step(4).doneOn == TodayIso());
    CHECK(m.undoable == 1);
    REQUIRE(Undo(s));
    m = s.Load();
    CHECK(m.Step(4).status == StepStatus::NotStarted);
    CHECK(m.Step(4).startedOn.empty());
    CHECK(m.Step(4).doneOn.empty());
    CHECK(m.undoable == 0);
    CHECK(m.redoable == 1);
    REQUIRE(Redo(s));
    CHECK(s.Load().Step(4).doneOn == TodayIso());
    // Reopening a done step clears the done date.
    REQUIRE(Apply(s, SetStepStatus{4, StepStatus::InProgress}, "Anna").ok);
    CHECK(s.Load().Step(4).doneOn.empty());
    CHECK(s.Load().Step(4).startedOn == TodayIso());
}

TEST_CASE("Undo and redo walk the history in order: a new edit ends the redo chain", "[actions][undo]") {
    TempDir dir;
    Store s = NewStore(dir);
    const Manual& man = TheManual();
    REQUIRE(Apply(s, SetChecklistTick{1, man.steps[0].checklist[0].id, true}, "A", &man).ok);
    REQUIRE(Apply(s, SetChecklistTick{1, man.steps[0].checklist[1].id, true}, "A", &man).ok);
    REQUIRE(Apply(s, SetStepNotes{1, "Första"}, "A", &man).ok);
    REQUIRE(Apply(s, SetStepNotes{1, "Andra"}, "A", &man).ok);
    CHECK(s.Load().Step(1).ticked.size() == 2);

    REQUIRE(Undo(s));
    CHECK(s.Load().Step(1).notes == "Första");
    REQUIRE(Undo(s));
    CHECK(s.Load().Step(1).notes == "");
    REQUIRE(Undo(s));
    CHECK(s.Load().Step(1).ticked.size() == 1);
    REQUIRE(Redo(s));
    CHECK(s.Load().Step(1).ticked.size() == 2);
    REQUIRE(Redo(s));
    CHECK(s.Load().Step(1).notes == "Första");
    CHECK(s.Load().redoable == 1);

    REQUIRE(Apply(s, SetStepNotes{1, "Tredje"}, "A", &man).ok);
    CHECK(s.Load().redoable == 0);
    CHECK_FALSE(Redo(s));
    CHECK(s.Load().Step(1).notes == "Tredje");
    REQUIRE(Undo(s));
    CHECK(s.Load().Step(1).notes == "Första");
    // The dropped action stays in the history as an audit trail.
    bool sawDropped = false;
    for (const auto& h : s.History(100)) sawDropped = sawDropped || h.state == "dropped";
    CHECK(sawDropped);

    while (Undo(s)) {
    }
    ProjectModel m = s.Load();
    CHECK(m.Step(1).ticked.empty());
    CHECK(m.Step(1).notes.empty());
    CHECK_FALSE(Undo(s));
}

TEST_CASE("Undo and redo survive closing and reopening the file", "[actions][undo]") {
    TempDir dir;
    std::string path = dir.File("p.stegvis");
    {
        Store s = NewStore(dir);
        REQUIRE(Apply(s, SetOrganisation{"Region Västerbotten"}, "A").ok);
        REQUIRE(Apply(s, SetOrgKind{OrgKind::Region}, "A").ok);
    }
    {
        Store s = Store::Open(path);
        CHECK(s.Load().project.kind == OrgKind::Region);
        REQUIRE(Undo(s));
    }
    {
        Store s = Store::Open(path);
        ProjectModel m = s.Load();
        CHECK(m.project.kind == OrgKind::Kommun);
        CHECK(m.project.organisation == "Region Västerbotten");
        CHECK(m.redoable == 1);
        REQUIRE(Redo(s));
    }
    Store s = Store::Open(path);
    CHECK(s.Load().project.kind == OrgKind::Region);
}

TEST_CASE("Undoing a recorded decision withdraws it: the log keeps it", "[actions][undo][decisions]") {
    TempDir dir;
    Store s = NewStore(dir);
    Decision d;
    d.step = 3;
    d.decidedOn = "2026-11-02";
    d.title = "Prioritera bedömningsinstrument";
    d.rationale = "Störst glapp";
    d.participants = "Anna, Erik";
    d.recommendations = {"BI-04", "BI-01"};
    ApplyResult r = Apply(s, RecordDecision{d}, "Anna");
    REQUIRE(r.ok);
    REQUIRE(r.newId > 0);
    ProjectModel m = s.Load();
    REQUIRE(m.decisions.size() == 1);
    CHECK_FALSE(m.decisions[0].withdrawn);
    CHECK(m.decisions[0].recordedBy == "Anna");
    CHECK(m.decisions[0].recommendations.size() == 2);

    REQUIRE(Undo(s));
    m = s.Load();
    REQUIRE(m.decisions.size() == 1);
    CHECK(m.decisions[0].withdrawn);
    REQUIRE(Redo(s));
    CHECK_FALSE(s.Load().decisions[0].withdrawn);

    REQUIRE(Apply(s, WithdrawDecision{r.newId}, "Erik").ok);
    CHECK(s.Load().decisions[0].withdrawn);
    REQUIRE(Undo(s));
    CHECK_FALSE(s.Load().decisions[0].withdrawn);
}
