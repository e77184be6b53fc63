#include "ui/Window.hpp"

#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>
#include <imgui_internal.h>
#ifdef _WIN32
// Debian's libstb is built for Linux only: the Windows build compiles the PNG writer here, taking
// file names as UTF-8.
#define STB_IMAGE_WRITE_IMPLEMENTATION
#define STBIW_WINDOWS_UTF8
#endif
#include <stb_image_write.h>

#include <algorithm>
#include <cfloat>
#include <cstdint>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <iostream>
#include <optional>
#include <thread>
#include <vector>

#include "base/Paths.hpp"
#include "base/Text.hpp"
#include "ui/App.hpp"
#include "ui/Fonts.hpp"
#include "ui/InputQueue.hpp"
#include "ui/Probe.hpp"

namespace stegvis::ui {

namespace {

void ApplyStyle() {
    ImGui::StyleColorsLight();
    ImGuiStyle& s = ImGui::GetStyle();
    s.WindowRounding = 0;
    s.FrameRounding = 3;
    s.ChildRounding = 3;
    s.PopupRounding = 3;
    s.GrabRounding = 3;
    s.FrameBorderSize = 1;
    s.FramePadding = ImVec2(6, 4);
    s.ItemSpacing = ImVec2(8, 6);
    s.Colors[ImGuiCol_WindowBg] = ImVec4(0.97f, 0.97f, 0.96f, 1.0f);
    s.Colors[ImGuiCol_ChildBg] = ImVec4(0.0f, 0.0f, 0.0f, 0.0f);
}

// Set by every input or window event; the idle loop draws only when something arrived (or the
// project changed on disk), not on each of its once-a-second wake-ups.
bool g_woken = false;

// Keys, characters and mouse buttons wait here in arrival order; see InputQueue.hpp for why.
InputQueue g_input;
// The mouse as ImGui is shown it: the position and buttons as of the events fed so far, not as
// they are now (a click queued behind typing is seen where it happened).
ImVec2 g_mousePos(-FLT_MAX, -FLT_MAX);
bool g_mouseDown[5] = {};
long g_keysFed = 0, g_clicksFed = 0;

void Queue(const InputEvent& e) {
    g_input.Push(e);
    g_woken = true;
}

// Installed instead of ImGui's own (the backend is initialised without callbacks): every event
// goes through the queue, then to the backend's handler when its frame comes.
void InstallCallbacks(GLFWwindow* w) {
    using K = InputEvent::Kind;
    glfwSetKeyCallback(w, [](GLFWwindow*, int key, int scancode, int action, int mods) {
        if (action == GLFW_REPEAT) {  // ImGui repeats a held key itself
            g_woken = true;
            return;
        }
        InputEvent e;
        e.kind = K::Key, e.code = key, e.scancode = scancode, e.down = action == GLFW_PRESS, e.mods = mods;
        Queue(e);
    });
    glfwSetCharCallback(w, [](GLFWwindow*, unsigned c) {
        InputEvent e;
        e.kind = K::Char, e.ch = c;
        Queue(e);
    });
    glfwSetMouseButtonCallback(w, [](GLFWwindow*, int button, int action, int mods) {
        InputEvent e;
        e.kind = K::Button, e.code = button, e.down = action == GLFW_PRESS, e.mods = mods;
        Queue(e);
    });
    glfwSetCursorPosCallback(w, [](GLFWwindow*, double x, double y) {
        InputEvent e;
        e.kind = K::Cursor, e.x = x, e.y = y;
        Queue(e);
    });
    glfwSetScrollCallback(w, [](GLFWwindow*, double x, double y) {
        InputEvent e;
        e.kind = K::Scroll, e.x = x, e.y = y;
        Queue(e);
    });
    glfwSetCursorEnterCallback(w, [](GLFWwindow*, int entered) {
        InputEvent e;
        e.kind = K::Enter, e.down = entered != 0;
        Queue(e);
    });
    glfwSetWindowFocusCallback(w, [](GLFWwindow* win, int focused) {
        g_woken = true;
        ImGui_ImplGlfw_WindowFocusCallback(win, focused);
    });
    glfwSetWindowSizeCallback(w, [](GLFWwindow*, int, int) { g_woken = true; });
    glfwSetFramebufferSizeCallback(w, [](GLFWwindow*, int, int) { g_woken = true; });
    glfwSetWindowRefreshCallback(w, [](GLFWwindow*) { g_woken = true; });
    glfwSetWindowIconifyCallback(w, [](GLFWwindow*, int) { g_woken = true; });
    glfwSetDropCallback(w, [](GLFWwindow*, int, const char**) { g_woken = true; });
}

// Ctrl with + / - / 0 by the character the key prints, so it works on Swedish keyboards
// (where + is not above =).
void WindowShortcut(GLFWwindow* w, const InputEvent& e) {
    if (!e.down || !(e.mods & GLFW_MOD_CONTROL)) return;
    auto* app = static_cast<App*>(glfwGetWindowUserPointer(w));
    if (!app) return;
    const char* name = glfwGetKeyName(e.code, e.scancode);
    char c = name && name[0] && !name[1] ? name[0] : 0;
    if (e.code == GLFW_KEY_KP_ADD || c == '+' || c == '=') app->SetFontSize(app->FontSize() + 2);
    else if (e.code == GLFW_KEY_KP_SUBTRACT || c == '-') app->SetFontSize(app->FontSize() - 2);
    else if (e.code == GLFW_KEY_KP_0 || c == '0') app->SetFontSize(17);
    else if (c == 'q') app->ui.wantQuit = true;
    else if (c == 'b') app->ToggleSidebar();
}

// Hands ImGui the next frame's worth of queued input.
void FeedInput(GLFWwindow* w, const std::vector<InputEvent>& events) {
    using K = InputEvent::Kind;
    for (const InputEvent& e : events) {
        switch (e.kind) {
            case K::Key:
                ImGui_ImplGlfw_KeyCallback(w, e.code, e.scancode, e.down ? GLFW_PRESS : GLFW_RELEASE, e.mods);
                WindowShortcut(w, e);
                if (e.down) ++g_keysFed;
                break;
            case K::Char: ImGui_ImplGlfw_CharCallback(w, e.ch); break;
            case K::Button:
                if (e.code >= 0 && e.code < 5) g_mouseDown[e.code] = e.down;
                if (e.down) ++g_clicksFed;
                break;
            case K::Scroll: ImGui_ImplGlfw_ScrollCallback(w, e.x, e.y); break;
            case K::Cursor: g_mousePos = ImVec2(static_cast<float>(e.x), static_cast<float>(e.y)); break;
            case K::Enter:
                ImGui_ImplGlfw_CursorEnterCallback(w, e.down ? 1 : 0);
                if (!e.down) g_mousePos = ImVec2(-FLT_MAX, -FLT_MAX);
                break;
        }
    }
}

// After the backend's NewFrame, which reads the mouse as it is now.
void ApplyMouse() {
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = g_mousePos;
    for (int i = 0; i < 5; ++i) io.MouseDown[i] = g_mouseDown[i];
}

// True when the frame just drawn has asked to move the keyboard focus (Tab, Enter, a cell that
// moved on by itself): the move lands in the next frame or two, and a key fed before then would
// go to the field being left.
bool FocusMoving(const App& app) {
    const ImGuiContext& g = *GImGui;
    return g.NavMoveSubmitted || g.NavMoveScoringItems || g.NavMoveForwardToNextFrame || g.NavNextActivateId != 0 ||
           g.NavActivateInputId != 0 || g.NavInitRequest || !app.ui.focusCell.empty();
}

// A fingerprint of what the frame shows: the vertices, indices, textures and clip rectangles of
// every draw list. Two equal frames in a row mean the picture has settled.
uint64_t FrameHash(const ImDrawData* dd) {
    uint64_t h = 1469598103934665603ULL;
    auto mix = [&h](const void* p, size_t n) {
        const unsigned char* b = static_cast<const unsigned char*>(p);
        size_t i = 0;
        for (; i + 8 <= n; i += 8) {
            uint64_t v;
            std::memcpy(&v, b + i, 8);
            h = (h ^ v) * 1099511628211ULL;
        }
        for (; i < n; ++i) h = (h ^ b[i]) * 1099511628211ULL;
    };
    if (!dd) return h;
    for (int n = 0; n < dd->CmdListsCount; ++n) {
        const ImDrawList* l = dd->CmdLists[n];
        mix(l->VtxBuffer.Data, static_cast<size_t>(l->VtxBuffer.Size) * sizeof(ImDrawVert));
        mix(l->IdxBuffer.Data, static_cast<size_t>(l->IdxBuffer.Size) * sizeof(ImDrawIdx));
        for (const ImDrawCmd& c : l->CmdBuffer) {
            mix(&c.ClipRect, sizeof c.ClipRect);
            mix(&c.TextureId, sizeof c.TextureId);
            mix(&c.ElemCount, sizeof c.ElemCount);
        }
    }
    return h;
}

void ApplyView(App& app, const std::string& view) {
    if (view.empty()) return;
    if (view == "welcome") app.CloseProject();
    else if (view == "project") app.ShowView(View::Project);
    else if (view == "decisions") app.ShowView(View::Decisions);
    else if (view == "backups") {
        app.RefreshBackups();
        app.ui.backupsOpen = true;
    }
    else if (view == "history") app.ShowView(View::History);
    else if (StartsWith(view, "county")) {
        app.ShowView(View::County);
        if (view.size() > 7) {
            app.ui.countyFolder = view.substr(7);
            app.LoadCounty(app.ui.countyFolder);
        }
    }
    else if (StartsWith(view, "guide:")) app.OpenStepTab(std::atoi(view.c_str() + 6), StepTab::Guidance);
    else if (StartsWith(view, "catalog")) {
        app.ShowView(View::Catalog);
        // catalog:ID selects a row; catalog:changes unfolds what a newer catalog would change.
        if (view == "catalog:changes") app.ui.catChangesOpen = true;
        else if (view.size() > 8) app.ui.catSelected = view.substr(8);
    } else if (StartsWith(view, "step:")) {
        // step:N, or step:N/M with measure M chosen (its initiative with it) for steps 12-15.
        app.SelectStep(std::atoi(view.c_str() + 5));
        if (const size_t slash = view.find('/'); slash != std::string::npos)
            if (const Record* m = FindRecord(app.model, "measure", std::atoll(view.c_str() + slash + 1))) {
                app.SelectInitiative(m->initiative);
                app.ui.measure = m->id;
            }
    } else if (view == "export") {
        app.ui.exportDialogOpen = true;
    } else if (view == "decision-form") {
        app.ui.decisionFormOpen = true;
        app.ui.draft.step = app.ui.step;
        app.ui.draft.decidedOn = TodayIso();
    }
}

bool SavePng(const std::string& path, int w, int h) {
    std::vector<unsigned char> px(static_cast<size_t>(w) * h * 4);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, w, h, GL_RGBA, GL_UNSIGNED_BYTE, px.data());
    std::vector<unsigned char> flipped(px.size());
    const size_t row = static_cast<size_t>(w) * 4;
    for (int y = 0; y < h; ++y) std::memcpy(&flipped[static_cast<size_t>(y) * row], &px[static_cast<size_t>(h - 1 - y) * row], row);
    return stbi_write_png(path.c_str(), w, h, 4, flipped.data(), static_cast<int>(row)) != 0;
}

// How long the loop may sleep before something on screen is due (autosave, message expiry).
double SecondsUntilDue(const App& app) {
    double now = app.Now(), best = -1;
    auto consider = [&](double at) {
        if (at > now && (best < 0 || at - now < best)) best = at - now;
    };
    if (app.ui.notesEditedAt > 0) consider(app.ui.notesEditedAt + 2.05);
    if (!app.ui.message.empty()) consider(app.ui.messageAt + app.MessageSeconds() + 0.05);
    return best;
}

// The benchmark reads this line to time start-up: the frame has reached the window.
void ReportPresented() {
    glFinish();
    // steady_clock is CLOCK_MONOTONIC, the clock the benchmark started the program by.
    const long long ns = std::chrono::duration_cast<std::chrono::nanoseconds>(
                             std::chrono::steady_clock::now().time_since_epoch()).count();
    std::printf("first-frame-ns %lld\nrenderer %s\n", ns,
                reinterpret_cast<const char*>(glGetString(GL_RENDERER)));
    std::fflush(stdout);
}

// What the program prepares before the first frame that needs no window: the data files, the
// settings, the font atlas and the project. It runs on a second thread while the window system
// starts, which takes longer; ImGui's context is created first and only this thread touches it
// until the join.
struct Prepared {
    std::optional<App> app;
    std::string error;
    bool fontsFound = true;
};

void Prepare(Prepared& p, const GuiOptions& opt) {
    try {
        Manual manual = LoadManual(PhasesPath());
        Catalog catalog = LoadCatalog(CatalogPath());
        std::vector<Instrument> instruments = LoadInstruments(InstrumentsDir());
        p.app.emplace(std::move(manual), std::move(catalog), std::move(instruments), Settings::InDataDir());
    } catch (const std::exception& e) {
        p.error = e.what();
        return;
    }
    App& app = *p.app;
    // --lang applies to this run only; the menu choice is the one that is remembered.
    if (opt.lang == "en") SetLanguage(Lang::En);
    else if (opt.lang == "sv") SetLanguage(Lang::Sv);
    p.fontsFound = BuildFonts(app.FontSize());
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    ImGui::GetIO().Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);  // converted here, uploaded after the join

    std::string toOpen = opt.dbPath;
    if (toOpen.empty()) {
        std::string last = app.settings.Get("last_file");
        if (!last.empty() && PathExists(last)) toOpen = last;
        else if (PathExists(DefaultProjectPath())) toOpen = DefaultProjectPath();
    }
    if (!toOpen.empty()) app.OpenProject(toOpen);
}

}  // namespace

int RunGui(const GuiOptions& opt) {
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    static std::string iniPath = DataDir() + "/imgui.ini";
    io.IniFilename = iniPath.c_str();
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    ApplyStyle();

    Prepared prepared;
    std::thread prepare(Prepare, std::ref(prepared), std::cref(opt));

    glfwSetErrorCallback([](int code, const char* desc) { std::cerr << "stegvis: GLFW error " << code << ": " << desc << "\n"; });
    GLFWwindow* window = nullptr;
    if (glfwInit()) {
        glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
        glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
        glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
        glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
        // A laptop screen smaller than the default window (1366 × 768 with a task bar, 1024 × 700)
        // gets a window that fits inside what the desktop leaves free, its title bar included.
        int width = opt.width, height = opt.height;
        if (GLFWmonitor* monitor = opt.fitScreen ? glfwGetPrimaryMonitor() : nullptr) {
            int wx = 0, wy = 0, ww = 0, wh = 0;
            glfwGetMonitorWorkarea(monitor, &wx, &wy, &ww, &wh);
            if (ww > 0 && width > ww) width = std::max(640, ww - 16);
            if (wh > 0 && height > wh) height = std::max(480, wh - 40);
        }
        window = glfwCreateWindow(width, height, "Stegvis", nullptr, nullptr);
        if (!window) std::cerr << "stegvis: could not open a window with OpenGL 3.3\n";
    } else {
        std::cerr << "stegvis: could not start the window system (GLFW); is a display available?\n";
    }
    prepare.join();
    if (!window || !prepared.app) {
        if (!prepared.error.empty()) std::cerr << "stegvis: " << prepared.error << "\n";
        ImGui::DestroyContext();
        if (window) glfwDestroyWindow(window);
        glfwTerminate();
        return window ? 1 : 3;
    }
    App& app = *prepared.app;
    if (!prepared.fontsFound)
        std::cerr << "stegvis: DejaVu fonts not found (package fonts-dejavu-core); Swedish letters will be missing\n";
    glfwMakeContextCurrent(window);
    glfwSwapInterval(1);

    // The backend installs no callbacks of its own: ours queue the input (see FeedInput).
    ImGui_ImplGlfw_InitForOpenGL(window, false);
    InstallCallbacks(window);
    ImGui_ImplOpenGL3_Init("#version 330 core");
    glfwSetWindowUserPointer(window, &app);
    app.wakeLoop = [] { glfwPostEmptyEvent(); };  // safe from any thread
    ApplyView(app, opt.view);
    // From here the automatic backup, a restore and the backups' list go to the worker too,
    // when asked for in idle time or while closing: the window keeps drawing.
    app.RunJobsOnWorker(true);

    const bool scripted = !opt.screenshotPath.empty() || opt.maxFrames > 0;
    // A screenshot shows the screen as it stands, not a tooltip of wherever the pointer rests.
    if (!opt.screenshotPath.empty()) ImGui::GetIO().ConfigFlags |= ImGuiConfigFlags_NoMouse;
    const int frameLimit = opt.maxFrames > 0 ? opt.maxFrames : 6;
    int frame = 0;
    int busyFrames = 3;    // frames to draw after input before sleeping again (popups need a few)
    int stableFrames = 0;  // frames in a row that looked like the one before
    int heldFrames = 0;    // frames input has waited for a focus move
    bool holdInput = false;
    uint64_t lastHash = 0;
    std::string probedCell;  // the cell being edited, as last reported to the tests
    bool unsynced = false;   // swap interval 0 while a backlog of input is worked through
    int exitCode = 0;
    std::string stopping;  // the job the closing window waits for, as last told
    for (;;) {
        if (glfwWindowShouldClose(window) || app.ui.wantQuit) {
            // One more frame, in which fields still being edited commit; then frames go on
            // (the status bar shows the backup or the restore) until nothing is left to finish.
            if (app.ui.closing) {
                const std::string running = app.JobRunning() ? app.JobTitle() : "";
                if (app.ReadyToClose()) break;
                if (!running.empty() && running != stopping) {
                    stopping = running;
                    std::cerr << "stegvis: " << running << " …\n";
                }
            }
            app.ui.closing = true;
        }
        // Idle only once the queue is empty and the picture has stopped changing: a popup that
        // closed, a message that expired or a reload is drawn through to its last frame.
        app.SetTextActive(io.WantTextInput);
        const bool settled = busyFrames == 0 && stableFrames >= 2 && g_input.Empty() && !app.HasPending();
        if (scripted || !settled || app.ui.closing) {
            glfwPollEvents();
        } else {
            // Idle, to a test, means nothing left to do: while a job runs on the worker (an export
            // being written, slow under a sanitizer) it is not; the job's end wakes the loop.
            if (!app.JobRunning()) ProbeIdle(frame, g_keysFed, g_clicksFed);
            app.Idle();
            double due = SecondsUntilDue(app);
            // A focused text field gets a slow tick so its caret still blinks.
            if (io.WantTextInput) due = due < 0 ? 0.5 : std::min(due, 0.5);
            const double until = due >= 0 ? app.Now() + due : -1;
            g_woken = false;
            // Sleep until input, something due, or a change by someone else (looked for once a
            // second in a file, four times a second on a server: no frame drawn).
            for (;;) {
                const double poll = app.PollInterval();
                glfwWaitEventsTimeout(until >= 0 ? std::clamp(until - app.Now(), 0.0, poll) : poll);
                if (g_woken || glfwWindowShouldClose(window) || app.ui.wantQuit) break;
                if (app.TakeJobNews()) break;  // long work moved on or finished: draw it
                if (until >= 0 && app.Now() >= until) break;
                if (app.PollExternalChange()) break;
            }
            busyFrames = 3;
        }
        if (app.PollExternalChange()) busyFrames = std::max(busyFrames, 3);
        if (glfwGetWindowAttrib(window, GLFW_ICONIFIED)) {
            glfwWaitEvents();
            continue;
        }
        if (app.TakeFontChange()) {
            BuildFonts(app.FontSize());
            ImGui_ImplOpenGL3_DestroyFontsTexture();
            ImGui_ImplOpenGL3_CreateFontsTexture();
        }
        const bool fed = !holdInput && !g_input.Empty();
        if (fed) FeedInput(window, g_input.TakeFrame());
        else if (holdInput) FeedInput(window, g_input.TakeReleases());
        ImGui_ImplOpenGL3_NewFrame();
        ImGui_ImplGlfw_NewFrame();
        ApplyMouse();
        ImGui::NewFrame();
        DrawApp(app);
        ImGui::Render();
        // Between frames: the edits and commands the frame asked for are applied, so the next
        // frame draws their result and the probes below report the state after them.
        app.BetweenFrames();
        ProbeEndFrame();
        if (ProbeEnabled() && app.ui.activeCell != probedCell) ProbeLine("active " + (probedCell = app.ui.activeCell));
        // Input waits while the focus is on its way somewhere (at most a few frames, so a
        // request that finds no field never stalls the keyboard).
        holdInput = FocusMoving(app) && heldFrames < 8;
        heldFrames = holdInput ? heldFrames + 1 : 0;
        if (!holdInput) app.ui.focusCell.clear();
        const uint64_t hash = FrameHash(ImGui::GetDrawData());
        stableFrames = hash == lastHash && !fed && !holdInput ? stableFrames + 1 : 0;
        lastHash = hash;
        int fbw, fbh;
        glfwGetFramebufferSize(window, &fbw, &fbh);
        glViewport(0, 0, fbw, fbh);
        glClearColor(0.97f, 0.97f, 0.96f, 1.0f);
        glClear(GL_COLOR_BUFFER_BIT);
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
        ++frame;
        if (scripted && frame >= frameLimit) {
            if (!opt.screenshotPath.empty()) {
                if (SavePng(opt.screenshotPath, fbw, fbh)) std::cout << "Skärmbild sparad: " << opt.screenshotPath << "\n";
                else {
                    std::cerr << "stegvis: could not write " << opt.screenshotPath << "\n";
                    exitCode = 1;
                }
            }
            break;
        }
        // While queued keys wait, frames do not wait for the display: a burst typed faster than
        // the screen refreshes is worked through at once instead of one key per refresh.
        const bool backlog = !g_input.Empty() || holdInput;
        if (backlog != unsynced) {
            unsynced = backlog;
            glfwSwapInterval(unsynced ? 0 : 1);
        }
        glfwSwapBuffers(window);
        if (opt.reportFirstFrame && frame == 1) ReportPresented();
        if (busyFrames > 0) --busyFrames;
    }
    // A scripted run ends without ReadyToClose: what is under way finishes here, and a window
    // closed before it ever went idle still leaves its copy.
    app.RunJobsOnWorker(false);
    app.WaitForJob();
    app.EnsureBackup();
    app.FlushPending();
    if (!stopping.empty() && !app.ui.message.empty()) std::cerr << "stegvis: " << app.ui.message << "\n";
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(window);
    glfwTerminate();
    return exitCode;
}

}  // namespace stegvis::ui
