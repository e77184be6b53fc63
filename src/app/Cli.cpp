#include "app/Cli.hpp"
#include "app/CliSafety.hpp"
#include "app/CliServer.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstdlib>
#include <iostream>

#include "store/Backup.hpp"
#include "reference/Catalog.hpp"
#include "edit/Demo.hpp"
#include "output/Export.hpp"
#include "reference/Instruments.hpp"
#include "base/Paths.hpp"
#include "reference/Phases.hpp"
#include "output/ProjectJson.hpp"
#include "output/Report.hpp"
#include "output/Rollup.hpp"
#include "domain/RunChart.hpp"
#include "domain/ControlChart.hpp"
#include "domain/Editions.hpp"
#include "edit/Actions.hpp"
#include "store/Store.hpp"
#include "base/Files.hpp"
#include "base/Text.hpp"
#include "output/Xlsx.hpp"
#include "print/Cairo.hpp"
#include "print/Documents.hpp"

#ifdef STEGVIS_HAVE_BENCH
#include "app/Bench.hpp"
#endif
#include "server/Server.hpp"
#ifdef STEGVIS_HAVE_GUI
#include "ui/Window.hpp"
#endif

namespace stegvis {

namespace {

int NoDisplayMessage() {
    std::cerr << "stegvis: ingen grafisk skärm hittades (varken DISPLAY eller WAYLAND_DISPLAY är satt).\n"
                 "stegvis: no graphical display found (neither DISPLAY nor WAYLAND_DISPLAY is set).\n\n"
                 "Fönstret kan inte öppnas här, men kommandoraden fungerar / The window cannot open here, "
                 "but the command line works:\n"
                 "  ./stegvis run demo --db demo.stegvis          # skapa ett demoprojekt / make a demo project\n"
                 "  ./stegvis run status --db demo.stegvis        # lägesrapport / progress summary (text)\n"
                 "  ./stegvis run status --db demo.stegvis --format json\n"
                 "  ./stegvis run report --db demo.stegvis --format html --out underlag.html\n"
                 "  ./stegvis run catalog --format csv > rekommendationer.csv\n"
                 "  ./stegvis run --help                          # alla kommandon / all commands\n"
                 "Med Xvfb / with Xvfb:  xvfb-run -a ./stegvis run\n";
    return 3;
}


// A project to read (status, reports, charts): a file, or one snapshot of a server project.
Store OpenForReading(const std::string& db) {
    if (NamesServer(db)) {
        return ReadServerProject(ParseServerAddress(db));
    }
    return Store::OpenReadOnly(db);
}

void ReportCutCells(int cut) {
    if (cut > 0)
        std::cerr << "stegvis: " << cut << (cut == 1 ? " cell" : " celler")
                  << " hade mer text än Excel rymmer (32 767 tecken) och kortades, märkt \"avkortad\"; "
                     "hela texten finns i projektet och i HTML-rapporten\n";
}

}  // namespace

int RunCli(int argc, char** argv) {
    CLI::App app{"Stegvis: införande av nationella riktlinjer för missbruks- och beroendevården, steg för steg.\n"
                 "Without a subcommand the window opens (on --db FILE, or on the last project)."};
    app.set_version_flag("--version", std::string("stegvis ") + STEGVIS_VERSION);
    app.require_subcommand(0, 1);

    std::string guiDb, screenshot, view, lang;
    int width = 1280, height = 800, frames = 0;
    app.add_option("--db", guiDb, "Project file to open in the window");
    app.add_option("--lang", lang, "Interface language: sv or en")->check(CLI::IsMember({"sv", "en"}));
    app.add_option("--screenshot", screenshot, "Draw a few frames, save the window as PNG to this path and exit");
    app.add_option("--view", view, "With --screenshot: what to show (welcome, step:N, catalog, decisions, history)");
    app.add_option("--size", width, "Window width")->group("");
    app.add_option("--height", height, "Window height")->group("");
    app.add_option("--frames", frames, "Quit after this many frames (for tests)")->group("");

    std::string format = "csv";
    auto* catalogCmd = app.add_subcommand("catalog", "Print the recommendation catalog");
    catalogCmd->add_option("--format", format, "csv or json")->check(CLI::IsMember({"csv", "json"}));
    std::string catalogFile;
    catalogCmd->add_option("--file", catalogFile, "Another catalog file to check and print (default: the one Stegvis ships)");

    std::string editionDb, editionCatalog, editionFormat = "text";
    bool editionMove = false;
    auto* editionCmd = app.add_subcommand(
        "edition", "Compare a project's catalog with a newer one (new, changed, withdrawn rows); --move moves the project over");
    editionCmd->add_option("--db", editionDb, "Project file")->required();
    editionCmd->add_option("--catalog", editionCatalog, "The newer catalog file (default: the one Stegvis ships)");
    editionCmd->add_option("--format", editionFormat, "text or json")->check(CLI::IsMember({"text", "json"}));
    editionCmd->add_flag("--move", editionMove,
                         "Move the project to that catalog: rows keep their ids and data, withdrawn rows with data stay");

    std::string phasesFormat = "csv";
    auto* phasesCmd = app.add_subcommand("phases", "Print the manual's phases and 15 steps");
    phasesCmd->add_option("--format", phasesFormat, "csv or json")->check(CLI::IsMember({"csv", "json"}));

    std::string newDb, newName, newOrg, newKind = "kommun";
    auto* newCmd = app.add_subcommand("new", "Create a new implementation project file");
    newCmd->add_option("--db", newDb, "The new project file")->required();
    newCmd->add_option("--name", newName, "Project name")->required();
    newCmd->add_option("--org", newOrg, "Organisation (kommun, region, förvaltning ...)")->required();
    newCmd->add_option("--kind", newKind, "kommun, region or annan")->check(CLI::IsMember({"kommun", "region", "annan"}));

    std::string statusDb, statusFormat = "text";
    auto* statusCmd = app.add_subcommand("status", "Show a project and the status of its 15 steps");
    statusCmd->add_option("--db", statusDb, "Project file")->required();
    statusCmd->add_option("--format", statusFormat, "text or json")->check(CLI::IsMember({"text", "json"}));

    std::string demoDb, demoOrg = "Exempelkommun", demoToday;
    auto* demoCmd = app.add_subcommand("demo", "Create a demo project with realistic data");
    demoCmd->add_option("--db", demoDb, "The new demo file (must not exist)")->required();
    demoCmd->add_option("--org", demoOrg, "Organisation name (different names give different demos)");
    demoCmd->add_option("--today", demoToday, "Date the demo treats as today (YYYY-MM-DD)");
    std::string demoScale = "unit";
    demoCmd->add_option("--scale", demoScale, "unit (default), county (more initiatives, ten years of monthly data) or "
                                              "national (county plus ten years of weekly data)")
        ->check(CLI::IsMember({"unit", "county", "national"}));

    std::string reportDb, reportFormat = "html", reportOut, reportTemplate = "progress";
    auto* reportCmd = app.add_subcommand("report", "Render a document from a project through a template in templates/");
    reportCmd->add_option("--db", reportDb, "Project file")->required();
    reportCmd->add_option("--format", reportFormat,
                          "md, html, pdf (A4), docx (Word, from templates/NAME.docx: progress, plan, local-agreement), "
                          "xlsx, csv (--template inventory or measures), or json (a complete backup for "
                          "stegvis import; with --template project the project for other programs). Left out: "
                          "what --out's ending says (rapport.pdf is a PDF), else html. A format the ending "
                          "contradicts is refused")
        ->check(CLI::IsMember({"md", "html", "pdf", "docx", "xlsx", "csv", "json"}));
    reportCmd->add_option("--out", reportOut, "Output file (written whole or not at all)")->required();
    reportCmd->add_option("--template", reportTemplate,
                          "progress (the progress summary, default), board (the one-page board summary), case-for-change "
                          "(step 5), plan, local-agreement, "
                          "or a path to your own copy of a template. With --format json: backup (default) or project "
                          "(steps, inventory, priorities, readiness, team, initiatives, measures and decisions with "
                          "labels, for other programs, as docs/project-export.schema.json describes). With --format csv: inventory "
                          "(default) or measures. With --format xlsx: progress only (the workbook is the whole project). "
                          "The county overview is stegvis rollup.");

    std::string chartDb, chartOut;
    int64_t chartMeasure = 0;
    int chartWidth = 800;
    auto* chartCmd = app.add_subcommand("chart", "Save a measure's run or control chart as an image (PNG, SVG or PDF)");
    chartCmd->add_option("--db", chartDb, "Project file")->required();
    chartCmd->add_option("--measure", chartMeasure, "The measure's id, as stegvis status --format json lists it under "
                                                    "initiatives[].measures[]")->required();
    chartCmd->add_option("--out", chartOut, "Image file: .png, .svg or .pdf (written whole or not at all)")->required();
    chartCmd->add_option("--width", chartWidth, "Width in pixels (points for SVG and PDF); the height follows")
        ->check(CLI::Range(240, 4000));

    std::string importDb, importFile;
    auto* importCmd = app.add_subcommand("import", "Restore a JSON backup into a new project file (all or nothing)");
    importCmd->add_option("--db", importDb, "The new project file (must not exist)")->required();
    importCmd->add_option("backup", importFile, "The backup made with report --format json")->required();

    std::string rollupOut, rollupTemplate = "rollup";
    std::vector<std::string> rollupInputs;
    auto* rollupCmd = app.add_subcommand("rollup", "County overview of many units' project files or backups (HTML)");
    rollupCmd->add_option("--out", rollupOut, "The overview, FILE.html or FILE.xlsx")->required();
    rollupCmd->add_option("--template", rollupTemplate, "rollup, or a path to your own copy");
    rollupCmd->add_option("inputs", rollupInputs, "Project files, backups (.json) or folders of them")->required();

    int runBaseline = 0;
    auto* runCmd = app.add_subcommand(
        "runchart", "Run-chart analysis (Anhøj rules, as qicharts2) of one value per line on stdin; NA or blank = missing");
    runCmd->add_option("--baseline", runBaseline, "Centre line = median of the first K lines (default: all lines)");

    std::string spcChart;
    int spcBaseline = 0;
    auto* spcCmd = app.add_subcommand(
        "spc", "Control chart (I, C, P, P', U, U', as qicharts2) of one period per line on stdin; NA or blank = missing");
    spcCmd->add_option("--chart", spcChart, "i or c (one value a line); p, pp, u or up (numerator;denominator)")
        ->required();
    spcCmd->add_option("--baseline", spcBaseline,
                       "Centre line and limits from the first K lines (default: all lines)");

    SafetyCommands safety(app);  // backups, and the hidden script for the reliability tests
    ServerCommands server(app);  // server init|projects|grant|revoke, push, pull

#ifdef STEGVIS_HAVE_BENCH
    BenchOptions bench;
    auto* benchCmd = app.add_subcommand(
        "bench", "Measure start-up, frame time, idle cost, edits, reports, roll-up and memory at national scale");
    benchCmd->add_flag("--quick", bench.quick, "Smaller counts (under a minute); docs/BENCHMARKS.md is not written");
    benchCmd->add_option("--doc", bench.docPath, "Full run: write the figures here (default docs/BENCHMARKS.md)");
    benchCmd->add_option("--dir", bench.workDir, "Generate the data in this folder (default: a new one in the data folder)");
    benchCmd->add_flag("--keep", bench.keep, "Keep the generated data");
    benchCmd->add_option("--only", bench.only,
                         "Measure only these parts (rollup, edits, documents, server); nothing is written")
        ->check(CLI::IsMember({"rollup", "edits", "documents", "server"}));
    benchCmd->add_option("--server", bench.server,
                         "A PostgreSQL database the benchmark may fill, as its owner (postgresql://USER@HOST/DB); "
                         "default: a private cluster it starts itself");
    benchCmd->add_flag("--reuse", bench.reuse, "With --dir: use the data a run with --keep left there");
    benchCmd->add_option("--runs", bench.runs, "With --only rollup: how many roll-ups to measure");
#endif
    bool firstFrame = false;
    app.add_flag("--bench-first-frame", firstFrame, "Print when the first frame is presented (for bench)")->group("");

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e);
    }
    // The file's name and its contents agree: without --format the name's ending chooses it (a
    // report.pdf is a PDF), and a --format the name contradicts (PDF into report.docx) is refused
    // rather than written where no program can open it.
    // (An output that names the project is the graver mistake: that refusal comes first.)
    const std::string namedFormat = *reportCmd ? DocumentFormatOfName(reportOut) : "";
    if (*reportCmd && !reportCmd->count("--format") && !namedFormat.empty()) reportFormat = namedFormat;
    // JSON has two documents of its own, not the Mustache templates the other formats take.
    const bool jsonProject = *reportCmd && reportFormat == "json" && reportTemplate == "project";
    if (*reportCmd && reportFormat == "json" && reportCmd->count("--template") && !jsonProject &&
        reportTemplate != "backup") {
        std::cerr << "--template: " << reportTemplate << " not in {backup,project} for --format json\n"
                  << "Run with --help for more information.\n";
        return 2;
    }

    // The workbook is the whole project: a template it cannot honour is refused, not ignored.
    if (*reportCmd && reportFormat == "xlsx" && reportCmd->count("--template") && reportTemplate != "progress") {
        std::cerr << "--template: " << reportTemplate
                  << " is not available for --format xlsx: the workbook always holds the whole project "
                     "(use --format pdf, html or md for this document)\n"
                  << "Run with --help for more information.\n";
        return 2;
    }

    try {
        if (auto status = safety.Run()) return *status;
        if (auto status = server.Run()) return *status;
        if (*reportCmd && !namedFormat.empty() && namedFormat != reportFormat) {
            RefuseOutputOverInput(reportOut, {reportDb});  // the graver mistake is named first
            std::cerr << "--out: " << reportOut << " is named as ." << namedFormat << " but --format is " << reportFormat
                      << ": give the file the ending ." << reportFormat
                      << ", or leave --format out to write what the name says\n"
                      << "Run with --help for more information.\n";
            return 2;
        }
        if (*catalogCmd) {
            Catalog cat = LoadCatalog(catalogFile.empty() ? CatalogPath() : catalogFile);
            std::cout << (format == "json" ? CatalogJson(cat) : CatalogCsv(cat));
            return 0;
        }
        if (*editionCmd) {
            const Catalog newer = LoadCatalog(editionCatalog.empty() ? CatalogPath() : editionCatalog);
            if (!editionMove) {
                Store store = OpenForReading(editionDb);
                const ProjectModel model = store.Load();
                const Catalog current = ProjectCatalog(model, LoadCatalog(CatalogPath()));
                std::cout << (editionFormat == "json" ? EditionJson(model, current, newer) : EditionText(model, current, newer));
                return 0;
            }
            Store store = OpenForEditing(editionDb);
            ProjectModel model = store.Load();
            const Catalog current = ProjectCatalog(model, LoadCatalog(CatalogPath()));
            const CatalogReview review = ReviewCatalog(model, current, newer);
            if (!review.differs) {
                std::cout << "Projektet följer redan katalogen (utgåva " << newer.edition << "); inget att flytta.\n";
                return 0;
            }
            ApplyResult r = Apply(store, MoveToCatalog{newer}, DefaultUserName());
            if (!r.ok) throw std::runtime_error(r.error.Text());
            std::cout << "Flyttade " << editionDb << " till katalogens utgåva " << newer.edition << ": " << review.added
                      << " nya, " << review.changed << " ändrade, " << review.withdrawn << " utgångna rekommendationer";
            if (review.withData > 0) std::cout << " (" << review.withData << " med uppgifter i projektet: se över dem)";
            std::cout << ". Ångra i fönstret med Ctrl+Z.\n";
            return 0;
        }
        if (*phasesCmd) {
            Manual manual = LoadManual(PhasesPath());
            std::cout << (phasesFormat == "json" ? PhasesJson(manual) : PhasesCsv(manual));
            return 0;
        }
        if (*newCmd) {
            Catalog cat = LoadCatalog(CatalogPath());
            ProjectInfo info;
            info.name = Trim(newName);
            info.organisation = Trim(newOrg);
            if (info.name.empty()) throw std::runtime_error("--name must not be empty");
            if (info.organisation.empty()) throw std::runtime_error("--org must not be empty");
            ParseOrgKind(newKind, &info.kind);
            info.catalogEdition = cat.edition;
            Store::Create(newDb, info, &cat);
            std::cout << "Skapade " << newDb << "\n";
            return 0;
        }
        if (*statusCmd) {
            Manual manual = LoadManual(PhasesPath());
            Store store = OpenForReading(statusDb);
            ProjectModel model = store.Load();
            std::cout << (statusFormat == "json" ? StatusJson(model, manual, statusDb)
                                                 : StatusText(model, manual, statusDb));
            return 0;
        }
        // An output never replaces what it is made from (the project, a unit, a backup), through
        // links too; any other existing output is replaced whole, atomically.
        if (*reportCmd) RefuseOutputOverInput(reportOut, {reportDb});
        if (*importCmd) RefuseOutputOverInput(importDb, {importFile});
        if (jsonProject) {
            Store store = OpenForReading(reportDb);
            const ProjectModel model = store.Load();
            WriteFileAtomic(reportOut, ProjectJson(model, ProjectCatalog(model, LoadCatalog(CatalogPath())),
                                                   LoadManual(PhasesPath()), LoadInstruments(InstrumentsDir()), TodayIso()));
            std::cout << "Skrev " << reportOut << "\n";
            return 0;
        }
        if (*reportCmd && reportFormat == "json") {
            // A backup holds everything in the project: readable by its owner only.
            const BackupDocument backup =
                NamesServer(reportDb) ? ServerBackup(ParseServerAddress(reportDb)) : ExportBackup(reportDb);
            WriteFileAtomic(reportOut, BackupToJson(backup), 0600);
            std::cout << "Skrev säkerhetskopia " << reportOut << "\n";
            return 0;
        }
        if (*rollupCmd) {
            Catalog cat = LoadCatalog(CatalogPath());
            Manual manual = LoadManual(PhasesPath());
            std::string tmpl = ResolveTemplate(rollupTemplate, "html");
            // Refused before anything is made, so a refused output leaves nothing behind.
            std::vector<std::string> fileInputs;
            for (const auto& in : rollupInputs)
                if (!NamesServer(in)) fileInputs.push_back(in);
            RefuseOutputOverInput(rollupOut, RollupInputFiles(fileInputs));
            const std::string work = platform::MakeTempDir(platform::TempFolder() + "/stegvis-rollup-");  // $TMPDIR, else /tmp
            if (work.empty()) throw std::runtime_error("cannot create a temporary folder in " + platform::TempFolder());
            struct RemoveAfter {
                std::string path;
                ~RemoveAfter() { RemoveFolderTree(path); }
            } removeWork{work};
            // A server among the inputs: every project on it the caller may read, each one
            // snapshot, read as a backup and named by its address.
            std::vector<std::string> inputs;
            std::vector<std::pair<std::string, std::string>> fromServer;  // (file in `work`, address)
            for (const std::string& in : rollupInputs) {
                if (!NamesServer(in)) {
                    inputs.push_back(in);
                    continue;
                }
                for (auto& f : WriteServerBackups(ParseServerAddress(in), work)) {
                    inputs.push_back(f.first);
                    fromServer.push_back(std::move(f));
                }
            }
            Rollup r = LoadRollup(inputs, work);
            auto named = [&](std::string& input) {
                for (const auto& f : fromServer)
                    if (input == f.first) input = f.second;
            };
            for (auto& u : r.units) named(u.input);
            for (auto& sk : r.skipped) named(sk.input);
            for (const auto& s : r.skipped) std::cerr << "stegvis: hoppar över " << s.input << ": " << s.why << "\n";
            const bool xlsx = rollupOut.size() > 5 && rollupOut.compare(rollupOut.size() - 5, 5, ".xlsx") == 0;
            if (xlsx) ReportCutCells(WriteRollupXlsx(rollupOut, r, cat, manual));
            else WriteFileAtomic(rollupOut, RenderRollup(r, cat, manual, TodayIso(), tmpl));
            std::cout << "Skrev " << rollupOut << " (" << r.units.size() << " enheter";
            if (!r.skipped.empty()) std::cout << ", " << r.skipped.size() << " överhoppade";
            std::cout << ")\n";
            return r.skipped.empty() ? 0 : 2;
        }
        if (*chartCmd) {
            RefuseOutputOverInput(chartOut, {chartDb});
            const std::string format = ChartFormatOf(chartOut);
            if (format.empty()) {
                std::cerr << "--out: " << chartOut << ": a chart is saved as .png, .svg or .pdf\n";
                return 2;
            }
            Store store = OpenForReading(chartDb);
            const ProjectModel model = store.Load();
            const auto scene = MeasureChartScene(model, chartMeasure, ChartImageStyle(chartWidth));
            if (!scene) {
                std::cerr << "--measure: " << chartDb << " has no measure " << chartMeasure
                          << " (stegvis status --db FILE --format json lists them under initiatives[].measures[])\n";
                return 2;
            }
            WriteChartImage(chartOut, *scene, format, IfExists::Replace);
            std::cout << "Skrev " << chartOut << "\n";
            return 0;
        }
        if (*reportCmd && reportFormat == "docx") {
            // Word templates exist for three documents; for the others, say so and what to use.
            const bool named = reportTemplate.find_first_of(platform::kSeparators) == std::string::npos && reportTemplate.find(".docx") == std::string::npos;
            if (named && !PathExists(ResourceDir() + "/templates/" + reportTemplate + ".docx")) {
                std::cerr << "--template: " << reportTemplate
                          << " has no Word template (Word: progress, plan, local-agreement, or a path to your own .docx); "
                             "use --format pdf, html or md for this document\n";
                return 2;
            }
            const std::string tmpl = ResolveTemplate(reportTemplate, "docx");
            Store store = OpenForReading(reportDb);
            const ProjectModel model = store.Load();
            WriteFileAtomic(reportOut, RenderDocx(model, ProjectCatalog(model, LoadCatalog(CatalogPath())), LoadManual(PhasesPath()),
                                                  LoadInstruments(InstrumentsDir()), TodayIso(), tmpl));
            std::cout << "Skrev " << reportOut << "\n";
            return 0;
        }
        if (*reportCmd && reportFormat == "pdf") {
            Store store = OpenForReading(reportDb);
            const ProjectModel model = store.Load();
            const PdfDocument pdf = RenderPdf(reportTemplate, model, ProjectCatalog(model, LoadCatalog(CatalogPath())),
                                              LoadManual(PhasesPath()), LoadInstruments(InstrumentsDir()), TodayIso());
            WriteFileAtomic(reportOut, pdf.bytes);
            std::cout << "Skrev " << reportOut << " (" << pdf.pages << (pdf.pages == 1 ? " sida" : " sidor") << ")\n";
            return 0;
        }
        if (*reportCmd && reportFormat == "xlsx") {
            Store store = OpenForReading(reportDb);
            const ProjectModel model = store.Load();
            ReportCutCells(WriteProjectXlsx(reportOut, model, ProjectCatalog(model, LoadCatalog(CatalogPath())),
                                            LoadManual(PhasesPath()), LoadInstruments(InstrumentsDir()), TodayIso()));
            std::cout << "Skrev " << reportOut << "\n";
            return 0;
        }
        if (*reportCmd && reportFormat == "csv") {
            Store store = OpenForReading(reportDb);
            ProjectModel model = store.Load();
            if (reportTemplate == "progress" || reportTemplate == "inventory")
                WriteFileAtomic(reportOut, InventoryCsv(model, ProjectCatalog(model, LoadCatalog(CatalogPath()))));
            else if (reportTemplate == "measures")
                WriteFileAtomic(reportOut, MeasuresCsv(model));
            else
                throw std::runtime_error("--format csv takes --template inventory or measures");
            std::cout << "Skrev " << reportOut << "\n";
            return 0;
        }
        if (*importCmd) {
            // Checks the size before reading, so an oversized file is refused without being read.
            ImportBackup(ReadBackupFile(importFile), importFile, importDb);
            std::cout << "Återställde " << importFile << " till " << importDb << "\n";
            return 0;
        }
        if (*reportCmd) {
            Manual manual = LoadManual(PhasesPath());
            auto instruments = LoadInstruments(InstrumentsDir());
            Store store = OpenForReading(reportDb);
            ProjectModel model = store.Load();
            const Catalog cat = ProjectCatalog(model, LoadCatalog(CatalogPath()));
            std::string tmpl = ResolveTemplate(reportTemplate, reportFormat);
            // A template made from the case for change (its name says so) gets that document's data.
            std::string out = tmpl.find("case-for-change") != std::string::npos
                                  ? RenderCaseForChange(BuildCaseForChange(model, cat, instruments, TodayIso()), reportFormat, tmpl)
                                  : RenderProgress(model, cat, manual, instruments, TodayIso(), reportFormat, tmpl);
            WriteFileAtomic(reportOut, out);
            std::cout << "Skrev " << reportOut << "\n";
            return 0;
        }
#ifdef STEGVIS_HAVE_BENCH
        if (*benchCmd) {
            bench.command = "stegvis";
            for (int i = 1; i < argc; ++i) bench.command += std::string(" ") + argv[i];
            return RunBench(bench);
        }
#endif
        if (*runCmd) {
            std::optional<int> k;
            if (runCmd->count("--baseline")) k = runBaseline;
            // Bad input is the caller's to fix, as with spc: exit 2, the line named.
            try {
                std::cout << RunChartJson(std::cin, k);
            } catch (const DataError& e) {
                std::cerr << "stegvis: " << e.what() << "\n";
                return 2;
            }
            return 0;
        }
        if (*spcCmd) {
            const auto kind = ParseChartKind(spcChart);
            if (!kind || *kind == ChartKind::Run) {
                std::cerr << "--chart: " << spcChart << " not in {i,c,p,pp,u,up}"
                          << (kind ? " (a run chart is stegvis runchart)" : "") << "\n";
                return 2;
            }
            std::optional<int> k;
            if (spcCmd->count("--baseline")) k = spcBaseline;
            // Bad input is the caller's to fix, as a bad option is: exit 2, the line named.
            try {
                std::cout << SpcJson(std::cin, *kind, k);
            } catch (const DataError& e) {
                std::cerr << "stegvis: " << e.what() << "\n";
                return 2;
            }
            return 0;
        }
        if (*demoCmd) {
            if (!demoToday.empty() && !IsIsoDate(demoToday)) throw std::runtime_error("--today must be YYYY-MM-DD");
            Manual manual = LoadManual(PhasesPath());
            Catalog cat = LoadCatalog(CatalogPath());
            DemoOptions opt;
            opt.organisation = demoOrg;
            opt.anchorDate = demoToday;
            opt.scale = demoScale;
            CreateDemo(demoDb, opt, manual, cat, LoadInstruments(InstrumentsDir()));
            std::cout << "Skapade demoprojekt " << demoDb << " (" << demoOrg << ")\n";
            return 0;
        }
    } catch (const std::exception& e) {
        std::cerr << "stegvis: " << e.what() << "\n";
        return 1;
    }

#ifdef STEGVIS_HAVE_GUI
#ifndef _WIN32
    const char* display = std::getenv("DISPLAY");
    const char* wayland = std::getenv("WAYLAND_DISPLAY");
    if ((!display || !*display) && (!wayland || !*wayland)) return NoDisplayMessage();
#else
    (void)NoDisplayMessage;
    platform::LeaveOwnConsole();  // started from Explorer: no black window behind the program's
#endif
    GuiOptions gui;
    gui.dbPath = guiDb;
    gui.lang = lang;
    gui.screenshotPath = screenshot;
    gui.view = view;
    gui.width = width;
    gui.height = height;
    gui.fitScreen = !app.count("--size") && !app.count("--height");
    gui.maxFrames = frames;
    gui.reportFirstFrame = firstFrame;
    return RunGui(gui);
#else
    (void)NoDisplayMessage;
    std::cerr << "stegvis: this build has no window; see --help for the command line\n";
    return 3;
#endif
}

}  // namespace stegvis
