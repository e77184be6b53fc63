#include <catch2/catch.hpp>

#include <set>

#include "TestUtil.hpp"
#include "base/Paths.hpp"
#include "reference/Phases.hpp"
#include "base/Text.hpp"

using namespace stegvis;
using stegvis::test::TheManual;

TEST_CASE("The manual has four phases and fifteen steps with their owners", "[phases]") {
    const Manual& m = TheManual();
    REQUIRE(m.phases.size() == 4);
    CHECK(m.phases[0].title.sv == "Behovsinventering");
    CHECK(m.phases[1].title.sv == "Struktur för implementering");
    CHECK(m.phases[2].title.sv == "Genomförande");
    CHECK(m.phases[3].title.sv == "Lära och förbättra");
    REQUIRE(m.steps.size() == 15);
    const int phaseOf[16] = {0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 3, 3, 3, 4, 4};
    std::set<std::string> ids;
    for (const Step& s : m.steps) {
        INFO("step " << s.number);
        CHECK(s.phase == phaseOf[s.number]);
        CHECK(s.owner == (s.number <= 5 ? Owner::Chef : Owner::Team));
        CHECK_FALSE(s.title.sv.empty());
        CHECK_FALSE(s.title.en.empty());
        CHECK_FALSE(s.purpose.sv.empty());
        CHECK_FALSE(s.guidance.sv.empty());
        CHECK_FALSE(s.done.sv.empty());
        CHECK(s.checklist.size() >= 3);
        for (const auto& item : s.checklist) CHECK(ids.insert(item.id).second);
    }
    CHECK(m.FindStep(1)->workspace == "catalog");
    CHECK(m.FindStep(2)->title.sv == "Genomför behovsinventering");
    CHECK(m.FindStep(15)->workspace == "scale");
}

namespace {
std::string MinimalManual(int steps, const std::string& owner1 = "chef") {
    std::string s = R"({"format":1,"source":"test","phases":[{"number":1,"title_sv":"A","title_en":"A"},)"
                    R"({"number":2,"title_sv":"B","title_en":"B"},{"number":3,"title_sv":"C","title_en":"C"},)"
                    R"({"number":4,"title_sv":"D","title_en":"D"}],"steps":[)";
    for (int n = 1; n <= steps; ++n) {
        char id[16];
        std::snprintf(id, sizeof id, "s%02d-task", n);
        s += std::string(n > 1 ? "," : "") + "\n{\"number\":" + std::to_string(n) + ",\"phase\":" +
             std::to_string(n <= 5 ? 1 : n <= 10 ? 2 : n <= 13 ? 3 : 4) + ",\"owner\":\"" + (n == 1 ? owner1 : n <= 5 ? "chef" : "team") +
             "\",\"workspace\":\"catalog\",\"title_sv\":\"t\",\"title_en\":\"t\",\"purpose_sv\":\"p\",\"purpose_en\":\"p\","
             "\"guidance_sv\":\"g\",\"guidance_en\":\"g\",\"done_sv\":\"d\",\"done_en\":\"d\",\"checklist\":[{\"id\":\"" +
             id + "\",\"sv\":\"x\",\"en\":\"x\"}]}";
    }
    return s + "\n]}";
}

DataError ManualError(const std::string& text) {
    try {
        ParseManual(text, "steps.json");
    } catch (const DataError& e) {
        return e;
    }
    FAIL("expected a DataError");
    throw std::logic_error("unreachable");
}
}  // namespace

TEST_CASE("A minimal valid manual parses", "[phases]") {
    Manual m = ParseManual(MinimalManual(15), "steps.json");
    CHECK(m.steps.size() == 15);
}

TEST_CASE("A malformed manual names the file, line or step, and field", "[phases][errors]") {
    SECTION("JSON syntax error gives the line") {
        std::string text = MinimalManual(15);
        text.insert(text.find("\n{\"number\":3"), "\n,,");
        auto e = ManualError(text);
        CHECK(e.File() == "steps.json");
        CHECK(e.Line() == 4);
    }
    SECTION("wrong owner") {
        auto e = ManualError(MinimalManual(15, "boss"));
        CHECK(e.Entry() == "step 1");
        CHECK(e.Field() == "owner");
    }
    SECTION("fourteen steps") { CHECK(ManualError(MinimalManual(14)).Field() == "steps"); }
    SECTION("unknown key") {
        std::string text = MinimalManual(15);
        text.insert(text.find("\"title_sv\":\"t\""), "\"colour\":\"red\",");
        auto e = ManualError(text);
        CHECK(e.Field() == "colour");
    }
    SECTION("missing key") {
        std::string text = MinimalManual(15);
        auto pos = text.find("\"purpose_sv\":\"p\",");
        text.erase(pos, std::string("\"purpose_sv\":\"p\",").size());
        auto e = ManualError(text);
        CHECK(e.Entry() == "step 1");
        CHECK(e.Field() == "purpose_sv");
    }
    SECTION("unknown workspace") {
        std::string text = MinimalManual(15);
        text.replace(text.find("\"workspace\":\"catalog\""), 21, "\"workspace\":\"kitchen\"");
        CHECK(ManualError(text).Field() == "workspace");
    }
    SECTION("newer format") {
        std::string text = MinimalManual(15);
        text.replace(text.find("\"format\":1"), 10, "\"format\":2");
        CHECK(ManualError(text).Field() == "format");
    }
}

TEST_CASE("The manual says its phase split is a reading, in both languages", "[phases]") {
    const Manual& m = TheManual();
    // The source names the four phases and the 15 steps but does not assign steps to phases.
    CHECK(m.phaseNote.sv.find("Stegvis tolkning") != std::string::npos);
    CHECK(m.phaseNote.en.find("Stegvis's reading") != std::string::npos);
    CHECK(m.FindStep(1)->guidance.sv.find("Stegvis tolkning") != std::string::npos);
    CHECK(m.FindStep(1)->guidance.en.find("Stegvis's reading") != std::string::npos);
    for (int first : {6, 11, 14}) {
        INFO("step " << first);
        CHECK(m.FindStep(first)->guidance.sv.find("Stegvis tolkning") != std::string::npos);
        CHECK(m.FindStep(first)->guidance.en.find("Stegvis's reading") != std::string::npos);
    }
}

TEST_CASE("Step 1 says icke-göra means bör inte, as the guidelines word it", "[phases]") {
    const Step& s = *TheManual().FindStep(1);
    CHECK(s.guidance.sv.find("icke-göra att den inte bör användas") != std::string::npos);
    CHECK(s.guidance.sv.find("”bör inte”") != std::string::npos);
    CHECK(s.guidance.sv.find("inte ska användas alls") == std::string::npos);
    CHECK(s.guidance.en.find("should not be used") != std::string::npos);
    CHECK(s.guidance.en.find("not be used at all") == std::string::npos);
}

TEST_CASE("Methods the manual does not name are called the tool's additions where a step uses them", "[phases]") {
    int steps = 0;
    for (const Step& s : TheManual().steps) {
        const std::string text = FoldCase(s.guidance.sv + " " + s.purpose.sv);
        bool uses = false;
        for (const char* method : {"oric", "hexagon", "pdsa", "seriediagram", "styrdiagram"})
            uses = uses || text.find(method) != std::string::npos;
        if (!uses) continue;
        ++steps;
        INFO("step " << s.number);
        CHECK(s.guidance.sv.find("tillägg i Stegvis, inte i manualen") != std::string::npos);
        CHECK(s.guidance.en.find("addition") != std::string::npos);
        CHECK(s.guidance.en.find("in Stegvis, not in the manual") != std::string::npos);
    }
    CHECK(steps == 8);  // 3 and 7-8 (Hexagon), 4 (ORIC), 12-15 (run charts, PDSA)
}

TEST_CASE("The phase note is optional, but given in both languages or not at all", "[phases][errors]") {
    std::string text = MinimalManual(15);
    CHECK(ParseManual(text, "steps.json").phaseNote.sv.empty());
    text.insert(text.find("\"phases\""), "\"phase_note_sv\":\"tolkning\",");
    auto e = ManualError(text);
    CHECK(e.Field() == "phase_note_en");
    text.insert(text.find("\"phases\""), "\"phase_note_en\":\"reading\",");
    Manual m = ParseManual(text, "steps.json");
    CHECK(m.phaseNote.sv == "tolkning");
    CHECK(m.phaseNote.en == "reading");
}

TEST_CASE("The ORIC subscales have one name in the questionnaire and in the step guidance", "[phases][readiness]") {
    const Instrument* oric = nullptr;
    for (const auto& i : stegvis::test::TheInstruments())
        if (i.id == "oric") oric = &i;
    REQUIRE(oric != nullptr);
    REQUIRE(oric->subscales.size() == 2);
    const Step& s4 = *TheManual().FindStep(4);
    for (const auto& sub : oric->subscales) {
        INFO(sub.name.sv);
        CHECK(FoldCase(s4.guidance.sv).find(FoldCase(sub.name.sv)) != std::string::npos);
        CHECK(FoldCase(s4.guidance.en).find(FoldCase(sub.name.en)) != std::string::npos);
        bool inChecklist = false;
        for (const auto& item : s4.checklist) inChecklist = inChecklist || FoldCase(item.text.sv).find(FoldCase(sub.name.sv)) != std::string::npos;
        CHECK(inChecklist);
    }
    CHECK(oric->subscales[1].name.sv == "Förändringsförmåga");
    // ORIC is not Socialstyrelsen's tool "Beredskap för förändring", which the manual names.
    CHECK(FoldCase(oric->name.sv).find("beredskap för förändring") == std::string::npos);
}
