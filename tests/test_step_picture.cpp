// The status picture follows the work: every step is "in progress" by itself once work is
// recorded in it, "done" is suggested when the data meets the step's criterion, and a step
// confirmed done against its data is pointed out, in the screens' model and in the reports.
#include <catch2/catch.hpp>

#include "TestUtil.hpp"
#include "edit/Actions.hpp"
#include "output/Export.hpp"
#include "domain/Measures.hpp"
#include "domain/Records.hpp"
#include "output/Report.hpp"
#include "domain/StepPicture.hpp"
#include "store/Store.hpp"
#include "base/Text.hpp"

using namespace stegvis;
using stegvis::test::TheCatalog;
using stegvis::test::TheInstruments;
using stegvis::test::TheManual;

namespace {
struct Walk : stegvis::test::ProjectFixture {
    StepPicture Pic(int step, int64_t init = 0) { return PictureOf(step, M(), &TheCatalog(), init); }
    // Work was recorded: the step shows "in progress" without anybody setting it.
    void ExpectAutomatic(int step, int64_t init = 0) {
        INFO("step " << step);
        StepPicture p = Pic(step, init);
        CHECK(p.evidence.work);
        CHECK(p.confirmed == StepStatus::NotStarted);
        CHECK(p.progress.status == StepStatus::InProgress);
        CHECK(p.automatic);
        CHECK(ShownState(M(), step, init).status == StepStatus::InProgress);
    }
    void ExpectUntouched(int step, int64_t init = 0) {
        INFO("step " << step);
        StepPicture p = Pic(step, init);
        CHECK_FALSE(p.evidence.work);
        CHECK(p.progress.status == StepStatus::NotStarted);
        CHECK_FALSE(p.automatic);
        CHECK_FALSE(p.Disagrees());
    }
    // The data meets the criterion: done is suggested, and one confirmation settles it.
    void ExpectSuggestedThenConfirm(int step, int64_t init = 0) {
        INFO("step " << step);
        StepPicture p = Pic(step, init);
        CHECK(p.suggestDone);
        CHECK_FALSE(DisagreementText(p, false).empty());
        CHECK(DisagreementText(p, false).rfind("Underlaget säger klart: ", 0) == 0);
        CHECK(DisagreementText(p, true).rfind("The data says done: ", 0) == 0);
        Ok(SetStepStatus{step, StepStatus::Done, init});
        p = Pic(step, init);
        CHECK(p.progress.status == StepStatus::Done);
        CHECK_FALSE(p.automatic);
        CHECK_FALSE(p.Disagrees());
    }
};
}  // namespace

TEST_CASE("A new project has every step untouched", "[steps][picture]") {
    Walk w;
    for (int s = 1; s <= 15; ++s) w.ExpectUntouched(s);
}

TEST_CASE("Generic work (a tick, notes, a start date) makes any step in progress", "[steps][picture]") {
    Walk w;
    const auto& item5 = TheManual().FindStep(5)->checklist.at(0).id;
    w.Ok(SetChecklistTick{5, item5, true});
    w.ExpectAutomatic(5);
    w.Ok(SetStepNotes{6, "Första mötet i januari"});
    w.ExpectAutomatic(6);
    w.ExpectUntouched(7);
    // Taking the work back takes the status back: nothing was confirmed.
    w.Ok(SetChecklistTick{5, item5, false});
    w.ExpectUntouched(5);
}

TEST_CASE("Steps 1-4: the inventory's data drives the picture", "[steps][picture]") {
    Walk w;
    const auto& recs = TheCatalog().recommendations;
    w.Ok(SetDiscussed{recs[0].id, true, "2026-09-01"});
    w.ExpectAutomatic(1);
    CHECK(EvidenceText(w.Pic(1).evidence, false) == "1 av " + std::to_string(recs.size()) + " rekommendationer diskuterade");
    for (const auto& r : recs) w.Ok(SetDiscussed{r.id, true, "2026-09-01"});
    w.ExpectSuggestedThenConfirm(1);
    // Confirmed done, then a recommendation is unmarked: the data now disagrees, shown, not hidden.
    w.Ok(SetDiscussed{recs[0].id, false, ""});
    StepPicture p = w.Pic(1);
    CHECK(p.progress.status == StepStatus::Done);
    CHECK(p.doneAgainstData);
    CHECK(DisagreementText(p, false) == "Markerat klart, men underlaget säger: " + std::to_string(recs.size() - 1) + " av " +
                                            std::to_string(recs.size()) + " rekommendationer diskuterade");

    w.Ok(SetInventoryField{recs[0].id, InvField::Offered, "ja"});
    w.ExpectAutomatic(2);
    CHECK_FALSE(w.Pic(2).suggestDone);

    w.Ok(SetFeasibility{recs[0].id, 2});
    w.ExpectAutomatic(3);
    CHECK_FALSE(w.Pic(3).suggestDone);

    w.Ok(AddReadinessRound{"oric", "Omgång 1", "2026-10-01"});
    w.ExpectAutomatic(4);
    CHECK_FALSE(w.Pic(4).suggestDone);
}

TEST_CASE("Steps 6-15: records and measures drive the picture, per initiative", "[steps][picture]") {
    Walk w;
    w.Ok(AddRecord{"member", 0, {{"name", "Erik"}, {"role", "leader"}}});
    w.ExpectAutomatic(6);
    CHECK_FALSE(w.Pic(6).suggestDone);  // a leader alone is not a team
    int64_t maria = w.Ok(AddRecord{"member", 0, {{"name", "Maria"}, {"role", "member"}}});
    w.ExpectSuggestedThenConfirm(6);

    const int64_t init = w.Ok(StartInitiative{"PB-01", "MET", "2026-10-01", "Störst glapp", "Erik"});
    w.ExpectSuggestedThenConfirm(7);
    for (int s = 8; s <= 15; ++s) w.ExpectUntouched(s, init);

    w.Ok(SetRecordField{"initiative", init, "expected_effect", "Färre återfall"});
    w.ExpectAutomatic(8, init);
    w.Ok(SetRecordField{"initiative", init, "evidence", "Riktlinjerna, rek. PB-01"});
    w.ExpectSuggestedThenConfirm(8, init);

    int64_t res = w.Ok(AddRecord{"resource", init, {{"kind", "time"}, {"status", "missing"}}});
    w.ExpectAutomatic(9, init);
    CHECK_FALSE(w.Pic(9, init).suggestDone);
    w.Ok(SetRecordFields{"resource", res, {{"status", "secured"}, {"responsible", std::to_string(maria)}}});
    w.ExpectSuggestedThenConfirm(9, init);
    // Confirmed done, then a new missing resource: the report says so beside "klart".
    w.Ok(AddRecord{"resource", init, {{"kind", "money"}, {"status", "missing"}}});
    CHECK(w.Pic(9, init).doneAgainstData);
    const std::string md = RenderProgress(w.M(), TheCatalog(), TheManual(), TheInstruments(), "2026-11-29", "md",
                                          ResolveTemplate("progress", "md"));
    CHECK(md.find("| klart (Markerat klart, men underlaget säger: 1 av 2 resurser med beslut och ansvarig) |") !=
          std::string::npos);

    w.Ok(AddRecord{"activity", init, {{"what", "Utbilda"}, {"responsible", std::to_string(maria)}, {"due_on", "2027-01-15"}}});
    w.ExpectAutomatic(10, init);
    CHECK_FALSE(w.Pic(10, init).suggestDone);  // no measurable goal yet
    w.Ok(AddRecord{"goal", init, {{"indicator", "Andel i MET"}, {"target", "80"}}});
    w.ExpectSuggestedThenConfirm(10, init);

    int64_t tr = w.Ok(AddRecord{"training", init, {{"member", std::to_string(maria)}, {"course", "MET grund"}, {"status", "planned"}}});
    w.ExpectAutomatic(11, init);
    w.Ok(SetRecordField{"training", tr, "status", "done"});
    w.ExpectSuggestedThenConfirm(11, init);

    int64_t measure = w.Ok(AddRecord{"measure", init, {{"name", "Andel"}, {"definition", "count"}, {"period", "month"}}});
    w.ExpectAutomatic(12, init);
    std::string period = "2025-01-01";
    for (int i = 0; i < 10; ++i, period = NextPeriod(period, "month")) w.Ok(SetPoint{measure, period, 10.0 + i, std::nullopt});
    CHECK_FALSE(w.Pic(12, init).suggestDone);  // not frozen
    w.Ok(SetRecordFields{"measure", measure, {{"baseline_from", "2025-01-01"}, {"baseline_to", "2025-10-01"}}});
    w.ExpectSuggestedThenConfirm(12, init);

    int64_t cycle = w.Ok(AddRecord{"pdsa", init, {{"change", "Påminnelse per sms"}}});
    w.ExpectAutomatic(13, init);
    w.Ok(SetRecordFields{"pdsa", cycle, {{"prediction", "Fler kommer"}, {"studied", "Fler kom"}, {"act", "adopt"}}});
    w.ExpectSuggestedThenConfirm(13, init);

    w.Ok(SetRecordField{"initiative", init, "study_summary", "Det fungerade"});
    w.ExpectAutomatic(14, init);
    w.Ok(DecideAfterPilot{init, "adopt", "2026-11-01", "Bra resultat"});
    w.ExpectSuggestedThenConfirm(14, init);

    int64_t unit = w.Ok(AddRecord{"rollout", init, {{"unit", "Öppenvården"}, {"status", "planned"}}});
    w.ExpectAutomatic(15, init);
    w.Ok(SetRecordField{"rollout", unit, "status", "done"});
    CHECK_FALSE(w.Pic(15, init).suggestDone);  // no plan to sustain it
    w.Ok(SetRecordField{"initiative", init, "sustain_plan", "Årlig uppföljning i nämnden"});
    w.ExpectSuggestedThenConfirm(15, init);
}

TEST_CASE("Reports and the command line show the status that follows the work", "[steps][picture][report]") {
    Walk w;
    w.Ok(SetInventoryField{TheCatalog().recommendations[0].id, InvField::Offered, "ja"});
    // The progress summary, the status text and JSON all say "pågår" for step 2.
    const std::string md = RenderProgress(w.M(), TheCatalog(), TheManual(), TheInstruments(), "2026-11-29", "md",
                                          ResolveTemplate("progress", "md"));
    CHECK(md.find("| 2. Genomför behovsinventering | chef |  | pågår |") != std::string::npos);
    const std::string text = StatusText(w.M(), TheManual(), "x.stegvis");
    CHECK(text.find("Genomför behovsinventering\n      pågår,") != std::string::npos);
    const std::string json = StatusJson(w.M(), TheManual(), "x.stegvis");
    CHECK(json.find("\"step\":2,\"phase\":1,\"owner\":\"chef\",\"title\":\"Genomför behovsinventering\",\"status\":\"in_progress\"") !=
          std::string::npos);
}
