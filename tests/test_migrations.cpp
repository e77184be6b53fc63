// Upgrades real old files: each released schema is frozen in tests/schema/v<N>.sql, a file of that
// version is built from it with raw SQL (rows of every table the version has), and today's
// Store::Open must bring every row through to the current schema, with its history still undoable.
#include <catch2/catch.hpp>

#include "TestUtil.hpp"
#include "domain/Editions.hpp"
#include "domain/Records.hpp"
#include "store/Sqlite.hpp"
#include "store/Store.hpp"

using namespace stegvis;
using stegvis::test::CreateReleasedFile;
using stegvis::test::ReleasedSchema;
using stegvis::test::Sql;
using stegvis::test::TempDir;
using stegvis::test::TheCatalog;

namespace {

// ---- schema 1: project, steps, checklist, decisions, history ----
void AddRows1(const std::string& path) {
    Sql(path,
        "INSERT INTO project(id, name, organisation, org_kind, catalog_edition, created_on) "
        "  VALUES (1, 'Införande 2019', 'Umeå kommun', 'region', '2015', '2019-03-01');"
        "UPDATE step_progress SET status = 'done', started_on = '2019-03-04', done_on = '2019-04-01', "
        "  notes = 'Chefsgruppen är enig' WHERE step = 1;"
        "UPDATE step_progress SET status = 'in_progress', started_on = '2019-04-02' WHERE step = 2;"
        "UPDATE step_progress SET notes = 'Diskuterat på APT' WHERE step = 3;"
        "INSERT INTO checklist_tick(step, item, ticked_on) VALUES (1, 's01-read-central', '2019-03-10'),"
        "  (1, 's01-watch-films', '2019-03-11'), (2, 's02-assess-all', '2019-04-05');"
        "INSERT INTO decision(id, step, decided_on, title, rationale, participants, recorded_at, recorded_by) VALUES"
        "  (1, 1, '2019-03-20', 'Vi inför riktlinjerna', 'Stort behov', 'Ledningsgruppen', '2019-03-20 10:00:00', 'Anna'),"
        "  (2, 3, '2019-05-02', 'Prioritera ASI', '', '', '2019-05-02 09:30:00', 'Erik');"
        "INSERT INTO decision_recommendation(decision_id, rec_id) VALUES (1, 'PB-01'), (1, 'BI-04'), (2, 'BI-04');"
        "INSERT INTO decision_withdrawal(decision_id, withdrawn_at) VALUES (2, '2019-05-10 08:00:00');"
        // Two edits: a tick, then step 3's notes.
        "INSERT INTO history(id, action_id, at, who, label, entity, key, field, old_value, new_value, state) VALUES"
        "  (1, 1, '2019-03-10 14:00:00', 'Anna', 'Bockade av punkt i steg 1', 'tick', '1/s01-read-central', 'ticked',"
        "   NULL, '2019-03-10', 'done'),"
        "  (2, 2, '2019-05-03 11:15:00', 'Erik', 'Ändrade anteckningar för steg 3', 'step', '3', 'notes', '',"
        "   'Diskuterat på APT', 'done');");
}

void CheckRows1(const ProjectModel& m) {
    CHECK(m.project.name == "Införande 2019");
    CHECK(m.project.organisation == "Umeå kommun");
    CHECK(m.project.kind == OrgKind::Region);
    CHECK(m.project.catalogEdition == "2015");
    CHECK(m.project.createdOn == "2019-03-01");
    REQUIRE(m.steps.size() == 15);
    CHECK(m.Step(1).status == StepStatus::Done);
    CHECK(m.Step(1).startedOn == "2019-03-04");
    CHECK(m.Step(1).doneOn == "2019-04-01");
    CHECK(m.Step(1).notes == "Chefsgruppen är enig");
    CHECK(m.Step(1).ticked == std::set<std::string>{"s01-read-central", "s01-watch-films"});
    CHECK(m.Step(2).status == StepStatus::InProgress);
    CHECK(m.Step(2).startedOn == "2019-04-02");
    CHECK(m.Step(2).ticked == std::set<std::string>{"s02-assess-all"});
    CHECK(m.Step(3).notes == "Diskuterat på APT");
    for (int step = 4; step <= 15; ++step) {
        INFO("step " << step);
        CHECK(m.Step(step).status == StepStatus::NotStarted);
        CHECK(m.Step(step).notes.empty());
        CHECK(m.Step(step).ticked.empty());
    }
    REQUIRE(m.decisions.size() == 2);
    const Decision& d = m.decisions[0];
    CHECK(d.id == 1);
    CHECK(d.step == 1);
    CHECK(d.decidedOn == "2019-03-20");
    CHECK(d.title == "Vi inför riktlinjerna");
    CHECK(d.rationale == "Stort behov");
    CHECK(d.participants == "Ledningsgruppen");
    CHECK(d.recommendations == std::vector<std::string>{"BI-04", "PB-01"});
    CHECK(d.recordedAt == "2019-03-20 10:00:00");
    CHECK(d.recordedBy == "Anna");
    CHECK_FALSE(d.withdrawn);
    CHECK(m.decisions[1].title == "Prioritera ASI");
    CHECK(m.decisions[1].recommendations == std::vector<std::string>{"BI-04"});
    CHECK(m.decisions[1].withdrawn);
    CHECK(m.undoable == 2);
    CHECK(m.redoable == 0);
    CHECK(m.lastChangeAt == "2019-05-03 11:15:00");
}

void CheckHistory1(const Store& s) {
    const std::vector<HistoryEntry> h = s.History(100);  // newest first
    REQUIRE(h.size() == 2);
    CHECK(h[0].actionId == 2);
    CHECK(h[0].at == "2019-05-03 11:15:00");
    CHECK(h[0].who == "Erik");
    CHECK(h[0].label == "Ändrade anteckningar för steg 3");
    CHECK(h[0].entity == "step");
    CHECK(h[0].key == "3");
    CHECK(h[0].field == "notes");
    CHECK(h[0].hadOld);
    CHECK(h[0].oldValue.empty());
    CHECK(h[0].newValue == "Diskuterat på APT");
    CHECK(h[0].state == "done");
    CHECK(h[1].entity == "tick");
    CHECK_FALSE(h[1].hadOld);
    CHECK(h[1].newValue == "2019-03-10");
}

// The old history is still the undo history: the newest edit is taken back, and given again.
void CheckUndoRedo1(Store& s) {
    REQUIRE(Undo(s));
    ProjectModel m = s.Load();
    CHECK(m.Step(3).notes.empty());
    CHECK(m.undoable == 1);
    CHECK(m.redoable == 1);
    REQUIRE(Redo(s));
    m = s.Load();
    CHECK(m.Step(3).notes == "Diskuterat på APT");
    CHECK(m.undoable == 2);
}

// ---- schema 2: discussions, inventory and baselines, priorities, Hexagon, readiness rounds ----
void AddRows2(const std::string& path) {
    Sql(path,
        "INSERT INTO rec_discussion(rec_id, discussed_on, note) VALUES ('PB-01', '2019-03-15', 'Viktig'),"
        "  ('BI-04', NULL, 'Tas upp igen');"
        "INSERT INTO inventory(rec_id, offered, provider, volume, staff_trained, gap, comment) VALUES"
        "  ('BI-01', 'delvis', 'egen', 120, 4, 'liten', 'Bara dagtid'),"
        "  ('BI-04', 'ej_aktuellt', NULL, NULL, NULL, NULL, 'Ingen målgrupp');"
        "INSERT INTO inventory_baseline(id, name, taken_on, created_at) VALUES"
        "  (1, 'Nollmätning', '2019-04-20', '2019-04-20 16:00:00'), (2, 'Borttagen', '2019-04-21', '2019-04-21 09:00:00');"
        "INSERT INTO inventory_baseline_row(baseline_id, rec_id, offered, provider, volume, staff_trained, gap, comment)"
        "  VALUES (1, 'BI-01', 'nej', 'ingen', 100, 0, 'stor', 'Före'), (2, 'BI-01', 'ja', NULL, NULL, NULL, NULL, NULL);"
        "INSERT INTO inventory_baseline_hidden(baseline_id, hidden_at) VALUES (2, '2019-04-21 09:05:00');"
        "INSERT INTO priority(rec_id, feasibility, position, selected) VALUES ('BI-01', 3, 1, 1), ('PB-01', 1, 2, 0);"
        "INSERT INTO hexagon(rec_id, factor, rating) VALUES ('BI-01', 'need', 5), ('BI-01', 'capacity', 2);"
        "INSERT INTO readiness_round(id, instrument, name, held_on, respondents, created_at) VALUES"
        "  (1, 'oric', 'APT maj', '2019-05-15', 2, '2019-05-15 13:00:00'),"
        "  (2, 'oric', 'Dold', '2019-05-16', 0, '2019-05-16 13:00:00');"
        "INSERT INTO readiness_round_hidden(round_id, hidden_at) VALUES (2, '2019-05-16 13:01:00');"
        "INSERT INTO readiness_answer(round_id, respondent, item, value) VALUES"
        "  (1, 1, 'oric-01', 4), (1, 1, 'oric-02', 5), (1, 2, 'oric-01', 3);");
}

void CheckRows2(const ProjectModel& m) {
    REQUIRE(m.discussions.size() == 2);
    CHECK(m.discussions.at("PB-01").discussedOn == "2019-03-15");
    CHECK(m.discussions.at("PB-01").note == "Viktig");
    CHECK(m.discussions.at("BI-04").discussedOn.empty());
    CHECK(m.discussions.at("BI-04").note == "Tas upp igen");
    REQUIRE(m.inventory.size() == 2);
    const InventoryRow& bi01 = m.inventory.at("BI-01");
    CHECK(bi01.offered == "delvis");
    CHECK(bi01.provider == "egen");
    CHECK(bi01.volume == 120);
    CHECK(bi01.staffTrained == 4);
    CHECK(bi01.gap == "liten");
    CHECK(bi01.comment == "Bara dagtid");
    CHECK_FALSE(bi01.reached.has_value());  // schema 5's question, not yet answered
    CHECK(m.inventory.at("BI-04").offered == "ej_aktuellt");
    CHECK_FALSE(m.inventory.at("BI-04").volume.has_value());
    CHECK(m.inventory.at("BI-04").comment == "Ingen målgrupp");
    REQUIRE(m.baselines.size() == 1);  // the hidden one stays hidden
    const InventoryBaseline& b = m.baselines[0];
    CHECK(b.id == 1);
    CHECK(b.name == "Nollmätning");
    CHECK(b.takenOn == "2019-04-20");
    CHECK(b.createdAt == "2019-04-20 16:00:00");
    REQUIRE(b.rows.count("BI-01") == 1);
    CHECK(b.rows.at("BI-01").offered == "nej");
    CHECK(b.rows.at("BI-01").provider == "ingen");
    CHECK(b.rows.at("BI-01").volume == 100);
    CHECK(b.rows.at("BI-01").staffTrained == 0);
    CHECK(b.rows.at("BI-01").gap == "stor");
    CHECK(b.rows.at("BI-01").comment == "Före");
    CHECK_FALSE(b.rows.at("BI-01").reached.has_value());
    REQUIRE(m.priorities.size() == 2);
    CHECK(m.priorities.at("BI-01").feasibility == 3);
    CHECK(m.priorities.at("BI-01").position == 1);
    CHECK(m.priorities.at("BI-01").selected);
    CHECK(m.priorities.at("PB-01").feasibility == 1);
    CHECK(m.priorities.at("PB-01").position == 2);
    CHECK_FALSE(m.priorities.at("PB-01").selected);
    CHECK(m.hexagon.at("BI-01") == std::map<std::string, int>{{"capacity", 2}, {"need", 5}});
    REQUIRE(m.rounds.size() == 1);
    const ReadinessRound& r = m.rounds[0];
    CHECK(r.id == 1);
    CHECK(r.instrument == "oric");
    CHECK(r.name == "APT maj");
    CHECK(r.heldOn == "2019-05-15");
    CHECK(r.respondents == 2);
    CHECK(r.answers == std::map<std::pair<int, std::string>, int>{{{1, "oric-01"}, 4}, {{1, "oric-02"}, 5}, {{2, "oric-01"}, 3}});
}

// ---- schema 3: the team, initiatives and their steps, resources, goals, activities, trainings ----
void AddRows3(const std::string& path) {
    Sql(path,
        "INSERT INTO team_member(id, name, role, organisation, contact, removed_at) VALUES"
        "  (1, 'Maria Lind', 'leader', 'IFO', 'maria@example.se', NULL),"
        "  (2, 'Erik Sjöberg', 'member', NULL, NULL, NULL),"
        "  (3, 'Borttagen Person', 'member', NULL, NULL, '2019-06-01 10:00:00');"
        "INSERT INTO initiative(id, rec_id, name, decided_on, expected_effect, evidence) VALUES"
        "  (1, 'BI-01', 'MET för unga', '2019-06-10', 'Fler i behandling', 'Stark');"
        "INSERT INTO initiative_step(initiative_id, step, status, started_on, done_on, notes) VALUES"
        "  (1, 8, 'done', '2019-06-11', '2019-06-20', 'Underlaget klart'), (1, 9, 'in_progress', '2019-06-21', NULL, NULL);"
        "INSERT INTO initiative_tick(initiative_id, step, item, ticked_on) VALUES (1, 8, 's08-summarise-evidence', '2019-06-12');"
        "INSERT INTO resource(id, initiative_id, kind, description, amount_sek, status, responsible, due_on, note) VALUES"
        "  (1, 1, 'money', 'Utbildningsdagar', 45000, 'missing', 1, '2019-09-01', 'Söks hos nämnden');"
        "INSERT INTO goal(id, initiative_id, indicator, baseline, target, target_date) VALUES"
        "  (1, 1, 'Andel som fullföljer', 40, 60.5, '2020-06-30');"
        "INSERT INTO activity(id, initiative_id, kind, what, responsible, start_on, due_on, status) VALUES"
        "  (1, 1, 'training', 'Grundkurs MET', 2, '2019-08-01', '2019-08-15', 'planned');"
        "INSERT INTO training(id, initiative_id, member, course, trained_on, trainer, status) VALUES"
        "  (1, 1, 2, 'MET grund', '2019-08-15', 'Beroendecentrum', 'done');");
}

void CheckRows3(const ProjectModel& m) {
    const auto members = Records(m, "member");
    REQUIRE(members.size() == 2);  // the removed one stays removed
    CHECK(members[0]->id == 1);
    CHECK(members[0]->Get("name") == "Maria Lind");
    CHECK(members[0]->Get("role") == "leader");
    CHECK(members[0]->Get("organisation") == "IFO");
    CHECK(members[0]->Get("contact") == "maria@example.se");
    CHECK(members[1]->Get("name") == "Erik Sjöberg");
    const Record* init = FindRecord(m, "initiative", 1);
    REQUIRE(init);
    CHECK(init->Get("rec_id") == "BI-01");
    CHECK(init->Get("name") == "MET för unga");
    CHECK(init->Get("decided_on") == "2019-06-10");
    CHECK(init->Get("expected_effect") == "Fler i behandling");
    CHECK(init->Get("evidence") == "Stark");
    REQUIRE(m.initiativeSteps.count(1) == 1);
    const auto& steps = m.initiativeSteps.at(1);
    REQUIRE(steps.count(8) == 1);
    CHECK(steps.at(8).status == StepStatus::Done);
    CHECK(steps.at(8).startedOn == "2019-06-11");
    CHECK(steps.at(8).doneOn == "2019-06-20");
    CHECK(steps.at(8).notes == "Underlaget klart");
    CHECK(steps.at(9).status == StepStatus::InProgress);
    CHECK(StepState(m, 8, 1).ticked == std::set<std::string>{"s08-summarise-evidence"});
    const Record* res = FindRecord(m, "resource", 1);
    REQUIRE(res);
    CHECK(res->initiative == 1);
    CHECK(res->Get("kind") == "money");
    CHECK(res->Get("description") == "Utbildningsdagar");
    CHECK(res->Get("amount_sek") == "45000");
    CHECK(res->Get("status") == "missing");
    CHECK(res->Get("responsible") == "1");
    CHECK(res->Get("due_on") == "2019-09-01");
    CHECK(res->Get("note") == "Söks hos nämnden");
    const Record* goal = FindRecord(m, "goal", 1);
    REQUIRE(goal);
    CHECK(goal->Get("indicator") == "Andel som fullföljer");
    CHECK(goal->Get("baseline") == "40");
    CHECK(goal->Get("target") == "60.5");
    CHECK(goal->Get("target_date") == "2020-06-30");
    const Record* act = FindRecord(m, "activity", 1);
    REQUIRE(act);
    CHECK(act->Get("kind") == "training");
    CHECK(act->Get("what") == "Grundkurs MET");
    CHECK(act->Get("responsible") == "2");
    CHECK(act->Get("start_on") == "2019-08-01");
    CHECK(act->Get("due_on") == "2019-08-15");
    CHECK(act->Get("status") == "planned");
    const Record* tr = FindRecord(m, "training", 1);
    REQUIRE(tr);
    CHECK(tr->initiative == 1);
    CHECK(tr->Get("member") == "2");
    CHECK(tr->Get("course") == "MET grund");
    CHECK(tr->Get("trained_on") == "2019-08-15");
    CHECK(tr->Get("trainer") == "Beroendecentrum");
    CHECK(tr->Get("status") == "done");
    CHECK(tr->Get("trainee").empty());  // schema 5's trainee outside the team: none
    CHECK(tr->Get("trainee_role").empty());
}

// ---- schema 4: the pilot's fields on the initiative, measures with points, PDSA cycles, roll-out ----
void AddRows4(const std::string& path) {
    Sql(path,
        "UPDATE initiative SET study_summary = 'Fungerade', pilot_decision = 'adapt', full_scale_from = '2020-09-01', "
        "  sustain_plan = 'Årlig uppföljning' WHERE id = 1;"
        "INSERT INTO measure(id, initiative_id, name, definition, unit, direction, source, period, target,"
        "  baseline_from, baseline_to) VALUES"
        "  (1, 1, 'Påbörjade behandlingar', 'count', 'st', 'up', 'Verksamhetssystemet', 'month', 12,"
        "   '2019-01-01', '2019-06-01'),"
        "  (2, 1, 'Andel fullföljda', 'ratio', '%', 'up', NULL, 'week', NULL, NULL, NULL);"
        "INSERT INTO measure_point(measure_id, period, numerator, denominator, note) VALUES"
        "  (1, '2019-01-01', 7, NULL, NULL), (1, '2019-02-01', 9.5, NULL, 'Ny rutin'),"
        "  (2, '2019-09-02', 3, 4, NULL);"
        "INSERT INTO pdsa_cycle(id, initiative_id, change, prediction, who_what_when, started_on, ended_on, did,"
        "  studied, act) VALUES (1, 1, 'Kortare väntetid', 'Fler börjar', 'Maria, v 36', '2019-09-02', '2019-09-30',"
        "  'Ringde upp', 'Fler började', 'adopt');"
        "INSERT INTO rollout(id, initiative_id, unit, status, started_on, done_on, note) VALUES"
        "  (1, 1, 'Öst', 'done', '2020-09-01', '2020-10-01', 'Utan problem');");
}

void CheckRows4(const ProjectModel& m) {
    const Record* init = FindRecord(m, "initiative", 1);
    REQUIRE(init);
    CHECK(init->Get("study_summary") == "Fungerade");
    CHECK(init->Get("pilot_decision") == "adapt");
    CHECK(init->Get("full_scale_from") == "2020-09-01");
    CHECK(init->Get("sustain_plan") == "Årlig uppföljning");
    const auto measures = Records(m, "measure", 1);
    REQUIRE(measures.size() == 2);
    const Record& count = *measures[0];
    CHECK(count.Get("name") == "Påbörjade behandlingar");
    CHECK(count.Get("definition") == "count");
    CHECK(count.Get("unit") == "st");
    CHECK(count.Get("direction") == "up");
    CHECK(count.Get("source") == "Verksamhetssystemet");
    CHECK(count.Get("period") == "month");
    CHECK(count.Get("target") == "12");
    CHECK(count.Get("baseline_from") == "2019-01-01");
    CHECK(count.Get("baseline_to") == "2019-06-01");
    CHECK(measures[1]->Get("definition") == "ratio");
    CHECK(measures[1]->Get("period") == "week");
    REQUIRE(m.points.count(1) == 1);
    const auto& points = m.points.at(1);
    REQUIRE(points.size() == 2);
    CHECK(points.at("2019-01-01").numerator == 7.0);
    CHECK_FALSE(points.at("2019-01-01").denominator.has_value());
    CHECK(points.at("2019-02-01").numerator == 9.5);
    CHECK(points.at("2019-02-01").note == "Ny rutin");
    REQUIRE(m.points.at(2).size() == 1);
    CHECK(m.points.at(2).at("2019-09-02").numerator == 3.0);
    CHECK(m.points.at(2).at("2019-09-02").denominator == 4.0);
    const Record* pdsa = FindRecord(m, "pdsa", 1);
    REQUIRE(pdsa);
    CHECK(pdsa->Get("change") == "Kortare väntetid");
    CHECK(pdsa->Get("prediction") == "Fler börjar");
    CHECK(pdsa->Get("who_what_when") == "Maria, v 36");
    CHECK(pdsa->Get("started_on") == "2019-09-02");
    CHECK(pdsa->Get("ended_on") == "2019-09-30");
    CHECK(pdsa->Get("did") == "Ringde upp");
    CHECK(pdsa->Get("studied") == "Fler började");
    CHECK(pdsa->Get("act") == "adopt");
    const Record* ro = FindRecord(m, "rollout", 1);
    REQUIRE(ro);
    CHECK(ro->Get("unit") == "Öst");
    CHECK(ro->Get("status") == "done");
    CHECK(ro->Get("started_on") == "2020-09-01");
    CHECK(ro->Get("done_on") == "2020-10-01");
    CHECK(ro->Get("note") == "Utan problem");
}

// ---- schema 5: how many get an intervention today; a training for someone outside the team ----
void AddRows5(const std::string& path) {
    Sql(path,
        "UPDATE inventory SET reached = 0 WHERE rec_id = 'BI-04';"
        "INSERT INTO training(id, initiative_id, member, course, trained_on, trainer, status, trainee, trainee_role)"
        "  VALUES (2, 1, NULL, 'MET fördjupning', '2019-10-01', 'Beroendecentrum', 'planned', 'Karin Ek', 'investigator');");
}

void CheckRows5(const ProjectModel& m, int version) {
    REQUIRE(m.Inventory("BI-04"));
    CHECK(m.Inventory("BI-04")->reached == 0);
    const Record* t = FindRecord(m, "training", 2);
    REQUIRE(t);
    CHECK(t->Get("member").empty());
    CHECK(t->Get("trainee") == "Karin Ek");
    CHECK(t->Get("trainee_role") == "investigator");
    CHECK(t->Get("course") == "MET fördjupning");
    // Version 6 adds the chart a measure is drawn as: measures from before draw run charts.
    if (version == 5)
        for (const Record* measure : Records(m, "measure", 1)) CHECK(measure->Get("chart").empty());
}

// ---- schema 6: the chart a measure is drawn as ----
void AddRows6(const std::string& path) { Sql(path, "UPDATE measure SET chart = 'pp' WHERE id = 1;"); }

void CheckRows6(const ProjectModel& m) {
    const Record* measure = FindRecord(m, "measure", 1);
    REQUIRE(measure);
    CHECK(measure->Get("chart") == "pp");
}

// ---- schema 7: the project's own catalog, as migration 7 wrote it into a released file ----
const char* const kCatalog2015Rows =
#include "store/Catalog2015Rows.inc"
    ;

void AddRows7(const std::string& path) { Sql(path, kCatalog2015Rows); }

// Version 7 gives every older project the catalog it was made with, the one there was before:
// 71 rows, LB-07 one row for three drugs. The catalog shipped now differs, and says how.
void CheckCatalogOfOldFile(const ProjectModel& m) {
    REQUIRE(m.catalogRows.size() == 71);
    CHECK(m.catalogRows.front().id == "BI-01");
    CHECK(m.catalogRows.back().id == "UN-07");
    const Recommendation* lb07 = nullptr;
    for (const Recommendation& r : m.catalogRows)
        if (r.id == "LB-07") lb07 = &r;
    REQUIRE(lb07);
    CHECK(lb07->intervention == "Akamprosat, disulfiram eller naltrexon");
    CHECK(lb07->condition == "Alkoholberoende");
    CHECK(lb07->priority.number == 1);
    CHECK(lb07->level == Level::Bor);
    const Catalog own = ProjectCatalog(m, TheCatalog());
    CHECK(own.edition == "2015");
    const CatalogReview rv = ReviewCatalog(m, own, TheCatalog());
    CHECK(rv.differs);
    CHECK(rv.added == 2);    // LB-16 akamprosat, LB-17 naltrexon
    CHECK(rv.changed == 1);  // LB-07 now disulfiram, for helnykterhet
    CHECK(rv.withdrawn == 0);
    for (const CatalogChange& c : rv.changes)
        if (c.kind == CatalogChangeKind::Changed) {
            CHECK(c.id == "LB-07");
            CHECK(c.fields == std::vector<std::string>{"condition", "intervention"});
        }
}

// Builds a file of `version` with the rows of every schema up to it, opens it with today's
// Store::Open and checks it was upgraded, every row came through and the history still works.
void UpgradeReleasedFile(int version) {
    TempDir dir;
    const std::string path = dir.File("gammal.stegvis");
    CreateReleasedFile(path, version);
    AddRows1(path);
    if (version >= 2) AddRows2(path);
    if (version >= 3) AddRows3(path);
    if (version >= 4) AddRows4(path);
    if (version >= 5) AddRows5(path);
    if (version >= 6) AddRows6(path);
    if (version >= 7) AddRows7(path);
    REQUIRE(Store::HeaderSchemaVersion(path) == version);

    {
        Store s = Store::Open(path);
        CHECK(s.SchemaVersion() == Store::kSchemaVersion);
        CHECK_FALSE(s.ContentProblem().has_value());
        const ProjectModel m = s.Load();
        CheckRows1(m);
        if (version >= 2) CheckRows2(m);
        if (version >= 3) CheckRows3(m);
        if (version >= 4) CheckRows4(m);
        if (version >= 5) CheckRows5(m, version);
        if (version >= 6) CheckRows6(m);
        CheckCatalogOfOldFile(m);
        CheckHistory1(s);
        CheckUndoRedo1(s);
    }
    CHECK(Store::CheckIntegrity(path) == "ok");
    // The upgrade is in the file: it opens again at the current version with the same rows.
    Store again = Store::OpenReadOnly(path);
    CHECK(again.SchemaVersion() == Store::kSchemaVersion);
    CheckRows1(again.Load());
    {
        Db db(path, SQLITE_OPEN_READONLY);
        Stmt st(db, "PRAGMA application_id");
        REQUIRE(st.Step());
        CHECK(st.Int(0) == Store::kApplicationId);
    }
}

std::map<std::pair<std::string, std::string>, std::string> SchemaObjects(const Db& db) {
    std::map<std::pair<std::string, std::string>, std::string> out;
    Stmt st(db, "SELECT type, name, coalesce(sql, '') FROM sqlite_master");
    while (st.Step()) out[{st.Text(0), st.Text(1)}] = st.Text(2);
    return out;
}

}  // namespace

TEST_CASE("A released schema 1 file upgrades to the current schema with every row", "[store][migrations]") {
    UpgradeReleasedFile(1);
}

TEST_CASE("A released schema 2 file upgrades to the current schema with every row", "[store][migrations]") {
    UpgradeReleasedFile(2);
}

TEST_CASE("A released schema 3 file upgrades to the current schema with every row", "[store][migrations]") {
    UpgradeReleasedFile(3);
}

TEST_CASE("A released schema 4 file upgrades to the current schema with every row", "[store][migrations]") {
    UpgradeReleasedFile(4);
}

TEST_CASE("A released schema 5 file upgrades to the current schema with every row", "[store][migrations]") {
    UpgradeReleasedFile(5);
}

TEST_CASE("A released schema 6 file upgrades to the current schema with every row", "[store][migrations]") {
    UpgradeReleasedFile(6);
}

TEST_CASE("A released schema 7 file upgrades to the current schema with every row", "[store][migrations]") {
    UpgradeReleasedFile(7);
}

TEST_CASE("The migrations still build each released schema exactly as it shipped", "[store][migrations]") {
    // A migration edited after its release would make today's files differ from the ones people
    // have; the file check on open (Verify) would then refuse theirs.
    for (int v = 1; v < Store::kSchemaVersion; ++v) {
        INFO("schema " << v);
        Db frozen(":memory:", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
        frozen.Exec(ReleasedSchema(v));
        CHECK(SchemaObjects(Store::SchemaInMemory(v)) == SchemaObjects(frozen));
    }
}
