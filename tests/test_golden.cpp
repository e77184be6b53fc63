// Golden files: every template rendered on the demo must match tests/golden/ byte for byte.
// After an intended change, regenerate with STEGVIS_UPDATE_GOLDEN=1 and read the diff.
#include <catch2/catch.hpp>

#include <cstdlib>

#include "TestUtil.hpp"
#include "edit/Demo.hpp"
#include "output/Report.hpp"
#include "output/Rollup.hpp"
#include "store/Store.hpp"
#include "base/Text.hpp"

using namespace stegvis;
using stegvis::test::TempDir;
using stegvis::test::TheCatalog;
using stegvis::test::TheInstruments;
using stegvis::test::TheManual;

namespace {
constexpr const char* kAnchor = "2020-01-15";  // a fixed past "today" for the demo, so output is stable

std::string Normalise(std::string text, const std::string& dir) {
    for (auto [from, to] : {std::pair<std::string, std::string>{dir, "<dir>"}, {TodayIso(), "<today>"}})
        for (size_t pos; (pos = text.find(from)) != std::string::npos;) text.replace(pos, from.size(), to);
    return text;
}

void Golden(const std::string& name, const std::string& actual) {
    const std::string path = std::string(STEGVIS_SOURCE_DIR) + "/tests/golden/" + name;
    if (const char* u = std::getenv("STEGVIS_UPDATE_GOLDEN"); u && std::string(u) == "1") {
        WriteFileAtomic(path, actual);
        WARN("updated " << path);
        return;
    }
    std::string expected;
    try {
        expected = ReadFile(path);
    } catch (const std::exception&) {
        FAIL(path << " is missing; run the tests with STEGVIS_UPDATE_GOLDEN=1 to create it");
    }
    if (expected != actual) {
        size_t at = 0;
        while (at < expected.size() && at < actual.size() && expected[at] == actual[at]) ++at;
        FAIL(name << " differs from the golden file at byte " << at << ":\n  expected: "
                  << expected.substr(at, 80) << "\n  actual:   " << actual.substr(at, 80)
                  << "\n(if the change is intended, regenerate with STEGVIS_UPDATE_GOLDEN=1)");
    }
}
}  // namespace

TEST_CASE("Every template renders the demo exactly as the golden files", "[report][golden]") {
    TempDir dir;
    DemoOptions opt;
    opt.anchorDate = kAnchor;
    const std::string file = dir.File("demo.stegvis");
    CreateDemo(file, opt, TheManual(), TheCatalog(), TheInstruments());
    ProjectModel m = Store::Open(file).Load();
    for (const char* format : {"md", "html"}) {
        Golden(std::string("progress.") + format,
               RenderProgress(m, TheCatalog(), TheManual(), TheInstruments(), kAnchor, format, ResolveTemplate("progress", format)));
        for (const char* doc : {"plan", "local-agreement", "board"})
            Golden(std::string(doc) + "." + format,
                   RenderProgress(m, TheCatalog(), TheManual(), TheInstruments(), kAnchor, format, ResolveTemplate(doc, format)));
        Golden(std::string("case-for-change.") + format,
               RenderCaseForChange(BuildCaseForChange(m, TheCatalog(), TheInstruments(), kAnchor), format,
                                   ResolveTemplate("case-for-change", format)));
    }
    // What the PDFs typeset: the Markdown with the charts named where they go.
    for (const char* doc : {"progress", "board"})
        Golden(std::string(doc) + ".pdf.md", RenderData(ResolveTemplate(doc, "md"), "md",
                                                        ProgressData(m, TheCatalog(), TheManual(), TheInstruments(), kAnchor, "pdf")));
    TempDir work;
    Rollup r = LoadRollup({file}, work.Path());
    REQUIRE(r.units.size() == 1);
    Golden("rollup.html", Normalise(RenderRollup(r, TheCatalog(), TheManual(), kAnchor, ResolveTemplate("rollup", "html")), dir.Path()));
}
