// Steps 1-5: vocabulary, assessment, scoring, baselines, readiness rounds, case for change.
#include <catch2/catch.hpp>

#include "TestUtil.hpp"
#include "edit/Actions.hpp"
#include "edit/Demo.hpp"
#include "domain/Inventory.hpp"
#include "domain/StepPicture.hpp"
#include "base/Paths.hpp"
#include "output/Report.hpp"
#include "store/Store.hpp"
#include "store/StoreInternal.hpp"  // raw SQL, to show the file itself refuses it
#include "base/Text.hpp"

using namespace stegvis;
using stegvis::test::TempDir;
using stegvis::test::TheCatalog;
using stegvis::test::TheInstruments;
using stegvis::test::TheManual;

namespace {
struct Fixture : stegvis::test::ProjectFixture {
    void Fill(const std::string& rec, const char* offered, const char* gap, const char* volume) {
        Ok(SetInventoryField{rec, InvField::Offered, offered});
        if (*gap) Ok(SetInventoryField{rec, InvField::Gap, gap});
        if (*volume) Ok(SetInventoryField{rec, InvField::Volume, volume});
    }
};
}  // namespace

TEST_CASE("Typed text matches options by an unambiguous start", "[phase1][inventory]") {
    CHECK(MatchOption(OfferedOptions(), "d") == std::optional<std::string>("delvis"));
    CHECK(MatchOption(OfferedOptions(), "J") == std::optional<std::string>("ja"));
    CHECK(MatchOption(OfferedOptions(), "vet") == std::optional<std::string>("vet_ej"));
    CHECK(MatchOption(OfferedOptions(), "e") == std::optional<std::string>("ej_aktuellt"));
    CHECK(MatchOption(OfferedOptions(), "partly") == std::optional<std::string>("delvis"));
    CHECK(MatchOption(OfferedOptions(), "d", true) == std::optional<std::string>("vet_ej"));  // "don't know"
    CHECK(MatchOption(OfferedOptions(), "y") == std::optional<std::string>("ja"));  // English when Swedish has none
    CHECK(MatchOption(OfferedOptions(), "") == std::optional<std::string>(""));
    CHECK_FALSE(MatchOption(OfferedOptions(), "kanske"));
    CHECK(MatchOption(ProviderOptions(), "pr") == std::optional<std::string>("primarvard"));
    CHECK(MatchOption(ProviderOptions(), "ps") == std::optional<std::string>("psykiatri"));
    CHECK_FALSE(MatchOption(ProviderOptions(), "p"));  // primärvården or psykiatrisk: ambiguous
    CHECK(MatchOption(ProviderOptions(), "ingen") == std::optional<std::string>("ingen"));
    CHECK(MatchOption(GapOptions(), "STORT") == std::optional<std::string>("stor"));
    CHECK(MatchOption(GapOptions(), "i") == std::optional<std::string>("ingen"));
}

TEST_CASE("Responsibility can be shared: several providers typed, ticked and stored in one form", "[phase1][inventory]") {
    const auto& p = ProviderOptions();
    using O = std::optional<std::string>;
    CHECK(MatchChoices(p, "eg + ps") == O("egen,psykiatri"));
    CHECK(MatchChoices(p, "psykiatri, egen") == O("egen,psykiatri"));  // the list's order
    CHECK(MatchChoices(p, "socialtjänsten och primärvården") == O("socialtjanst,primarvard"));
    CHECK(MatchChoices(p, "Eg Och ps") == O("egen,psykiatri"));
    CHECK(MatchChoices(p, "own + sp", true) == O("egen,psykiatri"));
    CHECK(MatchChoices(p, "annan del av organisationen") == O("annan_del"));  // one label, whole
    CHECK(MatchChoices(p, "eg/eg") == O("egen"));
    CHECK(MatchChoices(p, "") == O(""));
    CHECK_FALSE(MatchChoices(p, "eg + p"));        // p: ambiguous
    CHECK_FALSE(MatchChoices(p, "eg + kanske"));
    CHECK_FALSE(MatchChoices(p, "ingen + egen"));  // nobody stands alone
    CHECK(ExclusiveChoiceNotAlone(p, "ingen + egen"));
    CHECK_FALSE(ExclusiveChoiceNotAlone(p, "eg + kanske"));  // another reason
    CHECK_FALSE(ExclusiveChoiceNotAlone(p, "ingen"));
    CHECK(ToggleChoice(p, "egen", "psykiatri") == "egen,psykiatri");
    CHECK(ToggleChoice(p, "egen,psykiatri", "egen") == "psykiatri");
    CHECK(ToggleChoice(p, "egen,psykiatri", "ingen") == "ingen");
    CHECK(ToggleChoice(p, "ingen", "extern") == "extern");
    CHECK(ToggleChoice(p, "psykiatri", "psykiatri").empty());
    CHECK(ChoicesLabel(p, "egen,psykiatri", false) == "egen enhet, psykiatrisk specialistvård");
    CHECK(ChoicesLabel(p, "egen,psykiatri", true) == "own unit, specialist psychiatric care");
    CHECK(IsCanonicalChoices(p, "socialtjanst,primarvard,psykiatri"));
    CHECK_FALSE(IsCanonicalChoices(p, "psykiatri,egen"));
    CHECK_FALSE(IsCanonicalChoices(p, "egen,,psykiatri"));
    CHECK_FALSE(IsCanonicalChoices(p, "egen,egen"));

    Fixture f;
    CHECK(f.Rejected(SetInventoryField{"LB-11", InvField::Provider, "psykiatri,egen"}) == "provider");
    CHECK(f.Rejected(SetInventoryField{"LB-11", InvField::Provider, "egen,ingen"}) == "provider");
    CHECK(f.Rejected(SetInventoryField{"LB-11", InvField::Offered, "ja,delvis"}) == "offered");  // one value only
    f.Ok(SetInventoryField{"LB-11", InvField::Provider, "egen,psykiatri"});
    CHECK(f.store.Load().Inventory("LB-11")->provider == "egen,psykiatri");
    CHECK(InvFieldDisplay(*f.store.Load().Inventory("LB-11"), InvField::Provider) == "egen enhet, psykiatrisk specialistvård");
    REQUIRE(Undo(f.store));
    CHECK(f.store.Load().Inventory("LB-11")->provider.empty());
}

TEST_CASE("A row is assessed when offered and gap are given, or not relevant with a reason", "[phase1][inventory]") {
    InventoryRow r;
    CHECK_FALSE(IsAssessed(r));
    r.offered = "nej";
    CHECK_FALSE(IsAssessed(r));
    r.gap = "stor";
    CHECK(IsAssessed(r));
    InventoryRow nr;
    nr.offered = "ej_aktuellt";
    CHECK_FALSE(IsAssessed(nr));
    nr.comment = "Ingen målgrupp hos oss";
    CHECK(IsAssessed(nr));
}

TEST_CASE("The prioritisation score adds four visible terms", "[phase1][priorities]") {
    const Recommendation* asi = TheCatalog().Find("BI-04");  // priority 1: bör
    const Recommendation* dok = TheCatalog().Find("BI-05");  // priority 6: kan
    const Recommendation* web = TheCatalog().Find("PB-08");  // FoU
    const Recommendation* trappa = TheCatalog().Find("PS-04");  // 8: kan i undantagsfall
    InventoryRow row;
    row.gap = "stor";
    row.volume = 138;
    PriorityEntry e;
    e.feasibility = 2;
    ScoreTerms t = Score(*asi, &row, &e);
    CHECK(t.guideline == 3);
    CHECK(t.gap == 3);
    CHECK(t.volume == 3);
    CHECK(t.feasibility == 2);
    CHECK(t.Total() == 11);
    row.gap = "liten";
    row.volume = 5;
    t = Score(*dok, &row, nullptr);
    CHECK(t.guideline == 2);
    CHECK(t.gap == 1);
    CHECK(t.volume == 1);
    CHECK(t.feasibility == 0);
    CHECK(t.Total() == 4);
    row.volume = 10;
    CHECK(Score(*dok, &row, nullptr).volume == 2);
    row.volume = 49;
    CHECK(Score(*dok, &row, nullptr).volume == 2);
    row.volume = 50;
    CHECK(Score(*dok, &row, nullptr).volume == 3);
    row.volume = 0;
    CHECK(Score(*dok, &row, nullptr).volume == 0);
    CHECK(Score(*web, &row, nullptr).guideline == 0);
    CHECK(Score(*trappa, &row, nullptr).guideline == 1);
    CHECK(Score(*asi, nullptr, nullptr).Total() == 3);
}

TEST_CASE("Inventory edits are validated per field and stored", "[phase1][inventory]") {
    Fixture f;
    CHECK(f.Rejected(SetInventoryField{"BI-04", InvField::Offered, "kanske"}) == "offered");
    CHECK(f.Rejected(SetInventoryField{"BI-04", InvField::Volume, "-3"}) == "volume");
    CHECK(f.Rejected(SetInventoryField{"BI-04", InvField::Volume, "tolv"}) == "volume");
    CHECK(f.Rejected(SetInventoryField{"BI-04", InvField::StaffTrained, "2,5"}) == "staff_trained");
    CHECK(f.Rejected(SetInventoryField{"XX-99", InvField::Offered, "ja"}) == "rec");
    CHECK(f.store.Load().inventory.empty());
    f.Ok(SetInventoryField{"BI-04", InvField::Volume, "1 200"});
    f.Ok(SetInventoryField{"BI-04", InvField::Offered, "delvis"});
    f.Ok(SetInventoryField{"BI-04", InvField::Provider, "egen"});
    f.Ok(SetInventoryField{"BI-04", InvField::Comment, "Bara vid utredning | ej uppföljning"});
    ProjectModel m = f.store.Load();
    const InventoryRow* row = m.Inventory("BI-04");
    REQUIRE(row);
    CHECK(row->volume == 1200);
    CHECK(row->offered == "delvis");
    CHECK(row->provider == "egen");
    CHECK(row->comment == "Bara vid utredning | ej uppföljning");
    CHECK_FALSE(IsAssessed(*row));
    f.Ok(SetInventoryField{"BI-04", InvField::Volume, ""});  // clearing a number
    CHECK_FALSE(f.store.Load().Inventory("BI-04")->volume.has_value());
    REQUIRE(Undo(f.store));
    CHECK(f.store.Load().Inventory("BI-04")->volume == 1200);
}

TEST_CASE("Step 2 is suggested done when every recommendation is assessed", "[phase1][inventory]") {
    Fixture f;
    CHECK_FALSE(PictureOf(2, f.store.Load(), &TheCatalog(), 0).evidence.work);
    CHECK(PictureOf(2, f.store.Load(), &TheCatalog(), 0).progress.status == StepStatus::NotStarted);
    const auto& recs = TheCatalog().recommendations;
    for (size_t i = 0; i + 1 < recs.size(); ++i) f.Fill(recs[i].id, "ja", "ingen", "");
    {
        // In progress by itself, without anybody setting it; done not yet suggested.
        StepPicture pic = PictureOf(2, f.store.Load(), &TheCatalog(), 0);
        CHECK(pic.progress.status == StepStatus::InProgress);
        CHECK(pic.automatic);
        CHECK(pic.confirmed == StepStatus::NotStarted);
        CHECK_FALSE(pic.suggestDone);
    }
    Progress p = InventoryProgress(f.store.Load(), TheCatalog());
    CHECK(p.done == static_cast<int>(recs.size()) - 1);
    f.Ok(SetInventoryField{recs.back().id, InvField::Offered, "ej_aktuellt"});
    CHECK_FALSE(PictureOf(2, f.store.Load(), &TheCatalog(), 0).suggestDone);  // no reason yet
    f.Ok(SetInventoryField{recs.back().id, InvField::Comment, "Inga ungdomar i verksamheten"});
    CHECK(PictureOf(2, f.store.Load(), &TheCatalog(), 0).suggestDone);
}

TEST_CASE("A baseline is a frozen snapshot: the diff names what changed", "[phase1][baseline]") {
    Fixture f;
    f.Fill("BI-04", "delvis", "stor", "120");
    f.Fill("PB-01", "nej", "stor", "90");
    f.Ok(FreezeBaseline{"Baslinje mars", "2026-03-01"});
    CHECK(f.Rejected(FreezeBaseline{"Baslinje mars", "2026-04-01"}) == "baseline_name");
    CHECK(f.Rejected(FreezeBaseline{"Ny", "2026-04-31"}) == "baseline_date");
    f.Ok(SetInventoryField{"BI-04", InvField::Offered, "ja"});
    f.Ok(SetInventoryField{"BI-04", InvField::Gap, "ingen"});
    f.Fill("AN-03", "nej", "liten", "");

    ProjectModel m = f.store.Load();
    REQUIRE(m.baselines.size() == 1);
    const InventoryBaseline& b = m.baselines[0];
    CHECK(b.name == "Baslinje mars");
    CHECK(b.takenOn == "2026-03-01");
    CHECK(b.rows.at("BI-04").offered == "delvis");  // unchanged by the later edit
    CHECK(b.rows.count("AN-03") == 0);
    auto diff = DiffInventory(b.rows, m.inventory, TheCatalog());
    REQUIRE(diff.size() == 4);
    CHECK(diff[0].recId == "BI-04");
    CHECK(diff[0].field == InvField::Offered);
    CHECK(diff[0].before == "delvis");
    CHECK(diff[0].after == "ja");
    CHECK(diff[1].field == InvField::Gap);
    CHECK(diff[1].before == "stort");
    CHECK(diff[1].after == "inget");
    CHECK(diff[2].recId == "AN-03");
    CHECK(diff[2].before.empty());
    CHECK(diff[2].after == "nej");
    // The snapshot cannot be edited behind the program's back.
    CHECK_THROWS(storeimpl::Access::Connection(f.store).Exec("UPDATE inventory_baseline_row SET offered = 'ja'"));

    // Undoing the later edits, then the freeze, hides the baseline and frees its name.
    while (f.store.Load().baselines.size() == 1) REQUIRE(Undo(f.store));
    f.Ok(FreezeBaseline{"Baslinje mars", "2026-03-02"});
    CHECK(f.store.Load().baselines.size() == 1);
}

TEST_CASE("Candidates follow the score until the group sets its own order", "[phase1][priorities]") {
    Fixture f;
    f.Fill("BI-05", "nej", "liten", "5");   // kan:  2 + 1 + 1 = 4
    f.Fill("BI-04", "delvis", "stor", "120");  // bör: 3 + 3 + 3 = 9
    f.Fill("PB-01", "nej", "stor", "20");   // bör: 3 + 3 + 2 = 8
    f.Fill("AN-01", "ja", "ingen", "40");   // no gap: not a candidate
    auto ids = [&] {
        std::vector<std::string> out;
        for (const auto* r : PriorityCandidates(f.store.Load(), TheCatalog())) out.push_back(r->id);
        return out;
    };
    CHECK(ids() == std::vector<std::string>{"BI-04", "PB-01", "BI-05"});
    f.Ok(SetFeasibility{"PB-01", 3});  // 8 + 3 = 11 > 9
    CHECK(ids() == std::vector<std::string>{"PB-01", "BI-04", "BI-05"});
    CHECK(f.Rejected(SetFeasibility{"PB-01", 4}) == "feasibility");
    f.Ok(MovePriority{ids(), "BI-05", -1});
    CHECK(ids() == std::vector<std::string>{"PB-01", "BI-05", "BI-04"});
    CHECK(HasManualOrder(f.store.Load()));
    CHECK(f.Rejected(MovePriority{ids(), "PB-01", -1}) == "order");
    f.Ok(ClearPriorityOrder{});
    CHECK_FALSE(HasManualOrder(f.store.Load()));
    CHECK(ids() == std::vector<std::string>{"PB-01", "BI-04", "BI-05"});
    REQUIRE(Undo(f.store));
    CHECK(ids() == std::vector<std::string>{"PB-01", "BI-05", "BI-04"});

    auto areas = SummariseAreas(f.store.Load(), TheCatalog());
    REQUIRE(areas.size() == 2);
    CHECK(areas[0].area == "Bedömningsinstrument");
    CHECK(areas[0].candidates == 2);
    CHECK(areas[0].borLargeGap == 1);
    CHECK(areas[0].volume == 125);
}

TEST_CASE("Hexagon ratings are 1-5 for six factors, total 6-30", "[phase1][priorities]") {
    Fixture f;
    CHECK(f.Rejected(SetHexagonRating{"BI-04", "need", 6}) == "rating");
    CHECK(f.Rejected(SetHexagonRating{"BI-04", "beauty", 3}) == "factor");
    const int ratings[] = {5, 4, 3, 5, 1, 3};
    for (size_t k = 0; k < HexagonFactors().size(); ++k) {
        CHECK(HexagonTotal(f.store.Load().hexagon["BI-04"]) == 0);  // incomplete until all six
        f.Ok(SetHexagonRating{"BI-04", HexagonFactors()[k].key, ratings[k]});
    }
    CHECK(HexagonTotal(f.store.Load().hexagon.at("BI-04")) == 21);
    f.Ok(SetHexagonRating{"BI-04", "need", std::nullopt});
    CHECK(f.store.Load().hexagon.at("BI-04").count("need") == 0);
}

TEST_CASE("Readiness rounds: respondents, answers in range, removal undone", "[phase1][readiness]") {
    Fixture f;
    const Instrument& oric = TheInstruments().front();
    CHECK(f.Rejected(AddReadinessRound{"nosuch", "A", "2026-10-01"}) == "instrument");
    ApplyResult r = f.Do(AddReadinessRound{oric.id, "APT oktober", "2026-10-01"});
    REQUIRE(r.ok);
    int64_t round = r.newId;
    CHECK(f.Rejected(AddReadinessRound{oric.id, "APT oktober", "2026-11-01"}) == "round_name");
    f.Ok(SetRoundRespondents{round, 3});
    const std::string& item = oric.items[0].id;
    CHECK(f.Rejected(SetAnswer{round, 1, item, 6}) == "value");
    CHECK(f.Rejected(SetAnswer{round, 1, item, 0}) == "value");
    CHECK(f.Rejected(SetAnswer{round, 4, item, 3}) == "respondent");
    CHECK(f.Rejected(SetAnswer{round, 1, "no-such-item", 3}) == "item");
    for (int resp = 1; resp <= 3; ++resp)
        for (const auto& it : oric.items) f.Ok(SetAnswer{round, resp, it.id, resp + 1});
    ProjectModel m = f.store.Load();
    REQUIRE(m.rounds.size() == 1);
    CHECK(m.rounds[0].answers.size() == 3 * oric.items.size());
    ReadinessStats st = ComputeReadiness(oric, ToGrid(m.rounds[0], oric));
    CHECK(st.respondents == 3);
    CHECK(st.subscales[0].mean == Approx(3.0));  // respondents answered 2, 3, 4 throughout
    CHECK(st.subscales[0].sd == Approx(1.0));
    CHECK(PictureOf(4, m, &TheCatalog(), 0).suggestDone);

    f.Ok(SetRoundRespondents{round, 2});  // drops respondent 3 and their answers
    m = f.store.Load();
    CHECK(m.rounds[0].respondents == 2);
    CHECK(m.rounds[0].answers.size() == 2 * oric.items.size());
    REQUIRE(Undo(f.store));
    m = f.store.Load();
    CHECK(m.rounds[0].respondents == 3);
    CHECK(m.rounds[0].answers.size() == 3 * oric.items.size());
}

TEST_CASE("Step 1: recommendations are marked discussed with a date and a note", "[phase1]") {
    Fixture f;
    f.Ok(SetDiscussed{"BI-01", true, "2026-09-01"});
    f.Ok(SetDiscussed{"BI-02", true, ""});
    f.Ok(SetDiscussionNote{"BI-02", "Frågor om DUDIT-E"});
    CHECK(f.Rejected(SetDiscussed{"BI-03", true, "första maj"}) == "discussed_on");
    ProjectModel m = f.store.Load();
    CHECK(m.discussions.at("BI-01").discussedOn == "2026-09-01");
    CHECK(m.discussions.at("BI-02").discussedOn == TodayIso());
    CHECK(m.discussions.at("BI-02").note == "Frågor om DUDIT-E");
    CHECK(DiscussedCount(m, TheCatalog()) == 2);
    CHECK(PictureOf(1, m, &TheCatalog(), 0).progress.status == StepStatus::InProgress);
    CHECK_FALSE(PictureOf(1, m, &TheCatalog(), 0).suggestDone);
    f.Ok(SetDiscussed{"BI-01", false, ""});
    CHECK(DiscussedCount(f.store.Load(), TheCatalog()) == 1);
}

TEST_CASE("The case for change summarises steps 2-4 and renders through the templates", "[phase1][report]") {
    TempDir dir;
    std::string path = dir.File("demo.stegvis");
    DemoOptions opt;
    opt.anchorDate = "2026-11-23";
    CreateDemo(path, opt, TheManual(), TheCatalog(), TheInstruments());
    Store store = Store::Open(path);
    ProjectModel m = store.Load();
    CaseForChange c = BuildCaseForChange(m, TheCatalog(), TheInstruments(), "2026-11-23");
    CHECK(c.assessed == c.total);
    CHECK(c.total == 73);
    CHECK(c.offeredYes + c.offeredPartly + c.offeredNo + c.offeredUnknown + c.notRelevant == 73);
    CHECK(c.largeGaps >= static_cast<int>(c.borLargeGaps.size()));
    REQUIRE(c.chosen.size() == 2);
    CHECK(c.hasDecision);
    CHECK(c.decision.step == 3);
    REQUIRE(c.hasReadiness);
    CHECK(c.readiness.respondents == 12);
    CHECK(c.readiness.subscales.size() == 2);

    std::string md = RenderCaseForChange(c, "md", ResolveTemplate("case-for-change", "md"));
    CHECK(md.find("# Underlag för förändring") == 0);
    CHECK(md.find("| BI-04 | ASI (Addiction Severity Index)") != std::string::npos);
    CHECK(md.find("12 svarande") != std::string::npos);
    std::string html = RenderCaseForChange(c, "html", ResolveTemplate("case-for-change", "html"));
    CHECK(html.find("<!DOCTYPE html>") == 0);
    CHECK(html.find("@page { size: A4") != std::string::npos);

    // User text is escaped for the format.
    c.project = "<script>alert('x')</script> & Co";
    c.decision.title = "Välj A | B";
    html = RenderCaseForChange(c, "html", ResolveTemplate("case-for-change", "html"));
    CHECK(html.find("<script>") == std::string::npos);
    CHECK(html.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Co") != std::string::npos);
    md = RenderCaseForChange(c, "md", ResolveTemplate("case-for-change", "md"));
    CHECK(md.find("Välj A \\| B") != std::string::npos);
}

TEST_CASE("A broken template is named with its line", "[phase1][report][errors]") {
    TempDir dir;
    std::string t = dir.File("mine.md.mustache");
    stegvis::test::WriteText(t, "# Rubrik\n\n{{#chosen}}\n- {{intervention}}\n");
    CaseForChange c;
    try {
        RenderCaseForChange(c, "md", ResolveTemplate(t, "md"));
        FAIL("no error");
    } catch (const DataError& e) {
        CHECK(e.File() == t);
        CHECK(e.Line() == 3);  // where the unclosed section opens
        CHECK(std::string(e.what()).find("chosen") != std::string::npos);
    }
    CHECK_THROWS_AS(ResolveTemplate("no-such-template", "md"), DataError);
}

TEST_CASE("stegvis report writes the case for change", "[phase1][report][cli]") {
    TempDir dir;
    std::string demo = dir.File("demo.stegvis");
    REQUIRE(stegvis::test::RunStegvis("demo --db '" + demo + "'").status == 0);
    std::string out = dir.File("underlag.html");
    auto r = stegvis::test::RunStegvis("report --db '" + demo + "' --format html --out '" + out + "' --template case-for-change");
    REQUIRE(r.status == 0);
    CHECK(ReadFile(out).find("Underlag för förändring") != std::string::npos);
    // Without --template: the progress summary.
    std::string prog = dir.File("lage.md");
    REQUIRE(stegvis::test::RunStegvis("report --db '" + demo + "' --format md --out '" + prog + "'").status == 0);
    CHECK(StartsWith(ReadFile(prog), "# Lägesrapport"));
    auto bad = stegvis::test::RunStegvis("report --db '" + demo + "' --format md --out '" + dir.File("x.md") +
                                         "' --template no-such");
    CHECK(bad.status != 0);
    CHECK(bad.err.find("no-such.md.mustache") != std::string::npos);
    CHECK_FALSE(PathExists(dir.File("x.md")));
}

TEST_CASE("Step 1: the discussion date is the meeting's, changeable, never in the future", "[phase1]") {
    Fixture f;
    f.Ok(SetDiscussed{"BI-01", true, ""});
    CHECK(f.store.Load().discussions.at("BI-01").discussedOn == TodayIso());
    f.Ok(SetDiscussed{"BI-01", true, "2026-09-01"});  // moved to the meeting's date
    CHECK(f.store.Load().discussions.at("BI-01").discussedOn == "2026-09-01");
    CHECK(f.Rejected(SetDiscussed{"BI-01", true, AddDays(TodayIso(), 1)}) == "discussed_on");
    CHECK(f.store.Load().discussions.at("BI-01").discussedOn == "2026-09-01");
}
