// The history in words: every kind of change the store records, made through Apply() on a
// real project file, described in Swedish and English with the names the screens use, and its
// values in words.
#include <catch2/catch.hpp>

#include <algorithm>

#include "TestUtil.hpp"
#include "edit/Actions.hpp"
#include "edit/HistoryText.hpp"
#include "domain/Inventory.hpp"
#include "domain/Records.hpp"
#include "store/Store.hpp"
#include "base/Text.hpp"

using namespace stegvis;
using stegvis::test::TheCatalog;
using stegvis::test::TheInstruments;
using stegvis::test::TheManual;

namespace {

const std::string kSvOpen = "\xE2\x80\x9D", kEnOpen = "\xE2\x80\x9C", kEnClose = "\xE2\x80\x9D";
// A name as a sentence quotes it: ”…” in Swedish, “…” in English.
std::string Sv(const std::string& s) {
    return kSvOpen + s + kSvOpen;
}
std::string En(const std::string& s) {
    return kEnOpen + s + kEnClose;
}

bool Has(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

struct Project : stegvis::test::ProjectFixture {
    ProjectModel model;
    HistoryNames Names() {
        model = M();
        return {&model, &TheManual(), &TheCatalog(), &TheInstruments()};
    }
    // The entries of the newest action, in the order they were made.
    std::vector<HistoryEntry> Last() {
        auto all = store.History(1000);
        REQUIRE_FALSE(all.empty());
        std::vector<HistoryEntry> out;
        for (const auto& h : all)
            if (h.actionId == all.front().actionId) out.push_back(h);
        std::reverse(out.begin(), out.end());
        return out;
    }
    HistoryEntry One() {
        auto entries = Last();
        REQUIRE(entries.size() == 1);
        return entries.front();
    }
    std::string Said(const HistoryEntry& h, bool english) { return DescribeChange(h, english, Names()); }
    std::string Before(const HistoryEntry& h, bool english) { return DescribeValue(h, true, english, Names()); }
    std::string After(const HistoryEntry& h, bool english) { return DescribeValue(h, false, english, Names()); }

    // The sentence in both languages: no column name, the screen's label of the field.
    void ChecksLabel(const HistoryEntry& h) {
        for (bool english : {false, true}) {
            const std::string said = Said(h, english), label = FieldLabel(h.entity, h.field, english);
            INFO(h.entity << "." << h.field << " (" << (english ? "en" : "sv") << "): " << said);
            CHECK_FALSE(label.empty());
            CHECK(Has(said, label));
            CHECK_FALSE(Has(said, "_"));
            CHECK(said != h.field);
        }
        CHECK(Said(h, false) != Said(h, true));
    }
    void ChecksValues(const HistoryEntry& h, const std::string& sv, const std::string& en) {
        INFO(h.entity << "." << h.field);
        CHECK(After(h, false) == sv);
        CHECK(After(h, true) == en);
    }
};

// The field that names a record of each kind, and a value of each field type that differs
// from what the record was added with.
const char* NameField(const std::string& kind) {
    if (kind == "resource") return "description";
    if (kind == "goal") return "indicator";
    if (kind == "activity") return "what";
    if (kind == "training") return "course";
    if (kind == "pdsa") return "change";
    if (kind == "rollout") return "unit";
    return "name";
}

}  // namespace

TEST_CASE("Every field of every record kind is told in words", "[history]") {
    for (const RecordKind& kind : RecordKinds()) {
        INFO("kind " << kind.kind);
        Project p;
        const int64_t init = p.Ok(StartInitiative{"PB-01", "MET", "2026-01-05", "", ""});
        const int64_t anna = p.Ok(AddRecord{"member", 0, {{"name", "Anna Berg"}, {"role", "member"}}});
        const int64_t bo = p.Ok(AddRecord{"member", 0, {{"name", "Bo Ek"}, {"role", "member"}}});
        (void)anna;

        std::map<std::string, std::string> fields{{NameField(kind.kind), "Första"}};
        for (const FieldSpec& f : kind.fields) {
            if (f.type == FieldType::RequiredMember) fields[f.name] = std::to_string(anna);
            if (f.type == FieldType::Recommendation) fields[f.name] = "BI-01";
        }
        if (std::string(kind.kind) == "training") fields["member"] = std::to_string(anna);  // a member or a trainee
        const int64_t id = p.Ok(AddRecord{kind.kind, kind.perInitiative ? init : 0, fields});

        // Added: the sentence names the new record; "before" is no time stamp but empty.
        HistoryEntry added = p.One();
        CHECK(added.field == "removed_at");
        CHECK(added.hadOld);
        CHECK_FALSE(added.hasNew);
        for (bool english : {false, true}) {
            const std::string said = p.Said(added, english);
            INFO(said);
            CHECK(StartsWith(said, english ? "New " : "N"));
            CHECK(Has(said, english ? En("Första") : Sv("Första")));
            if (kind.perInitiative) CHECK(Has(said, english ? " in " + En("MET") : " i " + Sv("MET")));
            CHECK_FALSE(Has(said, "_"));
            CHECK(p.Before(added, english).empty());
            CHECK(p.After(added, english).empty());
        }

        std::string name = "Första";  // the record's name as it is after each change
        for (const FieldSpec& f : kind.fields) {
            std::string value, sv, en;
            switch (f.type) {
                case FieldType::Text:
                case FieldType::RequiredText:
                    value = sv = en = "Ny text";
                    break;
                case FieldType::Date:
                    value = sv = en = "2026-03-02";
                    break;
                case FieldType::Number:
                    value = en = "3.47";
                    sv = "3,47";
                    break;
                case FieldType::Enum: {
                    const Option& o = f.options->back();
                    value = o.key;
                    sv = o.sv;
                    en = o.en;
                    break;
                }
                case FieldType::Member:
                case FieldType::RequiredMember:
                    value = std::to_string(bo);
                    sv = en = "Bo Ek";
                    break;
                case FieldType::Recommendation:
                    value = "BI-02";
                    sv = en = "BI-02 DUDIT";
                    break;
                case FieldType::Count:
                case FieldType::Rating:
                case FieldType::Flag:
                    FAIL("a record field of a type this test does not cover: " << f.name);
                    break;
            }
            p.Ok(SetRecordField{kind.kind, id, f.name, value});
            HistoryEntry h = p.One();
            REQUIRE(h.field == f.name);
            p.ChecksLabel(h);
            p.ChecksValues(h, sv, en);
            if (f.name == std::string(NameField(kind.kind))) name = "Ny text";
            CHECK(Has(p.Said(h, false), Sv(name)));
            CHECK(Has(p.Said(h, true), En(name)));
        }

        // Removed: the record is gone from the model, so it is named by its number; undone, by its name.
        p.Ok(RemoveRecord{kind.kind, id});
        HistoryEntry removed = p.One();
        CHECK_FALSE(removed.hadOld);
        CHECK(removed.hasNew);
        CHECK(StartsWith(p.Said(removed, false), "Tog bort "));
        CHECK(Has(p.Said(removed, false), " nr " + std::to_string(id)));
        CHECK(StartsWith(p.Said(removed, true), "Removed "));
        CHECK(Has(p.Said(removed, true), " no. " + std::to_string(id)));
        CHECK(p.After(removed, false).empty());
        CHECK(p.After(removed, true).empty());
        REQUIRE(Undo(p.store));
        removed = p.store.History(1).front();
        CHECK(StartsWith(p.Said(removed, false), "Tog bort "));
        const std::string named = p.Said(removed, false);
        CHECK((Has(named, Sv("Ny text")) || Has(named, Sv("Första"))));
    }
}

TEST_CASE("Record sentences use the screens' words", "[history]") {
    Project p;
    const int64_t init = p.Ok(StartInitiative{"PB-01", "MET", "2026-01-05", "", ""});
    auto started = p.Last();
    REQUIRE(started.size() == 2);
    CHECK(p.Said(started[0], false) == "Nytt införande " + Sv("MET"));
    CHECK(p.Said(started[0], true) == "New initiative " + En("MET"));
    CHECK(p.Said(started[1], false) == "Nytt beslut " + Sv("Införa MET"));

    p.Ok(SetRecordField{"initiative", init, "full_scale_from", "2026-09-01"});
    CHECK(p.Said(p.One(), false) == "Ändrade Full skala från för införandet " + Sv("MET"));
    CHECK(p.Said(p.One(), true) == "Changed Full scale from for initiative " + En("MET"));
    p.Ok(SetRecordField{"initiative", init, "study_summary", "Det gick bra."});
    CHECK(p.Said(p.One(), false) == "Ändrade Sammanfattning av piloten för införandet " + Sv("MET"));

    const int64_t res = p.Ok(AddRecord{"resource", init, {{"kind", "time"}, {"status", "missing"}}});
    CHECK(p.Said(p.One(), false) == "Ny resurs " + Sv("tid") + " i " + Sv("MET"));
    CHECK(p.Said(p.One(), true) == "New resource " + En("time") + " in " + En("MET"));
    p.Ok(SetRecordField{"resource", res, "status", "secured"});
    CHECK(p.After(p.One(), false) == "säkrad");
    CHECK(p.Before(p.One(), false) == "saknas");
    CHECK(p.Before(p.One(), true) == "missing");

    p.Ok(AddRecord{"rollout", init, {{"unit", "Team Syd"}}});
    CHECK(p.Said(p.One(), false) == "Ny utrullning till " + Sv("Team Syd") + " i " + Sv("MET"));
    CHECK(p.Said(p.One(), true) == "New roll-out to " + En("Team Syd") + " in " + En("MET"));

    const int64_t act = p.Ok(AddRecord{"activity", init, {{"what", "Utbilda personalen"}}});
    p.Ok(SetRecordField{"activity", act, "due_on", "2026-05-01"});
    CHECK(p.Said(p.One(), false) == "Ändrade Klart senast för aktiviteten " + Sv("Utbilda personalen"));
    CHECK(p.Said(p.One(), true) == "Changed Due for activity " + En("Utbilda personalen"));
    CHECK(p.Before(p.One(), false).empty());
    CHECK(p.After(p.One(), false) == "2026-05-01");

    // A member who is no longer there is named by number, never by a column or a crash.
    HistoryEntry gone = p.One();
    gone.entity = "activity";
    gone.field = "responsible";
    gone.hadOld = false;
    gone.newValue = "999";
    CHECK(p.After(gone, false) == "person nr 999");
    CHECK(p.After(gone, true) == "person no. 999");
}

TEST_CASE("Project, steps, checklists and decisions are told in words", "[history]") {
    Project p;
    p.Ok(SetProjectName{"Införande 2027"});
    p.ChecksLabel(p.One());
    CHECK(p.Said(p.One(), false) == "Ändrade Projektets namn");
    CHECK(p.Said(p.One(), true) == "Changed Project name");
    CHECK(p.Before(p.One(), false) == "Projekt");
    p.Ok(SetOrganisation{"Umeå kommun"});
    p.ChecksLabel(p.One());
    p.Ok(SetOrgKind{OrgKind::Annan});
    p.ChecksLabel(p.One());
    p.ChecksValues(p.One(), "annan", "other");
    CHECK(p.Before(p.One(), true) == "municipality");

    p.Ok(SetStepStatus{4, StepStatus::Done});
    auto status = p.Last();
    REQUIRE(status.size() == 3);  // the status, and the start and done dates it fills
    for (const auto& h : status) p.ChecksLabel(h);
    CHECK(p.Said(status[0], false) == "Ändrade Status för steg 4");
    CHECK(p.Said(status[0], true) == "Changed Status for step 4");
    p.ChecksValues(status[0], "Klart", "Done");
    CHECK(p.Said(status[1], false) == "Ändrade Startdatum för steg 4");
    p.ChecksValues(status[1], TodayIso(), TodayIso());
    CHECK(p.Said(status[2], true) == "Changed Done date for step 4");
    p.Ok(SetStepNotes{4, "Klart i mars"});
    p.ChecksLabel(p.One());
    p.ChecksValues(p.One(), "Klart i mars", "Klart i mars");
    p.Ok(SetStepDate{4, false, "2026-02-02"});
    p.ChecksLabel(p.One());
    p.ChecksValues(p.One(), "2026-02-02", "2026-02-02");

    p.Ok(SetChecklistTick{3, "s03-rank-recs", true});
    HistoryEntry tick = p.One();
    const ChecklistItem& item = TheManual().FindStep(3)->checklist[1];
    REQUIRE(item.id == "s03-rank-recs");
    CHECK(p.Said(tick, false) == "Bockade av " + Sv(item.text.sv) + " (steg 3)");
    CHECK(p.Said(tick, true) == "Ticked " + En(item.text.en) + " (step 3)");
    p.ChecksValues(tick, "bockad", "ticked");
    CHECK(p.Before(tick, false) == "ej bockad");
    p.Ok(SetChecklistTick{3, "s03-rank-recs", false});
    CHECK(StartsWith(p.Said(p.One(), false), "Tog bort bocken för " + Sv(item.text.sv)));

    // An initiative's own steps 8-15.
    const int64_t init = p.Ok(StartInitiative{"PB-01", "MET", "2026-01-05", "", ""});
    p.Ok(SetStepStatus{9, StepStatus::InProgress, init});
    HistoryEntry istep = p.Last().front();
    CHECK(istep.entity == "istep");
    p.ChecksLabel(istep);
    CHECK(p.Said(istep, false) == "Ändrade Status för steg 9 i " + Sv("MET"));
    CHECK(p.Said(istep, true) == "Changed Status for step 9 of " + En("MET"));
    p.ChecksValues(istep, "Pågår", "In progress");
    CHECK(p.Before(istep, false).empty());
    p.Ok(SetStepNotes{9, "Budget klar", init});
    p.ChecksLabel(p.One());
    p.Ok(SetChecklistTick{9, "s09-list-needs", true, init});
    HistoryEntry itick = p.One();
    CHECK(itick.entity == "itick");
    CHECK(Has(p.Said(itick, false), "(steg 9 i " + Sv("MET") + ")"));
    CHECK(StartsWith(p.Said(itick, false), "Bockade av " + kSvOpen));
    CHECK_FALSE(Has(p.Said(itick, true), "s09"));

    Decision d;
    d.step = 3;
    d.decidedOn = "2026-03-01";
    d.title = "Prioritera MET";
    const int64_t dec = p.Ok(RecordDecision{d});
    HistoryEntry added = p.One();
    CHECK(p.Said(added, false) == "Nytt beslut " + Sv("Prioritera MET"));
    CHECK(p.Said(added, true) == "New decision " + En("Prioritera MET"));
    CHECK(p.Before(added, false).empty());  // no time stamp
    CHECK(p.Before(added, true).empty());
    p.ChecksValues(added, "gällande", "in force");
    p.Ok(WithdrawDecision{dec});
    HistoryEntry withdrawn = p.One();
    CHECK(p.Said(withdrawn, false) == "Återkallade beslutet " + Sv("Prioritera MET"));
    CHECK(p.Said(withdrawn, true) == "Withdrew decision " + En("Prioritera MET"));
    CHECK(p.Before(withdrawn, false) == "gällande");
    p.ChecksValues(withdrawn, "återkallat", "withdrawn");
}

TEST_CASE("Steps 1-5 are told in words", "[history]") {
    Project p;
    p.Ok(SetDiscussed{"BI-01", true, "2026-02-03"});
    p.ChecksLabel(p.One());
    CHECK(p.Said(p.One(), false) == "Ändrade Diskuterad i gruppen för " + Sv("BI-01 AUDIT"));
    p.ChecksValues(p.One(), "2026-02-03", "2026-02-03");
    p.Ok(SetDiscussionNote{"BI-01", "Bra diskussion"});
    p.ChecksLabel(p.One());

    struct Cell {
        InvField field;
        std::string typed, sv, en;
    };
    const Cell cells[] = {
        {InvField::Offered, "vet_ej", "vet ej", "don't know"},
        {InvField::Provider, "annan_del", "annan del av organisationen", "another part of the organisation"},
        {InvField::Provider, "egen,psykiatri", "egen enhet, psykiatrisk specialistvård", "own unit, specialist psychiatric care"},
        {InvField::Volume, "1 200", "1200", "1200"},
        {InvField::StaffTrained, "7", "7", "7"},
        {InvField::Gap, "stor", "stort", "large"},
        {InvField::Comment, "Saknas helt", "Saknas helt", "Saknas helt"}};
    for (const Cell& c : cells) {
        p.Ok(SetInventoryField{"BI-01", c.field, c.typed});
        HistoryEntry h = p.One();
        p.ChecksLabel(h);
        p.ChecksValues(h, c.sv, c.en);
        CHECK(StartsWith(p.Said(h, false), "Ändrade " + FieldLabel("inventory", h.field, false) + " för " +
                                               Sv("BI-01 AUDIT") + " i behovsinventeringen"));
        CHECK(Has(p.Said(h, true), " in the needs inventory"));
    }

    p.Ok(FreezeBaseline{"Vår 2026", "2026-03-01"});
    HistoryEntry frozen = p.One();
    CHECK(p.Said(frozen, false) == "Frös baslinjen " + Sv("Vår 2026"));
    CHECK(p.Said(frozen, true) == "Froze the baseline " + En("Vår 2026"));
    CHECK(p.Before(frozen, false).empty());
    CHECK(p.After(frozen, false).empty());

    p.Ok(SetFeasibility{"BI-01", 3});
    p.ChecksLabel(p.One());
    p.ChecksValues(p.One(), "hög", "high");
    CHECK(Has(p.Said(p.One(), false), " i prioriteringen"));
    p.Ok(SetSelected{"BI-01", true});
    p.ChecksLabel(p.One());
    p.ChecksValues(p.One(), "ja", "yes");
    p.Ok(SetSelected{"BI-01", false});
    p.ChecksValues(p.One(), "nej", "no");
    p.Ok(MovePriority{{"BI-01", "BI-02"}, "BI-02", -1});
    for (const auto& h : p.Last()) p.ChecksLabel(h);
    CHECK(p.After(p.Last().front(), false) == "1");

    p.Ok(SetHexagonRating{"BI-01", "need", 4});
    p.ChecksLabel(p.One());
    CHECK(p.Said(p.One(), false) == "Ändrade Hexagon-betyg (Behov) för " + Sv("BI-01 AUDIT"));
    CHECK(p.Said(p.One(), true) == "Changed Hexagon rating (Need) for " + En("BI-01 AUDIT"));
    p.ChecksValues(p.One(), "4", "4");

    const int64_t round = p.Ok(AddReadinessRound{"oric", "Omgång 1", "2026-03-01"});
    HistoryEntry added = p.One();
    CHECK(p.Said(added, false) == "Ny beredskapsomgång " + Sv("Omgång 1"));
    CHECK(p.Said(added, true) == "New readiness round " + En("Omgång 1"));
    CHECK(p.Before(added, false).empty());
    p.Ok(SetRoundRespondents{round, 3});
    p.ChecksLabel(p.One());
    CHECK(p.Said(p.One(), false) == "Ändrade Antal svarande för omgången " + Sv("Omgång 1"));
    p.ChecksValues(p.One(), "3", "3");
    p.Ok(SetAnswer{round, 2, "oric-01", 4});
    HistoryEntry answer = p.One();
    p.ChecksLabel(answer);
    CHECK(StartsWith(p.Said(answer, false), "Svar från svarande 2 på " + kSvOpen + "De som arbetar här"));
    CHECK(Has(p.Said(answer, false), "(omgången " + Sv("Omgång 1") + ")"));
    CHECK(StartsWith(p.Said(answer, true), "Answer of respondent 2 to " + kEnOpen + "People who work here"));
    CHECK_FALSE(Has(p.Said(answer, true), "oric-01"));
    p.ChecksValues(answer, "4", "4");
}

TEST_CASE("Measure values name their period and use the language's decimal sign", "[history]") {
    Project p;
    const int64_t init = p.Ok(StartInitiative{"PB-01", "MET", "2026-01-05", "", ""});
    const int64_t visits =
        p.Ok(AddRecord{"measure", init, {{"name", "Antal besök"}, {"definition", "count"}, {"period", "month"}}});
    const int64_t share =
        p.Ok(AddRecord{"measure", init, {{"name", "Andel med plan"}, {"definition", "ratio"}, {"period", "week"}}});

    p.Ok(SetPoint{visits, "2026-03-01", 3.47, std::nullopt});
    HistoryEntry point = p.One();
    p.ChecksLabel(point);
    CHECK(p.Said(point, false) == "Mätvärde för 2026-03 (" + Sv("Antal besök") + ")");
    CHECK(p.Said(point, true) == "Value for 2026-03 (" + En("Antal besök") + ")");
    p.ChecksValues(point, "3,47", "3.47");
    CHECK(p.Before(point, false).empty());
    p.Ok(SetPoint{visits, "2026-03-01", 12.5, std::nullopt});
    CHECK(p.Before(p.One(), false) == "3,47");
    CHECK(p.After(p.One(), false) == "12,5");

    p.Ok(SetPointNote{visits, "2026-03-01", "Ny rutin 1.3 infördes"});
    p.ChecksLabel(p.One());
    CHECK(p.Said(p.One(), false) == "Anteckning för 2026-03 (" + Sv("Antal besök") + ")");
    p.ChecksValues(p.One(), "Ny rutin 1.3 infördes", "Ny rutin 1.3 infördes");  // text keeps its point

    // Pasted lines: every value says which period it belongs to.
    p.Ok(ImportPoints{share, {{"2026-03-02", 9, 24.5}, {"2026-03-09", 10, 20}}});
    auto pasted = p.Last();
    REQUIRE(pasted.size() == 4);
    CHECK(p.Said(pasted[0], false) == "Täljare för veckan från 2026-03-02 (" + Sv("Andel med plan") + ")");
    CHECK(p.Said(pasted[0], true) == "Numerator for the week from 2026-03-02 (" + En("Andel med plan") + ")");
    CHECK(p.Said(pasted[1], false) == "Nämnare för veckan från 2026-03-02 (" + Sv("Andel med plan") + ")");
    p.ChecksLabel(pasted[1]);
    p.ChecksValues(pasted[1], "24,5", "24.5");
    CHECK(Has(p.Said(pasted[2], false), "2026-03-09"));
    CHECK(Has(p.Said(pasted[3], true), "2026-03-09"));
    for (const auto& h : pasted) CHECK_FALSE(Has(p.Said(h, false), "_"));

    p.Ok(DecideAfterPilot{init, "adapt", "2026-06-01", ""});
    auto decided = p.Last();
    REQUIRE(decided.size() == 2);  // the decision is added first, then the initiative's field set
    CHECK(p.Said(decided[0], false) == "Nytt beslut " + Sv("Efter piloten: justera – MET"));
    REQUIRE(decided[1].field == "pilot_decision");
    p.ChecksLabel(decided[1]);
    p.ChecksValues(decided[1], "justera", "adapt");
}

TEST_CASE("Fields and entities it does not know still give words", "[history]") {
    Project p;
    const int64_t init = p.Ok(StartInitiative{"PB-01", "MET", "2026-01-05", "", ""});
    const int64_t course = p.Ok(AddRecord{
        "training",
        init,
        {{"course", "MI grund"}, {"member", std::to_string(p.Ok(AddRecord{"member", 0, {{"name", "Anna"}}}))}}});
    const HistoryNames names = p.Names();

    // Columns that may come soon already have their words.
    HistoryEntry reached;
    reached.entity = "inventory";
    reached.key = "BI-01";
    reached.field = "reached";
    reached.hasNew = true;
    reached.newValue = "12.5";
    CHECK(DescribeChange(reached, false, names) ==
          "Ändrade Får insatsen idag för " + Sv("BI-01 AUDIT") + " i behovsinventeringen");
    CHECK(Has(DescribeChange(reached, true, names), "Receive it today"));
    CHECK(DescribeValue(reached, false, false, names) == "12,5");
    CHECK(DescribeValue(reached, false, true, names) == "12.5");

    HistoryEntry trainee;
    trainee.entity = "training";
    trainee.key = std::to_string(course);
    trainee.field = "trainee_role";
    trainee.hasNew = true;
    trainee.newValue = "therapist";
    CHECK(DescribeChange(trainee, false, names) == "Ändrade Deltagarens roll för utbildningen " + Sv("MI grund"));
    CHECK(DescribeChange(trainee, true, names) == "Changed Trainee's role for training " + En("MI grund"));
    CHECK(DescribeValue(trainee, false, false, names) == "behandlare");
    trainee.field = "trainee";
    trainee.newValue = "Lisa";
    CHECK(DescribeChange(trainee, false, names) == "Ändrade Deltagare för utbildningen " + Sv("MI grund"));
    CHECK(DescribeValue(trainee, false, true, names) == "Lisa");

    // A column nobody has named yet: readable words, no underscore.
    trainee.field = "next_refresher_on";
    trainee.newValue = "2027-01-01";
    CHECK(DescribeChange(trainee, true, names) == "Changed next refresher on for training " + En("MI grund"));

    // An entity of a newer program: in Swedish the label stored with it, else plain words.
    HistoryEntry future;
    future.entity = "county_report";
    future.key = "7";
    future.field = "sent_on";
    future.label = "Skickade länsrapporten";
    future.hasNew = true;
    future.newValue = "2027-01-01 10:00:00";
    CHECK(DescribeChange(future, false, names) == "Skickade länsrapporten");
    CHECK(DescribeChange(future, true, names) == "Changed sent on for county report 7");
    CHECK(DescribeValue(future, false, true, names) == "2027-01-01");
    future.label.clear();
    CHECK(DescribeChange(future, false, names) == "Ändrade sent on för county report 7");

    // Damaged keys and missing names never crash and never show a column name.
    const char* entities[] = {"tick",      "itick",    "istep",    "hexagon",  "answer", "point",
                              "decision",  "round",    "baseline", "activity", "member", "discussion",
                              "inventory", "priority", "project",  "step"};
    const char* keys[] = {"", "/", "x", "1/", "99/99/99", "abc/def", "99999999999999999999"};
    for (const char* e : entities)
        for (const char* k : keys)
            for (bool english : {false, true}) {
                HistoryEntry h;
                h.entity = e;
                h.key = k;
                h.field = std::string(e) == "tick" ? "ticked" : "removed_at";
                h.hadOld = true;
                h.oldValue = "2026-01-01 12:00:00";
                INFO(e << " '" << k << "'");
                std::string said;
                REQUIRE_NOTHROW(said = DescribeChange(h, english, names));
                CHECK_FALSE(said.empty());
                REQUIRE_NOTHROW(DescribeValue(h, true, english, names));
                REQUIRE_NOTHROW(DescribeChange(h, english, HistoryNames{}));
            }
}

TEST_CASE("Numbers take the language's decimal sign, other text is left alone", "[history]") {
    CHECK(LocalNumber("3.47", false) == "3,47");
    CHECK(LocalNumber("3.47", true) == "3.47");
    CHECK(LocalNumber("-0.5", false) == "-0,5");
    CHECK(LocalNumber("1200", false) == "1200");
    CHECK(LocalNumber("1.2.3", false) == "1.2.3");
    CHECK(LocalNumber("v.3", false) == "v.3");
    CHECK(LocalNumber(".5", false) == ".5");
    CHECK(LocalNumber("", false).empty());
}
