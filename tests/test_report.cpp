// The progress summary: every step (per initiative from step 8), gaps, team, plan problems and
// run-chart signals, rendered through templates/progress.*.mustache.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <regex>

#include "TestUtil.hpp"
#include "edit/Demo.hpp"
#include "output/Export.hpp"
#include "base/Paths.hpp"
#include "output/Xlsx.hpp"
#include "domain/Measures.hpp"
#include "domain/Records.hpp"
#include "output/Report.hpp"
#include "store/Store.hpp"
#include "base/Text.hpp"

using namespace stegvis;
using stegvis::test::NamesBenzodiazepines;
using stegvis::test::TempDir;
using stegvis::test::ZipPart;
using stegvis::test::TheCatalog;
using stegvis::test::TheInstruments;
using stegvis::test::TheManual;

namespace {
ProjectModel Demo(const TempDir& dir) {
    DemoOptions opt;
    opt.anchorDate = "2026-11-23";
    CreateDemo(dir.File("demo.stegvis"), opt, TheManual(), TheCatalog(), TheInstruments());
    return Store::Open(dir.File("demo.stegvis")).Load();
}
// A document of the demo through its shipped template: the case for change has its own data.
std::string Document(const ProjectModel& m, const std::string& name, const std::string& format) {
    const std::string tmpl = ResolveTemplate(name, format);
    return name == "case-for-change"
               ? RenderCaseForChange(BuildCaseForChange(m, TheCatalog(), TheInstruments(), "2026-11-23"), format, tmpl)
               : RenderProgress(m, TheCatalog(), TheManual(), TheInstruments(), "2026-11-23", format, tmpl);
}
std::string ProgressText(const ProjectModel& m, const std::string& format) {
    return RenderProgress(m, TheCatalog(), TheManual(), TheInstruments(), "2026-11-23", format,
                          ResolveTemplate("progress", format));
}
}  // namespace

TEST_CASE("The progress summary shows every step, per initiative from step 8", "[report]") {
    TempDir dir;
    ProjectModel m = Demo(dir);
    std::string md = ProgressText(m, "md");
    CHECK(StartsWith(md, "# Lägesrapport: Införande av riktlinjerna"));
    for (int step = 1; step <= 15; ++step) CHECK(md.find("| " + std::to_string(step) + ". ") != std::string::npos);
    // Step 9 is confirmed done while one resource is still missing: the report says so.
    CHECK(md.find("| 9. Säkerställ att nödvändiga resurser finns tillgängliga | implementeringsteam | MET i öppenvården | klart "
                  "(Markerat klart, men underlaget säger: 4 av 5 resurser med beslut och ansvarig) |") != std::string::npos);
    CHECK(md.find("| ASI-uppföljning efter sex månader | ej påbörjat |") != std::string::npos);
    CHECK(md.find("73 av 73 rekommendationer är bedömda") != std::string::npos);
    CHECK(md.find("- Erik Sjöberg, ledare") != std::string::npos);
    CHECK(md.find("Inspelningsutrustning för MITI-kodning") != std::string::npos);  // the missing resource
    CHECK(md.find("Rutin för att erbjuda MET vid nybesök, skulle vara klar") != std::string::npos);  // overdue
    CHECK(md.find("signal förbättring") != std::string::npos);  // the pilot's run chart
    // The baseline row carries the analysis's useful points (points on the median are dropped).
    const Record* share = Records(m, "measure").front();
    Chart chart = BuildChart(m, *share, "");
    REQUIRE(chart.parts.size() >= 2);
    CHECK(chart.baselinePoints == 23);
    CHECK(md.find("| Baslinje | " + std::to_string(chart.parts[0].analysis.nUseful) + " |") != std::string::npos);
    CHECK(md.find("Efter piloten") == std::string::npos);  // no pilot decision yet
}

TEST_CASE("The progress summary in HTML is one escaped, printable file", "[report]") {
    TempDir dir;
    ProjectModel m = Demo(dir);
    m.project.name = "MET & ASI <2027> \"Plan\"";
    m.decisions.front().title = "<img src=x onerror=alert(1)>";
    std::string html = ProgressText(m, "html");
    CHECK(StartsWith(html, "<!DOCTYPE html>"));
    CHECK(html.find("@page { size: A4") != std::string::npos);
    CHECK(html.find("<img src=x") == std::string::npos);
    CHECK(html.find("&lt;img src=x onerror=alert(1)&gt;") != std::string::npos);
    CHECK(html.find("MET &amp; ASI &lt;2027&gt; &quot;Plan&quot;") != std::string::npos);
    // Self-contained: nothing is loaded from elsewhere (the SVG namespace URI is not a fetch).
    CHECK(html.find("src=\"http") == std::string::npos);
    CHECK(html.find("href=\"http") == std::string::npos);
    CHECK(html.find("<link") == std::string::npos);
}

TEST_CASE("The HTML summary colours an improvement green and a deterioration red, never the other way", "[report][chart]") {
    TempDir dir;
    ProjectModel m = Demo(dir);
    // The demo's pilot improves its measures; the same data read the other way round (lower is
    // better) is a deterioration, which must not be painted as good.
    std::string both;
    for (const char* direction : {"up", "down"}) {
        for (auto& [kind, records] : m.records)
            if (kind == "measure")
                for (Record& r : records)
                    if (!r.Get("direction").empty()) r.fields["direction"] = direction;
        both += ProgressText(m, "html");
    }
    const std::regex verdict("<span class=\"([a-z]*)\">(förbättring|försämring)</span>");
    int good = 0, bad = 0;
    for (auto it = std::sregex_iterator(both.begin(), both.end(), verdict); it != std::sregex_iterator(); ++it) {
        const std::string cls = (*it)[1], word = (*it)[2];
        INFO(cls << " " << word);
        CHECK(cls == (word == "förbättring" ? "good" : "bad"));
        (word == "förbättring" ? good : bad) += 1;
    }
    CHECK(good > 0);
    CHECK(bad > 0);
    CHECK(both.find(".bad { color: #b3261e") != std::string::npos);
}

TEST_CASE("Every Markdown document has a blank line before each list, so every renderer sees a list", "[report]") {
    TempDir dir;
    const ProjectModel m = Demo(dir);
    const std::regex item(R"(^\s*([-*+]|\d+\.) )");
    for (const char* name : {"progress", "plan", "local-agreement", "case-for-change"}) {
        const std::string md = Document(m, name, "md");
        const std::vector<std::string> lines = Split(md, '\n');
        int lists = 0;
        for (size_t i = 1; i < lines.size(); ++i) {
            if (!std::regex_search(lines[i], item) || std::regex_search(lines[i - 1], item)) continue;
            ++lists;
            INFO(name << ".md line " << i + 1 << " follows: " << lines[i - 1]);
            CHECK(Trim(lines[i - 1]).empty());
        }
        INFO(name);
        if (std::string(name) != "local-agreement") CHECK(lists > 0);  // the demo fills a list in these (the agreement has tables)
    }
}

TEST_CASE("Every HTML document prints whole: table headers repeat, headings stay with their text, ids and dates never break", "[report][print]") {
    TempDir dir;
    const ProjectModel m = Demo(dir);
    for (const char* name : {"progress", "plan", "local-agreement", "case-for-change"}) {
        const std::string html = Document(m, name, "html");
        INFO(name);
        size_t tables = 0;
        for (size_t at = html.find("<table"); at != std::string::npos; at = html.find("<table", at + 1)) {
            ++tables;
            // The first row of each table is its header, in a <thead> a printer repeats on each page.
            const size_t head = html.find("<thead><tr><th", at);
            CHECK(head != std::string::npos);
            CHECK(head < html.find("</table>", at));
            CHECK(html.find("<tr>", at) > head);
        }
        CHECK(tables > 0);
        CHECK(html.find("thead { display: table-header-group; }") != std::string::npos);
        CHECK(html.find("h1, h2, h3, h4 { break-after: avoid;") != std::string::npos);
        CHECK(html.find("td.id, td.date, th.date { white-space: nowrap; }") != std::string::npos);
        // No recommendation id is left in a cell that may wrap it ("BI-" / "04").
        CHECK_FALSE(std::regex_search(html, std::regex("<td>[A-Z]{2}-[0-9]{2}</td>")));
        CHECK_FALSE(std::regex_search(html, std::regex("<td>20[0-9]{2}-[0-9]{2}-[0-9]{2}</td>")));
    }
}

TEST_CASE("An empty project gives a summary with its empty states", "[report]") {
    TempDir dir;
    Store s = stegvis::test::NewStore(dir);
    std::string md = ProgressText(s.Load(), "md");
    CHECK(md.find("0 av 73 rekommendationer är bedömda") != std::string::npos);
    CHECK(md.find("Inga införanden startade ännu.") != std::string::npos);
    CHECK(md.find("Inget team ännu.") != std::string::npos);
}

TEST_CASE("The HTML summary draws each measure as an inline SVG run chart", "[report][chart]") {
    TempDir dir;
    ProjectModel m = Demo(dir);
    // A note with markup on a point must not become markup in the chart.
    const Record* share = Records(m, "measure").front();
    m.points[share->id].begin()->second.note = "<script>x</script>";
    std::string html = ProgressText(m, "html");
    auto count = [&](const std::string& what) {
        size_t n = 0;
        for (size_t pos = html.find(what); pos != std::string::npos; pos = html.find(what, pos + 1)) ++n;
        return n;
    };
    CHECK(count("<svg xmlns=") == 3);
    // The value lines (70,110,170): two measures' lines break at their missing week, the third has
    // none (5), and each legend's sample (3).
    CHECK(count("stroke=\"#466eaa\" stroke-width=\"1.50\" points") == 5 + 3);
    CHECK(count("stroke-dasharray") == 2 + 2);  // the targets, and their legend samples
    // The waiting time is drawn as an I chart and the third as a P′ chart: their limits, and the
    // week outside them framed.
    CHECK(count(">Styrgränser<") == 2);  // in the two charts' legends
    CHECK(count("övre styrgräns") >= 2);  // a limit is drawn in stretches between missing weeks
    CHECK(count("nedre styrgräns") >= 2);
    CHECK(count("(utanför styrgränserna)") >= 1);
    CHECK(html.find("P′-diagram (andelar, stora nämnare), centrumlinje (medel)") != std::string::npos);
    CHECK(html.find("Punkter utanför styrgränserna:") != std::string::npos);
    CHECK(html.find("<script>x</script>") == std::string::npos);
    CHECK(html.find("&lt;script&gt;x&lt;/script&gt;") != std::string::npos);
    CHECK(ProgressText(m, "md").find("<svg") == std::string::npos);  // Markdown stays text
}

TEST_CASE("CSV exports open in Swedish Excel and neutralise formulas", "[report][csv]") {
    TempDir dir;
    ProjectModel m = Demo(dir);
    m.inventory["BI-01"].comment = "=HYPERLINK(\"http://x\";\"klicka\")";
    m.inventory["BI-02"].comment = "text; med \"citat\"";
    std::string inv = InventoryCsv(m, TheCatalog());
    CHECK(StartsWith(inv, "\xEF\xBB\xBF" "id;område;målgrupp;"));
    CHECK(std::count(inv.begin(), inv.end(), '\n') == 74);  // header + 73 recommendations
    CHECK(inv.find(";\"'=HYPERLINK(\"\"http://x\"\";\"\"klicka\"\")\"\r\n") != std::string::npos);
    CHECK(inv.find(";\"text; med \"\"citat\"\"\"\r\n") != std::string::npos);
    std::string meas = MeasuresCsv(m);
    CHECK(meas.find("högre är bättre") != std::string::npos);
    // Shares are written with a decimal comma, never a decimal point.
    CHECK(std::regex_search(meas, std::regex(";[0-9]+,[0-9]+;")));
    CHECK_FALSE(std::regex_search(meas, std::regex("[0-9]\\.[0-9]")));
}

TEST_CASE("The XLSX workbook has a sheet per part and is written whole", "[report][xlsx]") {
    TempDir dir;
    ProjectModel m = Demo(dir);
    const std::string path = dir.File("lage.xlsx");
    WriteProjectXlsx(path, m, TheCatalog(), TheManual(), TheInstruments(), "2026-11-23");
    std::string bytes = ReadFile(path);
    REQUIRE(bytes.size() > 5000);
    CHECK(bytes.substr(0, 2) == "PK");
    // File names in a zip's directory are stored as plain text: fifteen sheets.
    for (int i = 1; i <= 15; ++i) CHECK(bytes.find("xl/worksheets/sheet" + std::to_string(i) + ".xml") != std::string::npos);
    CHECK(bytes.find("xl/worksheets/sheet16.xml") == std::string::npos);
    CHECK_FALSE(PathExists(path + ".writing.xlsx"));
    CHECK_THROWS(WriteProjectXlsx(dir.File("no/such/folder/x.xlsx"), m, TheCatalog(), TheManual(), TheInstruments(), "2026-11-23"));
}

namespace {
kainjow::mustache::data SmallData() {
    kainjow::mustache::data d;
    d.set("project", "Projekt {{> secret}}");  // user text is never read as a template
    kainjow::mustache::data list{kainjow::mustache::data::type::list};
    for (int i = 0; i < 100; ++i) list.push_back(kainjow::mustache::data(std::to_string(i)));
    d.set("list", list);
    return d;
}

std::string RenderIn(const TempDir& dir, const std::string& text) {
    stegvis::test::WriteText(dir.File("mine.md.mustache"), text);
    return RenderData(dir.File("mine.md.mustache"), "md", SmallData());
}

std::string Refusal(const TempDir& dir, const std::string& text) {
    try {
        RenderIn(dir, text);
    } catch (const DataError& e) {
        return e.what();
    }
    FAIL("the template should have been refused");
    return "";
}
}  // namespace


TEST_CASE("Every sheet of a workbook prints on A4 landscape as wide as a page, with its header on each page and a filter", "[report][xlsx][print]") {
    TempDir dir;
    ProjectModel m = Demo(dir);
    const std::string path = dir.File("lage.xlsx");
    WriteProjectXlsx(path, m, TheCatalog(), TheManual(), TheInstruments(), "2026-11-23");
    const std::string book = ZipPart(path, "xl/workbook.xml");
    REQUIRE_FALSE(book.empty());
    for (int i = 1; i <= 15; ++i) {
        const std::string sheet = ZipPart(path, "xl/worksheets/sheet" + std::to_string(i) + ".xml");
        INFO("sheet " << i);
        REQUIRE_FALSE(sheet.empty());
        CHECK(sheet.find("paperSize=\"9\"") != std::string::npos);
        CHECK(sheet.find("orientation=\"landscape\"") != std::string::npos);
        CHECK(sheet.find("fitToHeight=\"0\"") != std::string::npos);
        CHECK(sheet.find("<pageSetUpPr fitToPage=\"1\"/>") != std::string::npos);
        CHECK(sheet.find("Sida &amp;P av &amp;N") != std::string::npos);
        // The header row repeats on every printed page.
        CHECK(book.find("_xlnm.Print_Titles\" localSheetId=\"" + std::to_string(i - 1) + "\"") != std::string::npos);
    }
    // Each sheet filters its columns over all its rows (the inventory: a row per recommendation).
    for (int i = 1; i <= 15; ++i) {
        const std::string sheet = ZipPart(path, "xl/worksheets/sheet" + std::to_string(i) + ".xml");
        INFO("sheet " << i);
        std::smatch dim, filter;
        REQUIRE(std::regex_search(sheet, dim, std::regex("<dimension ref=\"([A-Z0-9:]+)\"")));
        if (std::regex_match(std::string(dim[1]), std::regex("A1(:[A-Z]+1)?"))) continue;  // only a header: nothing to filter
        REQUIRE(std::regex_search(sheet, filter, std::regex("<autoFilter ref=\"([A-Z0-9:]+)\"")));
        CHECK(filter[1] == dim[1]);
    }
    CHECK(ZipPart(path, "xl/worksheets/sheet3.xml").find("<autoFilter ref=\"A1:M" +
                                                         std::to_string(TheCatalog().recommendations.size() + 1) + "\"") !=
          std::string::npos);
    const std::string styles = ZipPart(path, "xl/styles.xml");
    CHECK(styles.find("wrapText=\"1\"") != std::string::npos);
    CHECK(styles.find("formatCode=\"0.0\"") != std::string::npos);
}

TEST_CASE("The workbook has the plan's records, each measure's analysis by part and a native line chart per measure", "[report][xlsx]") {
    TempDir dir;
    ProjectModel m = Demo(dir);
    const std::string path = dir.File("lage.xlsx");
    WriteProjectXlsx(path, m, TheCatalog(), TheManual(), TheInstruments(), "2026-11-23");
    const std::string book = ZipPart(path, "xl/workbook.xml");
    for (const char* name : {"Team", "Mål", "Resurser", "Utbildning", "PDSA", "Spridning", "Analys", "Diagram"})
        CHECK(book.find(std::string("<sheet name=\"") + name + "\"") != std::string::npos);
    const std::string strings = ZipPart(path, "xl/sharedStrings.xml");
    // A team member, a goal's indicator, a PDSA cycle's change and a part's verdict, as the demo has them.
    const Record* member = Records(m, "member").front();
    CHECK(strings.find(member->Get("name")) != std::string::npos);
    const Record* init = Records(m, "initiative").front();
    CHECK(strings.find(Records(m, "goal", init->id).front()->Get("indicator")) != std::string::npos);
    CHECK(strings.find(Records(m, "pdsa", init->id).front()->Get("change").substr(0, 20)) != std::string::npos);
    CHECK(strings.find("förbättring") != std::string::npos);
    CHECK(strings.find("Median (baslinjen)") == std::string::npos);  // a series name lives in the chart, not the cells
    // One line chart per measure with data, each reading its values from the Diagram sheet.
    int measuresWithData = 0;
    for (const Record* i : Records(m, "initiative"))
        for (const Record* mr : Records(m, "measure", i->id)) measuresWithData += PointsOf(m, mr->id).empty() ? 0 : 1;
    REQUIRE(measuresWithData > 0);
    for (int c = 1; c <= measuresWithData; ++c) {
        const std::string chart = ZipPart(path, "xl/charts/chart" + std::to_string(c) + ".xml");
        INFO("chart " << c);
        CHECK(chart.find("<c:lineChart>") != std::string::npos);
        CHECK(chart.find("Diagram!$C$") != std::string::npos);
    }
    CHECK(ZipPart(path, "xl/charts/chart" + std::to_string(measuresWithData + 1) + ".xml").empty());
}

TEST_CASE("LibreOffice opens the demo's workbook and prints it on A4 landscape pages numbered Sida N av M", "[report][xlsx][print]") {
    TempDir dir;
    ProjectModel m = Demo(dir);
    const std::string path = dir.File("lage.xlsx");
    WriteProjectXlsx(path, m, TheCatalog(), TheManual(), TheInstruments(), "2026-11-23");
    // Its own profile folder, so tests running side by side do not share one.
    const std::string cmd = "cd " + stegvis::test::Quoted(dir.Path()) + " && timeout 180 soffice -env:UserInstallation=file://" +
                            dir.File("lo-profile") + " --headless --convert-to pdf lage.xlsx >/dev/null 2>&1";
    REQUIRE(std::system(cmd.c_str()) == 0);
    REQUIRE(PathExists(dir.File("lage.pdf")));
    const auto run = stegvis::test::CommandOutput;
    const std::string info = run("pdfinfo " + stegvis::test::Quoted(dir.File("lage.pdf")));
    std::smatch pages;
    REQUIRE(std::regex_search(info, pages, std::regex("Pages:\\s+([0-9]+)")));
    const int n = std::stoi(pages[1]);
    CHECK(n >= 15);  // at least a page per sheet
    CHECK(n <= 24);  // the inventory's 73 rows and the charts, not one narrow page per few columns
    CHECK(info.find("841.89 x 595.") != std::string::npos);  // A4 landscape
    const std::string text = run("pdftotext -layout " + stegvis::test::Quoted(dir.File("lage.pdf")) + " -");
    CHECK(text.find("Sida 1 av") != std::string::npos);
    CHECK(text.find("Behovsinventering") != std::string::npos);
    CHECK(text.find("Motivationshöjande behandling (MET)") != std::string::npos);
}

TEST_CASE("A partial is read from the template's own folder or templates/, nowhere else", "[report][templates]") {
    TempDir dir;
    stegvis::test::WriteText(dir.File("head.md.mustache"), "# {{project}}\n");
    SECTION("beside the chosen template") {
        // The project's name is text, never a template: shown (escaped for Markdown), not expanded.
        CHECK(RenderIn(dir, "{{> head}}text\n") == "# Projekt {{&gt; secret}}\ntext\n");
    }
    SECTION("from the program's templates/ folder") {
        CHECK(RenderIn(dir, "{{> case-for-change}}").find("Projekt") != std::string::npos);
    }
    SECTION("a path is refused, relative or absolute, with the template's line") {
        const std::string inside = ResourceDir() + "/templates/progress.md.mustache";
        for (const std::string& name : {std::string("../../etc/passwd"), std::string("/etc/passwd"),
                                        std::string("../head"), std::string(".."), inside, std::string("sub/head")}) {
            INFO(name);
            std::string why = Refusal(dir, "line 1\n{{> " + name + "}}\n");
            CHECK(why.find(dir.File("mine.md.mustache") + ":2: partial '") == 0);
            CHECK(why.find("not a path") != std::string::npos);
        }
    }
    SECTION("also after the delimiters are changed, and in a section that is never shown") {
        CHECK(Refusal(dir, "{{=<% %>=}}<%#none%><%> ../../etc/passwd%><%/none%>").find("not a path") !=
              std::string::npos);
    }
    SECTION("a link that leads out of the folder is refused") {
        stegvis::test::WriteText(dir.File("outside.txt"), "secret");
        MakeDirs(dir.File("tpl"));
        REQUIRE(::symlink(dir.File("outside.txt").c_str(), dir.File("tpl/leak.md.mustache").c_str()) == 0);
        stegvis::test::WriteText(dir.File("tpl/mine.md.mustache"), "{{> leak}}");
        CHECK_THROWS_WITH(RenderData(dir.File("tpl/mine.md.mustache"), "md", SmallData()),
                          Catch::Contains("leads outside its folder"));
    }
    SECTION("a missing partial, and a value of the data used as one, are named") {
        CHECK(Refusal(dir, "{{> project}}").find("no project.md.mustache beside the template or in templates/") !=
              std::string::npos);
    }
    SECTION("a partial that includes itself is refused") {
        stegvis::test::WriteText(dir.File("a.md.mustache"), "{{> b}}");
        stegvis::test::WriteText(dir.File("b.md.mustache"), "x\n{{#list}}{{> a}}{{/list}}");
        CHECK(Refusal(dir, "{{> a}}").find("b.md.mustache:2: partial 'a' includes itself") != std::string::npos);
    }
}

TEST_CASE("A template that would nest too deep or write without end is refused", "[report][templates]") {
    TempDir dir;
    std::string deep;
    for (int i = 0; i < 65; ++i) deep += "{{#list}}";
    for (int i = 0; i < 65; ++i) deep += "{{/list}}";
    CHECK(Refusal(dir, deep).find("nested deeper than 64 levels") != std::string::npos);
    // 100^5 passes: far more than any document.
    CHECK(
        Refusal(dir, "{{#list}}{{#list}}{{#list}}{{#list}}{{#list}}{{.}}{{/list}}{{/list}}{{/list}}{{/list}}{{/list}}")
            .find("would write more than 256 MB") != std::string::npos);
    // Three levels (10^6 passes) are still fine.
    CHECK(RenderIn(dir, "{{#list}}{{#list}}{{#list}}{{.}}{{/list}}{{/list}}{{/list}}").size() > 1'000'000);
}

TEST_CASE("report --template refuses a template whose partial leaves its folder", "[report][templates][cli]") {
    TempDir dir;
    std::string demo = dir.File("demo.stegvis");
    REQUIRE(stegvis::test::RunStegvis("demo --db '" + demo + "'").status == 0);
    stegvis::test::WriteText(dir.File("evil.md.mustache"), "{{project}}\n{{> ../../../../../../etc/passwd}}\n");
    auto r = stegvis::test::RunStegvis("report --db '" + demo + "' --format md --out '" + dir.File("out.md") +
                                       "' --template '" + dir.File("evil.md.mustache") + "'");
    CHECK(r.status != 0);
    CHECK(r.err.find("evil.md.mustache:2: partial '../../../../../../etc/passwd' is refused") != std::string::npos);
    CHECK_FALSE(PathExists(dir.File("out.md")));
}

TEST_CASE("Every report that lists interventions names the condition too", "[report]") {
    // LB-01 and LB-04 are both "Bensodiazepiner": without the condition a reader cannot tell them apart.
    TempDir dir;
    ProjectModel m = Demo(dir);
    for (const char* id : {"LB-01", "LB-04"}) {
        m.inventory[id].offered = "nej";
        m.inventory[id].gap = "stor";
        m.inventory[id].volume = 20;
        m.priorities[id].selected = true;
    }
    REQUIRE_FALSE(m.decisions.empty());
    m.decisions.front().recommendations = {"LB-01", "LB-04"};
    auto& inits = m.records["initiative"];
    REQUIRE_FALSE(inits.empty());
    inits.front().fields["rec_id"] = "LB-04";
    inits.front().fields["name"] = "Abstinensvård";  // a heading that does not repeat the intervention
    const std::string with = TheCatalog().Find("LB-01")->condition;
    const std::string without = TheCatalog().Find("LB-04")->condition;
    REQUIRE(TheCatalog().Find("LB-01")->intervention == "Bensodiazepiner");
    auto check = [&](const std::string& name, const std::string& text) {
        INFO(name);
        int mentions = 0;
        for (const auto& line : Split(text, '\n')) {
            if (!NamesBenzodiazepines(line)) continue;
            ++mentions;
            INFO(line);
            CHECK((line.find(with) != std::string::npos || line.find(without) != std::string::npos));
        }
        CHECK(mentions > 0);
        CHECK(text.find(without) != std::string::npos);
    };
    for (const char* format : {"md", "html"}) {
        for (const char* doc : {"progress", "plan", "local-agreement"})
            check(std::string(doc) + "." + format, RenderProgress(m, TheCatalog(), TheManual(), TheInstruments(), "2026-11-23",
                                                                  format, ResolveTemplate(doc, format)));
        check(std::string("case-for-change.") + format,
              RenderCaseForChange(BuildCaseForChange(m, TheCatalog(), TheInstruments(), "2026-11-23"), format,
                                  ResolveTemplate("case-for-change", format)));
    }
    // PS-05 is shown at its stated level, with its number beside it.
    const std::string agreement = RenderProgress(m, TheCatalog(), TheManual(), TheInstruments(), "2026-11-23", "md",
                                                 ResolveTemplate("local-agreement", "md"));
    CHECK(agreement.find("| PS-05 | Boendeinsatser i form av vårdkedja eller bostad först | " +
                         TheCatalog().Find("PS-05")->condition + " | bör, prio 4 |") != std::string::npos);
}
