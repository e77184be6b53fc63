// End-to-end tests of the real binary.
#include <catch2/catch.hpp>

#include <rapidjson/document.h>

#include <sys/wait.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "TestUtil.hpp"
#include "base/Files.hpp"
#include "base/Paths.hpp"
#include "base/Text.hpp"

using namespace stegvis;
using stegvis::test::Quoted;
using stegvis::test::RunStegvis;
using stegvis::test::Slurp;
using stegvis::test::TempDir;

namespace {
size_t Lines(const std::string& s) { return static_cast<size_t>(std::count(s.begin(), s.end(), '\n')); }

rapidjson::Document ParseJson(const std::string& text) {
    rapidjson::Document doc;
    doc.Parse(text.c_str());
    INFO(text.substr(0, 300));
    REQUIRE_FALSE(doc.HasParseError());
    return doc;
}
}  // namespace

TEST_CASE("stegvis catalog prints the exact CSV contract and valid JSON", "[cli]") {
    auto csv = RunStegvis("catalog");
    REQUIRE(csv.status == 0);
    CHECK(StartsWith(csv.out, "id,area,target_group,condition,intervention,priority,level,source\n"));
    CHECK(Lines(csv.out) == 74);
    CHECK(csv.out.find("\nBI-01,Bedömningsinstrument,vuxna,Identifiera alkoholproblem,AUDIT,1,bör,") != std::string::npos);
    auto json = RunStegvis("catalog --format json");
    REQUIRE(json.status == 0);
    auto doc = ParseJson(json.out);
    REQUIRE(doc["recommendations"].Size() == 73);
    CHECK(std::string(doc["recommendations"][0]["id"].GetString()) == "BI-01");
    CHECK(doc["recommendations"][0]["priority"].GetInt() == 1);
    auto bad = RunStegvis("catalog --format xml");
    CHECK(bad.status != 0);
    CHECK_FALSE(bad.err.empty());
}

TEST_CASE("stegvis phases lists 15 steps with phase, step, owner and title", "[cli]") {
    auto r = RunStegvis("phases");
    REQUIRE(r.status == 0);
    auto header = Split(r.out.substr(0, r.out.find('\n')), ',');
    for (const char* col : {"phase", "step", "owner", "title"})
        CHECK(std::find(header.begin(), header.end(), col) != header.end());
    CHECK(Lines(r.out) == 16);
    CHECK(r.out.find("1,Behovsinventering,2,chef,Genomför behovsinventering") != std::string::npos);
    auto json = RunStegvis("phases --format json");
    REQUIRE(json.status == 0);
    auto doc = ParseJson(json.out);
    CHECK(doc["steps"].Size() == 15);
    CHECK(std::string(doc["steps"][5]["owner"].GetString()) == "team");
}

TEST_CASE("stegvis new, status and demo work end to end", "[cli]") {
    TempDir dir;
    std::string f = dir.File("umea.stegvis");
    auto created = RunStegvis("new --db '" + f + "' --name 'Införande 2027' --org 'Umeå kommun' --kind kommun");
    REQUIRE(created.status == 0);
    REQUIRE(PathExists(f));
    auto again = RunStegvis("new --db '" + f + "' --name X --org Y");
    CHECK(again.status != 0);
    CHECK(again.err.find(f) != std::string::npos);

    auto text = RunStegvis("status --db '" + f + "'");
    REQUIRE(text.status == 0);
    CHECK(text.out.find("Umeå kommun") != std::string::npos);
    CHECK(text.out.find("Genomför behovsinventering") != std::string::npos);
    auto json = RunStegvis("status --db '" + f + "' --format json");
    REQUIRE(json.status == 0);
    auto doc = ParseJson(json.out);
    CHECK(std::string(doc["project"]["organisation"].GetString()) == "Umeå kommun");
    REQUIRE(doc["steps"].Size() == 15);
    CHECK(std::string(doc["steps"][0]["status"].GetString()) == "not_started");

    std::string demo = dir.File("demo.stegvis");
    auto d = RunStegvis("demo --db '" + demo + "' --today 2026-11-23");
    REQUIRE(d.status == 0);
    auto ds = ParseJson(RunStegvis("status --db '" + demo + "' --format json").out);
    CHECK(std::string(ds["project"]["organisation"].GetString()) == "Exempelkommun");
    CHECK(std::string(ds["steps"][0]["status"].GetString()) == "done");
    CHECK(std::string(ds["steps"][0]["done_on"].GetString()) < "2026-11-23");
    CHECK(ds["decisions"].GetInt() >= 3);

    // Different organisations give different demos.
    std::string other = dir.File("other.stegvis");
    REQUIRE(RunStegvis("demo --db '" + other + "' --org 'Region Norrbotten' --today 2026-11-23").status == 0);
    auto os = ParseJson(RunStegvis("status --db '" + other + "' --format json").out);
    CHECK(std::string(os["project"]["kind"].GetString()) == "region");
}

TEST_CASE("CLI errors go to stderr with a non-zero status", "[cli][errors]") {
    TempDir dir;
    auto missing = RunStegvis("status --db '" + dir.File("nope.stegvis") + "'");
    CHECK(missing.status != 0);
    CHECK(missing.out.empty());
    CHECK(missing.err.find("nope.stegvis") != std::string::npos);
    stegvis::test::WriteText(dir.File("text.stegvis"), "hello world, this is plain text and not a database\n");
    auto text = RunStegvis("status --db '" + dir.File("text.stegvis") + "'");
    CHECK(text.status != 0);
    CHECK(text.err.find("SQLite") != std::string::npos);
    auto noName = RunStegvis("new --db '" + dir.File("x.stegvis") + "' --org Y");
    CHECK(noName.status != 0);
    CHECK(noName.err.find("--name") != std::string::npos);
    auto unknown = RunStegvis("frobnicate");
    CHECK(unknown.status != 0);
}

TEST_CASE("report --format json writes the backup by default and the project export with --template project",
          "[cli][projectjson]") {
    TempDir dir;
    const std::string demo = dir.File("demo.stegvis");
    REQUIRE(RunStegvis("demo --db " + Quoted(demo) + " --today 2026-11-23").status == 0);

    auto backup = RunStegvis("report --db " + Quoted(demo) + " --format json --out " + Quoted(dir.File("b.json")));
    REQUIRE(backup.status == 0);
    CHECK(ParseJson(Slurp(dir.File("b.json")))["backup"]["format"] == "stegvis-backup");
    auto named = RunStegvis("report --db " + Quoted(demo) + " --format json --template backup --out " +
                            Quoted(dir.File("b2.json")));
    REQUIRE(named.status == 0);
    CHECK(ParseJson(Slurp(dir.File("b2.json")))["backup"]["format"] == "stegvis-backup");

    auto project = RunStegvis("report --db " + Quoted(demo) + " --format json --template project --out " +
                              Quoted(dir.File("p.json")));
    REQUIRE(project.status == 0);
    auto doc = ParseJson(Slurp(dir.File("p.json")));
    CHECK(doc["format"] == "stegvis-project");
    CHECK(doc["version"].GetInt() == 2);
    CHECK(doc["written_on"] == TodayIso().c_str());
    CHECK(doc["steps"].Size() == 15);

    // Any other template for JSON is refused before anything is read or written, naming the two.
    auto bad = RunStegvis("report --db " + Quoted(demo) + " --format json --template progress --out " +
                          Quoted(dir.File("x.json")));
    CHECK(bad.status == 2);
    CHECK(bad.err.find("progress not in {backup,project}") != std::string::npos);
    CHECK_FALSE(PathExists(dir.File("x.json")));
    auto badNoFile = RunStegvis("report --db " + Quoted(dir.File("nope.stegvis")) +
                                " --format json --template projekt --out " + Quoted(dir.File("x.json")));
    CHECK(badNoFile.status == 2);
    CHECK(badNoFile.err.find("projekt not in {backup,project}") != std::string::npos);

    auto help = RunStegvis("report --help");
    CHECK(help.out.find("--template project") != std::string::npos);
    CHECK(help.out.find("project-export.schema.json") != std::string::npos);
}

TEST_CASE("Every subcommand has --help", "[cli]") {
    for (const char* sub : {"catalog", "phases", "new", "status", "demo"}) {
        INFO(sub);
        auto r = RunStegvis(std::string(sub) + " --help");
        CHECK(r.status == 0);
        CHECK(r.out.find("--") != std::string::npos);
    }
    auto top = RunStegvis("--help");
    CHECK(top.status == 0);
    CHECK(top.out.find("catalog") != std::string::npos);
}

TEST_CASE("Without a display the GUI says so and shows the command line", "[cli][gui]") {
    TempDir dir;
    std::string err = dir.File("err.txt");
    std::string cmd = "env -u DISPLAY -u WAYLAND_DISPLAY XDG_DATA_HOME='" + dir.Path() + "' '" STEGVIS_BINARY
                      "' >/dev/null 2>'" + err + "'";
    int rc = std::system(cmd.c_str());
    REQUIRE(WIFEXITED(rc));
    CHECK(WEXITSTATUS(rc) == 3);
    std::string msg = ReadFile(err);
    CHECK(msg.find("DISPLAY") != std::string::npos);
    CHECK(msg.find("status --db") != std::string::npos);
}

TEST_CASE("The real window opens under Xvfb and draws the demo", "[cli][gui][e2e]") {
    if (std::system("command -v xvfb-run >/dev/null 2>&1") != 0) {
        WARN("xvfb-run is not installed; the window test needs it (./stegvis test installs it)");
        return;
    }
    TempDir dir;
    std::string demo = dir.File("demo.stegvis");
    REQUIRE(RunStegvis("demo --db '" + demo + "'").status == 0);
    std::string png = dir.File("shot.png");
    std::string cmd = "XDG_DATA_HOME='" + dir.Path() + "' xvfb-run -a -s '-screen 0 1280x800x24' '" STEGVIS_BINARY
                      "' --db '" + demo + "' --view step:2 --screenshot '" + png + "' >/dev/null 2>&1";
    REQUIRE(std::system(cmd.c_str()) == 0);
    std::string bytes = ReadFile(png);
    REQUIRE(bytes.size() > 10000);
    CHECK(bytes.substr(1, 3) == "PNG");
    // The window remembered the project as the last one opened.
    CHECK(ReadFile(dir.Path() + "/stegvis/settings.txt").find(demo) != std::string::npos);
}

TEST_CASE("stegvis runchart prints the analysis as one JSON object", "[cli][runchart]") {
    // Ten baseline points with median 4, then a shift upwards.
    auto r = RunStegvis("runchart --baseline 10", "3\n4\n3\n5\n4\n3\n4\n5\n3\n4\nNA\n7\n8\n7\n9\n8\n7\n8\n9\n8\n7\n");
    REQUIRE(r.status == 0);
    CHECK(r.out == "{\"n_useful\":16,\"longest_run\":10,\"longest_run_max\":7,\"crossings\":5,\"crossings_min\":4,"
                   "\"centre\":4,\"signal\":true}\n");
    auto bad = RunStegvis("runchart", "1\n2\nabc\n");
    CHECK(bad.status == 2);  // as spc: bad input is the caller's to fix
    CHECK(bad.err.find("stdin:3") != std::string::npos);
}

TEST_CASE("stegvis bench --quick prints a table and well-formed figures on its last line", "[cli][bench]") {
    TempDir dir;
    const std::string doc = dir.File("BENCHMARKS.md");
    auto r = RunStegvis("bench --quick --doc " + doc);
    INFO(r.out.substr(r.out.size() > 3000 ? r.out.size() - 3000 : 0) << "\n" << r.err);
    REQUIRE(r.status == 0);
    CHECK(r.out.find("Frame CPU p95, worst screen") != std::string::npos);
    CHECK(r.out.find("county (16 units)") != std::string::npos);
    std::string body = r.out.substr(0, r.out.find_last_not_of('\n') + 1);
    auto json = ParseJson(body.substr(body.rfind('\n') + 1));
    REQUIRE(json.IsObject());
    // Every figure is measured: the window ones too (the benchmark starts its own Xvfb when
    // there is no display, and ./stegvis test installs xvfb).
    for (const char* key : {"first_frame_ms", "floor_first_frame_ms", "first_frame_ratio", "frame_cpu_p95_ms",
                            "idle_cpu_percent", "edit_commit_p99_ms", "edit_commit_floor_p99_ms", "report_html_ms",
                            "rollup_ms", "peak_rss_mb"}) {
        INFO(key);
        REQUIRE(json.HasMember(key));
        REQUIRE(json[key].IsNumber());
        const double v = json[key].GetDouble();
        CHECK(std::isfinite(v));
        if (std::string(key) == "idle_cpu_percent") CHECK(v >= 0);
        else CHECK(v > 0);
    }
    CHECK(json["first_frame_ratio"].GetDouble() ==
          Approx(json["first_frame_ms"].GetDouble() / json["floor_first_frame_ms"].GetDouble()).epsilon(0.01));
    // The server part, on a private cluster the benchmark starts and stops itself.
    for (const char* key : {"server_load_ms", "server_floor_p99_ms", "server_floor_p99_ms_20", "server_edit_p99_ms_1",
                            "server_edit_p99_ms_5", "server_edit_p99_ms_20", "server_first_edit_ms", "server_shown_ms"}) {
        INFO(key);
        REQUIRE(json.HasMember(key));
        REQUIRE(json[key].IsNumber());
        CHECK(json[key].GetDouble() > 0);
    }
    CHECK(r.out.find("ratio to the 20-connection floor's p99") != std::string::npos);
    CHECK(json["quick"].GetBool());
    CHECK(json["units"].GetInt() == 16);
    // Only a full run writes the benchmark document.
    CHECK_FALSE(PathExists(doc));
}

TEST_CASE("report --format xlsx refuses a template it cannot honour, and --help names every template", "[cli][report]") {
    TempDir dir;
    const std::string db = dir.File("demo.stegvis");
    REQUIRE(RunStegvis("demo --db " + Quoted(db)).status == 0);
    for (const char* tmpl : {"plan", "local-agreement", "case-for-change"}) {
        INFO(tmpl);
        const std::string out = dir.File(std::string(tmpl) + ".xlsx");
        stegvis::test::RunResult r = RunStegvis("report --db " + Quoted(db) + " --format xlsx --template " + tmpl + " --out " + Quoted(out));
        CHECK(r.status == 2);
        CHECK(r.err.find(std::string("--template: ") + tmpl + " is not available for --format xlsx") != std::string::npos);
        CHECK_FALSE(PathExists(out));
    }
    CHECK(RunStegvis("report --db " + Quoted(db) + " --format xlsx --template progress --out " + Quoted(dir.File("a.xlsx"))).status == 0);
    CHECK(RunStegvis("report --db " + Quoted(db) + " --format xlsx --out " + Quoted(dir.File("b.xlsx"))).status == 0);
    const std::string help = RunStegvis("report --help").out;
    for (const char* tmpl : {"progress", "case-for-change", "plan", "local-agreement", "backup", "project", "inventory", "measures"})
        CHECK(help.find(tmpl) != std::string::npos);
}

TEST_CASE("report writes what the file's name says, and refuses a format the name contradicts", "[cli][report]") {
    TempDir dir;
    const std::string db = dir.File("p.stegvis");
    REQUIRE(RunStegvis("demo --db " + Quoted(db)).status == 0);
    // Left out, --format follows the ending.
    for (const char* name : {"rapport.pdf", "RAPPORT.PDF", "rapport.docx", "rapport.md", "rapport.htm"}) {
        INFO(name);
        auto r = RunStegvis("report --db " + Quoted(db) + " --out " + Quoted(dir.File(name)));
        REQUIRE(r.status == 0);
        const std::string head = stegvis::ReadFile(dir.File(name)).substr(0, 5);
        const std::string n = name;
        if (n.find(".pdf") != std::string::npos || n.find(".PDF") != std::string::npos) CHECK(head == "%PDF-");
        else if (n.find(".docx") != std::string::npos) CHECK(head.substr(0, 2) == "PK");
        else if (n.find(".htm") != std::string::npos) CHECK(head == "<!DOC");
        else CHECK(head.substr(0, 1) == "#");
    }
    // Given, and contradicted by the ending: refused, nothing written.
    auto r = RunStegvis("report --db " + Quoted(db) + " --format pdf --out " + Quoted(dir.File("fel.docx")));
    CHECK(r.status == 2);
    CHECK(r.err.find("fel.docx") != std::string::npos);
    CHECK(r.err.find("--format is pdf") != std::string::npos);
    CHECK_FALSE(stegvis::PathExists(dir.File("fel.docx")));
    // An ending that names no format leaves the choice to --format.
    r = RunStegvis("report --db " + Quoted(db) + " --format md --out " + Quoted(dir.File("anteckning.txt")));
    CHECK(r.status == 0);
    CHECK(stegvis::ReadFile(dir.File("anteckning.txt")).substr(0, 1) == "#");
}
