// The documents as documents: PDFs read back with poppler (pdfinfo, pdftotext), chart images read
// back with cairo, and the chart's layout (ticks, legend, part titles) checked on the scene.
#include <catch2/catch.hpp>

#include <cairo.h>

#include <cmath>
#include <set>

#include "domain/ChartScene.hpp"
#include "output/Docx.hpp"
#include "output/Report.hpp"
#include "domain/Measures.hpp"
#include "domain/Records.hpp"
#include "edit/Demo.hpp"
#include "print/Cairo.hpp"
#include "print/Documents.hpp"
#include "print/Pdf.hpp"
#include "base/Files.hpp"
#include "base/Paths.hpp"
#include "base/Text.hpp"
#include "store/Store.hpp"
#include "TestUtil.hpp"

using namespace stegvis;
using stegvis::test::CommandOutput;
using stegvis::test::Quoted;
using stegvis::test::RunResult;
using stegvis::test::RunStegvis;
using stegvis::test::TempDir;
using stegvis::test::TheCatalog;
using stegvis::test::TheInstruments;
using stegvis::test::TheManual;

namespace {
std::string MakeDemo(const TempDir& dir, const std::string& scale = "unit") {
    DemoOptions opt;
    opt.anchorDate = "2026-11-23";
    opt.scale = scale;
    const std::string path = dir.File("demo-" + scale + ".stegvis");
    CreateDemo(path, opt, TheManual(), TheCatalog(), TheInstruments());
    return path;
}
bool HavePoppler() { return !CommandOutput("command -v pdfinfo pdftotext").empty(); }
int PdfPages(const std::string& pdf) {
    const std::string info = CommandOutput("pdfinfo " + Quoted(pdf));
    const size_t at = info.find("Pages:");
    return at == std::string::npos ? -1 : std::atoi(info.c_str() + at + 6);
}
std::string PdfText(const std::string& pdf, int page = 0) {
    const std::string range = page > 0 ? " -f " + std::to_string(page) + " -l " + std::to_string(page) : "";
    return CommandOutput("pdftotext -layout" + range + " " + Quoted(pdf) + " -");
}
// The pixels of a PNG that are not white, and its size.
struct PngLook {
    int width = 0, height = 0;
    long inked = 0;
    std::set<uint32_t> colours;
};
PngLook Look(const std::string& path) {
    PngLook look;
    cairo_surface_t* s = cairo_image_surface_create_from_png(path.c_str());
    if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(s);
        return look;
    }
    look.width = cairo_image_surface_get_width(s);
    look.height = cairo_image_surface_get_height(s);
    const int stride = cairo_image_surface_get_stride(s);
    const unsigned char* data = cairo_image_surface_get_data(s);
    for (int y = 0; y < look.height; ++y)
        for (int x = 0; x < look.width; ++x) {
            const uint32_t px = *reinterpret_cast<const uint32_t*>(data + y * stride + x * 4) & 0xFFFFFF;
            if (px != 0xFFFFFF) ++look.inked;
            look.colours.insert(px);
        }
    cairo_surface_destroy(s);
    return look;
}
std::vector<const SceneItem*> Texts(const ChartScene& s) {
    std::vector<const SceneItem*> out;
    for (const SceneItem& it : s.items)
        if (it.kind == SceneItem::Kind::Text) out.push_back(&it);
    return out;
}
bool HasText(const ChartScene& s, const std::string& text) {
    for (const SceneItem* t : Texts(s))
        if (t->text == text) return true;
    return false;
}
}  // namespace

TEST_CASE("Chart ticks fall on round values and read with a decimal comma", "[chart]") {
    CHECK(NiceTicks(0, 100, 5) == std::vector<double>{0, 20, 40, 60, 80, 100});
    CHECK(NiceTicks(13.2, 27.9, 4) == std::vector<double>{10, 15, 20, 25, 30});
    const auto small = NiceTicks(0.12, 0.58, 5);
    REQUIRE(small.size() >= 3);
    CHECK(small.front() <= 0.12);
    CHECK(small.back() >= 0.58);
    CHECK(TickText(2.5, 2.5, false) == "2,5");
    CHECK(TickText(2.5, 2.5, true) == "2.5");
    CHECK(TickText(20, 5, false) == "20");
    CHECK(TickText(0.25, 0.05, false) == "0,25");
    CHECK(TickText(-0.0, 1, false) == "0");
}

TEST_CASE("The chart scene has its legend, round y ticks with the unit, date ticks and whole part titles", "[chart]") {
    TempDir dir;
    const ProjectModel m = Store::OpenReadOnly(MakeDemo(dir)).Load();
    const Record* met = nullptr;  // the share offered MET: a run chart in per cent with a target and PDSA parts
    const Record* audit = nullptr;  // the P′ chart
    for (const Record* r : Records(m, "measure")) {
        if (r->Get("chart") == "pp") audit = r;
        else if (!met && r->Get("unit") == "%") met = r;
    }
    REQUIRE(met);
    REQUIRE(audit);
    ChartStyle style = ChartImageStyle(800);
    style.measure = PangoTextWidth();
    const auto scene = MeasureChartScene(m, met->id, style);
    REQUIRE(scene);
    CHECK(HasText(*scene, met->Get("name")));  // an image says what it shows
    CHECK(HasText(*scene, "Värde (%)"));
    CHECK(HasText(*scene, "Mål 60"));
    bool median = false, better = false;
    for (const SceneItem* t : Texts(*scene)) {
        median |= StartsWith(t->text, "Baslinjens median ");
        better |= t->text == "Förbättring";
        // Nothing is written outside the image.
        CHECK(t->pts[0].x >= 0);
        CHECK(t->pts[0].x <= scene->width);
        CHECK(t->pts[0].y >= 0);
        CHECK(t->pts[0].y + t->size <= scene->height + 1);
    }
    CHECK(median);
    CHECK(better);
    CHECK(HasText(*scene, "60 %"));  // round ticks, the unit after them
    // Every part's title starts where its part starts and is written whole where there is room
    // (else shortened with "…", the whole title its tooltip); titles on one row never overlap.
    const Record* init = FindRecord(m, "initiative", met->initiative);
    const Chart chart = BuildChart(m, *met, init ? init->Get("full_scale_from") : "");
    REQUIRE(chart.parts.size() >= 3);
    CHECK(HasText(*scene, chart.periods.front()));  // the first week's date under the axis
    auto titles = [&](const ChartScene& sc) {
        std::vector<const SceneItem*> out;
        for (const ChartPart& p : chart.parts)
            for (const SceneItem* t : Texts(sc))
                if (t->title == p.label) out.push_back(t);
        return out;
    };
    for (const SceneItem* t : titles(*scene)) CHECK((t->text == t->title || (t->text.size() > 3 && t->text.substr(t->text.size() - 3) == "…")));
    for (const SceneItem* a : titles(*scene))
        for (const SceneItem* b : titles(*scene))
            if (a != b && a->pts[0].y == b->pts[0].y && a->pts[0].x < b->pts[0].x)
                CHECK(a->pts[0].x + PangoTextWidth()(a->text, a->size) <= b->pts[0].x);
    ChartStyle wide = ChartImageStyle(1600);
    wide.fontSize = 10;
    wide.measure = PangoTextWidth();
    const auto big = MeasureChartScene(m, met->id, wide);
    REQUIRE(big);
    REQUIRE(titles(*big).size() == chart.parts.size());
    for (const SceneItem* t : titles(*big)) CHECK(t->text == t->title);  // room enough: all whole
    // The control chart names its mean, its limits and the point outside them; in English too.
    style.english = true;
    const auto control = MeasureChartScene(m, audit->id, style);
    REQUIRE(control);
    CHECK(HasText(*control, "Control limits"));
    CHECK(HasText(*control, "Outside the limits"));
    bool mean = false;
    for (const SceneItem* t : Texts(*control)) mean |= StartsWith(t->text, "Baseline mean ");
    CHECK(mean);
    // A measure without points is a frame that says so, not a crash or an empty image.
    Record empty;
    empty.fields["name"] = "Tomt";
    const ChartScene none = BuildChartScene(Chart{}, empty, style);
    CHECK(HasText(none, "No values yet"));
}

TEST_CASE("A count or share drawn as an I chart keeps its axis at 0 and above", "[chart]") {
    TempDir dir;
    ProjectModel m = Store::OpenReadOnly(MakeDemo(dir)).Load();
    ChartStyle style = ChartImageStyle(800);
    style.measure = PangoTextWidth();
    int negativeLimits = 0;
    for (Record& r : m.records["measure"]) {
        r.fields["chart"] = "i";
        // Values near 0 that swing: the I chart's lower limit falls below 0.
        int k = 0;
        for (auto& [period, point] : m.points[r.id]) {
            point.numerator = (k++ % 2) ? 9.0 : 0.0;
            if (point.denominator) point.denominator = 10.0;
        }
        const Chart chart = BuildChart(m, r, "");
        if (chart.control)
            for (const auto& l : chart.control->lcl) negativeLimits += l && *l < 0;
        const auto scene = MeasureChartScene(m, r.id, style);
        REQUIRE(scene);
        INFO(r.Get("name"));
        for (const SceneItem* t : Texts(*scene)) {
            CHECK_FALSE(StartsWith(t->text, "-"));
            CHECK_FALSE(StartsWith(t->text, "−"));
        }
    }
    CHECK(negativeLimits > 0);  // the demo has an I chart whose lower limit is below 0
}

TEST_CASE("stegvis chart saves a measure's chart as PNG, SVG and PDF by the id status lists", "[chart][cli]") {
    TempDir dir;
    const std::string db = MakeDemo(dir);
    const RunResult status = RunStegvis("status --db " + Quoted(db) + " --format json");
    REQUIRE(status.status == 0);
    // The measures are listed per initiative with id and name.
    const size_t measures = status.out.find("\"measures\":[{\"id\":");
    REQUIRE(measures != std::string::npos);
    const int64_t id = std::atoll(status.out.c_str() + measures + 18);
    REQUIRE(id > 0);
    CHECK(status.out.find("\"name\":\"Andel nya klienter med alkoholproblem som erbjuds MET\"") != std::string::npos);

    const std::string png = dir.File("chart.png");
    const RunResult made = RunStegvis("chart --db " + Quoted(db) + " --measure " + std::to_string(id) + " --out " + Quoted(png));
    INFO(made.err);
    REQUIRE(made.status == 0);
    const PngLook look = Look(png);
    CHECK(look.width == 800);
    CHECK(look.height == 356);  // 0,42 of the width, and a row for the measure's name above
    CHECK(look.inked > 800 * 356 / 50);  // lines, points, text: not a blank image
    CHECK(look.colours.count(0x2a7a33) == 1);  // the improvement's green is there
    // --width sets the size; the height follows.
    REQUIRE(RunStegvis("chart --db " + Quoted(db) + " --measure " + std::to_string(id) + " --width 1200 --out " + Quoted(png)).status == 0);
    CHECK(Look(png).width == 1200);
    const std::string svg = dir.File("chart.svg"), pdf = dir.File("chart.pdf");
    REQUIRE(RunStegvis("chart --db " + Quoted(db) + " --measure " + std::to_string(id) + " --out " + Quoted(svg)).status == 0);
    CHECK(StartsWith(ReadFile(svg), "<?xml"));
    CHECK(ReadFile(svg).find("<svg") != std::string::npos);
    REQUIRE(RunStegvis("chart --db " + Quoted(db) + " --measure " + std::to_string(id) + " --out " + Quoted(pdf)).status == 0);
    CHECK(StartsWith(ReadFile(pdf), "%PDF-"));
    REQUIRE(HavePoppler());
    CHECK(PdfText(pdf).find("Baslinjens median") != std::string::npos);

    // Refusals name the problem and write nothing.
    const RunResult unknown = RunStegvis("chart --db " + Quoted(db) + " --measure 99999 --out " + Quoted(dir.File("x.png")));
    CHECK(unknown.status == 2);
    CHECK(unknown.err.find("no measure 99999") != std::string::npos);
    const RunResult gif = RunStegvis("chart --db " + Quoted(db) + " --measure " + std::to_string(id) + " --out " + Quoted(dir.File("x.gif")));
    CHECK(gif.status == 2);
    CHECK(gif.err.find(".png, .svg or .pdf") != std::string::npos);
    CHECK_FALSE(PathExists(dir.File("x.png")));
    CHECK_FALSE(PathExists(dir.File("x.gif")));
    const RunResult over = RunStegvis("chart --db " + Quoted(db) + " --measure " + std::to_string(id) + " --out " + Quoted(db));
    CHECK(over.status != 0);
}

TEST_CASE("Markdown inline text becomes pango markup that parses", "[pdf]") {
    CHECK(InlineMarkup("**Mått:** a\\*b") == "<b>Mått:</b> a*b");
    CHECK(InlineMarkup("*kursiv* och **fet**") == "<i>kursiv</i> och <b>fet</b>");
    CHECK(InlineMarkup("&lt;script&gt; & Co") == "&lt;script&gt; &amp; Co");
    CHECK(InlineMarkup("rad ett<br>rad två") == "rad ett\nrad två");
    CHECK(InlineMarkup("**öppen") == "<b>öppen</b>");  // an unclosed marker is closed
    CHECK(InlineMarkup("**fet *och kursiv** slut*") == "<b>fet <i>och kursiv</i></b><i> slut</i>");
    CHECK(InlineMarkup("a < b > c") == "a &lt; b &gt; c");
}

TEST_CASE("Every document is an A4 PDF with its headings, a running header and Sida N av M", "[pdf][cli]") {
    INFO("pdfinfo and pdftotext come with poppler-utils, which ./stegvis test installs");
    REQUIRE(HavePoppler());
    TempDir dir;
    const std::string db = MakeDemo(dir);
    const std::pair<const char*, const char*> docs[] = {{"progress", "Behov och glapp"},
                                                        {"board", "Nämnden ombeds"},
                                                        {"case-for-change", "Underlag för förändring"},
                                                        {"plan", "Implementeringsteamet"},
                                                        {"local-agreement", "Lokal överenskommelse"}};
    for (const auto& [doc, heading] : docs) {
        INFO(doc);
        const std::string out = dir.File(std::string(doc) + ".pdf");
        const RunResult r = RunStegvis("report --db " + Quoted(db) + " --format pdf --template " + doc + " --out " + Quoted(out));
        INFO(r.err);
        REQUIRE(r.status == 0);
        const std::string info = CommandOutput("pdfinfo " + Quoted(out));
        CHECK(info.find("595.28 x 841.89 pts (A4)") != std::string::npos);
        const int pages = PdfPages(out);
        REQUIRE(pages >= 1);
        const std::string text = PdfText(out);
        CHECK(text.find(heading) != std::string::npos);
        CHECK(text.find("Sida 1 av " + std::to_string(pages)) != std::string::npos);
        CHECK(text.find("Sida " + std::to_string(pages) + " av " + std::to_string(pages)) != std::string::npos);
        CHECK(text.find("Exempelkommun") != std::string::npos);  // the running header names the unit
        // DejaVu is embedded: the document reads the same on a machine without it.
        const std::string fonts = CommandOutput("pdffonts " + Quoted(out));
        CHECK(fonts.find("DejaVuSans") != std::string::npos);
        CHECK(fonts.find(" no ") == std::string::npos);
    }
    // The progress summary of the demo is several pages, with its charts drawn as vectors.
    CHECK(PdfPages(dir.File("progress.pdf")) >= 4);
    CHECK(PdfText(dir.File("progress.pdf")).find("Baslinjens median") != std::string::npos);
    // The board summary is one page, for the national-scale demo as well.
    CHECK(PdfPages(dir.File("board.pdf")) == 1);
    const std::string national = MakeDemo(dir, "national");
    const std::string nb = dir.File("national-board.pdf");
    REQUIRE(RunStegvis("report --db " + Quoted(national) + " --format pdf --template board --out " + Quoted(nb)).status == 0);
    CHECK(PdfPages(nb) == 1);
    CHECK(PdfText(nb).find("till (se lägesrapporten)") != std::string::npos);  // shortened, never spilled
}

TEST_CASE("A long table repeats its header on every page and a heading stays with what follows it", "[pdf]") {
    INFO("pdftotext comes with poppler-utils, which ./stegvis test installs");
    REQUIRE(HavePoppler());
    TempDir dir;
    std::string md = "# Provdokument\n\n## Tabell\n\n| Datum | Steg | Beslut |\n|---|---|---|\n";
    for (int i = 0; i < 150; ++i) md += "| 2026-01-" + std::to_string(10 + i % 18) + " | " + std::to_string(i) + " | Beslut nummer " + std::to_string(i) + " |\n";
    // Forty headings, each with its first paragraph and filler of growing length after it, so
    // that headings land at every height of a page, its foot included.
    for (int k = 0; k < 40; ++k) {
        md += "\n## Rubrik " + std::to_string(k) + "\n\nFörsta stycket " + std::to_string(k) + ".\n";
        for (int f = 0; f < k % 7; ++f) md += "\nFyllnad som tar en rad.\n";
    }
    PdfOptions opt;
    opt.title = "Provdokument";
    opt.header = "Enhet · Provdokument";
    opt.date = "2026-11-30";
    const PdfDocument pdf = MarkdownToPdf(md, opt, {});
    REQUIRE(pdf.pages >= 4);
    const std::string path = dir.File("prov.pdf");
    WriteFileAtomic(path, pdf.bytes);
    CHECK(PdfPages(path) == pdf.pages);
    int tablePages = 0, headings = 0;
    for (int p = 1; p <= pdf.pages; ++p) {
        const std::string page = PdfText(path, p);
        INFO("page " << p);
        CHECK(page.find("Enhet · Provdokument") != std::string::npos);
        CHECK(page.find("Sida " + std::to_string(p) + " av " + std::to_string(pdf.pages)) != std::string::npos);
        if (page.find("Beslut nummer") != std::string::npos) {
            ++tablePages;
            CHECK(page.find("Datum") != std::string::npos);  // the header, repeated
        }
        // Wherever a heading lands, its first paragraph is on the same page.
        for (int k = 0; k < 40; ++k)
            if (page.find("Rubrik " + std::to_string(k) + "\n") != std::string::npos) {
                INFO("heading " << k);
                CHECK(page.find("Första stycket " + std::to_string(k) + ".") != std::string::npos);
                ++headings;
            }
    }
    CHECK(tablePages >= 3);
    CHECK(headings == 40);
}

TEST_CASE("A verdict is coloured in a signal column only: improvement green and deterioration red", "[pdf]") {
    REQUIRE(HavePoppler());
    TempDir dir;
    auto colours = [&](const std::string& table) {
        PdfOptions opt;
        opt.title = opt.header = "Färg";
        opt.date = "2026-11-30";
        const std::string pdf = dir.File("f.pdf");
        WriteFileAtomic(pdf, MarkdownToPdf("# Färg\n\n" + table, opt, {}).bytes);
        REQUIRE(std::system(("pdftoppm -r 150 -png -singlefile -f 1 -l 1 " + Quoted(pdf) + " " + Quoted(dir.File("f"))).c_str()) == 0);
        return Look(dir.File("f.png")).colours;
    };
    constexpr uint32_t kGreen = 0x2a7a33, kRed = 0xb3261e;
    auto signal = colours("| Del | Signal |\n|---|---|\n| MET | Förbättring: signal i delen |\n| ASI | ja försämring |\n");
    CHECK(signal.count(kGreen) == 1);
    CHECK(signal.count(kRed) == 1);
    // The same words in a user's comment are the user's, not a verdict.
    auto comment = colours("| Del | Kommentar |\n|---|---|\n| MET | Ingen förbättring ännu, snarare försämring |\n");
    CHECK(comment.count(kGreen) == 0);
    CHECK(comment.count(kRed) == 0);
}

TEST_CASE("A table row taller than a page goes on over the pages with every word", "[pdf]") {
    REQUIRE(HavePoppler());
    TempDir dir;
    // A comment of 1 500 numbered words in one cell: some three pages of a narrow column.
    std::string comment;
    for (int i = 1; i <= 1500; ++i) comment += "ord" + std::to_string(i) + " ";
    const std::string md = "# Lång kommentar\n\n| ID | Kommentar | Glapp |\n|---|---|---|\n| BI-01 | Kort | inget |\n| BI-04 | " +
                           comment + "| stort |\n| BI-05 | Efter | litet |\n";
    PdfOptions opt;
    opt.title = "Lång kommentar";
    opt.header = "Enhet · Lång kommentar";
    opt.date = "2026-11-30";
    const PdfDocument pdf = MarkdownToPdf(md, opt, {});
    REQUIRE(pdf.pages >= 2);
    const std::string path = dir.File("lang.pdf");
    WriteFileAtomic(path, pdf.bytes);
    std::string all;
    for (int p = 1; p <= pdf.pages; ++p) {
        const std::string page = PdfText(path, p);
        INFO("page " << p);
        if (page.find("ord") != std::string::npos) CHECK(page.find("Kommentar") != std::string::npos);  // header again
        all += page + "\n";
    }
    // Every word once, in order: none cut off at a page's foot, none drawn twice.
    size_t at = 0;
    for (int i = 1; i <= 1500; ++i) {
        const std::string word = "ord" + std::to_string(i) + " ";
        const std::string wordEnd = "ord" + std::to_string(i) + "\n";
        const size_t a = all.find(word, at), b = all.find(wordEnd, at);
        const size_t found = std::min(a, b);
        INFO("word " << i);
        REQUIRE(found != std::string::npos);
        at = found + 3;
    }
    for (int i : {1, 700, 1500}) {
        const std::string w = "ord" + std::to_string(i);
        size_t n = 0;
        for (size_t p = all.find(w + " "); p != std::string::npos; p = all.find(w + " ", p + 1)) ++n;
        for (size_t p = all.find(w + "\n"); p != std::string::npos; p = all.find(w + "\n", p + 1)) ++n;
        CHECK(n == 1);
    }
    CHECK(all.find("stort") != std::string::npos);
    CHECK(all.find("Efter") != std::string::npos);  // the row after it
}

namespace {
// Debian's Python, where python3-docx is (a python3 earlier on PATH may not have it).
std::string SystemPython() { return PathExists("/usr/bin/python3") ? "/usr/bin/python3" : "python3"; }
bool HaveDocxTools() {
    return CommandOutput(SystemPython() + " -c 'import docx; print(1)' 2>/dev/null") == "1\n" &&
           !CommandOutput("command -v soffice").empty();
}
std::string ReadDocx(const std::string& path) {
    return CommandOutput(SystemPython() + " " + Quoted(std::string(STEGVIS_SOURCE_DIR) + "/tests/docx/read_docx.py") + " " + Quoted(path));
}
// LibreOffice's PDF of a document, in the same folder; its page count (-1 when it failed).
int LibreOfficePages(const TempDir& dir, const std::string& file) {
    const std::string cmd = "cd " + Quoted(dir.Path()) + " && timeout 180 soffice -env:UserInstallation=file://" +
                            dir.File("lo-profile") + " --headless --convert-to pdf " + Quoted(file) + " >/dev/null 2>&1";
    if (std::system(cmd.c_str()) != 0) return -1;
    const std::string pdf = dir.File(file.substr(0, file.rfind('.')) + ".pdf");
    return PathExists(pdf) ? PdfPages(pdf) : -1;
}
}  // namespace

TEST_CASE("Word documents from the .docx templates open in LibreOffice and python-docx with their headings and rows", "[docx][cli]") {
    INFO("python3-docx, LibreOffice Writer and poppler-utils are installed by ./stegvis test");
    REQUIRE(HaveDocxTools());
    REQUIRE(HavePoppler());
    TempDir dir;
    const std::string db = MakeDemo(dir);
    const ProjectModel m = Store::OpenReadOnly(db).Load();
    for (const char* doc : {"progress", "plan", "local-agreement"}) {
        INFO(doc);
        const std::string file = std::string(doc) + ".docx";
        const RunResult r = RunStegvis("report --db " + Quoted(db) + " --format docx --template " + doc + " --out " + Quoted(dir.File(file)));
        INFO(r.err);
        REQUIRE(r.status == 0);
        const std::string read = ReadDocx(dir.File(file));
        INFO(read);
        REQUIRE(StartsWith(read, "{\"headings\""));
        // No tag is left unfilled, anywhere.
        CHECK(read.find("{{") == std::string::npos);
        CHECK(read.find("Exempelkommun") != std::string::npos);  // the header names the unit
        CHECK(LibreOfficePages(dir, file) >= 1);
        CHECK(PdfText(dir.File(std::string(doc) + ".pdf")).find("Sida 1 av") != std::string::npos);
    }
    // What the documents hold, as python-docx reads it.
    const std::string progress = ReadDocx(dir.File("progress.docx"));
    CHECK(progress.find("[\"Heading 1\", \"Steg för steg\"]") != std::string::npos);
    CHECK(progress.find("[\"Heading 2\", \"Fas 1: Behovsinventering\"]") != std::string::npos);
    CHECK(progress.find("[\"1. Inhämta kunskap om rekommenderade insatser i riktlinjerna\", \"chef\"") != std::string::npos);
    for (const Decision& dec : m.decisions) CHECK(progress.find("[\"" + dec.decidedOn + "\", \"" + std::to_string(dec.step) + "\"") != std::string::npos);
    const std::string agreement = ReadDocx(dir.File("local-agreement.docx"));
    CHECK(agreement.find("[\"BI-04\", \"ASI (Addiction Severity Index)\"") != std::string::npos);
    CHECK(agreement.find("[\"Heading 1\", \"Rutiner för SIP\"]") != std::string::npos);
    const std::string plan = ReadDocx(dir.File("plan.docx"));
    CHECK(plan.find("[\"Heading 1\", \"MET i öppenvården (PB-01)\"]") != std::string::npos);
    // A document without a Word template is refused in words that say what to use instead.
    const RunResult none = RunStegvis("report --db " + Quoted(db) + " --format docx --template board --out " + Quoted(dir.File("b.docx")));
    CHECK(none.status == 2);
    CHECK(none.err.find("board has no Word template") != std::string::npos);
    CHECK(none.err.find("use --format pdf") != std::string::npos);
    CHECK_FALSE(PathExists(dir.File("b.docx")));
}

TEST_CASE("A Word template's tags work when Word split them over runs, and bad templates are named", "[docx]") {
    INFO("python3-docx is installed by ./stegvis test");
    REQUIRE(HaveDocxTools());
    TempDir dir;
    const std::string tmpl = dir.File("split.docx");
    REQUIRE(std::system((SystemPython() + " " + Quoted(std::string(STEGVIS_SOURCE_DIR) + "/tests/docx/make_split_template.py") + " " +
                         Quoted(tmpl)).c_str()) == 0);
    kainjow::mustache::data d;
    d.set("project", "Införande <2027> & mer");
    d.set("organisation", "Umeå kommun");
    kainjow::mustache::data team{kainjow::mustache::data::type::list};
    team.push_back(kainjow::mustache::data("name", "Anna"));
    team.push_back(kainjow::mustache::data("name", "Erik\nandra raden"));
    d.set("team", team);
    kainjow::mustache::data decisions{kainjow::mustache::data::type::list};
    for (int i = 1; i <= 3; ++i) {
        kainjow::mustache::data x;
        x.set("date", "2026-0" + std::to_string(i) + "-01");
        x.set("step", std::to_string(i));
        x.set("title", "Beslut " + std::to_string(i));
        decisions.push_back(x);
    }
    d.set("decisions", decisions);
    const std::string out = dir.File("filled.docx");
    WriteFileAtomic(out, FillDocx(tmpl, d));
    const std::string read = ReadDocx(out);
    INFO(read);
    CHECK(read.find("Projekt: Införande <2027> & mer hos Umeå kommun.") != std::string::npos);
    CHECK(read.find("Medlem: Anna") != std::string::npos);
    CHECK(read.find("Medlem: Erik\\nandra raden") != std::string::npos);  // a line break, kept
    CHECK(read.find("{{") == std::string::npos);
    CHECK(read.find("[[\"Datum\", \"Steg\", \"Beslut\"], [\"2026-01-01\", \"1\", \"Beslut 1\"], [\"2026-02-01\", \"2\", \"Beslut 2\"], "
                    "[\"2026-03-01\", \"3\", \"Beslut 3\"]]") != std::string::npos);
    CHECK(LibreOfficePages(dir, "filled.docx") >= 1);

    // A tag left open, and a section that opens in a cell and closes outside the table: each
    // refused with the template's name and what to do, nothing written.
    auto make = [&](const std::string& name, const std::string& python) {
        const std::string path = dir.File(name);
        REQUIRE(std::system((SystemPython() + " -c " + Quoted("import docx, sys\nd = docx.Document()\n" + python + "\nd.save(sys.argv[1])") +
                             " " + Quoted(path)).c_str()) == 0);
        return path;
    };
    const std::string open = make("open.docx", "d.add_paragraph('Hej {{project')");
    const std::string across = make("across.docx", "t = d.add_table(rows=1, cols=2)\nt.rows[0].cells[0].text = '{{#team}}x'\n"
                                                   "t.rows[0].cells[1].text = 'y'\nd.add_paragraph('{{/team}}')");
    for (const auto& [path, words] : {std::pair{open, std::string("does not close")}, std::pair{across, std::string("does not fit")}}) {
        INFO(path);
        try {
            FillDocx(path, d);
            FAIL("a broken template was filled");
        } catch (const DataError& e) {
            CHECK(std::string(e.what()).find(path) != std::string::npos);
            CHECK(std::string(e.what()).find("word/document.xml") != std::string::npos);
            CHECK(std::string(e.what()).find(words) != std::string::npos);
        }
    }

    // Not a Word document: named.
    WriteFileAtomic(dir.File("text.docx"), "just text");
    try {
        FillDocx(dir.File("text.docx"), d);
        FAIL("a text file was taken for a Word document");
    } catch (const DataError& e) {
        CHECK(std::string(e.what()).find("text.docx") != std::string::npos);
        CHECK(std::string(e.what()).find("is not a Word document") != std::string::npos);
    }
}

TEST_CASE("The local agreement has what the county agreement asks of it, under the law in force", "[docx][report]") {
    TempDir dir;
    const std::string db = MakeDemo(dir);
    ProjectModel m = Store::OpenReadOnly(db).Load();
    for (const char* format : {"md", "html"}) {
        INFO(format);
        const std::string text = RenderProgress(m, TheCatalog(), TheManual(), TheInstruments(), "2026-11-23", format,
                                                ResolveTemplate("local-agreement", format));
        CHECK(text.find("16 kap. 3 § hälso- och sjukvårdslagen (2017:30)") != std::string::npos);
        CHECK(text.find("8 b §") == std::string::npos);
        for (const char* heading : {"Parter och giltighet", "Nästa revidering", "Huvudmännens ansvar", "Förebyggande verksamhet och tidiga insatser",
                                    "Kunskapsutveckling och införande av nya metoder", "Brukar- och anhörigorganisationernas medverkan",
                                    "Underskrifter", "läkemedelsassisterad behandling vid beroendetillstånd (LARO)", "anhörigstöd"})
            CHECK(text.find(heading) != std::string::npos);
        // Each intervention with its condition, so that rows of one name are told apart.
        CHECK(text.find("Alkoholabstinens med risk för abstinensepilepsi") != std::string::npos);
        // A municipality's project names the region as the other party (a region's, the municipality).
        CHECK(text.find(std::string(format) == "md" ? "regionen: ……" : "regionen: <span") != std::string::npos);
    }
    // In the PDF every id of the grid stands whole, though eight columns share the width.
    {
        REQUIRE(HavePoppler());
        const std::string pdf = dir.File("lok.pdf");
        WriteFileAtomic(pdf, RenderPdf("local-agreement", m, TheCatalog(), TheManual(), TheInstruments(), "2026-11-23").bytes);
        const std::string text = PdfText(pdf);
        for (const char* id : {"BI-01", "MT-01", "MT-08", "LB-11", "PS-07", "AN-05", "UN-04"}) {
            INFO(id);
            CHECK(text.find(id) != std::string::npos);
        }
    }
    // Responsibility per row: every provider of a shared row is marked, and "gemensamt" says so.
    const std::string kommun = RenderProgress(m, TheCatalog(), TheManual(), TheInstruments(), "2026-11-23", "md",
                                              ResolveTemplate("local-agreement", "md"));
    CHECK(m.Inventory("LB-11")->provider == "egen,psykiatri");
    CHECK(kommun.find("| Opiatberoende | bör, prio 1 | X |  | X | gemensamt |") != std::string::npos);
    CHECK(kommun.find("| PB-01 | Motivationshöjande behandling (MET) | Missbruk eller beroende av alkohol | bör, prio 1 | X |  |  |  |") !=
          std::string::npos);
    // A region's project: its own services are the region's specialist care, another part of
    // the region is named, and what nobody gives is left to fill in.
    m.project.kind = OrgKind::Region;
    m.inventory["PB-01"].provider = "egen";
    m.inventory["PB-02"].provider = "annan_del";
    m.inventory["PB-03"].provider = "egen,socialtjanst,primarvard";
    m.inventory["PB-04"].provider = "ingen";
    m.inventory["PB-05"].provider = "annan_del,extern";
    const std::string region = RenderProgress(m, TheCatalog(), TheManual(), TheInstruments(), "2026-11-23", "md",
                                              ResolveTemplate("local-agreement", "md"));
    CHECK(region.find("kommunen: ……") != std::string::npos);
    auto rowOf = [&](const std::string& id) {
        const size_t at = region.find("| " + id + " |");
        REQUIRE(at != std::string::npos);
        std::string line = region.substr(at, region.find('\n', at) - at);
        // The four last cells: social services, primary care, specialist care, other.
        std::vector<std::string> cells;
        size_t p = 0;
        while ((p = line.find('|', p)) != std::string::npos && p + 1 < line.size()) {
            const size_t q = line.find('|', p + 1);
            cells.push_back(Trim(line.substr(p + 1, q - p - 1)));
            p = q;
        }
        return std::vector<std::string>(cells.end() - 4, cells.end());
    };
    CHECK(rowOf("PB-01") == std::vector<std::string>{"", "", "X", ""});
    CHECK(rowOf("PB-02") == std::vector<std::string>{"", "", "", "annan del av regionen"});
    CHECK(rowOf("PB-03") == std::vector<std::string>{"X", "X", "X", "gemensamt"});
    CHECK(rowOf("PB-04") == std::vector<std::string>{"", "", "", "att fylla i"});
    CHECK(rowOf("PB-05") == std::vector<std::string>{"", "", "", "gemensamt, annan del av regionen, extern utförare"});
    INFO("python3-docx is installed by ./stegvis test");
    REQUIRE(HaveDocxTools());
    const std::string out = dir.File("lok.docx");
    WriteFileAtomic(out, RenderDocx(m, TheCatalog(), TheManual(), TheInstruments(), "2026-11-23", ResolveTemplate("local-agreement", "docx")));
    const std::string read = ReadDocx(out);
    CHECK(read.find("16 kap. 3 § hälso- och sjukvårdslagen (2017:30)") != std::string::npos);
    CHECK(read.find("[\"Heading 1\", \"Underskrifter\"]") != std::string::npos);
    CHECK(read.find("[\"För regionen\", \"\", \"\", \"\"]") != std::string::npos);
}
