// Draws every screen headlessly (no window, no GPU) for a few frames with empty, demo and
// oversized data, in both languages and at two window sizes. An ImGui assertion (Begin/End
// mismatch, stack imbalance) aborts the test binary, which fails the run. After the frames the
// tests read back what the screen shows (UiQuery.hpp): its texts, dialogs and named items.
#include <catch2/catch.hpp>
#include <imgui.h>
#include <imgui_internal.h>

#include <cfloat>
#include <condition_variable>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <memory>
#include <mutex>
#include <algorithm>
#include <set>

#include "TestUtil.hpp"
#include "UiQuery.hpp"
#include "reference/Catalog.hpp"
#include "edit/Demo.hpp"
#include "domain/Inventory.hpp"
#include "domain/Measures.hpp"
#include "base/Paths.hpp"
#include "store/Sqlite.hpp"
#include "base/Text.hpp"
#include "ui/App.hpp"
#include "ui/Fonts.hpp"
#include "ui/Probe.hpp"
#include "ui/Views.hpp"
#include "ui/Widgets.hpp"

using namespace stegvis;
using namespace stegvis::ui;
using stegvis::test::Screen;
using stegvis::test::ShownText;
using stegvis::test::Sql;
using stegvis::test::Gate;
using stegvis::test::OpenOnExit;
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
        ProbeCapture(true);
    }
    ~Headless() {
        ProbeCapture(false);
        ImGui::DestroyContext();
    }
    Headless(const Headless&) = delete;
    Headless& operator=(const Headless&) = delete;

    void Upload() {
        unsigned char* px = nullptr;
        int tw = 0, th = 0;
        ImGui::GetIO().Fonts->GetTexDataAsRGBA32(&px, &tw, &th);
        REQUIRE(tw > 0);
    }

    // Draws `n` frames; returns what the last one shows.
    Screen Frames(App& app, int n = 3) {
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
            ProbeEndFrame();
            app.BetweenFrames();  // as the window does: what the frame asked for is applied now
        }
        return Screen::Capture();
    }

    // A click in the middle of `where`, as the mouse makes it: there, pressed, released, away.
    Screen Click(App& app, const ShownText& where, int button = 0) {
        ImGuiIO& io = ImGui::GetIO();
        io.MousePos = ImVec2((where.min.x + where.max.x) / 2, (where.min.y + where.max.y) / 2);
        Frames(app, 1);
        io.MouseDown[button] = true;
        Frames(app, 1);
        io.MouseDown[button] = false;
        Frames(app, 1);
        io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);  // so no tooltip stays
        return Frames(app);
    }
};

struct Env {
    TempDir dir;
    Env() { ::setenv("XDG_DATA_HOME", dir.Path().c_str(), 1); }
    App MakeApp() { return App(TheManual(), TheCatalog(), stegvis::test::TheInstruments(), Settings(dir.File("settings.txt"))); }
};

// The first text of each step's workspace, drawn whatever the data: that the tab shown is this
// step's workspace and that it got as far as its first line.
std::string WorkspaceMark(const App& app, int step) {
    if (StepIsPerInitiative(step) && app.CurrentInitiative() == 0) return T(S::NoInitiativeYet);
    const bool en = CurrentLanguage() == Lang::En;
    switch (step) {
        case 1: return Format(S::CatalogIntro, app.catalog.edition.c_str());
        case 2: {
            const Progress p = InventoryProgress(app.model, app.catalog);
            return Format(S::AssessedOf, p.done, p.total);
        }
        case 3: return T(S::ScoreFormula);
        case 4: return T(S::NewRound);
        case 5: return Format(S::CaseTitle, "");  // the project's name after it may run below the window
        case 6: return T(S::TeamIntro);
        case 7: return T(S::InitiativesTitle);
        case 8: return T(S::TheNeed);
        case 9: return std::string("+ ") + (en ? ResourceKinds()[0].en : ResourceKinds()[0].sv);
        case 10: return T(S::GoalsTitle);
        case 11: return T(S::CoverageTitle);
        case 12: return Records(app.model, "measure", app.CurrentInitiative()).empty() ? T(S::NoMeasures) : T(S::MeasureName);
        case 13: return T(S::PdsaIntro);
        case 14: return T(S::WhatMeasuresShow);
        case 15: return T(S::FullScaleFrom);
    }
    return "";
}

// The step page of `step` is what the screen shows: where it is in the manual, its title, the one
// status it has, the initiative it is for (steps 8-15), and the tab asked for.
void CheckStepPage(const Screen& s, const App& app, int step, StepTab tab) {
    const Step& st = *app.manual.FindStep(step);
    const Screen content = s.In("content");
    INFO("step " << step << (tab == StepTab::Guidance ? " (guidance)" : "") << "; the screen shows:\n" << s.Dump());
    CHECK(content.Shows(Format(S::StepOf, step)));
    CHECK(content.Shows(st.title.In(CurrentLanguage() == Lang::En)));
    const StepProgress& sp = app.PictureFor(step).progress;  // the data counts, not only the status confirmed
    CHECK(s.Items("step-status-").size() == 1);
    CHECK(s.Items(std::string("step-status-") + StepStatusKey(sp.status)).size() == 1);
    if (StepIsPerInitiative(step)) {
        const Record* init = FindRecord(app.model, "initiative", app.CurrentInitiative());
        CHECK(content.Shows(init ? Format(S::InitiativeBanner, init->Get("name").c_str(), init->Get("rec_id").c_str())
                                 : std::string(T(S::NoInitiativeBanner))));
    }
    if (tab == StepTab::Guidance) {
        CHECK(s.In("/stepbody_").Shows(T(S::Purpose)));
        CHECK(s.In("/stepbody_").Shows(Format(S::Checklist, static_cast<int>(sp.ticked.size()),
                                              static_cast<int>(st.checklist.size()))));
    } else {
        CHECK_FALSE(s.HasWindow("/stepbody_"));
        CHECK(content.Shows(WorkspaceMark(app, step)));
    }
}

// Shows a step's workspace or guidance as the user gets there: the step, then a click on the tab.
Screen OpenStepTab(Headless& h, App& app, int step, StepTab tab) {
    app.OpenStepTab(step, tab);
    Screen s = h.Frames(app);
    if (tab == StepTab::Workspace) return s;
    const StepProgress& sp = app.PictureFor(step).progress;
    const auto label = s.In("content").LinesWith(
        Format(S::GuidanceTab, static_cast<int>(sp.ticked.size()), static_cast<int>(app.manual.FindStep(step)->checklist.size())));
    INFO(s.Dump());
    REQUIRE(label.size() == 1);
    return h.Click(app, label.front());
}

// The catalog's rows for the filters set: the count says how many match, every row drawn is one
// of them, and with none the screen says so.
void CheckCatalogRows(const Screen& s, const App& app, const std::function<bool(const Recommendation&)>& match) {
    std::set<std::string> want, all;
    for (const Recommendation& r : app.catalog.recommendations) {
        all.insert(r.id);
        if (match(r)) want.insert(r.id);
    }
    INFO("the screen shows:\n" << s.Dump());
    CHECK(s.In("content").Shows(Format(S::ShowingOf, static_cast<int>(want.size()), static_cast<int>(all.size()))));
    int rows = 0;
    for (const ShownText& line : s.In("/catalog_").Lines()) {
        const std::string first = line.text.substr(0, line.text.find(' '));
        if (!all.count(first)) continue;
        ++rows;
        INFO(first);
        CHECK(want.count(first) == 1);
    }
    if (want.empty()) {
        CHECK(rows == 0);
        CHECK(s.In("content").Shows(T(S::NoMatches)));
    } else {
        CHECK(rows > 0);
        CHECK_FALSE(s.In("content").Shows(T(S::NoMatches)));
    }
}

ImU32 Rgba(const ImVec4& c) { return ImGui::ColorConvertFloat4ToU32(c); }

// A line starting `start` is painted in the colour of errors.
bool ShownAsError(const Screen& s, const std::string& start) {
    for (const ShownText& line : s.LinesWith(start))
        if (line.color == Rgba(kErrorColor)) return true;
    return false;
}

// The welcome screen, with the error it was given (if any) in red under the name field.
void CheckWelcome(const Screen& s, const App& app) {
    INFO("the screen shows:\n" << s.Dump());
    CHECK(s.Shows(T(S::WelcomeTitle)));
    CHECK(s.Shows(T(S::NewProjectHeader)));
    CHECK_FALSE(s.HasWindow("sidebar"));
    if (app.ui.welcomeError.empty()) {
        CHECK_FALSE(s.Shows("Kunde inte"));
    } else {
        CHECK(s.Shows(app.ui.welcomeError));
        CHECK(ShownAsError(s, app.ui.welcomeError.substr(0, 12)));
    }
}

void DrawEveryScreen(Headless& h, App& app) {
    for (int step = 1; step <= 15; ++step) {
        app.SelectStep(step);
        CheckStepPage(h.Frames(app), app, step, StepTab::Workspace);
    }
    const int recs = static_cast<int>(app.catalog.recommendations.size());
    {
        app.ShowView(View::Catalog);
        Screen s = h.Frames(app);
        INFO(s.Dump());
        CHECK(s.In("content").Shows(T(S::CatalogTitle)));
        CHECK(s.In("content").Shows(Format(S::ShowingOf, recs, recs)));
    }
    {
        app.ShowView(View::Decisions);
        Screen s = h.Frames(app);
        INFO(s.Dump());
        CHECK(s.In("content").Shows(T(S::DecisionsTitle)));
        if (app.model.decisions.empty()) CHECK(s.In("content").Shows(T(S::NoDecisions)));
        else CHECK(s.In("/decisions_").Shows(app.model.decisions.back().title));  // newest first
    }
    {
        app.ShowView(View::History);
        Screen s = h.Frames(app);
        INFO(s.Dump());
        CHECK(s.In("content").Shows(T(S::HistoryTitle)));
        if (app.history.empty()) CHECK(s.In("content").Shows(T(S::NoHistory)));
        else CHECK(s.In("/history_").Shows(app.history.front().at));  // newest first
    }
    {
        app.ShowView(View::Project);
        Screen s = h.Frames(app);
        INFO(s.Dump());
        CHECK(s.In("content").Shows(T(S::ProjectTitle)));
        CHECK(s.In("content").Shows(app.model.project.createdOn));
        CHECK(s.In("content").Shows(std::to_string(Store::kSchemaVersion)));
    }
    app.ShowView(View::Catalog);
    app.ui.catSelected = "PB-01";
    app.ui.catSearch = "met";
    {
        Screen s = h.Frames(app);
        CheckCatalogRows(s, app, [](const Recommendation& r) {
            return ContainsFolded(r.condition, "met") || ContainsFolded(r.intervention, "met") || ContainsFolded(r.id, "met");
        });
        INFO(s.Dump());
        CHECK(s.In("/details_").Shows(app.catalog.Find("PB-01")->id + " · " + app.catalog.Find("PB-01")->area));
    }
    app.ui.catSearch = "ingen sådan åtgärd";
    CheckCatalogRows(h.Frames(app), app, [](const Recommendation&) { return false; });
    app.ui.catSearch.clear();
    app.ui.catArea = 7;
    app.ui.catLevel = 1;
    CheckCatalogRows(h.Frames(app), app, [](const Recommendation& r) {
        return r.area == KnownAreas()[7] && static_cast<int>(r.level) == 1;
    });
    app.ui.catArea = app.ui.catLevel = -1;
    app.ui.catPrioMin = 1;
    app.ui.catPrioMax = 3;
    CheckCatalogRows(h.Frames(app), app, [](const Recommendation& r) {
        return r.priority.kind == PriorityKind::Number && r.priority.number >= 1 && r.priority.number <= 3;
    });
    app.ui.catPrioMin = 1;
    app.ui.catPrioMax = 10;
    app.SelectStep(3);
    app.ui.decisionFormOpen = true;
    {
        Screen s = h.Frames(app, 4);
        INFO(s.Dump());
        CHECK(s.HasWindow("###decisionform"));
        CHECK(s.In("###decisionform").Shows(T(S::DecisionTitle)));
        CHECK(s.In("###decisionform").Shows(T(S::Save)));
        CHECK(s.In("###decisionform").Shows(T(S::Cancel)));
    }
    // The form is open: Escape is not bound, so close it the way Cancel does.
    ImGui::NewFrame();
    ImGui::CloseCurrentPopup();
    ImGui::EndFrame();
    app.ui.showAbout = true;
    {
        Screen s = h.Frames(app);
        INFO(s.Dump());
        CHECK_FALSE(s.HasWindow("###decisionform"));
        CHECK(s.HasWindow("###about"));
        CHECK(s.In("###about").Shows(std::string("Stegvis ") + STEGVIS_VERSION));
        CHECK(s.In("###about").Shows(T(S::AboutText)));
    }
}

}  // namespace

TEST_CASE("Headless: the welcome screen draws in both languages and sizes", "[ui]") {
    Env env;
    for (auto size : {ImVec2(1280, 800), ImVec2(640, 480)}) {
        Headless h(size.x, size.y);
        App app = env.MakeApp();
        for (Lang lang : {Lang::Sv, Lang::En}) {
            app.SetLang(lang);
            CheckWelcome(h.Frames(app), app);
            app.ui.welcomeError = "Kunde inte öppna filen: /tmp/x.stegvis: filen finns inte";
            CheckWelcome(h.Frames(app), app);
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
        Screen s = h.Frames(app);
        INFO(s.Dump());
        CHECK(s.HasWindow("###withdraw"));
        CHECK(s.In("###withdraw").Shows(Format(S::WithdrawConfirm, app.model.decisions.front().title.c_str())));
        CHECK(s.In("###withdraw").Shows(T(S::Cancel)));
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
    {
        // The step page says why, in red, on its message line.
        Screen s = h.Frames(app);
        INFO(s.Dump());
        CHECK(s.Has("step-error"));
        CHECK_FALSE(s.Has("step-suggestion"));
        CHECK(s.In("content").Shows(app.ui.fieldErrors.at("started_on")));
        CHECK(ShownAsError(s.In("content"), app.ui.fieldErrors.at("started_on")));  // not only in the status bar
    }

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
    CheckWelcome(h.Frames(app), app);
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

TEST_CASE("Keyboard: the inventory is filled cell by cell: Enter moves down, Tab moves right", "[ui][inventory]") {
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
    // What was typed stays in its cell, marked, to be put right rather than typed again.
    {
        Screen shown = h.Frames(app);
        const ui::ProbeRect cell = shown.Item("inv/BI-02/volume");
        bool inCell = false;
        for (const ShownText& t : shown.LinesWith("tolv"))
            inCell = inCell || (t.min.x >= cell.x0 - 1 && t.max.x <= cell.x1 + 1 && t.min.y >= cell.y0 - 1 &&
                                t.max.y <= cell.y1 + 1);
        INFO(shown.Dump());
        CHECK(inCell);
    }

    app.ui.focusCell = "inv/BI-02/volume";
    h.Frames(app, 2);
    CHECK(app.ui.cellBuf == "tolv");  // editing it again starts from the refused text
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

    // Left without a change, a refused cell lets go of its text and shows what is stored.
    app.ui.focusCell = "inv/BI-01/provider";
    h.Frames(app, 2);
    REQUIRE(app.ui.activeCell == "inv/BI-01/provider");
    CHECK(app.ui.cellBuf == "p");
    Press(h, app, ImGuiKey_Escape);
    h.Frames(app, 2);
    CHECK(app.ui.fieldErrors.count("inv/BI-01/provider") == 0);
    CHECK(app.ui.committedText.count("inv/BI-01/provider") == 0);
}

namespace {
// The middle of a probed item, to click it.
ShownText At(const Screen& s, const std::string& item) {
    const ui::ProbeRect r = s.Item(item);
    ShownText t;
    t.min = ImVec2(static_cast<float>(r.x0), static_cast<float>(r.y0));
    t.max = ImVec2(static_cast<float>(r.x1), static_cast<float>(r.y1));
    return t;
}
}  // namespace

TEST_CASE("Shared responsibility: several providers are typed with + or ticked in the cell's menu", "[ui][inventory]") {
    Env env;
    Headless h(1600, 1000);
    App app = ProjectApp(env);
    app.OpenStepTab(2, StepTab::Workspace);
    h.Frames(app, 2);
    app.ui.focusCell = "inv/BI-01/provider";
    h.Frames(app, 2);
    REQUIRE(app.ui.activeCell == "inv/BI-01/provider");
    Type(h, app, "eg + ps");
    Press(h, app, ImGuiKey_Enter);
    CHECK(app.model.Inventory("BI-01")->provider == "egen,psykiatri");
    CHECK(app.ui.fieldErrors.count("inv/BI-01/provider") == 0);

    // Nobody together with somebody is told, not stored.
    app.ui.focusCell = "inv/BI-01/provider";
    h.Frames(app, 2);
    Type(h, app, "ingen + eg");
    Press(h, app, ImGuiKey_Enter);
    CHECK(app.model.Inventory("BI-01")->provider == "egen,psykiatri");
    REQUIRE(app.ui.fieldErrors.count("inv/BI-01/provider") == 1);
    CHECK(app.ui.fieldErrors["inv/BI-01/provider"] == T(S::InvNobodyAlone));
    h.Frames(app, 2);

    // The menu ticks one box at a time and stays open for the next.
    Screen s = h.Frames(app);
    s = h.Click(app, At(s, "inv/BI-02/provider"), 1);
    INFO(s.Dump());
    REQUIRE(s.Has("option/socialtjanst"));
    s = h.Click(app, At(s, "option/socialtjanst"));
    CHECK(app.model.Inventory("BI-02")->provider == "socialtjanst");
    s = h.Frames(app);
    REQUIRE(s.Has("option/primarvard"));  // still open
    s = h.Click(app, At(s, "option/primarvard"));
    CHECK(app.model.Inventory("BI-02")->provider == "socialtjanst,primarvard");
    s = h.Click(app, At(h.Frames(app), "option/socialtjanst"));  // ticked off again
    CHECK(app.model.Inventory("BI-02")->provider == "primarvard");
    s = h.Click(app, At(h.Frames(app), "option/ingen"));  // nobody: the others go
    CHECK(app.model.Inventory("BI-02")->provider == "ingen");
    Press(h, app, ImGuiKey_Escape);
    s = h.Frames(app, 2);
    CHECK_FALSE(s.Has("option/ingen"));
    CHECK(s.In("content").Shows("ingen"));
}

TEST_CASE("Boxes ticked while edits wait for a file job all count", "[ui][inventory][job]") {
    Gate gate;
    Env env;
    OpenOnExit guard{gate};
    Headless h(1600, 1000);
    App app = ProjectApp(env);
    app.OpenStepTab(2, StepTab::Workspace);
    h.Frames(app, 2);
    app.RunJobsOnWorker(true);
    app.wakeLoop = gate.Wake();
    Screen s = h.Click(app, At(h.Frames(app), "inv/BI-03/provider"), 1);
    INFO(s.Dump());
    REQUIRE(s.Has("option/socialtjanst"));
    // The first edit starts the automatic backup and waits behind it.
    s = h.Click(app, At(s, "option/socialtjanst"));
    REQUIRE(app.JobRunning());
    gate.Reach(1);
    s = h.Frames(app);
    CHECK(app.model.Inventory("BI-03") == nullptr);  // not applied yet
    // The second box builds on the first, not on the model drawn before it.
    s = h.Click(app, At(s, "option/primarvard"));
    gate.Open();
    app.WaitForJob();
    h.Frames(app, 3);
    REQUIRE(app.model.Inventory("BI-03"));
    CHECK(app.model.Inventory("BI-03")->provider == "socialtjanst,primarvard");
    CHECK(app.ui.pendingChoices.empty());
}

TEST_CASE("A project on a network share says so in the status bar, with what it means", "[ui][network]") {
    Env env;
    Headless h(1280, 800);
    {
        App local = ProjectApp(env);
        Screen s = h.Frames(local, 2);
        CHECK_FALSE(s.Has("network-file"));
    }
    PretendNetworkFilesystem(env.dir.Path(), "SMB/CIFS");
    App app = env.MakeApp();
    const bool opened = app.OpenProject(env.dir.File("kb.stegvis"));
    PretendNetworkFilesystem("", "");
    REQUIRE(opened);
    Screen s = h.Frames(app, 2);
    INFO(s.Dump());
    REQUIRE(s.Has("network-file"));
    CHECK(s.Shows("Nätverksenhet (SMB/CIFS)"));
    // The edit is written as anywhere else.
    REQUIRE(app.Perform(SetStepNotes{1, "På servern"}));
    CHECK_FALSE(PathExists(env.dir.File("kb.stegvis-wal")));
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
        for (StepTab tab : {StepTab::Workspace, StepTab::Guidance}) CheckStepPage(OpenStepTab(h, app, step, tab), app, step, tab);
    app.OpenStepTab(2, StepTab::Workspace);
    const InventoryBaseline& baseline = app.model.baselines.front();
    app.ui.compareBaseline = baseline.id;
    app.ui.invShow = 2;
    {
        // The changes since the baseline are counted, and only the rows with a gap are listed.
        Screen s = h.Frames(app);
        INFO(s.Dump());
        const int changes = static_cast<int>(DiffInventory(baseline.rows, app.model.inventory, app.catalog).size());
        REQUIRE(changes > 0);
        CHECK(s.In("content").Shows(FormatN(S::ChangesSince, changes, changes, baseline.name.c_str())));
        std::set<std::string> rows;
        for (const std::string& cell : s.Items("inv/")) rows.insert(cell.substr(4, cell.find('/', 4) - 4));
        CHECK(rows.size() >= 2);
        for (const std::string& rec : rows) {
            INFO(rec);
            REQUIRE(app.model.Inventory(rec));
            CHECK((app.model.Inventory(rec)->gap == "liten" || app.model.Inventory(rec)->gap == "stor"));
        }
    }
    app.OpenStepTab(3, StepTab::Workspace);
    app.ui.hexRec = "BI-04";
    {
        Screen s = h.Frames(app);
        INFO(s.Dump());
        const Recommendation* bi04 = app.catalog.Find("BI-04");
        CHECK(s.In("content").Shows(Format(S::HexagonFor, bi04->id.c_str(), bi04->intervention.c_str())));
        CHECK(s.HasWindow("sidebar"));
    }
    app.ToggleSidebar();
    {
        // The page keeps its place without the sidebar, and offers it back.
        Screen s = h.Frames(app);
        INFO(s.Dump());
        CHECK_FALSE(s.HasWindow("sidebar"));
        CHECK(s.Items("sidebar-step-").empty());
        CHECK(s.In("content").Shows(T(S::ShowSidebar)));
        CheckStepPage(s, app, 3, StepTab::Workspace);
    }
    app.ToggleSidebar();
    app.ui.baselineFormOpen = true;
    app.OpenStepTab(2, StepTab::Workspace);
    {
        Screen s = h.Frames(app, 4);
        INFO(s.Dump());
        CHECK(s.HasWindow("###baselineform"));
        CHECK(s.Has("baseline-dialog"));
        CHECK(s.Has("baseline-cancel"));
        CHECK(s.In("###baselineform").Shows(T(S::FreezeBaselineText)));
    }
    app.OpenStepTab(4, StepTab::Workspace);
    app.ui.roundFormOpen = true;
    {
        Screen s = h.Frames(app, 4);
        INFO(s.Dump());
        CHECK_FALSE(s.HasWindow("###baselineform"));
        CHECK(s.HasWindow("###roundform"));
        CHECK(s.Has("round-create"));
    }
    app.CloseProject();
    ProjectInfo info;
    info.name = "Tom";
    info.organisation = "O";
    info.catalogEdition = "2015";
    REQUIRE(app.CreateProject(env.dir.File("tom2.stegvis"), info));
    for (int step = 1; step <= 5; ++step) {
        app.OpenStepTab(step, StepTab::Workspace);
        Screen s = h.Frames(app);
        CheckStepPage(s, app, step, StepTab::Workspace);
        INFO(s.Dump());
        if (step == 2) CHECK(InventoryProgress(app.model, app.catalog).done == 0);  // shown as "0 av N bedömda"
        if (step == 3) CHECK(s.In("content").Shows(T(S::NoCandidates)));
        if (step == 4) CHECK(s.In("content").Shows(T(S::NoRoundsYet)));
    }
}

// The window's "guide:N" start view and the benchmark's "guidance" measure ask for a tab this
// way, while the step's workspace is the tab open.
TEST_CASE("Asking for a step's guidance shows it when the workspace was on screen", "[ui]") {
    Env env;
    Headless h(1280, 800);
    App app = env.MakeApp();
    REQUIRE(app.OpenDemo());
    app.OpenStepTab(2, StepTab::Workspace);
    REQUIRE_FALSE(h.Frames(app).HasWindow("/stepbody_"));
    app.OpenStepTab(2, StepTab::Guidance);
    Screen s = h.Frames(app);
    CHECK(s.HasWindow("/stepbody_"));
    CHECK(s.In("/stepbody_").Shows(T(S::Purpose)));
    CHECK(app.ui.stepTab == StepTab::Guidance);
    // And back: the workspace asked for while the guidance is on screen.
    app.OpenStepTab(2, StepTab::Workspace);
    s = h.Frames(app);
    CHECK_FALSE(s.HasWindow("/stepbody_"));
    CHECK(s.In("content").Shows(WorkspaceMark(app, 2)));
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
            for (StepTab tab : {StepTab::Workspace, StepTab::Guidance}) CheckStepPage(OpenStepTab(h, app, step, tab), app, step, tab);
    }
    // The first initiative's plan has an overdue activity and a missing resource.
    const int64_t met = initiatives.front()->id;
    app.SelectInitiative(met);
    CHECK(OverdueCount(app.model, met, TodayIso()) >= 1);
    CHECK(MissingResourceCount(app.model, met) == 1);
    app.OpenStepTab(9, StepTab::Workspace);
    {
        Screen s = h.Frames(app);
        INFO(s.Dump());
        CHECK(ShownAsError(s, FormatN(S::ResourcesMissing, 1, 1)));
    }
    app.OpenStepTab(10, StepTab::Workspace);
    app.ui.removeKind = "activity";
    const Record& activity = *Records(app.model, "activity", met).front();
    app.ui.removeId = activity.id;
    {
        Screen s = h.Frames(app, 3);
        INFO(s.Dump());
        CHECK(ImGui::GetCurrentContext()->OpenPopupStack.Size == 1);  // the "really remove?" question
        CHECK(s.HasWindow("###removerecord"));
        CHECK(s.In("###removerecord").Shows(Format(S::RemoveConfirm, activity.Get("what").c_str())));
        CHECK(s.In("###removerecord").Shows(T(S::Remove)));
        const int overdue = OverdueCount(app.model, met, TodayIso());
        CHECK(ShownAsError(s, FormatN(S::OverdueCount, overdue, overdue)));  // the plan behind the question
    }
    app.ui.removeId = 0;
    app.OpenStepTab(7, StepTab::Workspace);
    app.ui.startRec = "AN-03";
    app.ui.startFormOpen = true;
    {
        Screen s = h.Frames(app, 3);
        INFO(s.Dump());
        CHECK_FALSE(s.HasWindow("###removerecord"));
        CHECK(s.HasWindow("###startinitiative"));
        const Recommendation* an03 = app.catalog.Find("AN-03");
        CHECK(s.In("###startinitiative").Shows(an03->id + ": " + an03->condition));
        CHECK(s.In("###startinitiative").Shows(T(S::StartInitiativeNote)));
    }
    app.SetLang(Lang::En);
    app.OpenStepTab(11, StepTab::Workspace);
    {
        Screen s = h.Frames(app);
        CheckStepPage(s, app, 11, StepTab::Workspace);
        CHECK(s.In("content").Shows("Trained per role"));
        CHECK_FALSE(s.In("content").Shows("Utbildade per roll"));
    }
    app.SetLang(Lang::Sv);

    app.CloseProject();
    ProjectInfo info;
    info.name = "Tom";
    info.organisation = "O";
    info.catalogEdition = "2015";
    REQUIRE(app.CreateProject(env.dir.File("tom3.stegvis"), info));
    for (int step = 6; step <= 15; ++step) {
        app.OpenStepTab(step, StepTab::Workspace);
        Screen s = h.Frames(app);
        CheckStepPage(s, app, step, StepTab::Workspace);
        if (step == 6) CHECK(s.In("content").Shows(T(S::NoMembers)));
    }
    // The add bar adds a person through an action.
    app.OpenStepTab(6, StepTab::Workspace);
    app.ui.addFields["member/name"] = "Erik Sjöberg";
    REQUIRE(app.Perform(AddRecord{"member", 0, {{"name", app.ui.addFields["member/name"]}, {"role", "leader"}}}));
    {
        Screen s = h.Frames(app);
        INFO(s.Dump());
        CHECK(s.In("/member_").Count("Erik Sjöberg") == 1);  // one row, in the team's table
        CHECK_FALSE(s.In("content").Shows(T(S::NoMembers)));
        CHECK_FALSE(s.In("content").Shows(T(S::NoLeader)));
    }
    CHECK(LeaderCount(app.model) == 1);
}

namespace {
ImGuiWindow* DrawnWindow(const std::string& part);
Screen ScrolledToPasteBox(Headless& h, App& app, const Screen& s);
}  // namespace

TEST_CASE("Headless: a P′ chart shows its limits and names the point outside them, and step 12 offers the charts that fit", "[ui][measures][control]") {
    Env env;
    for (Lang lang : {Lang::Sv, Lang::En}) {
        Headless h(1280, 2400);  // tall enough to show the whole step without scrolling
        App app = env.MakeApp();
        REQUIRE(app.OpenDemo());
        app.SetLang(lang);
        const bool en = lang == Lang::En;
        app.SelectInitiative(Records(app.model, "initiative").front()->id);
        const Record* audit = nullptr;
        for (const Record* r : Records(app.model, "measure", app.CurrentInitiative()))
            if (r->Get("chart") == "pp") audit = r;
        REQUIRE(audit);
        app.ui.measure = audit->id;
        const Chart& c = app.ChartFor(*audit, "");
        REQUIRE(c.control);
        const auto outside = SigmaPoints(c);
        REQUIRE(outside.size() == 1);  // the week the form changed
        app.OpenStepTab(13, StepTab::Workspace);
        Screen s = h.Frames(app);
        INFO(s.Dump());
        CHECK(s.In("content").Shows(OptionLabel(ChartKinds(), "pp", en)));
        CHECK(s.In("content").Shows(T(S::ChartHint)));
        CHECK(s.In("content").Shows(c.periods[outside[0].index]));
        CHECK(s.In("content").Shows(T(S::SignalSigma)));
        // Step 12: the chart picker and the suggestion in words (the data: shares with large denominators).
        app.OpenStepTab(12, StepTab::Workspace);
        s = h.Frames(app);
        INFO(s.Dump());
        CHECK(s.In("content").Shows(T(S::ChartKindLabel)));
        std::vector<SpcInput> in;
        for (const MeasurePoint& pt : PointsOf(app.model, audit->id)) in.push_back({pt.numerator, pt.denominator});
        const ChartSuggestion suggestion = SuggestChart(true, in);
        CHECK(suggestion.kind == ChartKind::PPrime);
        CHECK(s.In("content").Shows(Render(suggestion.reason, en)));
    }
    SetLanguage(Lang::Sv);
}

TEST_CASE("Headless: the initiative pickers name each recommendation's condition", "[ui][team]") {
    // LB-01 and LB-04 are both "Bensodiazepiner": a list of interventions names the condition too.
    Env env;
    Headless h(1280, 800);
    App app = env.MakeApp();
    REQUIRE(app.OpenDemo());
    auto candidates = PriorityCandidates(app.model, app.catalog);
    REQUIRE_FALSE(candidates.empty());
    app.OpenStepTab(7, StepTab::Workspace);
    {
        Screen s = h.Frames(app);
        INFO(s.Dump());
        for (size_t i = 0; i < candidates.size() && i < 3; ++i) CHECK(s.In("content").Shows(candidates[i]->condition));
        // The started initiatives name their recommendation under their own name.
        for (const Record* init : Records(app.model, "initiative")) {
            const Recommendation* rec = app.catalog.Find(init->Get("rec_id"));
            REQUIRE(rec != nullptr);
            CHECK(s.In("content").Shows(rec->intervention + " — " + rec->condition));
        }
    }
}

TEST_CASE("Step 12's suggested measures lead while there is none, and fold away once there are", "[ui][measures]") {
    Env env;
    Headless h(1280, 800);
    App app = env.MakeApp();
    REQUIRE(app.OpenDemo());
    const Record* withMeasures = nullptr;
    const Record* without = nullptr;
    for (const Record* init : Records(app.model, "initiative"))
        (Records(app.model, "measure", init->id).empty() ? without : withMeasures) = init;
    REQUIRE(withMeasures);
    REQUIRE(without);
    app.SelectInitiative(withMeasures->id);
    app.OpenStepTab(12, StepTab::Workspace);
    Screen s = h.Frames(app);
    INFO(s.Dump());
    CHECK_FALSE(s.In("content").Shows(T(S::Suggestions)));
    CHECK(s.In("content").Shows("Fler förslag på mått för den här insatsen"));
    // The paste box and its button are in view at 1280x800 without scrolling.
    CHECK(s.Has("paste-box"));
    CHECK(s.Has("paste-save"));
    app.SelectInitiative(without->id);
    s = h.Frames(app);
    CHECK(s.In("content").Shows(T(S::Suggestions)));
}

TEST_CASE("Headless: steps 12-15 draw, also a chart of ten years of weekly data", "[ui][measures]") {
    Env env;
    Headless h(1280, 800);
    App app = env.MakeApp();
    REQUIRE(app.OpenDemo());
    app.SelectInitiative(Records(app.model, "initiative").front()->id);
    for (int step = 12; step <= 15; ++step) {
        app.OpenStepTab(step, StepTab::Workspace);
        CheckStepPage(h.Frames(app), app, step, StepTab::Workspace);
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
        Screen s = h.Frames(app);
        CheckStepPage(s, app, step, StepTab::Workspace);
        INFO(s.Dump());
        if (step != 15) CHECK(s.In("content").Shows("Tio år"));  // the measure chosen, with its chart
    }
    app.ui.pasteText = "2026-01-05;3\nfel;rad\n";
    app.OpenStepTab(12, StepTab::Workspace);
    {
        // The pasted lines are checked as typed: one to save, one refused with its reason in red.
        Screen s = ScrolledToPasteBox(h, app, h.Frames(app));
        INFO(s.Dump());
        const auto lines = ParsePasted(app.ui.pasteText, false, "week");
        REQUIRE(lines.size() == 2);
        REQUIRE(lines[0].accepted);
        REQUIRE_FALSE(lines[1].accepted);
        CHECK(s.Has("paste-box"));
        CHECK(s.Has("paste-save"));
        CHECK(s.In("content").Shows(FormatN(S::PasteSave, 1, 1)));
        CHECK(s.In("content").Shows(FormatN(S::PasteSummary, 1, 1, 1)));
        // One refused line, its reason wrapped within the narrow panel.
        CHECK_FALSE(s.In("/refused_").Lines().empty());
        CHECK(s.In("/refused_").Lines().size() <= 3);
        CHECK(ShownAsError(s.In("/refused_"), Format(S::PasteLineRejected, lines[1].line, "")));
    }
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
    {
        // Seven formats (PDF first), five documents, the file name that follows the choice, and its buttons.
        Screen s = h.Frames(app, 3);
        INFO(s.Dump());
        CHECK(s.HasWindow("###export"));
        CHECK(s.Has("export-dialog"));
        CHECK(s.Items("export-format-").size() == 7);
        CHECK(s.Items("export-doc-").size() == 5);
        CHECK(s.In("###export").Shows(App::ExportFileName("progress", "pdf")));
        CHECK(s.In("###export").Shows(T(S::DocProgress)));
        CHECK(s.Has("export-name"));
        CHECK(s.Has("export-do"));
        CHECK(s.Has("export-close"));
    }
    {
        // A name typed with another format's ending chooses that format: the file is what it says.
        Screen s = h.Frames(app);
        s = h.Click(app, At(s, "export-name"));
        Press(h, app, ImGuiKey_End);
        for (int i = 0; i < 4; ++i) Press(h, app, ImGuiKey_Backspace);  // ".pdf"
        Type(h, app, ".docx");
        CHECK(app.ui.exportFormat == 1);  // Word
        CHECK(app.ui.exportName.size() > 5);
        CHECK(app.ui.exportName.substr(app.ui.exportName.size() - 5) == ".docx");
        // Back to PDF by its button: the name typed stays, with the PDF's ending.
        const std::string typed = app.ui.exportName;
        s = h.Click(app, At(h.Frames(app), "export-format-pdf"));
        CHECK(app.ui.exportFormat == 0);
        CHECK(app.ui.exportName == typed.substr(0, typed.size() - 5) + ".pdf");
        Press(h, app, ImGuiKey_Escape);
        h.Frames(app, 2);
    }
    std::string written = app.ExportDocument("progress", "html", env.dir.File("rapport.md"));
    CHECK(written == env.dir.File("rapport.html"));  // the extension follows the format
    // A dot in a name that is no format's ending stays.
    written = app.ExportDocument("progress", "html", env.dir.File("Lägesrapport v2.1"));
    CHECK(written == env.dir.File("Lägesrapport v2.1.html"));
    CHECK(StartsWith(ReadFile(written), "<!DOCTYPE html>"));
    CHECK(app.settings.Get("export_dir") == env.dir.Path());
    // Every document as a PDF (the board summary on one page), and the whole project in the other formats.
    for (const char* doc : {"progress", "board", "case-for-change", "plan", "local-agreement"}) {
        INFO(doc);
        const std::string f = app.ExportDocument(doc, "pdf", env.dir.File(std::string("doc-") + doc));
        REQUIRE(f == env.dir.File(std::string("doc-") + doc + ".pdf"));
        CHECK(StartsWith(ReadFile(f), "%PDF-"));
    }
    for (const char* doc : {"progress", "plan", "local-agreement"}) {
        INFO(doc);
        const std::string f = app.ExportDocument(doc, "docx", env.dir.File(std::string("word-") + doc));
        REQUIRE(f == env.dir.File(std::string("word-") + doc + ".docx"));
        CHECK(StartsWith(ReadFile(f), "PK"));
    }
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
    {
        Screen s = h.Frames(app);  // the empty state, no project open
        INFO(s.Dump());
        CHECK(s.In("content").Shows(T(S::MenuCounty)));
        CHECK(s.In("content").Shows(T(S::CountyEmpty)));
        CHECK_FALSE(s.HasWindow("/county_"));
        CHECK_FALSE(s.HasWindow("sidebar"));
    }
    // Both units in the table, and the file that could not be read named in red.
    const auto checkUnits = [&](const Screen& s) {
        INFO(s.Dump());
        CHECK(s.In("content").Shows(FormatN(S::CountyUnits, 2, 2)));
        CHECK(s.In("/county_").Count("Umeå kommun") == 1);
        CHECK(s.In("/county_").Count("Region Västerbotten") == 1);
        CHECK(ShownAsError(s, T(S::CountySkipped)));
        CHECK(ShownAsError(s, "trasig.json"));
        CHECK_FALSE(s.In("content").Shows(T(S::CountyEmpty)));
    };
    app.LoadCounty(folder);
    REQUIRE(app.county);
    CHECK(app.county->units.size() == 2);
    CHECK(app.county->skipped.size() == 1);
    checkUnits(h.Frames(app));
    REQUIRE(app.OpenDemo());
    app.ShowView(View::County);
    {
        Screen s = h.Frames(app);
        checkUnits(s);
        CHECK(s.HasWindow("sidebar"));
    }
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
    {
        // The status bar tells, and the page shows the project as it now is.
        Screen s = h.Frames(app);
        INFO(s.Dump());
        CHECK(s.Has("status-message"));
        CHECK(s.Shows(ShortPath(app.ui.message)));
        CHECK_FALSE(ShownAsError(s, ShortPath(app.ui.message).substr(0, 12)));
        CheckStepPage(s, app, 4, StepTab::Workspace);
    }

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
    {
        // One row per backup, each with its own restore button.
        Screen s = h.Frames(app);
        INFO(s.Dump());
        CHECK(s.HasWindow("###backups"));
        CHECK(s.In("/backups_").Count(T(S::DoRestore)) == static_cast<int>(app.ui.backups.size()));
        CHECK(s.In("/backups_").Shows(newest.takenAt));
        CHECK_FALSE(s.In("###backups").Shows(T(S::RestoreYes)));
    }
    app.ui.restoreCandidate = newest.path;
    {
        // The list gives way to the question, which names the backup by when it was taken.
        Screen s = h.Frames(app);
        INFO(s.Dump());
        CHECK(s.HasWindow("###backups"));
        CHECK_FALSE(s.HasWindow("/backups_"));
        CHECK(s.In("###backups").Shows(Format(S::RestoreConfirm, newest.takenAt.c_str())));
        CHECK(s.In("###backups").Shows(T(S::RestoreYes)));
    }

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

TEST_CASE("The backups dialog shows the restore running on the worker, in Swedish, and closes when it is done",
          "[ui][reliability][job]") {
    Env env;
    Headless h(1280, 800);
    App app = env.MakeApp();
    const std::string path = env.dir.File("p.stegvis");
    REQUIRE(app.CreateProject(path, stegvis::test::SampleInfo()));
    REQUIRE(app.Perform(SetStepNotes{3, "ett misstag"}));  // backed up before it, inline
    app.RefreshBackups();
    REQUIRE(app.ui.backups.size() == 1);
    const AutoBackupInfo backup = app.ui.backups.front();
    app.RunJobsOnWorker(true);  // as the window runs
    // The worker stands still at its first report (a slow disk) until the test lets it go on.
    struct Hold {
        std::mutex m;
        std::condition_variable cv;
        bool reached = false, go = false;
        void Go() {
            std::lock_guard<std::mutex> lock(m);
            go = true;
            cv.notify_all();
        }
        ~Hold() { Go(); }
    };
    auto hold = std::make_shared<Hold>();
    app.wakeLoop = [hold] {
        std::unique_lock<std::mutex> lock(hold->m);
        hold->reached = true;
        hold->cv.notify_all();
        hold->cv.wait(lock, [&] { return hold->go; });
    };
    struct GoOnExit {
        std::shared_ptr<Hold> hold;
        ~GoOnExit() { hold->Go(); }
    } goOnExit{hold};
    app.ui.backupsOpen = true;
    app.ui.restoreCandidate = backup.path;
    h.Frames(app);
    {
        // "Ja, återställ": the restore starts when the frame ends; the next frames draw it.
        Screen s = h.Frames(app, 1);
        const auto yes = s.In("###backups").LinesWith(T(S::RestoreYes));
        REQUIRE(yes.size() == 1);
        h.Click(app, yes.front());
    }
    REQUIRE(app.RestoreUnderWay());
    {
        std::unique_lock<std::mutex> lock(hold->m);
        hold->cv.wait(lock, [&] { return hold->reached; });
    }
    {
        Screen s = h.Frames(app);
        INFO(s.Dump());
        CHECK(s.HasWindow("###backups"));
        CHECK(s.Has("restore-progress"));
        CHECK(s.In("###backups").Shows(T(S::JobRestore)));
        CHECK(s.Has("job-progress"));  // the status bar's too
        CHECK_FALSE(s.In("###backups").Shows(T(S::DoRestore)));  // no second restore meanwhile
    }
    hold->Go();
    app.WaitForJob();
    {
        Screen s = h.Frames(app);
        INFO(s.Dump());
        CHECK_FALSE(s.HasWindow("###backups"));  // closed itself: it worked
        CHECK(s.Shows(ShortPath(app.ui.message).substr(0, 20)));
        CHECK_FALSE(app.RestoreUnderWay());
    }
    CHECK(app.model.Step(3).notes == Store::OpenReadOnly(backup.path).Load().Step(3).notes);  // as before the first edit
    CHECK(app.model.Step(3).notes != "ett misstag");
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
    {
        // The list shows where, with the number masked; the screen never shows the number itself.
        Screen s = h.Frames(app);
        INFO(s.Dump());
        CHECK(s.HasWindow("###privacylist"));
        CHECK(s.In("###privacylist").Count("811218-****") == 1);
        CHECK_FALSE(s.Shows("811218-9876"));
        CHECK(s.Shows(FormatN(S::PrivacyStatus, 1, 1)));
    }

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
    {
        Screen s = h.Frames(app);
        INFO(s.Dump());
        CHECK(ImGui::FindWindowByName("###lostfile") != nullptr);  // the dialog is up
        CHECK(s.HasWindow("###lostfile"));
        CHECK(s.In("###lostfile").Shows(path));
        CHECK(s.In("###lostfile").Shows(app.ui.lost.rescuedTo));
        CHECK(s.In("###lostfile").Shows(T(S::LostOpenRescued)));
        CHECK_FALSE(s.HasWindow("sidebar"));
    }
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
    CheckWelcome(h.Frames(app), app);  // the welcome screen with the error, no crash
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
    CheckWelcome(h.Frames(app), app);  // the welcome screen draws on
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
        CheckStepPage(h.Frames(app), app, 12, StepTab::Workspace);
    }
    {
        App app = env.MakeApp();  // a new start, same settings
        REQUIRE(app.OpenProject(file));
        CHECK(app.ui.step == 12);
        CHECK(app.ui.view == View::Step);
        CHECK(app.CurrentInitiative() == second);
        CheckStepPage(h.Frames(app), app, 12, StepTab::Workspace);  // its banner names the second initiative
        // Another file opens where its work is, not at this file's place.
        REQUIRE(app.OpenProject(other));
        int firstNotDone = 1;
        for (const auto& s : app.model.steps)
            if (s.status != StepStatus::Done) { firstNotDone = s.step; break; }
        CHECK(app.ui.step == firstNotDone);
    }
}

namespace {

// The window drawn in the last frame whose name contains `part` ("###startinitiative", "/refused_"),
// the outermost one (the shortest name) when several do.
ImGuiWindow* DrawnWindow(const std::string& part) {
    ImGuiWindow* found = nullptr;
    for (ImGuiWindow* w : ImGui::GetCurrentContext()->Windows)
        if (w->Active && !w->Hidden && std::string(w->Name).find(part) != std::string::npos &&
            (!found || std::strlen(w->Name) < std::strlen(found->Name)))
            found = w;
    return found;
}

// Step 12's paste panel, scrolled to as the user would (the paste box at the top) when its
// refused lines are below the fold or cut by it.
Screen ScrolledToPasteBox(Headless& h, App& app, const Screen& s) {
    const ImGuiWindow* refused = DrawnWindow("/refused_");
    ImGuiWindow* content = DrawnWindow("###main/content_");
    REQUIRE(content);
    if (refused && refused->Pos.y + refused->Size.y <= content->InnerRect.Max.y) return s;
    ImGui::SetScrollY(content, content->Scroll.y + static_cast<float>(s.Item("paste-box").y0) - content->InnerRect.Min.y);
    return h.Frames(app);
}

// Each of `texts` is painted whole in the window `part`, and nothing painted there runs past the
// edges it is clipped to (a glyph cut in half at an edge would still count as painted).
void CheckPaintedWithin(const Screen& s, const std::string& part, const std::vector<std::string>& texts) {
    INFO("in " << part << "; the screen shows:\n" << s.Dump());
    const ImGuiWindow* w = DrawnWindow(part);
    REQUIRE(w);
    const ImRect inside = w->InnerClipRect;
    const Screen in = s.In(part);
    for (const std::string& text : texts) CHECK(in.Shows(text));
    for (const ShownText& line : in.Lines()) {
        INFO("\"" << line.text << "\" from x " << line.min.x << " to " << line.max.x << ", the window from "
                  << inside.Min.x << " to " << inside.Max.x);
        CHECK(line.min.x >= inside.Min.x - 0.5f);
        CHECK(line.max.x <= inside.Max.x + 0.5f);
    }
}

}  // namespace

// The dialogs have a fixed width; a field's label beside its field was cut at the dialog's edge
// ("Namn på införandet" in "Starta införande") when it was longer than the room left for it.
TEST_CASE("Every label of a dialog's fields is painted whole inside the dialog", "[ui][dialogs]") {
    struct Dialog {
        const char* window;
        std::function<void(App&)> open;
        std::vector<S> labels;
    };
    const std::vector<Dialog> dialogs = {
        {"###startinitiative",
         [](App& a) {
             a.OpenStepTab(7, StepTab::Workspace);
             a.ui.startRec = "AN-03";
             a.ui.startName = a.catalog.Find("AN-03")->intervention;
             a.ui.startFormOpen = true;
         },
         {S::InitiativeName, S::DecisionDate, S::Rationale, S::Participants}},
        {"###decisionform",
         [](App& a) {
             a.SelectStep(3);
             a.ui.decisionFormOpen = true;
         },
         {S::ColStep, S::DecisionDate, S::DecisionTitle, S::Rationale, S::Participants, S::LinkedRecs}},
        {"###roundform",
         [](App& a) {
             a.OpenStepTab(4, StepTab::Workspace);
             a.ui.roundFormOpen = true;
         },
         {S::Instrument, S::RoundName, S::RoundDate}},
        {"###baselineform",
         [](App& a) {
             a.OpenStepTab(2, StepTab::Workspace);
             a.ui.baselineFormOpen = true;
         },
         {S::BaselineName, S::BaselineDate}},
    };
    Env env;
    for (Lang lang : {Lang::Sv, Lang::En})
        for (const Dialog& d : dialogs) {
            Headless h(1024, 700);  // the smallest window the screens are made for
            App app = env.MakeApp();
            REQUIRE(app.OpenDemo());
            app.SetLang(lang);
            d.open(app);
            Screen s = h.Frames(app, 4);
            REQUIRE(s.HasWindow(d.window));
            std::vector<std::string> labels;
            for (S label : d.labels) labels.push_back(T(label));
            CheckPaintedWithin(s, d.window, labels);
        }
    SetLanguage(Lang::Sv);
}

// The reason a pasted line is refused is the one thing that tells how to mend it; it was cut at
// the panel's edge at 1280x800.
TEST_CASE("A refused pasted line's whole reason is painted inside step 12's paste panel", "[ui][measures]") {
    Env env;
    for (auto size : {ImVec2(1280, 800), ImVec2(1024, 700)}) {
        Headless h(size.x, size.y);
        App app = env.MakeApp();
        REQUIRE(app.OpenDemo());
        app.SelectInitiative(Records(app.model, "initiative").front()->id);
        app.OpenStepTab(12, StepTab::Workspace);
        const Record& m = *Records(app.model, "measure", app.CurrentInitiative()).front();
        app.ui.measure = m.id;
        const bool ratio = m.Get("definition") == "ratio";
        const std::string period = m.Get("period").empty() ? "month" : m.Get("period");
        app.ui.pasteText = ratio ? "2099-01-05;3;4\n2099-02-02;5;4\n" : "2099-01-05;3\n2099-02-02;x\n";
        const auto lines = ParsePasted(app.ui.pasteText, ratio, period);
        REQUIRE(lines.size() == 2);
        std::vector<std::string> reasons;
        for (const PastedLine& l : lines) {
            REQUIRE_FALSE(l.accepted);
            reasons.push_back(Format(S::PasteLineRejected, l.line, Render(*l.why, CurrentLanguage() == Lang::En).c_str()));
        }
        Screen s = h.Frames(app);
        INFO(size.x << "x" << size.y);
        s = ScrolledToPasteBox(h, app, s);
        CheckPaintedWithin(s, "/refused_", {reasons.front()});
        // The box keeps its height, a few lines, with the rest of the reasons a scroll away.
        const ImGuiWindow* box = DrawnWindow("/refused_");
        CHECK(box->Size.y <= ImGui::GetTextLineHeightWithSpacing() * 6);
        CHECK(box->Size.y >= ImGui::GetTextLineHeightWithSpacing() * 3);
    }
}

TEST_CASE("Headless: a project on an older catalog says so, lists the changes and moves over on a click", "[ui][editions]") {
    Env env;
    const std::string path = env.dir.File("gammal.stegvis");
    // The catalog as it was before LB-07 was split: the rows an older project has.
    Catalog old = TheCatalog();
    old.recommendations.erase(std::remove_if(old.recommendations.begin(), old.recommendations.end(),
                                             [](const Recommendation& r) { return r.id == "LB-16" || r.id == "LB-17"; }),
                              old.recommendations.end());
    for (Recommendation& r : old.recommendations)
        if (r.id == "LB-07") r.intervention = "Akamprosat, disulfiram eller naltrexon", r.condition = "Alkoholberoende";
    { Store s = Store::Create(path, stegvis::test::SampleInfo(), &old); }
    App app = env.MakeApp();
    Headless h(1280, 800);
    REQUIRE(app.OpenProject(path));
    h.Frames(app);
    REQUIRE(app.catalogReview.differs);
    // What the review counts follows the edits: an answer on LB-07 makes it a row with data.
    CHECK(app.catalogReview.withData == 0);
    app.Dispatch(SetInventoryField{"LB-07", InvField::Offered, "ja"});
    h.Frames(app);
    CHECK(app.catalogReview.withData == 1);
    // The project works from its own rows: LB-07 as it was, no LB-16 yet.
    CHECK(app.catalog.Find("LB-07")->intervention == "Akamprosat, disulfiram eller naltrexon");
    CHECK(app.catalog.Find("LB-16") == nullptr);

    app.SelectStep(2);
    {
        Screen s = h.Frames(app);
        INFO(s.Dump());
        CHECK(s.In("content").Shows(Format(S::CatalogNoticeShort, ui::CatalogChangeCounts(app.catalogReview).c_str())));
        const auto button = s.In("content").LinesWith(T(S::CatalogShowInCatalog));
        REQUIRE_FALSE(button.empty());
        h.Click(app, button.front());
    }
    CHECK(app.ui.view == View::Catalog);
    {
        Screen s = h.Frames(app);
        INFO(s.Dump());
        CHECK(s.In("content").Shows(T(S::CatalogChangedTitle)));
        CHECK(s.In("content").Shows("LB-16"));
        CHECK(s.In("content").Shows(Format(S::CatalogWasNow, T(S::ColIntervention), "Akamprosat, disulfiram eller naltrexon",
                                           "Disulfiram")));
        CHECK(s.In("content").Shows(Format(S::CatalogWithData, 1)));  // LB-07 has an inventory answer
        const auto move = s.In("content").LinesWith(T(S::CatalogMove));
        REQUIRE_FALSE(move.empty());
        h.Click(app, move.front());
    }
    CHECK_FALSE(app.catalogReview.differs);
    REQUIRE(app.catalog.Find("LB-16"));
    CHECK(app.catalog.Find("LB-07")->intervention == "Disulfiram");
    REQUIRE(app.model.Inventory("LB-07"));
    CHECK(app.model.Inventory("LB-07")->offered == "ja");  // the answer stays with its row
    {
        Screen s = h.Frames(app);
        INFO(s.Dump());
        CHECK_FALSE(s.In("content").Shows(T(S::CatalogChangedTitle)));
        CHECK(s.In("content").Shows("Akamprosat"));
    }
    // Undone as any edit is: the project is back on its own older rows.
    app.UndoLast();
    h.Frames(app);
    CHECK(app.catalogReview.differs);
    CHECK(app.catalog.Find("LB-16") == nullptr);
}

TEST_CASE("A right-click on a chart saves it as an image where the user says, and never over a file unasked", "[ui][chart]") {
    Env env;
    Headless h(1280, 800);
    App app = env.MakeApp();
    REQUIRE(app.OpenDemo());
    const Record* measure = Records(app.model, "measure").front();
    app.SelectInitiative(measure->initiative);
    app.ui.measure = measure->id;
    app.OpenStepTab(13, StepTab::Workspace);
    Screen s = h.Frames(app);
    INFO(s.Dump());
    REQUIRE(s.Has("chart"));
    CHECK(s.In("content").Shows(T(S::ChartHint)));
    s = h.Click(app, At(s, "chart"), 1);
    INFO(s.Dump());
    REQUIRE(s.Has("chart-save"));
    REQUIRE(s.Has("chart-copy"));
    s = h.Click(app, At(s, "chart-save"));
    INFO(s.Dump());
    REQUIRE(s.Has("chart-save-dialog"));
    CHECK(s.Has("chart-format-svg"));
    // The file is named after the measure, as a PNG unless another format is chosen.
    CHECK(app.ui.chartSaveName == measure->Get("name") + ".png");
    app.ui.chartSaveFolder = env.dir.Path();
    app.ui.chartSaveName = "diagram.png";
    s = h.Click(app, At(h.Frames(app), "chart-save-do"));
    app.WaitForJob();
    s = h.Frames(app);
    const std::string png = env.dir.File("diagram.png");
    REQUIRE(PathExists(png));
    CHECK(ReadFile(png).compare(0, 8, "\x89PNG\r\n\x1a\n") == 0);
    // Saving again asks first; the file stays as it was until the answer.
    WriteFileAtomic(png, "mine");
    s = h.Click(app, At(s, "chart-save-do"));
    app.WaitForJob();
    s = h.Frames(app);
    INFO(s.Dump());
    CHECK(ReadFile(png) == "mine");
    CHECK(app.ui.replacePath == png);
    // SVG: the extension follows the choice.
    s = h.Click(app, At(s, "chart-format-svg"));
    CHECK(app.ui.chartSaveName == "diagram.svg");
    s = h.Click(app, At(h.Frames(app), "chart-save-do"));
    app.WaitForJob();
    h.Frames(app);
    CHECK(ReadFile(env.dir.File("diagram.svg")).find("<svg") != std::string::npos);
    // A chart of a measure that is gone is refused in words.
    CHECK(app.ExportDocument("chart:999999", "png", env.dir.File("gone.png")).empty());
    app.WaitForJob();
    h.Frames(app);
    CHECK_FALSE(PathExists(env.dir.File("gone.png")));
    CHECK(app.ui.message.find(T(S::ChartGone)) != std::string::npos);
}

// A step title longer than the sidebar is wide was cut at its edge mid-word, with nothing to say
// there is more.
TEST_CASE("Step titles too long for the sidebar end in an ellipsis", "[ui][sidebar]") {
    Env env;
    for (Lang lang : {Lang::Sv, Lang::En}) {
        Headless h(1024, 700);  // the smallest window the screens are made for
        App app = env.MakeApp();
        REQUIRE(app.OpenDemo());
        app.SetLang(lang);
        const Screen s = h.Frames(app, 3).In("sidebar");
        INFO(s.Dump());
        int cut = 0;
        for (const Step& step : app.manual.steps) {
            const std::string title = step.title.In(lang == Lang::En);
            const std::string whole = std::to_string(step.number) + ". " + title;
            if (s.Shows(whole)) continue;
            // Its beginning is painted, and the line says there is more.
            const std::string start = std::to_string(step.number) + ". " + title.substr(0, title.find(' '));
            const auto lines = s.LinesWith(start);
            REQUIRE_FALSE(lines.empty());
            CHECK(lines.front().text.find("…") != std::string::npos);
            ++cut;
        }
        CHECK(cut > 0);  // at 1024 px some titles are longer than the sidebar
    }
    SetLanguage(Lang::Sv);
}
