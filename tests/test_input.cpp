// The window's input queue (src/ui/InputQueue.hpp) and the export rules that need no window.
#include <catch2/catch.hpp>

#include <cstdlib>

#include "TestUtil.hpp"
#include "base/Paths.hpp"
#include "base/Text.hpp"
#include "ui/App.hpp"
#include "ui/InputQueue.hpp"
#include "ui/Widgets.hpp"

using namespace stegvis;
using namespace stegvis::ui;
using K = InputEvent::Kind;

namespace {

InputEvent Key(int code, bool down) {
    InputEvent e;
    e.kind = K::Key, e.code = code, e.down = down;
    return e;
}
InputEvent Char(unsigned c) {
    InputEvent e;
    e.kind = K::Char, e.ch = c;
    return e;
}
InputEvent Button(bool down) {
    InputEvent e;
    e.kind = K::Button, e.code = 0, e.down = down;
    return e;
}
InputEvent Cursor(double x, double y) {
    InputEvent e;
    e.kind = K::Cursor, e.x = x, e.y = y;
    return e;
}

std::string Describe(const std::vector<InputEvent>& frame) {
    std::string s;
    for (const InputEvent& e : frame) {
        switch (e.kind) {
            case K::Key: s += (e.down ? "+" : "-") + std::to_string(e.code) + " "; break;
            case K::Char: s += std::string("'") + static_cast<char>(e.ch) + "' "; break;
            case K::Button: s += e.down ? "press " : "release "; break;
            case K::Cursor: s += "move "; break;
            default: s += "other "; break;
        }
    }
    return s;
}

}  // namespace

TEST_CASE("Input queue: three digits typed within one frame reach ImGui one per frame", "[ui][input]") {
    InputQueue q;
    for (char c : std::string("123")) {
        q.Push(Key(c, true));
        q.Push(Char(static_cast<unsigned>(c)));
        q.Push(Key(c, false));
    }
    CHECK(Describe(q.TakeFrame()) == "+49 '1' ");
    CHECK(Describe(q.TakeFrame()) == "-49 +50 '2' ");
    CHECK(Describe(q.TakeFrame()) == "-50 +51 '3' ");
    CHECK(Describe(q.TakeFrame()) == "-51 ");
    CHECK(q.Empty());
    CHECK(q.TakeFrame().empty());
}

TEST_CASE("Input queue: a Tab pressed and released within one frame is still a press", "[ui][input]") {
    InputQueue q;
    q.Push(Key(258, true));
    q.Push(Key(258, false));
    CHECK(Describe(q.TakeFrame()) == "+258 ");
    CHECK(Describe(q.TakeFrame()) == "-258 ");
}

TEST_CASE("Input queue: a modifier stays down for the key it modifies", "[ui][input]") {
    InputQueue q;
    q.Push(Key(341, true));  // Ctrl
    q.Push(Key('A', true));
    q.Push(Key('A', false));
    q.Push(Key(341, false));
    CHECK(Describe(q.TakeFrame()) == "+341 ");
    CHECK(Describe(q.TakeFrame()) == "+65 ");
    CHECK(Describe(q.TakeFrame()) == "-65 -341 ");
}

TEST_CASE("Input queue: Ctrl let go before V is still Ctrl+V", "[ui][input]") {
    InputQueue q;  // the order xdotool sends "ctrl+v" in
    q.Push(Key(341, true));
    q.Push(Key('V', true));
    q.Push(Key(341, false));
    q.Push(Key('V', false));
    CHECK(Describe(q.TakeFrame()) == "+341 ");
    CHECK(Describe(q.TakeFrame()) == "+86 ");
    CHECK(Describe(q.TakeFrame()) == "-341 -86 ");
}

TEST_CASE("Input queue: while input waits for the focus, only key releases go through", "[ui][input]") {
    InputQueue q;
    q.Push(Key(258, true));   // Tab
    q.Push(Key(258, false));
    q.Push(Key('3', true));
    q.Push(Char('3'));
    CHECK(Describe(q.TakeFrame()) == "+258 ");
    CHECK(Describe(q.TakeReleases()) == "-258 ");  // Tab is not left down to repeat
    CHECK(Describe(q.TakeReleases()).empty());      // the digit waits for the next cell
    CHECK(Describe(q.TakeFrame()) == "+51 '3' ");
}

TEST_CASE("Input queue: a click is seen where it happened, and released in a later frame", "[ui][input]") {
    InputQueue q;
    q.Push(Cursor(10, 10));
    q.Push(Cursor(20, 20));
    q.Push(Button(true));
    q.Push(Button(false));
    q.Push(Cursor(300, 300));
    q.Push(Button(true));
    q.Push(Button(false));
    CHECK(Describe(q.TakeFrame()) == "move move press ");
    CHECK(Describe(q.TakeFrame()) == "release ");  // the move after it waits
    CHECK(Describe(q.TakeFrame()) == "move press ");
    CHECK(Describe(q.TakeFrame()) == "release ");
}

TEST_CASE("Export: each document and format has its own file name", "[ui][report]") {
    CHECK(App::ExportFileName("progress", "html") == "lagesrapport.html");
    CHECK(App::ExportFileName("case-for-change", "html") == "underlag-for-forandring.html");
    CHECK(App::ExportFileName("case-for-change", "md") == "underlag-for-forandring.md");
    CHECK(App::ExportFileName("plan", "md") == "implementeringsplan.md");
    CHECK(App::ExportFileName("local-agreement", "html") == "lokal-overenskommelse.html");
    // The whole-project formats do not take the document's name.
    CHECK(App::ExportFileName("case-for-change", "xlsx") == "projekt.xlsx");
    CHECK(App::ExportFileName("progress", "csv") == "behovsinventering.csv");
    CHECK(App::ExportFileName("progress", "json") == "sakerhetskopia.json");
}

TEST_CASE("Export: an existing file is replaced only after the question", "[ui][report]") {
    test::TempDir dir;
    ::setenv("XDG_DATA_HOME", dir.Path().c_str(), 1);
    App app(test::TheManual(), test::TheCatalog(), test::TheInstruments(), Settings(dir.File("settings.txt")));
    REQUIRE(app.OpenDemo());
    const std::string path = dir.File("rapport.html");
    WriteFileAtomic(path, "earlier document");
    CHECK(app.RequestExport("progress", "html", path).empty());
    CHECK(ReadFile(path) == "earlier document");
    CHECK(app.ui.replacePath == path);
    CHECK(app.ui.replaceDoc == "progress");
    // A free name is written at once.
    const std::string other = dir.File("annan.md");
    CHECK(app.RequestExport("case-for-change", "md", other) == other);
    CHECK(app.ui.replacePath.empty());
    CHECK(app.ui.messageFolder == dir.Path());
}

TEST_CASE("Export: the default folder is the documents folder, not the data folder", "[ui][report]") {
    test::TempDir dir;
    const std::string home = dir.File("home");
    REQUIRE(MakeDirs(home + "/.config"));
    const char* oldHome = std::getenv("HOME");
    const std::string savedHome = oldHome ? oldHome : "";
    ::setenv("HOME", home.c_str(), 1);
    ::setenv("XDG_CONFIG_HOME", (home + "/.config").c_str(), 1);
    ::setenv("XDG_DATA_HOME", (home + "/.local/share").c_str(), 1);
    WriteFileAtomic(home + "/.config/user-dirs.dirs", "XDG_DOCUMENTS_DIR=\"$HOME/Dokument\"\n");
    const bool haveXdg = std::system("command -v xdg-user-dir >/dev/null 2>&1") == 0;
    {
        App app(test::TheManual(), test::TheCatalog(), test::TheInstruments(), Settings(dir.File("settings.txt")));
        if (haveXdg) CHECK(app.ExportFolder() == home + "/Dokument");
        else CHECK(app.ExportFolder() == home);
        // A folder remembered from an earlier version that wrote into the data folder is not kept.
        app.settings.Set("export_dir", DataDir());
        CHECK(app.ExportFolder() != DataDir());
    }
    ::unsetenv("XDG_CONFIG_HOME");
    if (oldHome) ::setenv("HOME", savedHome.c_str(), 1);
}

TEST_CASE("Counts agree with their nouns and numbers use the interface's decimal sign", "[ui][strings]") {
    using namespace stegvis::ui;
    CHECK(ChooseForms("%d {aktivitet är försenad|aktiviteter är försenade}.", 1) == "%d aktivitet är försenad.");
    CHECK(ChooseForms("%d {aktivitet är försenad|aktiviteter är försenade}.", 2) == "%d aktiviteter är försenade.");
    CHECK(ChooseForms("%d {aktivitet är försenad|aktiviteter är försenade}.", 0) == "%d aktiviteter är försenade.");
    CHECK(ChooseForms("a {b} c", 1) == "a {b} c");  // braces without a choice are kept
    SetLanguage(Lang::Sv);
    CHECK(FormatN(S::OverdueCount, 1, 1) == "1 aktivitet är försenad.");
    CHECK(FormatN(S::ResourcesMissing, 3, 3) == "3 resurser saknas.");
    CHECK(FormatN(S::PasteSave, 1, 1) == "Spara 1 punkt");
    CHECK(Num(3.4666, 2) == "3,47");
    CHECK(NumberText("1200.5") == "1200,5");
    SetLanguage(Lang::En);
    CHECK(FormatN(S::OverdueCount, 1, 1) == "1 activity is overdue.");
    CHECK(Num(3.4666, 2) == "3.47");
    CHECK(NumberText("1200.5") == "1200.5");
    SetLanguage(Lang::Sv);
    // Every string with a choice has both forms in both languages, and no stray brace.
    for (int k = 0; k < static_cast<int>(S::Count_); ++k) {
        for (Lang l : {Lang::Sv, Lang::En}) {
            SetLanguage(l);
            const std::string one = ChooseForms(T(static_cast<S>(k)), 1), many = ChooseForms(T(static_cast<S>(k)), 2);
            INFO(T(static_cast<S>(k)));
            CHECK(one.find('|') == std::string::npos);
            CHECK(many.find('|') == std::string::npos);
        }
    }
    SetLanguage(Lang::Sv);
}
