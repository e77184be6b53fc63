// Steps 6-11: team, initiatives, resources, goals, activities, trainings.
#include <catch2/catch.hpp>

#include "TestUtil.hpp"
#include "edit/Actions.hpp"
#include "domain/Records.hpp"
#include "store/Store.hpp"
#include "base/Text.hpp"

using namespace stegvis;
using stegvis::test::TempDir;
using stegvis::test::TheCatalog;
using stegvis::test::TheInstruments;
using stegvis::test::TheManual;

namespace {
struct Team : stegvis::test::ProjectFixture {
    int64_t Add(const std::string& kind, int64_t init, std::map<std::string, std::string> f) {
        return Ok(AddRecord{kind, init, std::move(f)});
    }
    ActionError RejectedError(const Action& a) {
        ApplyResult r = Do(a);
        REQUIRE_FALSE(r.ok);
        CHECK_FALSE(r.error.Text().empty());
        return r.error;
    }
    int64_t Initiative() {
        return Ok(StartInitiative{"PB-01", "MET", "2026-10-01", "Störst glapp", "Erik"});
    }
};
}  // namespace

TEST_CASE("A team has exactly one leader", "[team]") {
    Team t;
    int64_t erik = t.Add("member", 0, {{"name", "Erik"}, {"role", "leader"}});
    CHECK(LeaderCount(t.M()) == 1);
    auto e = t.RejectedError(AddRecord{"member", 0, {{"name", "Maria"}, {"role", "leader"}}});
    CHECK(e.field == "role");
    CHECK(e.Text().find("Erik") != std::string::npos);
    int64_t maria = t.Add("member", 0, {{"name", "Maria"}, {"role", "member"}});
    CHECK(t.RejectedError(SetRecordField{"member", maria, "role", "leader"}).field == "role");
    t.Ok(SetRecordField{"member", erik, "role", "member"});
    CHECK(LeaderCount(t.M()) == 0);
    t.Ok(SetRecordField{"member", maria, "role", "leader"});
    CHECK(t.RejectedError(AddRecord{"member", 0, {{"name", "  "}}}).field == "name");
    CHECK(t.RejectedError(SetRecordField{"member", erik, "role", "boss"}).field == "role");
    CHECK(t.M().records.at("member").size() == 2);
}

TEST_CASE("Starting an initiative logs the decision: undo takes back both", "[team][initiative]") {
    Team t;
    CHECK(t.RejectedError(StartInitiative{"XX-1", "Nåt", "2026-10-01", "", ""}).field == "rec_id");
    CHECK(t.RejectedError(StartInitiative{"PB-01", "MET", "i höstas", "", ""}).field == "decided_on");
    int64_t init = t.Initiative();
    ProjectModel m = t.M();
    REQUIRE(Records(m, "initiative").size() == 1);
    CHECK(FindRecord(m, "initiative", init)->Get("rec_id") == "PB-01");
    REQUIRE(m.decisions.size() == 1);
    CHECK(m.decisions[0].step == 7);
    CHECK(m.decisions[0].recommendations == std::vector<std::string>{"PB-01"});
    CHECK(m.decisions[0].title.find("MET") != std::string::npos);
    REQUIRE(Undo(t.store));
    m = t.M();
    CHECK(Records(m, "initiative").empty());
    CHECK(m.decisions[0].withdrawn);
    REQUIRE(Redo(t.store));
    CHECK(Records(t.M(), "initiative").size() == 1);
}

TEST_CASE("Steps 8-15 move per initiative: steps 1-7 belong to the project", "[team][initiative]") {
    Team t;
    int64_t a = t.Initiative();
    int64_t b = t.Initiative();
    t.Ok(SetStepStatus{9, StepStatus::Done, a});
    t.Ok(SetChecklistTick{9, TheManual().FindStep(9)->checklist[0].id, true, a});
    t.Ok(SetStepNotes{9, "Budget klar", a});
    ProjectModel m = t.M();
    CHECK(StepState(m, 9, a).status == StepStatus::Done);
    CHECK(StepState(m, 9, a).ticked.size() == 1);
    CHECK(StepState(m, 9, a).notes == "Budget klar");
    CHECK(StepState(m, 9, b).status == StepStatus::NotStarted);
    CHECK(m.Step(9).status == StepStatus::NotStarted);
    CHECK(t.RejectedError(SetStepStatus{6, StepStatus::Done, a}).field == "step");
    CHECK(t.RejectedError(SetStepStatus{9, StepStatus::Done, 999}).field == "initiative");
    REQUIRE(Undo(t.store));  // the note
    REQUIRE(Undo(t.store));  // the tick
    REQUIRE(Undo(t.store));  // the status, with its dates
    m = t.M();
    CHECK(StepState(m, 9, a).status == StepStatus::NotStarted);
    CHECK(StepState(m, 9, a).doneOn.empty());
}

TEST_CASE("Record fields are checked by type and against each other", "[team][plan]") {
    Team t;
    int64_t init = t.Initiative();
    int64_t act = t.Add("activity", init, {{"what", "Rutin för MET"}, {"start_on", "2026-10-10"}, {"due_on", "2026-10-20"}});
    auto e = t.RejectedError(SetRecordField{"activity", act, "due_on", "2026-10-01"});
    CHECK(e.field == "due_on");
    CHECK(e.Text().find("2026-10-10") != std::string::npos);
    CHECK(t.RejectedError(SetRecordField{"activity", act, "start_on", "2026-11-01"}).field == "start_on");
    CHECK(t.RejectedError(AddRecord{"activity", init, {{"what", "X"}, {"start_on", "2026-10-10"}, {"due_on", "2026-10-09"}}}).field ==
          "due_on");
    CHECK(t.RejectedError(SetRecordField{"activity", act, "due_on", "31/10"}).field == "due_on");
    CHECK(t.RejectedError(AddRecord{"activity", init, {{"what", ""}}}).field == "what");
    CHECK(t.RejectedError(AddRecord{"activity", 0, {{"what", "X"}}}).field == "initiative");
    int64_t res = t.Add("resource", init, {{"kind", "money"}});
    CHECK(t.RejectedError(SetRecordField{"resource", res, "amount_sek", "mycket"}).field == "amount_sek");
    CHECK(t.RejectedError(SetRecordField{"resource", res, "amount_sek", "-5"}).field == "amount_sek");
    t.Ok(SetRecordField{"resource", res, "amount_sek", "85 000"});
    CHECK(FindRecord(t.M(), "resource", res)->Get("amount_sek") == "85000");
    t.Ok(SetRecordField{"resource", res, "amount_sek", "85000"});  // the same number: no new history
    CHECK(t.M().undoable == 4);  // initiative+decision, activity, resource, amount
    CHECK(t.RejectedError(SetRecordField{"resource", res, "status", "maybe"}).field == "status");
}

TEST_CASE("A removed member cannot be assigned, and a responsible one cannot be removed", "[team]") {
    Team t;
    int64_t init = t.Initiative();
    int64_t erik = t.Add("member", 0, {{"name", "Erik"}, {"role", "leader"}});
    int64_t maria = t.Add("member", 0, {{"name", "Maria"}});
    int64_t act = t.Add("activity", init, {{"what", "Rutin"}, {"responsible", std::to_string(maria)}});
    auto e = t.RejectedError(RemoveRecord{"member", maria});
    CHECK(e.Text().find("ansvarar för 1 aktivitet eller resurs.") != std::string::npos);
    t.Ok(SetRecordField{"activity", act, "status", "done"});
    t.Ok(RemoveRecord{"member", maria});
    CHECK(FindRecord(t.M(), "member", maria) == nullptr);
    CHECK(t.RejectedError(SetRecordField{"activity", act, "responsible", std::to_string(maria)}).field == "responsible");
    CHECK(t.RejectedError(AddRecord{"training", init, {{"member", std::to_string(maria)}, {"course", "MET"}}}).field == "member");
    CHECK(t.RejectedError(AddRecord{"training", init, {{"course", "MET"}}}).field == "member");
    t.Ok(SetRecordField{"activity", act, "responsible", std::to_string(erik)});
    REQUIRE(Undo(t.store));  // the reassignment
    REQUIRE(Undo(t.store));  // the removal: Maria is back
    CHECK(FindRecord(t.M(), "member", maria) != nullptr);
}

TEST_CASE("Derived states: overdue activities, missing resources, training coverage", "[team][plan]") {
    Team t;
    int64_t init = t.Initiative();
    int64_t erik = t.Add("member", 0, {{"name", "Erik"}, {"role", "leader"}});
    int64_t maria = t.Add("member", 0, {{"name", "Maria"}, {"role", "member"}});
    int64_t johan = t.Add("member", 0, {{"name", "Johan"}, {"role", "member"}});
    const std::string today = "2026-11-23";
    t.Add("activity", init, {{"what", "A"}, {"due_on", "2026-11-22"}, {"status", "ongoing"}});  // overdue
    t.Add("activity", init, {{"what", "B"}, {"due_on", "2026-11-22"}, {"status", "done"}});     // done: not overdue
    t.Add("activity", init, {{"what", "C"}, {"due_on", "2026-11-23"}, {"status", "planned"}});  // due today: not yet
    t.Add("activity", init, {{"what", "D"}});                                                   // no date
    ProjectModel m = t.M();
    CHECK(OverdueCount(m, init, today) == 1);
    t.Add("resource", init, {{"kind", "time"}, {"status", "missing"}});
    t.Add("resource", init, {{"kind", "money"}, {"status", "secured"}});
    t.Add("resource", init, {{"kind", "material"}, {"status", "missing"}});
    CHECK(MissingResourceCount(t.M(), init) == 2);
    t.Add("training", init, {{"member", std::to_string(erik)}, {"course", "MET"}, {"status", "done"}});
    t.Add("training", init, {{"member", std::to_string(maria)}, {"course", "MET"}, {"status", "done"}});
    t.Add("training", init, {{"member", std::to_string(johan)}, {"course", "MET"}, {"status", "planned"}});
    t.Add("training", init, {{"member", std::to_string(johan)}, {"course", "MI"}, {"status", "planned"}});
    t.Add("member", 0, {{"name", "Sara"}, {"role", "member"}});  // no training at all: still counted
    auto cov = TrainingCoverage(t.M(), init);
    REQUIRE(cov.size() == 2);
    CHECK(cov[0].role == "leader");
    CHECK(cov[0].trained == 1);
    CHECK(cov[0].planned == 0);
    CHECK(cov[0].members == 1);
    CHECK(cov[1].role == "member");
    CHECK(cov[1].trained == 1);  // Maria
    CHECK(cov[1].planned == 1);  // Johan, two planned courses counted once
    CHECK(cov[1].members == 3);  // Maria, Johan and Sara
    // People outside the team who will use the intervention: by role, each name once.
    t.Add("training", init, {{"trainee", "Lina Berg"}, {"trainee_role", "investigator"}, {"course", "MET"}, {"status", "done"}});
    t.Add("training", init, {{"trainee", "lina berg "}, {"trainee_role", "investigator"}, {"course", "MI"}, {"status", "planned"}});
    t.Add("training", init, {{"trainee", "Omar"}, {"trainee_role", "investigator"}, {"course", "MET"}, {"status", "planned"}});
    cov = TrainingCoverage(t.M(), init);
    REQUIRE(cov.size() == 3);
    CHECK(cov[2].outsideTeam);
    CHECK(cov[2].role == "investigator");
    CHECK(cov[2].members == 2);
    CHECK(cov[2].trained == 1);
    CHECK(cov[2].planned == 1);
}

TEST_CASE("Every record kind is undoable: add, change, remove", "[team][undo]") {
    Team t;
    int64_t init = t.Initiative();
    int64_t who = t.Add("member", 0, {{"name", "Erik"}});
    const std::map<std::string, std::map<std::string, std::string>> first = {
        {"member", {{"name", "Maria"}}},
        {"resource", {{"kind", "time"}}},
        {"goal", {{"indicator", "Andel som erbjuds MET"}}},
        {"activity", {{"what", "Rutin"}}},
        {"training", {{"member", std::to_string(who)}, {"course", "MET"}}},
    };
    const std::map<std::string, std::pair<std::string, std::string>> change = {
        {"member", {"contact", "ankn. 12"}},  {"resource", {"note", "20 %"}}, {"goal", {"target", "60"}},
        {"activity", {"status", "done"}},     {"training", {"trainer", "FoU"}},
    };
    for (const auto& [kind, fields] : first) {
        INFO(kind);
        int64_t id = t.Add(kind, kind == "member" ? 0 : init, fields);
        t.Ok(SetRecordField{kind, id, change.at(kind).first, change.at(kind).second});
        t.Ok(RemoveRecord{kind, id});
        CHECK(FindRecord(t.M(), kind, id) == nullptr);
        REQUIRE(Undo(t.store));
        REQUIRE(FindRecord(t.M(), kind, id) != nullptr);
        CHECK(FindRecord(t.M(), kind, id)->Get(change.at(kind).first) == change.at(kind).second);
        REQUIRE(Undo(t.store));
        CHECK(FindRecord(t.M(), kind, id)->Get(change.at(kind).first).empty());
        REQUIRE(Undo(t.store));
        CHECK(FindRecord(t.M(), kind, id) == nullptr);
    }
    t.Ok(RemoveRecord{"initiative", init});
    CHECK(Records(t.M(), "initiative").empty());
    REQUIRE(Undo(t.store));
    CHECK(Records(t.M(), "initiative").size() == 1);
}
