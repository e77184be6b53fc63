// Draws every screen headlessly (no window, no GPU) for a few frames with empty, demo and
// oversized data, in both languages and at two window sizes. An ImGui assertion (Begin/End
// mismatch, stack imbalance) aborts the test binary, which fails the run.
#include <catch2/catch.hpp>
#include <imgui.h>
#include <imgui_internal.h>

#include <chrono>
#include <cstdlib>

#include "TestUtil.hpp"
#include "core/Demo.hpp"
#include "core/Paths.hpp"
#include "core/Sqlite.hpp"
#include "core/Text.hpp"
#include "ui/App.hpp"
#include "ui/Fonts.hpp"

using namespace stegvis;
using namespace stegvis::ui;
using stegvis::test::Sql;
using stegvis::test::TempDir;
using stegvis::test::TheCatalog;
using stegvis::test::TheManual;

namespace {

constexpr int kKeyZ = 90;  // any index works headlessly; the GLFW backend uses GLFW key codes

class Headless {
public:
    Headless(float w, float h) {
        ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = ImVec2(w, h);
        io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
        // Like a platform backend: every ImGui key gets an index into KeysDown[].
        for (int k = 0; k < ImGuiKey_COUNT; ++k) io.KeyMap[k] = 256 + k;
        io.KeyMap[ImGuiKey_Z] = kKeyZ;
        REQUIRE(BuildFonts(17));
        Upload();
    }
    ~Headless() { ImGui::DestroyContext(); }
    Headless(const Headless&) = delete;
    Headless& operator=(const Headless&) = delete;

    void Upload() {
        unsigned char* px = nullptr;
        int tw = 0, th = 0;
        ImGui::GetIO().Fonts->GetTexDataAsRGBA32(&px, &tw, &th);
        REQUIRE(tw > 0);
    }

    // Returns the number of vertices the last frame drew.
    int Frames(App& app, int n = 3) {
        int vtx = 0;
        for (int i = 0; i < n; ++i) {
            if (app.TakeFontChange()) {
                BuildFonts(app.FontSize());
                Upload();
            }
            ImGuiIO& io = ImGui::GetIO();
            io.DeltaTime = 1.0f / 60.0f;
            ImGui::NewFrame();
            DrawApp(app);
            ImGui::Render();
            vtx = ImGui::GetDrawData()->TotalVtxCount;
        }
        return vtx;
    }
};

struct Env {
    TempDir dir;
    Env() { ::setenv("XDG_DATA_HOME", dir.Path().c_str(), 1); }
    App MakeApp() { return App(TheManual(), TheCatalog(), stegvis::test::TheInstruments(), Settings(dir.File("settings.txt"))); }
};

void DrawEveryScreen(Headless& h, App& app) {
    for (int step = 1; step <= 15; ++step) {
        INFO("step " << step);
        app.SelectStep(step);
        CHECK(h.Frames(app) > 0);
    }
    for (View v : {View::Catalog, View::Decisions, View::History, View::Project}) {
        app.ShowView(v);
        CHECK(h.Frames(app) > 0);
    }
    app.ShowView(View::Catalog);
    app.ui.catSelected = "PB-01";
    app.ui.catSearch = "met";
    CHECK(h.Frames(app) > 0);
    app.ui.catSearch = "ingen sådan åtgärd";
    CHECK(h.Frames(app) > 0);
    app.ui.catSearch.clear();
    app.ui.catArea = 7;
    app.ui.catLevel = 1;
    CHECK(h.Frames(app) > 0);
    app.ui.catArea = app.ui.catLevel = -1;
    app.ui.catPrioMin = 1;
    app.ui.catPrioMax = 3;
    CHECK(h.Frames(app) > 0);
    app.ui.catPrioMin = 1;
    app.ui.catPrioMax = 10;
    app.SelectStep(3);
    app.ui.decisionFormOpen = true;
    CHECK(h.Frames(app, 4) > 0);
    // The form is open: Escape is not bound, so close it the way Cancel does.
    ImGui::NewFrame();
    ImGui::CloseCurrentPopup();
    ImGui::EndFrame();
    app.ui.showAbout = true;
    CHECK(h.Frames(app) > 0);
}

}  // namespace

TEST_CASE("Headless: the welcome screen draws in both languages and sizes", "[ui]") {
    Env env;
    for (auto size : {ImVec2(1280, 800), ImVec2(640, 480)}) {
        Headless h(size.x, size.y);
        App app = env.MakeApp();
        for (Lang lang : {Lang::Sv, Lang::En}) {
            app.SetLang(lang);
            CHECK(h.Frames(app) > 0);
            app.ui.welcomeError = "Kunde inte öppna filen: /tmp/x.stegvis: filen finns inte";
            CHECK(h.Frames(app) > 0);
        }
        app.SetLang(Lang::Sv);
    }
}

TEST_CASE("Headless: every screen of an empty project draws", "[ui]") {
    Env env;
    Headless h(1280, 800);
    App app = env.MakeApp();
    ProjectInfo info;
    info.name = "Tomt projekt";
    info.organisation = "Testkommun";
    info.catalogEdition = "2015";
    REQUIRE(app.CreateProject(env.dir.File("tom.stegvis"), info));
    DrawEveryScreen(h, app);
    app.SetLang(Lang::En);
    DrawEveryScreen(h, app);
    app.SetLang(Lang::Sv);
}

TEST_CASE("Headless: every screen of the demo project draws, also in a small window", "[ui]") {
    Env env;
    for (auto size : {ImVec2(1280, 800), ImVec2(800, 500)}) {
        Headless h(size.x, size.y);
        App app = env.MakeApp();
        REQUIRE(app.OpenDemo());
        CHECK(app.model.decisions.size() >= 3);
        DrawEveryScreen(h, app);
        app.ShowView(View::Decisions);
        app.ui.withdrawId = app.model.decisions.front().id;
        CHECK(h.Frames(app) > 0);
    }
}

TEST_CASE("Headless: very long texts and a large font do not break the layout", "[ui]") {
    Env env;
    Headless h(1280, 800);
    App app = env.MakeApp();
    ProjectInfo info;
    info.name = std::string(300, 'x') + " åäö";
    info.organisation = "Organisation med ett mycket långt namn som inte får plats på en rad i sidofältet";
    info.catalogEdition = "2015";
    REQUIRE(app.CreateProject(env.dir.File("lang.stegvis"), info));
    std::string longNotes;
    for (int i = 0; i < 400; ++i) longNotes += "Rad " + std::to_string(i) + ": anteckning om behovsinventeringen.\n";
    REQUIRE(app.Perform(SetStepNotes{2, longNotes.substr(0, 19000)}));
    app.SetFontSize(31);
    DrawEveryScreen(h, app);
    app.SetFontSize(11);
    DrawEveryScreen(h, app);
}

TEST_CASE("GUI edits go through actions: ticks, notes, undo by Ctrl+Z", "[ui][actions]") {
    Env env;
    Headless h(1280, 800);
    App app = env.MakeApp();
    const ProjectInfo info = stegvis::test::SampleInfo();
    REQUIRE(app.CreateProject(env.dir.File("p.stegvis"), info));
    const std::string item = TheManual().steps[0].checklist[0].id;
    REQUIRE(app.Perform(SetChecklistTick{1, item, true}));
    CHECK(app.model.Step(1).ticked.count(item) == 1);

    // Notes typed into the field are committed when the step is left.
    app.SelectStep(1);
    app.ui.notes = "Diskuterat på APT 2026-11-20";
    app.SelectStep(2);
    CHECK(app.model.Step(1).notes == "Diskuterat på APT 2026-11-20");

    // A rejected edit leaves the field's message and stores nothing.
    CHECK_FALSE(app.Perform(SetStepDate{2, false, "2026-02-30"}));
    CHECK(app.ui.fieldErrors.count("started_on") == 1);
    CHECK(app.model.Step(2).startedOn.empty());
    CHECK(h.Frames(app) > 0);

    // Ctrl+Z (outside a text field) undoes the newest action: the notes.
    ImGuiIO& io = ImGui::GetIO();
    io.KeyCtrl = true;
    io.KeysDown[kKeyZ] = true;
    h.Frames(app, 1);
    io.KeysDown[kKeyZ] = false;
    io.KeyCtrl = false;
    h.Frames(app, 1);
    CHECK(app.model.Step(1).notes.empty());
    CHECK(app.model.Step(1).ticked.count(item) == 1);
    CHECK(app.model.redoable == 1);
    // The status bar says what was undone in words, as the history does.
    INFO(app.ui.message);
    CHECK(app.ui.message.find("Anteckningar") != std::string::npos);
    CHECK(app.ui.message.find("notes") == std::string::npos);
    app.RedoLast();
    CHECK(app.model.Step(1).notes == "Diskuterat på APT 2026-11-20");
    SetLanguage(Lang::En);
    app.UndoLast();
    INFO(app.ui.message);
    CHECK(app.ui.message.find("Notes") != std::string::npos);
    SetLanguage(Lang::Sv);
}

TEST_CASE("Opening a bad file from the GUI shows the reason and keeps the welcome screen", "[ui][errors]") {
    Env env;
    Headless h(1280, 800);
    App app = env.MakeApp();
    stegvis::test::WriteText(env.dir.File("trasig.stegvis"), "inte en databas, bara text från ett möte");
    CHECK_FALSE(app.OpenProject(env.dir.File("trasig.stegvis")));
    CHECK_FALSE(app.HasProject());
    CHECK(app.ui.welcomeError.find("trasig.stegvis") != std::string::npos);
    CHECK(app.ui.welcomeError.find("SQLite") != std::string::npos);
    CHECK(h.Frames(app) > 0);
    CHECK(stegvis::ReadFile(env.dir.File("trasig.stegvis")) == "inte en databas, bara text från ett möte");
}

namespace {
void Press(Headless& h, App& app, ImGuiKey_ key) {
    ImGuiIO& io = ImGui::GetIO();
    io.KeysDown[io.KeyMap[key]] = true;
    h.Frames(app, 1);
    io.KeysDown[io.KeyMap[key]] = false;
    h.Frames(app, 1);
}
void Type(Headless& h, App& app, const char* text) {
    ImGui::GetIO().AddInputCharactersUTF8(text);
    h.Frames(app, 1);
}
App ProjectApp(Env& env) {
    App app = env.MakeApp();
    const ProjectInfo info = stegvis::test::SampleInfo();
    REQUIRE(app.CreateProject(env.dir.File("kb.stegvis"), info));
    return app;
}
}  // namespace

TEST_CASE("Keyboard: the inventory is filled cell by cell; Enter moves down, Tab moves right", "[ui][inventory]") {
    Env env;
    Headless h(1600, 1000);
    App app = ProjectApp(env);
    app.OpenStepTab(2, StepTab::Workspace);
    h.Frames(app, 2);
    app.ui.focusCell = "inv/BI-01/offered";
    h.Frames(app, 2);
    REQUIRE(app.ui.activeCell == "inv/BI-01/offered");

    Type(h, app, "d");  // the start of "delvis"
    Press(h, app, ImGuiKey_Enter);
    CHECK(app.model.Inventory("BI-01")->offered == "delvis");
    h.Frames(app, 2);
    CHECK(app.ui.activeCell == "inv/BI-02/offered");  // Enter went one row down

    Type(h, app, "ja");
    Press(h, app, ImGuiKey_Tab);
    CHECK(app.model.Inventory("BI-02")->offered == "ja");
    h.Frames(app, 1);
    CHECK(app.ui.activeCell == "inv/BI-02/provider");  // Tab went one cell right

    Type(h, app, "pr");  // primärvården, not psykiatrisk
    Press(h, app, ImGuiKey_Tab);
    CHECK(app.model.Inventory("BI-02")->provider == "primarvard");
    h.Frames(app, 1);
    REQUIRE(app.ui.activeCell == "inv/BI-02/volume");

    Type(h, app, "tolv");  // not a number: refused, nothing stored
    Press(h, app, ImGuiKey_Tab);
    CHECK_FALSE(app.model.Inventory("BI-02")->volume.has_value());
    CHECK(app.ui.fieldErrors.count("inv/BI-02/volume") == 1);
    h.Frames(app, 1);

    app.ui.focusCell = "inv/BI-02/volume";
    h.Frames(app, 2);
    Type(h, app, "120");
    Press(h, app, ImGuiKey_Enter);
    CHECK(app.model.Inventory("BI-02")->volume == 120);
    CHECK(app.ui.fieldErrors.count("inv/BI-02/volume") == 0);

    app.ui.focusCell = "inv/BI-01/provider";
    h.Frames(app, 2);
    Type(h, app, "p");  // ambiguous: told, not guessed
    Press(h, app, ImGuiKey_Enter);
    CHECK(app.model.Inventory("BI-01")->provider.empty());
    CHECK(app.ui.fieldErrors.count("inv/BI-01/provider") == 1);
    CHECK(app.model.undoable == 4);  // offered x2, provider, volume: one action each
}

TEST_CASE("Keyboard: readiness answers are typed digit by digit", "[ui][readiness]") {
    Env env;
    Headless h(1600, 1000);
    App app = ProjectApp(env);
    REQUIRE(app.Perform(AddReadinessRound{"oric", "APT", "2026-10-01"}));
    const int64_t round = app.model.rounds.back().id;
    REQUIRE(app.Perform(SetRoundRespondents{round, 2}));
    app.OpenStepTab(4, StepTab::Workspace);
    h.Frames(app, 2);
    const std::string prefix = "ans/" + std::to_string(round) + "/";
    app.ui.focusCell = prefix + "1/0";
    h.Frames(app, 2);
    REQUIRE(app.ui.activeCell == prefix + "1/0");
    for (const char* digit : {"4", "5", "3"}) {
        Type(h, app, digit);
        h.Frames(app, 2);
    }
    const auto& answers = app.model.rounds.back().answers;
    const auto& items = app.FindInstrument("oric")->items;
    CHECK(answers.at({1, items[0].id}) == 4);
    CHECK(answers.at({1, items[1].id}) == 5);
    CHECK(answers.at({1, items[2].id}) == 3);
    CHECK(app.ui.activeCell == prefix + "1/3");
    Type(h, app, "9");  // outside the 1-5 scale
    h.Frames(app, 2);
    CHECK(app.model.rounds.back().answers.count({1, items[3].id}) == 0);
    CHECK(app.ui.fieldErrors.count(prefix + "1/3") == 1);
}

TEST_CASE("Headless: the phase 1 workspaces draw with demo and empty data, and the sidebar hides", "[ui]") {
    Env env;
    Headless h(1280, 800);
    App app = env.MakeApp();
    REQUIRE(app.OpenDemo());
    for (int step = 1; step <= 5; ++step)
        for (StepTab tab : {StepTab::Workspace, StepTab::Guidance}) {
            app.OpenStepTab(step, tab);
            CHECK(h.Frames(app) > 0);
        }
    app.OpenStepTab(2, StepTab::Workspace);
    app.ui.compareBaseline = app.model.baselines.front().id;
    app.ui.invShow = 2;
    CHECK(h.Frames(app) > 0);
    app.OpenStepTab(3, StepTab::Workspace);
    app.ui.hexRec = "BI-04";
    CHECK(h.Frames(app) > 0);
    app.ToggleSidebar();
    CHECK(h.Frames(app) > 0);
    app.ToggleSidebar();
    app.ui.baselineFormOpen = true;
    app.OpenStepTab(2, StepTab::Workspace);
    CHECK(h.Frames(app, 4) > 0);
    app.OpenStepTab(4, StepTab::Workspace);
    app.ui.roundFormOpen = true;
    CHECK(h.Frames(app, 4) > 0);
    app.CloseProject();
    ProjectInfo info;
    info.name = "Tom";
    info.organisation = "O";
    info.catalogEdition = "2015";
    REQUIRE(app.CreateProject(env.dir.File("tom2.stegvis"), info));
    for (int step = 1; step <= 5; ++step) {
        app.OpenStepTab(step, StepTab::Workspace);
        CHECK(h.Frames(app) > 0);
    }
}

TEST_CASE("Headless: steps 6-11 draw for each initiative, without one, and with their popups", "[ui][team]") {
    Env env;
    Headless h(1280, 800);
    App app = env.MakeApp();
    REQUIRE(app.OpenDemo());
    auto initiatives = Records(app.model, "initiative");
    REQUIRE(initiatives.size() == 2);
    for (const Record* init : initiatives) {
        app.SelectInitiative(init->id);
        for (int step = 6; step <= 15; ++step)
            for (StepTab tab : {StepTab::Workspace, StepTab::Guidance}) {
                INFO("step " << step);
                app.OpenStepTab(step, tab);
                CHECK(h.Frames(app) > 0);
            }
    }
    // The first initiative's plan has an overdue activity and a missing resource.
    const int64_t met = initiatives.front()->id;
    app.SelectInitiative(met);
    CHECK(OverdueCount(app.model, met, TodayIso()) >= 1);
    CHECK(MissingResourceCount(app.model, met) == 1);
    app.OpenStepTab(10, StepTab::Workspace);
    app.ui.removeKind = "activity";
    app.ui.removeId = Records(app.model, "activity", met).front()->id;
    CHECK(h.Frames(app, 3) > 0);
    CHECK(ImGui::GetCurrentContext()->OpenPopupStack.Size == 1);  // the "really remove?" question
    app.ui.removeId = 0;
    app.OpenStepTab(7, StepTab::Workspace);
    app.ui.startRec = "AN-03";
    app.ui.startFormOpen = true;
    CHECK(h.Frames(app, 3) > 0);
    app.SetLang(Lang::En);
    app.OpenStepTab(11, StepTab::Workspace);
    CHECK(h.Frames(app) > 0);
    app.SetLang(Lang::Sv);

    app.CloseProject();
    ProjectInfo info;
    info.name = "Tom";
    info.organisation = "O";
    info.catalogEdition = "2015";
    REQUIRE(app.CreateProject(env.dir.File("tom3.stegvis"), info));
    for (int step = 6; step <= 15; ++step) {
        app.OpenStepTab(step, StepTab::Workspace);
        CHECK(h.Frames(app) > 0);
    }
    // The add bar adds a person through an action.
    app.OpenStepTab(6, StepTab::Workspace);
    app.ui.addFields["member/name"] = "Erik Sjöberg";
    REQUIRE(app.Perform(AddRecord{"member", 0, {{"name", app.ui.addFields["member/name"]}, {"role", "leader"}}}));
    CHECK(h.Frames(app) > 0);
    CHECK(LeaderCount(app.model) == 1);
}

TEST_CASE("Headless: steps 12-15 draw, also a chart of ten years of weekly data", "[ui][measures]") {
    Env env;
    Headless h(1280, 800);
    App app = env.MakeApp();
    REQUIRE(app.OpenDemo());
    app.SelectInitiative(Records(app.model, "initiative").front()->id);
    for (int step = 12; step <= 15; ++step) {
        app.OpenStepTab(step, StepTab::Workspace);
        CHECK(h.Frames(app) > 0);
    }
    // 520 weeks on one measure, with gaps and notes, baseline frozen on the first 52.
    const int64_t init = app.CurrentInitiative();
    REQUIRE(app.Perform(AddRecord{"measure", init, {{"name", "Tio år"}, {"definition", "count"}, {"direction", "up"}, {"period", "week"}}}));
    const int64_t m = Records(app.model, "measure", init).back()->id;
    ImportPoints imp{m, {}};
    std::string w = "2016-11-28";
    for (int i = 0; i < 520; ++i, w = AddDays(w, 7))
        if (i % 37 != 5) imp.rows.push_back({w, static_cast<double>(20 + (i * 7919) % 13 + (i > 300 ? 6 : 0)), std::nullopt});
    REQUIRE(app.Perform(imp));
    REQUIRE(app.Perform(SetRecordFields{"measure", m, {{"baseline_from", "2016-11-28"}, {"baseline_to", AddDays("2016-11-28", 7 * 51)}}}));
    REQUIRE(app.Perform(SetPointNote{m, AddDays("2016-11-28", 7 * 300), "Ny rutin"}));
    app.ui.measure = m;
    for (int step : {12, 13, 15}) {
        app.OpenStepTab(step, StepTab::Workspace);
        CHECK(h.Frames(app) > 0);
    }
    app.ui.pasteText = "2026-01-05;3\nfel;rad\n";
    app.OpenStepTab(12, StepTab::Workspace);
    CHECK(h.Frames(app) > 0);
}

TEST_CASE("Closing the window commits a cell still being typed in", "[ui][inventory]") {
    Env env;
    Headless h(1600, 1000);
    App app = ProjectApp(env);
    app.OpenStepTab(2, StepTab::Workspace);
    h.Frames(app, 2);
    app.ui.focusCell = "inv/BI-04/comment";
    h.Frames(app, 2);
    REQUIRE(app.ui.activeCell == "inv/BI-04/comment");
    Type(h, app, "Skrivet men inte lämnat");
    CHECK(app.model.Inventory("BI-04") == nullptr);  // not stored while typing
    app.ui.closing = true;                            // what the window does before it closes
    h.Frames(app, 1);
    REQUIRE(app.model.Inventory("BI-04") != nullptr);
    CHECK(app.model.Inventory("BI-04")->comment == "Skrivet men inte lämnat");
}

TEST_CASE("File > Export writes the chosen document and remembers the folder", "[ui][report]") {
    Env env;
    Headless h(1280, 800);
    App app = env.MakeApp();
    REQUIRE(app.OpenDemo());
    app.ui.exportDialogOpen = true;
    CHECK(h.Frames(app, 3) > 0);
    std::string written = app.ExportDocument("progress", "html", env.dir.File("rapport.md"));
    CHECK(written == env.dir.File("rapport.html"));  // the extension follows the format
    CHECK(StartsWith(ReadFile(written), "<!DOCTYPE html>"));
    CHECK(app.settings.Get("export_dir") == env.dir.Path());
    for (const char* format : {"xlsx", "csv", "json"}) {
        INFO(format);
        std::string f = app.ExportDocument("progress", format, env.dir.File("allt"));
        CHECK(f == env.dir.File(std::string("allt.") + format));
        CHECK(PathExists(f));
    }
    CHECK(ReadFile(env.dir.File("allt.json")).find("stegvis-backup") != std::string::npos);
    CHECK(StartsWith(ReadFile(app.ExportDocument("local-agreement", "md", env.dir.File("lok"))), "# Lokal överenskommelse"));
    CHECK(app.ExportDocument("case-for-change", "md", "/nonexistent-folder/x.md").empty());
    CHECK(app.ui.exportMessage.find("/nonexistent-folder/x.md") != std::string::npos);
}

TEST_CASE("Headless: the county overview reads a folder, with and without a project open", "[ui][rollup]") {
    Env env;
    Headless h(1280, 800);
    const std::string folder = env.dir.File("lan");
    REQUIRE(MakeDirs(folder));
    for (const char* org : {"Umeå kommun", "Region Västerbotten"}) {
        DemoOptions opt;
        opt.organisation = org;
        CreateDemo(folder + "/" + std::string(org[0] == 'U' ? "umea" : "region") + ".stegvis", opt, TheManual(), TheCatalog(),
                   stegvis::test::TheInstruments());
    }
    stegvis::test::WriteText(folder + "/trasig.json", "{ inte json");
    App app = env.MakeApp();
    app.ShowView(View::County);
    CHECK(h.Frames(app) > 0);  // the empty state, no project open
    app.LoadCounty(folder);
    REQUIRE(app.county);
    CHECK(app.county->units.size() == 2);
    CHECK(app.county->skipped.size() == 1);
    CHECK(h.Frames(app) > 0);
    REQUIRE(app.OpenDemo());
    app.ShowView(View::County);
    CHECK(h.Frames(app) > 0);
    CHECK(app.settings.Get("county_folder") == folder);
}

TEST_CASE("Two windows on one file: a change made elsewhere is picked up and shown", "[ui][reliability]") {
    Env env;
    Headless h(1280, 800);
    App app = env.MakeApp();
    double clock = 1000.0;  // seconds, stepped by hand: polls are at most about once a second
    app.SetClock([&clock] { return clock; });
    const ProjectInfo info = stegvis::test::SampleInfo();
    const std::string path = env.dir.File("delad.stegvis");
    REQUIRE(app.CreateProject(path, info));
    REQUIRE(app.Perform(SetStepNotes{3, "från fönster 1"}));
    CHECK_FALSE(app.PollExternalChange());  // our own edit is not someone else's

    {
        // The other window: its own connection, its own edit.
        Store other = Store::Open(path);
        REQUIRE(Apply(other, SetStepNotes{2, "från fönster 2"}, "kollega", &TheManual()).ok);
        REQUIRE(Apply(other, SetStepNotes{1, "steg 1 från fönster 2"}, "kollega", &TheManual()).ok);
    }
    REQUIRE(app.ui.bufferStep == 1);  // step 1's notes field is on screen, nobody typing in it
    REQUIRE(app.model.Step(2).notes.empty());
    // Polls are at most about once a second: not yet, then a second later.
    clock += 0.5;
    CHECK_FALSE(app.PollExternalChange());
    clock += 0.5;
    CHECK(app.PollExternalChange());
    CHECK(app.model.Step(2).notes == "från fönster 2");
    CHECK(app.model.Step(3).notes == "från fönster 1");
    CHECK(app.ui.notes == "steg 1 från fönster 2");  // the field follows; leaving it saves nothing stale
    app.SelectStep(4);
    CHECK(app.model.Step(1).notes == "steg 1 från fönster 2");
    CHECK(app.ui.message.find("annat fönster") != std::string::npos);
    CHECK(h.Frames(app) > 0);

    // Edits keep working after the refresh, and idle time copies the log into the file.
    REQUIRE(app.Perform(SetStepNotes{3, "igen"}));
    app.Idle();
    CHECK(Store::CheckIntegrity(path) == "ok");
    CHECK(Store::Open(path).Load().Step(3).notes == "igen");
}

TEST_CASE("Opening a project backs it up, and File > Backups restores one and keeps the file as it was", "[ui][reliability]") {
    Env env;
    Headless h(1280, 800);
    App app = env.MakeApp();
    const ProjectInfo info = stegvis::test::SampleInfo();
    const std::string path = env.dir.File("p.stegvis");
    REQUIRE(app.CreateProject(path, info));
    REQUIRE(app.Perform(SetStepNotes{3, "första versionen"}));
    app.CloseProject();
    REQUIRE(app.OpenProject(path));  // backs up the file with "första versionen"
    REQUIRE(app.Perform(SetStepNotes{3, "ett misstag"}));

    app.RefreshBackups();
    REQUIRE(app.ui.backups.size() >= 2);
    const AutoBackupInfo newest = app.ui.backups.front();  // taken at the second opening
    CHECK(newest.problem.empty());
    CHECK(newest.projectName == "Införande 2027");
    // The dialog draws its list and its question.
    app.ui.backupsOpen = true;
    CHECK(h.Frames(app) > 0);
    app.ui.restoreCandidate = newest.path;
    CHECK(h.Frames(app) > 0);

    REQUIRE(app.RestoreBackup(newest.path));
    CHECK(app.model.Step(3).notes == "första versionen");
    CHECK(app.ui.message.find("Återställde") != std::string::npos);
    CHECK_FALSE(app.PollExternalChange());  // our own restore is not reported as someone else's
    // The file as it was ("ett misstag") is itself a backup now, so the restore can be taken back.
    app.RefreshBackups();
    bool keptMistake = false;
    for (const AutoBackupInfo& b : app.ui.backups)
        if (Store::Open(b.path).Load().Step(3).notes == "ett misstag") keptMistake = true;
    CHECK(keptMistake);
    CHECK(Store::CheckIntegrity(path) == "ok");

    // A backup that is not a project is refused with the reason, and nothing changes.
    const std::string junk = env.dir.File("skräp.stegvis");
    WriteFileAtomic(junk, "inte en databas");
    CHECK_FALSE(app.RestoreBackup(junk));
    CHECK(app.ui.messageIsError);
    CHECK(app.model.Step(3).notes == "första versionen");
}

TEST_CASE("Typing a personal identity number saves the text but warns, and the status bar lists it", "[ui][privacy]") {
    Env env;
    Headless h(1280, 800);
    App app = env.MakeApp();
    const ProjectInfo info = stegvis::test::SampleInfo();
    REQUIRE(app.CreateProject(env.dir.File("p.stegvis"), info));
    REQUIRE(app.Perform(SetInventoryField{"PB-01", InvField::Comment, "Ingen klientinfo här"}));
    CHECK_FALSE(app.ui.messageIsError);
    CHECK(app.privacyFindings.empty());

    REQUIRE(app.Perform(SetInventoryField{"PB-02", InvField::Comment, "Gäller 811218-9876"}));
    CHECK(app.model.Inventory("PB-02")->comment == "Gäller 811218-9876");  // warned, not blocked
    CHECK(app.ui.messageIsError);
    CHECK(app.ui.message.find("811218-****") != std::string::npos);
    REQUIRE(app.privacyFindings.size() == 1);
    app.ui.showPrivacy = true;
    CHECK(h.Frames(app) > 0);

    // Another edit elsewhere does not warn again about the same text.
    REQUIRE(app.Perform(SetInventoryField{"PB-03", InvField::Comment, "Vanlig kommentar"}));
    CHECK_FALSE(app.ui.messageIsError);
    // Taking the number away clears the list.
    REQUIRE(app.Perform(SetInventoryField{"PB-02", InvField::Comment, "Gäller en klient"}));
    CHECK(app.privacyFindings.empty());
}

TEST_CASE("The opening backup waits for the first idle moment, except for a file about to be upgraded", "[ui][reliability]") {
    Env env;
    App app = env.MakeApp();
    const ProjectInfo info = stegvis::test::SampleInfo();
    const std::string current = env.dir.File("ny.stegvis");
    { Store::Create(current, info); }
    REQUIRE(Store::HeaderSchemaVersion(current) == Store::kSchemaVersion);
    REQUIRE(app.OpenProject(current));
    CHECK(ListAutoBackups(current).empty());  // the first frame does not wait for it
    app.Idle();
    REQUIRE(ListAutoBackups(current).size() == 1);
    app.CloseProject();

    // A project closed before the window ever went idle still leaves its copy.
    const std::string quick = env.dir.File("snabb.stegvis");
    { Store::Create(quick, info); }
    REQUIRE(app.OpenProject(quick));
    app.CloseProject();
    CHECK(ListAutoBackups(quick).size() == 1);

    // A file from an older Stegvis is copied as it was, before it is upgraded.
    const std::string old = env.dir.File("gammal.stegvis");
    stegvis::test::CreateReleasedFile(old, 1);
    {
        Db db(old, SQLITE_OPEN_READWRITE);
        db.Exec("INSERT INTO project(id, name, organisation, org_kind, catalog_edition, created_on) "
                "VALUES (1, 'Gammalt', 'Org', 'region', '2015', '2020-01-01')");
    }
    REQUIRE(Store::HeaderSchemaVersion(old) == 1);
    REQUIRE(app.OpenProject(old));
    auto backups = ListAutoBackups(old);
    REQUIRE(backups.size() == 1);
    CHECK(Store::HeaderSchemaVersion(backups.front().path) == 1);
    CHECK(app.schemaVersion == Store::kSchemaVersion);
    CHECK(Store::HeaderSchemaVersion(env.dir.File("inte-sqlite.txt")) == -1);
}

TEST_CASE("The window notices a file replaced under it, rescues its edits and offers them", "[ui][reliability][hostile]") {
    Env env;
    Headless h(1280, 800);
    App app = env.MakeApp();
    const std::string path = env.dir.File("delad.stegvis");
    REQUIRE(app.CreateProject(path, stegvis::test::SampleInfo()));
    REQUIRE(app.Perform(SetStepNotes{2, "sparat före bytet"}));
    app.SelectStep(3);
    app.ui.notes = "skrivs just nu";  // typed in step 3's notes, not yet saved
    const std::string copy = env.dir.File("kopia");
    // A sync client puts an older version in its place.
    REQUIRE(std::system(("cp '" + path + "' '" + copy + "'").c_str()) == 0);
    Sql(copy, "UPDATE step_progress SET notes = 'från molnet' WHERE step = 2");
    REQUIRE(::rename(copy.c_str(), path.c_str()) == 0);

    // The next edit is refused and the window lets go of the file.
    CHECK_FALSE(app.Perform(SetStepNotes{4, "efter bytet"}));
    CHECK_FALSE(app.HasProject());
    REQUIRE(app.ui.lost.path == path);
    REQUIRE_FALSE(app.ui.lost.rescuedTo.empty());
    CHECK(app.ui.lost.notes == "skrivs just nu");
    CHECK(h.Frames(app) > 0);
    CHECK(ImGui::FindWindowByName("###lostfile") != nullptr);  // the dialog is up
    // The file now at the path is the sync client's, untouched, and no log of ours is beside it.
    CHECK_FALSE(PathExists(path + "-wal"));
    CHECK(Store::CheckIntegrity(path) == "ok");
    CHECK(Store::OpenReadOnly(path).Load().Step(2).notes == "från molnet");

    // Opening the rescued copy gives back everything saved, and the text that was being typed.
    app.OpenAfterLoss(true);
    REQUIRE(app.HasProject());
    CHECK(app.ProjectPath() != path);
    CHECK(app.model.Step(2).notes == "sparat före bytet");
    CHECK(app.model.Step(3).notes == "skrivs just nu");
    CHECK(app.settings.Get("last_file") == app.ProjectPath());
}

TEST_CASE("A project that fails to open is named and never reopened at the next start", "[ui][reliability][hostile]") {
    Env env;
    Headless h(1280, 800);
    App app = env.MakeApp();
    const std::string path = env.dir.File("trasig.stegvis");
    REQUIRE(app.CreateProject(path, stegvis::test::SampleInfo()));
    CHECK(app.settings.Get("last_file") == path);
    app.CloseProject();
    Sql(path, "DELETE FROM step_progress WHERE step = 9");  // crafted or damaged: a step is gone
    CHECK_FALSE(app.OpenProject(path));
    CHECK(app.ui.welcomeError.find("trasig.stegvis") != std::string::npos);
    CHECK(app.ui.welcomeError.find("15 steg") != std::string::npos);
    CHECK(app.settings.Get("last_file", "") == "");
    CHECK(h.Frames(app) > 0);  // the welcome screen with the error, no crash
}

TEST_CASE("A screen that fails on a project ends its frame cleanly, names the file and is not reopened",
          "[ui][reliability][hostile]") {
    Env env;
    Headless h(1280, 800);
    App app = env.MakeApp();
    const std::string path = env.dir.File("visas-inte.stegvis");
    REQUIRE(app.CreateProject(path, stegvis::test::SampleInfo()));
    REQUIRE(app.settings.Get("last_file") == path);
    // A frame broken off half-way, deep inside a window, a child and a table.
    ImGui::GetIO().DeltaTime = 1.0f / 60.0f;
    ImGui::NewFrame();
    try {
        ImGui::Begin("yttre");
        ImGui::BeginChild("inre");
        if (ImGui::BeginTable("tabell", 2)) ImGui::TableNextColumn();
        ImGui::PushID("rad");
        throw std::runtime_error("ett värde som ingen redigering kan ge");
    } catch (const std::exception& e) {
        RecoverFromFrameError(app, e.what());
    }
    ImGui::Render();  // balanced again: no assertion, no crash
    CHECK_FALSE(app.HasProject());
    CHECK(app.ui.welcomeError.find("visas-inte.stegvis") != std::string::npos);
    CHECK(app.ui.welcomeError.find("ett värde som ingen redigering kan ge") != std::string::npos);
    CHECK(app.settings.Get("last_file", "") == "");
    CHECK(h.Frames(app) > 0);  // the welcome screen draws on
    CHECK(app.OpenProject(path));  // the file itself was not harmed
}

TEST_CASE("The window reopens a project at the step and initiative the user left it at", "[ui][reopen]") {
    Env env;
    Headless h(1280, 800);
    const std::string file = env.dir.File("demo.stegvis"), other = env.dir.File("other.stegvis");
    CreateDemo(file, DemoOptions{}, TheManual(), TheCatalog(), stegvis::test::TheInstruments());
    CreateDemo(other, DemoOptions{}, TheManual(), TheCatalog(), stegvis::test::TheInstruments());
    int64_t second = 0;
    {
        App app = env.MakeApp();
        REQUIRE(app.OpenProject(file));
        auto inits = Records(app.model, "initiative");
        REQUIRE(inits.size() >= 2);
        second = inits[1]->id;
        app.SelectInitiative(second);
        app.SelectStep(12);
        CHECK(h.Frames(app) > 0);
    }
    {
        App app = env.MakeApp();  // a new start, same settings
        REQUIRE(app.OpenProject(file));
        CHECK(app.ui.step == 12);
        CHECK(app.ui.view == View::Step);
        CHECK(app.CurrentInitiative() == second);
        CHECK(h.Frames(app) > 0);
        // Another file opens where its work is, not at this file's place.
        REQUIRE(app.OpenProject(other));
        int firstNotDone = 1;
        for (const auto& s : app.model.steps)
            if (s.status != StepStatus::Done) { firstNotDone = s.step; break; }
        CHECK(app.ui.step == firstNotDone);
    }
}
