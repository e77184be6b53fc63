// Steps 12-15: periods, pasted data, points as actions, the chart's parts and their analysis.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdio>
#include <ctime>

#include "TestUtil.hpp"
#include "edit/Actions.hpp"
#include "edit/Demo.hpp"
#include "domain/Measures.hpp"
#include "base/Paths.hpp"
#include "domain/Records.hpp"
#include "store/Store.hpp"
#include "base/Text.hpp"

using namespace stegvis;
using stegvis::test::TempDir;
using stegvis::test::TheCatalog;
using stegvis::test::TheInstruments;
using stegvis::test::TheManual;

namespace {
struct Pilot : stegvis::test::ProjectFixture {
    int64_t init = Ok(StartInitiative{"PB-01", "MET", "2026-01-05", "", ""});
    int64_t Measure(const std::string& definition, const std::string& direction) {
        ApplyResult r = Do(AddRecord{"measure", init, {{"name", "M"}, {"definition", definition}, {"direction", direction}, {"period", "week"}}});
        REQUIRE(r.ok);
        return r.newId;
    }
    void Weekly(int64_t m, const std::string& firstMonday, const std::vector<double>& values) {
        ImportPoints imp{m, {}};
        std::string w = firstMonday;
        for (double v : values) {
            if (v >= 0) imp.rows.push_back({w, v, std::nullopt});  // a negative value here means "no data"
            w = AddDays(w, 7);
        }
        REQUIRE(Do(imp).ok);
    }
};

// The C library's reading of a day at noon (its fields may run over, as timegm allows): the date,
// its weekday (0 = Sunday) and its whole days since 1970.
struct CDate {
    std::string iso;
    int weekday;
    int days;
};
CDate ByTheCLibrary(int year, int month, int day) {
    std::tm tm{};
    tm.tm_year = year - 1900;
    tm.tm_mon = month - 1;
    tm.tm_mday = day;
    tm.tm_hour = 12;
    const std::time_t t = timegm(&tm);
    std::tm out{};
    gmtime_r(&t, &out);
    char buf[16];
    std::strftime(buf, sizeof buf, "%Y-%m-%d", &out);
    return {buf, out.tm_wday, static_cast<int>((t - 43200) / 86400)};
}
}  // namespace

TEST_CASE("Periods start on Mondays or on the first of the month", "[measures]") {
    CHECK(PeriodStart("2026-11-23", "week") == "2026-11-23");  // a Monday
    CHECK(PeriodStart("2026-11-26", "week") == "2026-11-23");
    CHECK(PeriodStart("2026-11-29", "week") == "2026-11-23");  // Sunday belongs to the week before
    CHECK(PeriodStart("2027-01-01", "week") == "2026-12-28");
    CHECK(PeriodStart("2026-11-26", "month") == "2026-11-01");
    CHECK(NextPeriod("2026-12-28", "week") == "2027-01-04");
    CHECK(NextPeriod("2026-01-01", "month") == "2026-02-01");
    CHECK(NextPeriod("2026-12-01", "month") == "2027-01-01");
}

TEST_CASE("Every day from 1900 to 2200 falls in a week that starts on the Monday before it", "[measures]") {
    CHECK(PeriodStart("1900-01-01", "week") == "1900-01-01");  // a Monday
    CHECK(PeriodStart("1969-12-31", "week") == "1969-12-29");
    CHECK(PeriodStart("1970-01-01", "week") == "1969-12-29");
    int checked = 0;
    for (int day = DaysSinceEpoch("1900-01-01"); day <= DaysSinceEpoch("2200-12-31"); day += 5) {
        const CDate date = ByTheCLibrary(1970, 1, 1 + day);
        const std::string& iso = date.iso;
        const std::string start = PeriodStart(iso, "week");
        INFO(iso << " -> " << start);
        REQUIRE(IsIsoDate(start));
        const int back = DaysSinceEpoch(iso) - DaysSinceEpoch(start);
        REQUIRE(back == (date.weekday + 6) % 7);  // days since Monday, as the C library names the weekday
        REQUIRE(AddDays(start, back) == iso);
        ++checked;
    }
    CHECK(checked > 20000);
}

TEST_CASE("Dates move by days as the C library counts them, 1900 to 2200 and across month ends", "[measures]") {
    auto slow = [](int y, int m, int d, int days) {
        const CDate c = ByTheCLibrary(y, m, d + days);
        return std::make_pair(c.iso, c.days);
    };
    int checked = 0;
    for (int y = 1900; y <= 2200; y += (y < 1905 || y > 2195 || (y > 1965 && y < 2035)) ? 1 : 7)
        for (int m = 1; m <= 12; ++m)
            for (int d : {1, 2, 15, 28, 29, 30, 31, 35, 99})
                for (int days : {0, 1, -1, 7, -7, 32, -32, 400, -400}) {
                    char iso[16];
                    std::snprintf(iso, sizeof iso, "%04d-%02d-%02d", y, m, d);
                    INFO(iso << " + " << days);
                    CHECK(AddDays(iso, days) == slow(y, m, d, days).first);
                    if (days == 0) CHECK(DaysSinceEpoch(iso) == slow(y, m, d, 0).second);
                    ++checked;
                }
    CHECK(checked > 100000);
    CHECK(AddDays("2026-13-01", 1) == slow(2026, 13, 1, 1).first);  // a month out of range still counts on
}

TEST_CASE("Pasted lines are reported one by one", "[measures][paste]") {
    auto lines = ParsePasted("datum;antal\n2026-03-02;14\n2026-03-09; 12,5 \n\n2026-03-1x;3\n2026-03-16;-2\n2026-03-18;7\n"
                             "2026-03-23;4;5\n",
                             false, "week");
    REQUIRE(lines.size() == 6);  // header and blank line skipped
    CHECK(lines[0].accepted);
    CHECK(lines[0].period == "2026-03-02");
    CHECK(lines[0].numerator == 14);
    CHECK(lines[1].accepted);
    CHECK(lines[1].numerator == Approx(12.5));
    CHECK_FALSE(lines[2].accepted);
    CHECK(lines[2].line == 5);
    CHECK(Render(*lines[2].why).find("2026-03-1x") != std::string::npos);
    CHECK_FALSE(lines[3].accepted);
    CHECK(Render(*lines[3].why).find("-2") != std::string::npos);
    CHECK(lines[4].accepted);
    CHECK(lines[4].period == "2026-03-16");  // a Wednesday falls in its Monday's week
    CHECK_FALSE(lines[5].accepted);
    CHECK(Render(*lines[5].why).find("2 fält") != std::string::npos);

    auto ratio = ParsePasted("2026-03\t9\t24\n2026-04\t30\t24\n2026-05\t3\t0\n2026-05\t4\t20\n2026-05\t5\t20\n", true, "month");
    REQUIRE(ratio.size() == 5);
    CHECK(ratio[0].accepted);
    CHECK(ratio[0].period == "2026-03-01");
    CHECK(ratio[0].denominator == 24);
    CHECK_FALSE(ratio[1].accepted);  // numerator above denominator
    CHECK_FALSE(ratio[2].accepted);  // denominator 0
    CHECK_FALSE(ratio[3].accepted);  // the same month again below replaces it
    CHECK(Render(*ratio[3].why).find("rad 5") != std::string::npos);
    CHECK(ratio[4].accepted);
}

TEST_CASE("Points are stored by action: a missing period stays a gap", "[measures]") {
    Pilot p;
    int64_t share = p.Measure("ratio", "up");
    CHECK_FALSE(p.Do(SetPoint{share, "2026-03-04", 3, 10}).ok);  // not a Monday
    CHECK(p.Do(SetPoint{share, "2026-03-02", 3, std::nullopt}).error.field == "denominator");
    CHECK(p.Do(SetPoint{share, "2026-03-02", 12, 10}).error.field == "numerator");
    REQUIRE(p.Do(SetPoint{share, "2026-03-02", 3, 12}).ok);
    REQUIRE(p.Do(SetPoint{share, "2026-03-16", 6, 12}).ok);
    REQUIRE(p.Do(SetPointNote{share, "2026-03-16", "Ny rutin"}).ok);
    ProjectModel m = p.store.Load();
    auto pts = PointsOf(m, share);
    REQUIRE(pts.size() == 2);
    CHECK(pts[0].Value() == Approx(25.0));
    const Record* measure = FindRecord(m, "measure", share);
    Chart c = BuildChart(m, *measure, "");
    REQUIRE(c.periods.size() == 3);
    CHECK(c.periods[1] == "2026-03-09");
    CHECK_FALSE(c.values[1].has_value());  // the week without data is a gap, never 0
    CHECK(c.notes[2] == "Ny rutin");
    REQUIRE(p.Do(SetPoint{share, "2026-03-16", std::nullopt, std::nullopt}).ok);  // clearing the value
    CHECK(PointsOf(p.store.Load(), share).size() == 1);
}

TEST_CASE("Pasted data is one action: undo takes it all back", "[measures][paste]") {
    Pilot p;
    int64_t m = p.Measure("count", "down");
    p.Weekly(m, "2026-01-05", {5, 6, 7, 8});
    CHECK(PointsOf(p.store.Load(), m).size() == 4);
    REQUIRE(Undo(p.store));
    CHECK(PointsOf(p.store.Load(), m).empty());
    REQUIRE(Redo(p.store));
    CHECK(PointsOf(p.store.Load(), m).size() == 4);
    CHECK(p.Do(ImportPoints{m, {}}).error.field == "rows");
}

TEST_CASE("The chart splits at each PDSA cycle and judges signals by the improvement direction", "[measures][chart]") {
    Pilot p;
    int64_t up = p.Measure("count", "up");
    int64_t down = p.Measure("count", "down");
    // 12 baseline weeks around 10 (median 10), one week missing, then 10 weeks clearly higher.
    std::vector<double> values = {9, 11, 10, 8, 12, 10, 9, 11, -1, 10, 12, 8, 15, 16, 14, 17, 15, 16, 18, 15, 16, 17};
    p.Weekly(up, "2026-01-05", values);
    p.Weekly(down, "2026-01-05", values);
    const std::string baselineTo = AddDays("2026-01-05", 7 * 11);
    for (int64_t m : {up, down})
        REQUIRE(p.Do(SetRecordFields{"measure", m, {{"baseline_from", "2026-01-05"}, {"baseline_to", baselineTo}}}).ok);
    ApplyResult bad = p.Do(SetRecordFields{"measure", up, {{"baseline_from", "2026-03-30"}, {"baseline_to", "2026-01-05"}}});
    CHECK_FALSE(bad.ok);
    CHECK(bad.error.Text().find("2026-01-05") != std::string::npos);  // the end before the start, both named
    CHECK(bad.error.Text().find("2026-03-30") != std::string::npos);
    REQUIRE(p.Do(AddRecord{"pdsa", p.init, {{"change", "Cykel 1"}, {"started_on", AddDays("2026-01-05", 7 * 12 + 2)}}}).ok);

    ProjectModel m = p.store.Load();
    Chart c = BuildChart(m, *FindRecord(m, "measure", up), "");
    REQUIRE(c.centre);
    CHECK(*c.centre == Approx(10.0));
    CHECK(c.baselinePoints == 11);
    REQUIRE(c.parts.size() == 2);
    CHECK(c.parts[0].label == "Baslinje");
    CHECK(c.parts[0].last == 11);
    CHECK(c.parts[1].label == "Cykel 1");
    CHECK(c.parts[1].first == 12);
    const RunAnalysis& a = c.parts[1].analysis;
    CHECK(a.nUseful == 10);
    CHECK(a.longestRun == 10);           // every pilot point above the baseline median
    CHECK(a.longestRunMax == 6);         // round(log2(10)) + 3
    CHECK(a.signal);
    CHECK(c.parts[1].verdict == 1);      // up is better: an improvement
    CHECK_FALSE(c.parts[0].analysis.signal);
    Chart d = BuildChart(m, *FindRecord(m, "measure", down), "");
    CHECK(d.parts[1].verdict == -1);     // the same rise is a deterioration when lower is better

    // Full scale adds a part of its own.
    REQUIRE(p.Do(SetRecordField{"initiative", p.init, "full_scale_from", AddDays("2026-01-05", 7 * 18)}).ok);
    m = p.store.Load();
    Chart e = BuildChart(m, *FindRecord(m, "measure", up), FindRecord(m, "initiative", p.init)->Get("full_scale_from"));
    REQUIRE(e.parts.size() == 3);
    CHECK(e.parts[2].label == "Full skala");
    CHECK(e.parts[2].first == 18);
}

TEST_CASE("The decision after the pilot is logged and undoable", "[measures]") {
    Pilot p;
    CHECK(p.Do(DecideAfterPilot{p.init, "keep", "2026-11-01", ""}).error.field == "act");
    REQUIRE(p.Do(DecideAfterPilot{p.init, "adopt", "2026-11-01", "Tydlig förbättring"}).ok);
    ProjectModel m = p.store.Load();
    CHECK(FindRecord(m, "initiative", p.init)->Get("pilot_decision") == "adopt");
    REQUIRE(m.decisions.size() == 2);
    CHECK(m.decisions.back().step == 14);
    CHECK(m.decisions.back().rationale == "Tydlig förbättring");
    REQUIRE(Undo(p.store));
    m = p.store.Load();
    CHECK(FindRecord(m, "initiative", p.init)->Get("pilot_decision").empty());
    CHECK(m.decisions.back().withdrawn);
}

TEST_CASE("The suggested measures file loads and names bad rows", "[measures]") {
    auto list = LoadSuggestedMeasures(ResourceDir() + "/data/measures.tsv");
    CHECK(list.size() >= 5);
    TempDir dir;
    stegvis::test::WriteText(dir.File("m.tsv"), "rec_ids\tname\tdefinition\tunit\tdirection\tperiod\tsource\n*\tX\tcount\t\tsideways\tweek\t\n");
    try {
        LoadSuggestedMeasures(dir.File("m.tsv"));
        FAIL("no error");
    } catch (const DataError& e) {
        CHECK(e.Line() == 2);
        CHECK(e.Field() == "direction");
    }
}

TEST_CASE("The county-scale demo has ten years of monthly data on five measures per initiative", "[measures][demo]") {
    TempDir dir;
    DemoOptions opt;
    opt.scale = "county";
    opt.anchorDate = "2026-11-23";
    CreateDemo(dir.File("big.stegvis"), opt, TheManual(), TheCatalog(), TheInstruments());
    ProjectModel m = Store::Open(dir.File("big.stegvis")).Load();
    CHECK(Records(m, "initiative").size() == 5);
    int long_ = 0;
    for (const Record* meas : Records(m, "measure"))
        if (PointsOf(m, meas->id).size() == 120) ++long_;
    CHECK(long_ == 15);
}

TEST_CASE("A period that has not begun has no value: refused when typed or pasted, never counted", "[measures][future]") {
    Pilot p;
    int64_t visits = p.Measure("count", "up");
    const std::string thisWeek = PeriodStart(TodayIso(), "week"), nextWeek = NextPeriod(thisWeek, "week");
    REQUIRE(p.Do(SetPoint{visits, thisWeek, 4, std::nullopt}).ok);  // the week has begun
    ApplyResult r = p.Do(SetPoint{visits, nextWeek, 5, std::nullopt});
    REQUIRE_FALSE(r.ok);
    CHECK(r.error.field == "period");
    CHECK(r.error.Text().find(nextWeek + " har inte börjat") != std::string::npos);
    CHECK_FALSE(p.Do(ImportPoints{visits, {{thisWeek, 1, std::nullopt}, {nextWeek, 2, std::nullopt}}}).ok);

    auto lines = ParsePasted("2026-03-02;4\n2026-03-16;5\n", false, "week", "2026-03-10");
    REQUIRE(lines.size() == 2);
    CHECK(lines[0].accepted);
    CHECK_FALSE(lines[1].accepted);
    CHECK(Render(*lines[1].why).find("ligger i framtiden") != std::string::npos);

    // A value already stored for a later period (an older file) is not drawn and not analysed.
    // (A file altered by hand: on a server such a row would be the server's, and is tested there.)
    if (stegvis::test::ServerBackend()) return;
    stegvis::test::Sql(p.store.Path(), "INSERT INTO measure_point(measure_id, period, numerator) VALUES (" +
                                           std::to_string(visits) + ", '" + nextWeek + "', 99)");
    ProjectModel m = p.store.Load();
    CHECK(PointsOf(m, visits).size() == 2);
    Chart c = BuildChart(m, *FindRecord(m, "measure", visits), "");
    REQUIRE(c.periods.size() == 1);
    CHECK(c.periods.back() == thisWeek);
    // Clearing it is allowed, so it can be taken away.
    REQUIRE(p.Do(SetPoint{visits, nextWeek, std::nullopt, std::nullopt}).ok);
    CHECK(PointsOf(p.store.Load(), visits).size() == 1);
}

TEST_CASE("A measure drawn as a control chart gets the baseline's mean, limits from the baseline, and its signals", "[measures][chart][control]") {
    Pilot p;
    const int64_t up = p.Measure("count", "up");
    // 12 baseline weeks, a missing one among them, then the pilot: one week far above the rest.
    const std::vector<double> values = {9, 11, 10, 8, 12, 10, 9, 11, -1, 10, 12, 8, 10, 11, 30, 9, 10, 11};
    p.Weekly(up, "2026-01-05", values);
    REQUIRE(p.Do(SetRecordFields{"measure", up, {{"baseline_from", "2026-01-05"}, {"baseline_to", AddDays("2026-01-05", 7 * 11)}}}).ok);
    REQUIRE(p.Do(AddRecord{"pdsa", p.init, {{"change", "Cykel 1"}, {"started_on", AddDays("2026-01-05", 7 * 12)}}}).ok);

    ProjectModel m = p.store.Load();
    // As a run chart: no control chart.
    CHECK_FALSE(BuildChart(m, *FindRecord(m, "measure", up), "").control);

    REQUIRE(p.Do(SetRecordField{"measure", up, "chart", "i"}).ok);
    m = p.store.Load();
    const Chart c = BuildChart(m, *FindRecord(m, "measure", up), "");
    REQUIRE(c.control);
    const ControlChart& cc = *c.control;
    CHECK(cc.kind == ChartKind::I);
    // The mean of the 11 baseline values (the gap is no value).
    CHECK(cc.centre == Approx(110.0 / 11));
    // The same limits stand for the pilot weeks as for the baseline: fixed by the baseline.
    REQUIRE(cc.ucl.size() == c.periods.size());
    REQUIRE(cc.ucl[0]);
    CHECK(*cc.ucl[13] == Approx(*cc.ucl[0]));
    CHECK_FALSE(cc.ucl[8]);  // the missing week
    // The week at 30 is the one point outside, named in order with its limit.
    const auto outside = SigmaPoints(c);
    REQUIRE(outside.size() == 1);
    CHECK(outside[0].index == 14);
    CHECK(outside[0].above);
    CHECK(outside[0].value == Approx(30));
    CHECK(outside[0].limit == Approx(*cc.ucl[14]));
    // The pilot part carries the sigma signal and, higher being better, reads as an improvement,
    // though its runs alone give no signal around the mean.
    REQUIRE(c.parts.size() == 2);
    CHECK_FALSE(c.parts[0].sigmaSignal);
    CHECK(c.parts[1].sigmaSignal);
    CHECK_FALSE(c.parts[1].analysis.signal);
    CHECK(c.parts[1].analysis.centre == Approx(cc.centre));
    CHECK(c.parts[1].verdict == 1);

    // A chart that needs a denominator cannot be drawn for a count: the run chart stands, and says so.
    REQUIRE(p.Do(SetRecordField{"measure", up, "chart", "pp"}).ok);
    m = p.store.Load();
    const Chart d = BuildChart(m, *FindRecord(m, "measure", up), "");
    CHECK_FALSE(d.control);
    CHECK(d.controlNeedsRatio);
    REQUIRE(d.centre);
    CHECK(d.parts[1].analysis.centre == Approx(*d.centre));

    // An unknown chart key is refused as an edit.
    CHECK_FALSE(p.Do(SetRecordField{"measure", up, "chart", "xbar"}).ok);
}

TEST_CASE("A share's P chart is in per cent on the chart, and a baseline that starts later gives no limits before it", "[measures][chart][control]") {
    Pilot p;
    ApplyResult r = p.Do(AddRecord{"measure", p.init, {{"name", "Andel"}, {"definition", "ratio"}, {"direction", "up"},
                                                       {"period", "week"}, {"chart", "p"}}});
    REQUIRE(r.ok);
    ImportPoints imp{r.newId, {}};
    std::string w = "2026-01-05";
    for (int i = 0; i < 14; ++i, w = AddDays(w, 7)) imp.rows.push_back({w, static_cast<double>(20 + i % 3), 100.0});
    REQUIRE(p.Do(imp).ok);
    // The baseline from the third week to the twelfth.
    REQUIRE(p.Do(SetRecordFields{"measure", r.newId, {{"baseline_from", "2026-01-19"}, {"baseline_to", AddDays("2026-01-19", 7 * 9)}}}).ok);
    ProjectModel m = p.store.Load();
    const Chart c = BuildChart(m, *FindRecord(m, "measure", r.newId), "");
    REQUIRE(c.control);
    // Weeks 3..12: values 22,20,21,22,20,21,22,20,21,22 of 100 each -> 211/1000.
    CHECK(c.control->centre == Approx(21.1));
    const double sigma = std::sqrt(0.211 * 0.789 / 100) * 100;
    REQUIRE(c.control->ucl[2]);
    CHECK(*c.control->ucl[2] == Approx(21.1 + 3 * sigma));
    CHECK(*c.control->lcl[2] == Approx(21.1 - 3 * sigma));
    CHECK(*c.control->ucl[13] == Approx(21.1 + 3 * sigma));
    CHECK_FALSE(c.control->ucl[0]);  // before the baseline
    CHECK_FALSE(c.control->ucl[1]);
    REQUIRE(c.control->value[0]);
    CHECK(*c.control->value[0] == Approx(20));  // still a value, in per cent
}
