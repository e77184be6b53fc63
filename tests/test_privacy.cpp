// The privacy guard: free text that looks like a Swedish personal identity number.
#include <catch2/catch.hpp>

#include "TestUtil.hpp"
#include "edit/Actions.hpp"
#include "domain/Privacy.hpp"
#include "output/Report.hpp"
#include "store/Store.hpp"

using namespace stegvis;
using stegvis::test::TempDir;
using stegvis::test::TheCatalog;
using stegvis::test::TheInstruments;
using stegvis::test::TheManual;

TEST_CASE("Personal identity numbers are found by date and check digit, and masked", "[privacy]") {
    // Skatteverket's example number, in every written form.
    CHECK(FindPersonalNumbers("811218-9876") == std::vector<std::string>{"811218-****"});
    CHECK(FindPersonalNumbers("Klienten 19811218-9876 kom") == std::vector<std::string>{"19811218-****"});
    CHECK(FindPersonalNumbers("811218+9876") == std::vector<std::string>{"811218+****"});
    CHECK(FindPersonalNumbers("a811218-9876, b811218-9876") .size() == 2);
    // A coordination number: the day plus 60.
    CHECK(LooksLikePersonalNumber("samordningsnummer 811278-9873"));

    // Not numbers: a wrong check digit, an impossible date, a part of a longer number, dates,
    // phone numbers, case numbers.
    CHECK_FALSE(LooksLikePersonalNumber("811218-9875"));
    CHECK_FALSE(LooksLikePersonalNumber("811318-9874"));  // month 13
    CHECK_FALSE(LooksLikePersonalNumber("811200-9879"));  // day 0
    CHECK_FALSE(LooksLikePersonalNumber("1811218-9876"));
    CHECK_FALSE(LooksLikePersonalNumber("811218-98761"));
    CHECK_FALSE(LooksLikePersonalNumber("811218 9876"));
    CHECK_FALSE(LooksLikePersonalNumber("2026-11-23, ankn. 070-1234567, dnr 2026-0412"));
    CHECK_FALSE(LooksLikePersonalNumber(""));
    CHECK_FALSE(LooksLikePersonalNumber("811218-987"));
}

TEST_CASE("The project is scanned field by field, and the progress summary lists where", "[privacy][report]") {
    TempDir dir;
    const std::string path = dir.File("p.stegvis");
    const ProjectInfo info = stegvis::test::SampleInfo();
    Store store = Store::Create(path, info);
    const Manual& manual = TheManual();
    auto ok = [&](const Action& a) { REQUIRE(Apply(store, a, "test", &manual).ok); };
    ok(SetStepNotes{3, "Ärendet gällde 811218-9876, följ upp"});
    ok(SetInventoryField{"PB-01", InvField::Comment, "Se 19811218-9876"});
    ok(SetStepNotes{4, "Inget känsligt här: 2026-11-23, dnr 2026-0412"});
    Decision d;
    d.step = 7;
    d.decidedOn = "2026-11-01";
    d.title = "Starta MET";
    d.rationale = "Efter samtal med 811278-9873";
    d.participants = "Teamet";
    ok(RecordDecision{d});
    ok(AddRecord{"member", 0, {{"name", "Maria"}, {"role", "member"}, {"contact", "811218-9876"}}});

    const ProjectModel model = store.Load();
    const auto findings = ScanForPersonalNumbers(model);
    REQUIRE(findings.size() == 4);
    CHECK(findings[0].where == "Steg 3, anteckningar");
    CHECK(findings[0].masked == "811218-****");
    CHECK(findings[1].where == "Behovsinventering, PB-01, kommentar");
    CHECK(findings[2].where == "Beslut 2026-11-01 «Starta MET», motivering");
    CHECK(findings[3].where == "Teammedlem «Maria», contact");

    for (const std::string format : {"md", "html"}) {
        const std::string out = RenderProgress(model, TheCatalog(), manual, TheInstruments(), "2026-11-23", format,
                                               ResolveTemplate("progress", format));
        INFO(format);
        CHECK(out.find("Integritet: texter som liknar personnummer") != std::string::npos);
        // Markdown shows the stars as typed, escaped so they are not taken for emphasis.
        CHECK(out.find(format == "md" ? "Steg 3, anteckningar: 811218-\\*\\*\\*\\*" : "Steg 3, anteckningar: 811218-****") !=
              std::string::npos);
        CHECK(out.find("Teammedlem «Maria», contact") != std::string::npos);
        // The report never repeats the numbers themselves.
        CHECK(out.find("9876") == std::string::npos);
        CHECK(out.find("9873") == std::string::npos);
    }
}
