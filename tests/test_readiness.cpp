#include <catch2/catch.hpp>

#include <string>

#include "TestUtil.hpp"
#include "reference/Instruments.hpp"
#include "base/Paths.hpp"
#include "domain/Readiness.hpp"
#include "base/Text.hpp"

using namespace stegvis;
using stegvis::test::TempDir;
using stegvis::test::WriteText;

namespace {

const std::optional<int> kNone = std::nullopt;

// A small instrument with interleaved subscales, so item order and subscale order differ:
// items a1 (A), b1 (B), a2 (A), b2 (B), b3 (B); scale 1..5.
std::string TinyInstrument(const std::string& id = "tiny") {
    return R"({"format": 1, "id": ")" + id + R"(", "name_sv": "Liten", "name_en": "Tiny", "citation": "test",
"instructions_sv": "Svara", "instructions_en": "Answer",
"scale": [{"value": 1, "sv": "1", "en": "1"}, {"value": 2, "sv": "2", "en": "2"},
          {"value": 3, "sv": "3", "en": "3"}, {"value": 4, "sv": "4", "en": "4"},
          {"value": 5, "sv": "5", "en": "5"}],
"subscales": [{"id": "a", "sv": "A", "en": "A"}, {"id": "b", "sv": "B", "en": "B"}],
"items": [
{"id": "a1", "subscale": "a", "sv": "a1", "en": "a1"},
{"id": "b1", "subscale": "b", "sv": "b1", "en": "b1"},
{"id": "a2", "subscale": "a", "sv": "a2", "en": "a2"},
{"id": "b2", "subscale": "b", "sv": "b2", "en": "b2"},
{"id": "b3", "subscale": "b", "sv": "b3", "en": "b3"}
]})";
}

const Instrument& Tiny() {
    static const Instrument ins = ParseInstrument(TinyInstrument(), "tiny.json");
    return ins;
}

const Instrument& Oric() {
    static const Instrument ins = [] {
        for (Instrument& i : LoadInstruments(ResourceDir() + "/data/instruments"))
            if (i.id == "oric") return i;
        throw std::runtime_error("oric not found");
    }();
    return ins;
}

DataError InstrumentError(const std::string& text) {
    try {
        ParseInstrument(text, "bad.json");
    } catch (const DataError& e) {
        return e;
    }
    FAIL("expected a DataError");
    throw std::logic_error("unreachable");
}

// Replaces the first occurrence of `from`, failing the test if it is not there (so a typo cannot pass).
std::string Replace(std::string text, const std::string& from, const std::string& to) {
    auto pos = text.find(from);
    REQUIRE(pos != std::string::npos);
    return text.replace(pos, from.size(), to);
}

}  // namespace

TEST_CASE("The shipped ORIC questionnaire loads with 12 items in two subscales", "[readiness]") {
    const Instrument& o = Oric();
    CHECK(o.name.sv == "ORIC – organisatorisk beredskap för att införa förändring");
    CHECK(o.citation.find("Shea CM") != std::string::npos);
    CHECK(o.citation.find("2014;9:7") != std::string::npos);
    CHECK(o.citation.find("inte en validerad översättning") != std::string::npos);
    CHECK(o.instructions.sv.find("anonymt") != std::string::npos);
    CHECK(o.instructions.en.find("anonymously") != std::string::npos);

    REQUIRE(o.scale.size() == 5);
    CHECK(o.MinValue() == 1);
    CHECK(o.MaxValue() == 5);
    for (size_t k = 0; k < o.scale.size(); ++k) CHECK(o.scale[k].value == static_cast<int>(k) + 1);
    CHECK(o.scale[0].label.en == "Disagree");
    CHECK(o.scale[2].label.en == "Neither agree nor disagree");
    CHECK(o.scale[4].label.en == "Agree");
    CHECK(o.scale[4].label.sv == "Instämmer");

    REQUIRE(o.subscales.size() == 2);
    CHECK(o.subscales[0].id == "commitment");
    CHECK(o.subscales[1].id == "efficacy");

    // Published order (Shea et al. 2014, additional file): commitment items are 2, 4, 6, 9 and 11.
    REQUIRE(o.items.size() == 12);
    const char* const subscaleOf[12] = {"efficacy",   "commitment", "efficacy",   "commitment",
                                        "efficacy",   "commitment", "efficacy",   "efficacy",
                                        "commitment", "efficacy",   "commitment", "efficacy"};
    int commitment = 0, efficacy = 0;
    for (size_t i = 0; i < o.items.size(); ++i) {
        const InstrumentItem& item = o.items[i];
        INFO("item " << item.id);
        char expectedId[16];
        std::snprintf(expectedId, sizeof expectedId, "oric-%02d", static_cast<int>(i) + 1);
        CHECK(item.id == expectedId);
        CHECK(item.subscale == subscaleOf[i]);
        CHECK(StartsWith(item.text.sv, "De som arbetar här "));
        CHECK(StartsWith(item.text.en, "People who work here "));
        CHECK(IsValidUtf8(item.text.sv));
        commitment += item.subscale == "commitment";
        efficacy += item.subscale == "efficacy";
    }
    CHECK(commitment == 5);
    CHECK(efficacy == 7);
    CHECK(o.items[1].text.en == "People who work here are committed to implementing this change.");
    CHECK(o.items[11].text.en ==
          "People who work here feel confident that they can manage the politics of implementing this change.");

    for (const ScalePoint& p : o.scale) CHECK((!Trim(p.label.sv).empty() && !Trim(p.label.en).empty()));
    for (const Subscale& s : o.subscales) CHECK((!Trim(s.name.sv).empty() && !Trim(s.name.en).empty()));
    for (const Bilingual* b : {&o.name, &o.instructions}) CHECK((!Trim(b->sv).empty() && !Trim(b->en).empty()));

    CHECK(o.ItemIndex("oric-05") == 4);
    REQUIRE(o.FindItem("oric-09") != nullptr);
    CHECK(o.FindItem("oric-09")->subscale == "commitment");
    CHECK(o.FindItem("oric-13") == nullptr);
    CHECK(o.ItemIndex("oric-13") == -1);
}

TEST_CASE("Three full respondents give hand-computed item and subscale statistics", "[readiness]") {
    // Items in order a1 b1 a2 b2 b3.
    ResponseGrid grid = {
        {5, 2, 3, 4, 3},
        {4, 1, 4, 2, 3},
        {3, 3, 2, 3, 3},
    };
    ReadinessStats st = ComputeReadiness(Tiny(), grid);
    CHECK(st.respondents == 3);

    // Subscale A per respondent: (5+3)/2 = 4, (4+4)/2 = 4, (3+2)/2 = 2.5.
    // mean = 10.5/3 = 3.5; deviations .5 .5 -1 -> squares .25+.25+1 = 1.5; sd = sqrt(1.5/2) = sqrt(.75).
    REQUIRE(st.subscales.size() == 2);
    const SubscaleStats& a = st.subscales[0];
    CHECK(a.subscaleId == "a");
    CHECK(a.n == 3);
    CHECK(a.mean == Approx(3.5));
    CHECK(a.sd == Approx(0.8660254038));
    CHECK(a.min == Approx(2.5));
    CHECK(a.max == Approx(4.0));

    // Subscale B per respondent: (2+4+3)/3 = 3, (1+2+3)/3 = 2, (3+3+3)/3 = 3.
    // mean = 8/3; deviations 1/3 -2/3 1/3 -> squares 6/9; sd = sqrt((6/9)/2) = sqrt(1/3).
    const SubscaleStats& b = st.subscales[1];
    CHECK(b.subscaleId == "b");
    CHECK(b.n == 3);
    CHECK(b.mean == Approx(8.0 / 3.0));
    CHECK(b.sd == Approx(0.5773502692));
    CHECK(b.min == Approx(2.0));
    CHECK(b.max == Approx(3.0));

    // Items: a1 5,4,3 -> 4; b1 2,1,3 -> 2; a2 3,4,2 -> 3; b2 4,2,3 -> 3; b3 3,3,3 -> 3.
    REQUIRE(st.items.size() == 5);
    CHECK(st.items[0].itemId == "a1");
    CHECK(st.items[0].n == 3);
    CHECK(st.items[0].mean == Approx(4.0));
    CHECK(st.items[0].counts == std::vector<int>{0, 0, 1, 1, 1});
    CHECK(st.items[1].itemId == "b1");
    CHECK(st.items[1].mean == Approx(2.0));
    CHECK(st.items[1].counts == std::vector<int>{1, 1, 1, 0, 0});
    CHECK(st.items[2].mean == Approx(3.0));
    CHECK(st.items[2].counts == std::vector<int>{0, 1, 1, 1, 0});
    CHECK(st.items[3].mean == Approx(3.0));
    CHECK(st.items[4].itemId == "b3");
    CHECK(st.items[4].counts == std::vector<int>{0, 0, 3, 0, 0});

    // Lowest b1 (2); then a2, b2, b3 tie at 3 and keep instrument order, so a2 and b2 follow.
    CHECK(st.weakestItems == std::vector<std::string>{"b1", "a2", "b2"});
}

TEST_CASE("Missing answers: means over answered items, silent respondents not counted", "[readiness]") {
    ResponseGrid grid = {
        {5, kNone, kNone, 1},  // short row: b3 missing. A = 5 (a1 only), B = 1 (b2 only).
        {1, 4, 3, 4, 4},       // A = (1+3)/2 = 2, B = (4+4+4)/3 = 4.
        {kNone, kNone},        // no answers at all
        {},                    // empty row
    };
    ReadinessStats st = ComputeReadiness(Tiny(), grid);
    CHECK(st.respondents == 2);

    // A: scores 5 and 2 -> mean 3.5; squares 1.5^2 * 2 = 4.5; sd = sqrt(4.5/1).
    CHECK(st.subscales[0].n == 2);
    CHECK(st.subscales[0].mean == Approx(3.5));
    CHECK(st.subscales[0].sd == Approx(2.1213203436));
    CHECK(st.subscales[0].min == Approx(2.0));
    CHECK(st.subscales[0].max == Approx(5.0));
    // B: scores 1 and 4 -> mean 2.5; sd = sqrt(4.5).
    CHECK(st.subscales[1].n == 2);
    CHECK(st.subscales[1].mean == Approx(2.5));
    CHECK(st.subscales[1].sd == Approx(2.1213203436));
    CHECK(st.subscales[1].min == Approx(1.0));
    CHECK(st.subscales[1].max == Approx(4.0));

    // Items: a1 (5,1) -> 3, n 2; b1 (4) n 1; a2 (3) n 1; b2 (1,4) -> 2.5, n 2; b3 (4) n 1.
    CHECK(st.items[0].n == 2);
    CHECK(st.items[0].mean == Approx(3.0));
    CHECK(st.items[0].counts == std::vector<int>{1, 0, 0, 0, 1});
    CHECK(st.items[1].n == 1);
    CHECK(st.items[1].mean == Approx(4.0));
    CHECK(st.items[2].n == 1);
    CHECK(st.items[3].n == 2);
    CHECK(st.items[3].mean == Approx(2.5));
    CHECK(st.items[4].n == 1);
    // b2 2.5, then a1 and a2 tie at 3 in instrument order.
    CHECK(st.weakestItems == std::vector<std::string>{"b2", "a1", "a2"});
}

TEST_CASE("A respondent who answered only one subscale counts only in that subscale", "[readiness]") {
    ResponseGrid grid = {
        {4, 2, 2, 2, 2},  // A = 3, B = 2
        {2},              // A = 2, nothing in B
    };
    ReadinessStats st = ComputeReadiness(Tiny(), grid);
    CHECK(st.respondents == 2);
    CHECK(st.subscales[0].n == 2);
    CHECK(st.subscales[0].mean == Approx(2.5));
    CHECK(st.subscales[1].n == 1);
    CHECK(st.subscales[1].mean == Approx(2.0));
    CHECK(st.subscales[1].sd == 0.0);
}

TEST_CASE("Answers outside the scale are ignored: extra columns too", "[readiness]") {
    ResponseGrid grid = {
        {0, 6, 3, -1, 99, 5, 5},  // only a2 = 3 is on the scale; columns past b3 do not exist
        {7, kNone, -3},           // nothing valid: not a respondent
    };
    ReadinessStats st = ComputeReadiness(Tiny(), grid);
    CHECK(st.respondents == 1);
    CHECK(st.items[0].n == 0);
    CHECK(st.items[0].counts == std::vector<int>{0, 0, 0, 0, 0});
    CHECK(st.items[1].n == 0);
    CHECK(st.items[2].n == 1);
    CHECK(st.items[2].mean == Approx(3.0));
    CHECK(st.items[2].counts == std::vector<int>{0, 0, 1, 0, 0});
    CHECK(st.subscales[0].n == 1);
    CHECK(st.subscales[0].mean == Approx(3.0));
    CHECK(st.subscales[1].n == 0);
    CHECK(st.subscales[1].mean == 0.0);
    CHECK(st.weakestItems == std::vector<std::string>{"a2"});
}

TEST_CASE("An empty grid gives zero respondents and empty statistics", "[readiness]") {
    ReadinessStats st = ComputeReadiness(Tiny(), {});
    CHECK(st.respondents == 0);
    REQUIRE(st.items.size() == 5);
    for (const ItemStats& it : st.items) {
        CHECK(it.n == 0);
        CHECK(it.counts == std::vector<int>{0, 0, 0, 0, 0});
    }
    REQUIRE(st.subscales.size() == 2);
    for (const SubscaleStats& s : st.subscales) {
        CHECK(s.n == 0);
        CHECK(s.sd == 0.0);
    }
    CHECK(st.weakestItems.empty());
}

TEST_CASE("One respondent: sd is 0 and min = max = mean", "[readiness]") {
    ReadinessStats st = ComputeReadiness(Tiny(), {{4, 1, 5, 2, 3}});
    CHECK(st.respondents == 1);
    // A = (4+5)/2 = 4.5; B = (1+2+3)/3 = 2.
    CHECK(st.subscales[0].n == 1);
    CHECK(st.subscales[0].mean == Approx(4.5));
    CHECK(st.subscales[0].sd == 0.0);
    CHECK(st.subscales[0].min == Approx(4.5));
    CHECK(st.subscales[0].max == Approx(4.5));
    CHECK(st.subscales[1].mean == Approx(2.0));
    CHECK(st.subscales[1].sd == 0.0);
    // b1 1, b2 2, b3 3 are the lowest three.
    CHECK(st.weakestItems == std::vector<std::string>{"b1", "b2", "b3"});
}

TEST_CASE("ORIC scoring uses the published subscale membership", "[readiness]") {
    // Commitment items (2, 4, 6, 9, 11) answered 5, efficacy items answered 2, except oric-12 answered 4.
    // Efficacy = (2*6 + 4)/7 = 16/7; commitment = 5.
    std::vector<std::optional<int>> row(12, 2);
    for (int i : {1, 3, 5, 8, 10}) row[static_cast<size_t>(i)] = 5;
    row[11] = 4;
    ReadinessStats st = ComputeReadiness(Oric(), {row});
    REQUIRE(st.subscales.size() == 2);
    CHECK(st.subscales[0].subscaleId == "commitment");
    CHECK(st.subscales[0].mean == Approx(5.0));
    CHECK(st.subscales[1].subscaleId == "efficacy");
    CHECK(st.subscales[1].mean == Approx(16.0 / 7.0));
    CHECK(st.weakestItems == std::vector<std::string>{"oric-01", "oric-03", "oric-05"});
}

TEST_CASE("LoadInstruments reads every *.json in a folder, sorted by id", "[readiness]") {
    TempDir dir;
    WriteText(dir.File("b.json"), TinyInstrument("alpha"));
    WriteText(dir.File("a.json"), TinyInstrument("zeta"));
    WriteText(dir.File("notes.txt"), "not an instrument");
    std::vector<Instrument> all = LoadInstruments(dir.Path());
    REQUIRE(all.size() == 2);
    CHECK(all[0].id == "alpha");
    CHECK(all[1].id == "zeta");

    SECTION("two files with the same id") {
        WriteText(dir.File("c.json"), TinyInstrument("alpha"));
        try {
            LoadInstruments(dir.Path());
            FAIL("expected a DataError");
        } catch (const DataError& e) {
            CHECK(e.File() == dir.File("c.json"));
            CHECK(e.Field() == "id");
            CHECK(e.Why().find(dir.File("b.json")) != std::string::npos);
        }
    }
    SECTION("a broken file names itself") {
        WriteText(dir.File("c.json"), "{\n\"format\": 1,\n]");
        try {
            LoadInstruments(dir.Path());
            FAIL("expected a DataError");
        } catch (const DataError& e) {
            CHECK(e.File() == dir.File("c.json"));
            CHECK(e.Line() == 3);
        }
    }
}

TEST_CASE("LoadInstruments rejects an empty or missing folder", "[readiness]") {
    TempDir dir;
    WriteText(dir.File("readme.txt"), "x");
    CHECK_THROWS_AS(LoadInstruments(dir.Path()), DataError);
    CHECK_THROWS_AS(LoadInstruments(dir.File("nope")), DataError);
    try {
        LoadInstrument(dir.File("missing.json"));
        FAIL("expected a DataError");
    } catch (const DataError& e) {
        CHECK(e.File() == dir.File("missing.json"));
    }
}

TEST_CASE("A malformed instrument names the file, line or entry, and field", "[readiness][errors]") {
    REQUIRE_NOTHROW(ParseInstrument(TinyInstrument(), "bad.json"));

    SECTION("JSON syntax error gives the line") {
        // The a2 item is on line 10 of TinyInstrument(); a stray comma before it.
        std::string text = Replace(TinyInstrument(), "{\"id\": \"a2\"", ",{\"id\": \"a2\"");
        auto e = InstrumentError(text);
        CHECK(e.File() == "bad.json");
        CHECK(e.Line() == 10);
        CHECK(std::string(e.what()).find("bad.json") != std::string::npos);
    }
    SECTION("unknown key") {
        auto e = InstrumentError(Replace(TinyInstrument(), "\"subscale\": \"b\", \"sv\": \"b2\"",
                                         "\"subscale\": \"b\", \"colour\": \"red\", \"sv\": \"b2\""));
        CHECK(e.File() == "bad.json");
        CHECK(e.Line() == 0);
        CHECK(e.Entry() == "item #4");
        CHECK(e.Field() == "colour");
    }
    SECTION("unknown key at the top") {
        auto e = InstrumentError(Replace(TinyInstrument(), "\"citation\"", "\"author\": \"x\", \"citation\""));
        CHECK(e.Entry() == "document");
        CHECK(e.Field() == "author");
    }
    SECTION("missing key") {
        auto e = InstrumentError(Replace(TinyInstrument(), "\"sv\": \"b2\", ", ""));
        CHECK(e.Entry() == "item b2");
        CHECK(e.Field() == "sv");
    }
    SECTION("missing top-level key") {
        auto e = InstrumentError(Replace(TinyInstrument(), "\"instructions_en\": \"Answer\",", ""));
        CHECK(e.Entry() == "document");
        CHECK(e.Field() == "instructions_en");
    }
    SECTION("item with an unknown subscale") {
        auto e = InstrumentError(
            Replace(TinyInstrument(), "\"id\": \"b3\", \"subscale\": \"b\"", "\"id\": \"b3\", \"subscale\": \"c\""));
        CHECK(e.Entry() == "item b3");
        CHECK(e.Field() == "subscale");
        CHECK(e.Why().find("'c'") != std::string::npos);
    }
    SECTION("duplicate item id") {
        auto e = InstrumentError(Replace(TinyInstrument(), "\"id\": \"b3\"", "\"id\": \"a1\""));
        CHECK(e.Entry() == "item a1");
        CHECK(e.Field() == "id");
    }
    SECTION("duplicate subscale id") {
        auto e = InstrumentError(
            Replace(TinyInstrument(), "{\"id\": \"b\", \"sv\": \"B\"", "{\"id\": \"a\", \"sv\": \"B\""));
        CHECK(e.Entry() == "subscale a");
        CHECK(e.Field() == "id");
    }
    SECTION("non-contiguous scale") {
        auto e = InstrumentError(Replace(TinyInstrument(), "{\"value\": 4,", "{\"value\": 5,"));
        CHECK(e.Entry() == "scale point #4");
        CHECK(e.Field() == "value");
    }
    SECTION("descending scale") {
        auto e = InstrumentError(Replace(TinyInstrument(), "{\"value\": 2,", "{\"value\": 0,"));
        CHECK(e.Entry() == "scale point #2");
        CHECK(e.Field() == "value");
    }
    SECTION("newer format") {
        auto e = InstrumentError(Replace(TinyInstrument(), "\"format\": 1", "\"format\": 2"));
        CHECK(e.Entry() == "document");
        CHECK(e.Field() == "format");
        CHECK(e.Why().find("newer than this program reads") != std::string::npos);
    }
    SECTION("format 0") {
        CHECK(InstrumentError(Replace(TinyInstrument(), "\"format\": 1", "\"format\": 0")).Field() == "format");
    }
    SECTION("bad instrument id") {
        auto e = InstrumentError(TinyInstrument("Tiny One"));
        CHECK(e.Entry() == "document");
        CHECK(e.Field() == "id");
    }
    SECTION("subscale without items") {
        const std::string b = R"({"id": "b", "sv": "B", "en": "B"})";
        auto e = InstrumentError(Replace(TinyInstrument(), b, b + R"(, {"id": "c", "sv": "C", "en": "C"})"));
        CHECK(e.Entry() == "subscale c");
        CHECK(e.Field() == "id");
    }
    SECTION("empty text") {
        auto e = InstrumentError(Replace(TinyInstrument(), "\"en\": \"a2\"", "\"en\": \"  \""));
        CHECK(e.Entry() == "item a2");
        CHECK(e.Field() == "en");
    }
    SECTION("no items") {
        std::string text = TinyInstrument();
        text = text.substr(0, text.find("\"items\"")) + "\"items\": []}";
        CHECK(InstrumentError(text).Field() == "items");
    }
    SECTION("empty scale") {
        std::string text = TinyInstrument();
        auto from = text.find("\"scale\"");
        auto to = text.find("\"subscales\"");
        text.replace(from, to - from, "\"scale\": [], ");
        CHECK(InstrumentError(text).Field() == "scale");
    }
    SECTION("value is not a whole number") {
        auto e = InstrumentError(Replace(TinyInstrument(), "{\"value\": 3,", "{\"value\": 3.5,"));
        CHECK(e.Entry() == "scale point #3");
        CHECK(e.Field() == "value");
    }
}
