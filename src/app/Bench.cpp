#include "app/Bench.hpp"
#include "app/BenchServer.hpp"
#include "print/Cairo.hpp"
#include "print/Documents.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include <imgui.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <optional>
#include <sstream>
#include <thread>

#include "edit/Actions.hpp"
#include "reference/Catalog.hpp"
#include "edit/Demo.hpp"
#include "reference/Instruments.hpp"
#include "base/Paths.hpp"
#include "reference/Phases.hpp"
#include "domain/Records.hpp"
#include "output/Report.hpp"
#include "output/Rollup.hpp"
#include "store/Sqlite.hpp"
#include "store/Store.hpp"
#include "base/Files.hpp"
#include "base/Text.hpp"
#include "ui/App.hpp"
#include "ui/Fonts.hpp"

extern char** environ;

namespace stegvis {

namespace {

namespace fs = std::filesystem;

// ---------------------------------------------------------------- clocks and statistics

double MonotonicMs() {
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

double ThreadCpuMs() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

// The q-quantile (0..1) by the nearest-rank method; 0 for no samples.
double Quantile(std::vector<double> v, double q) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    size_t rank = static_cast<size_t>(std::ceil(q * static_cast<double>(v.size())));
    return v[std::min(v.size() - 1, rank == 0 ? 0 : rank - 1)];
}
double Median(const std::vector<double>& v) {
    if (v.empty()) return 0;
    std::vector<double> s = v;
    std::sort(s.begin(), s.end());
    size_t n = s.size();
    return n % 2 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

std::string Fixed(double v, int decimals) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

std::string Spread(const std::vector<double>& v, int decimals) {
    if (v.empty()) return "";
    auto [lo, hi] = std::minmax_element(v.begin(), v.end());
    return Fixed(*lo, decimals) + "–" + Fixed(*hi, decimals) + " (n=" + std::to_string(v.size()) + ")";
}

// One line of the table and one key of the JSON object.
struct Figure {
    std::string key;
    std::string label;
    std::optional<double> value;  // nullopt: not measured (said why in `spread`)
    int decimals = 1;
    std::string spread;
    std::string target;              // "≤ 1.3", "< 2 ms"
    std::optional<bool> met;         // nullopt: no target
};

// ---------------------------------------------------------------- child processes

std::string SelfPath() {
    std::error_code ec;
    fs::path p = fs::read_symlink("/proc/self/exe", ec);
    return ec ? std::string("stegvis") : p.string();
}

bool OnPath(const std::string& program) {
    const char* path = std::getenv("PATH");
    if (!path) return false;
    for (const std::string& dir : Split(path, ':'))
        if (!dir.empty() && ::access((dir + "/" + program).c_str(), X_OK) == 0) return true;
    return false;
}

struct Child {
    pid_t pid = -1;
    int out = -1;  // the child's stdout
    std::string buffered;
};

// Starts `argv` with its stdout on a pipe, stderr into `errLog` and XDG_DATA_HOME set to `xdg`
// so its settings and last-opened file stay in the benchmark's folder.
Child Spawn(const std::vector<std::string>& argv, const std::string& xdg, const std::string& errLog) {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error("bench: pipe failed");
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, fds[1], 1);
    posix_spawn_file_actions_addopen(&fa, 2, errLog.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
    std::vector<std::string> env;
    for (char** e = environ; *e; ++e)
        if (std::strncmp(*e, "XDG_DATA_HOME=", 14) != 0) env.emplace_back(*e);
    env.push_back("XDG_DATA_HOME=" + xdg);
    std::vector<char*> cargv, cenv;
    for (const auto& a : argv) cargv.push_back(const_cast<char*>(a.c_str()));
    cargv.push_back(nullptr);
    for (const auto& e : env) cenv.push_back(const_cast<char*>(e.c_str()));
    cenv.push_back(nullptr);
    Child c;
    int rc = posix_spawn(&c.pid, cargv[0], &fa, nullptr, cargv.data(), cenv.data());
    posix_spawn_file_actions_destroy(&fa);
    ::close(fds[1]);
    if (rc != 0) {
        ::close(fds[0]);
        throw std::runtime_error("bench: cannot start " + argv[0] + ": " + std::strerror(rc));
    }
    c.out = fds[0];
    return c;
}

// Reads lines until one starts with `prefix`; returns its rest, or "" on timeout or end.
std::string ReadUntil(Child& c, const std::string& prefix, std::string* renderer, int timeoutMs = 60000) {
    const double deadline = MonotonicMs() + timeoutMs;
    std::string found;
    for (;;) {
        size_t nl;
        while ((nl = c.buffered.find('\n')) != std::string::npos) {
            std::string line = c.buffered.substr(0, nl);
            c.buffered.erase(0, nl + 1);
            if (renderer && StartsWith(line, "renderer ")) *renderer = line.substr(9);
            if (StartsWith(line, prefix)) found = line.substr(prefix.size());
            if (!found.empty() && (!renderer || !renderer->empty())) return found;
        }
        double left = deadline - MonotonicMs();
        if (left <= 0) return found;
        pollfd p{c.out, POLLIN, 0};
        if (::poll(&p, 1, static_cast<int>(left)) <= 0) return found;
        char buf[4096];
        ssize_t n = ::read(c.out, buf, sizeof buf);
        if (n <= 0) return found;
        c.buffered.append(buf, static_cast<size_t>(n));
    }
}

// Waits for the child; returns its peak RSS in MB (from the kernel's accounting).
double Reap(Child& c, int* status = nullptr) {
    rusage ru{};
    int st = 0;
    ::wait4(c.pid, &st, 0, &ru);
    if (c.out >= 0) ::close(c.out);
    c.out = -1;
    if (status) *status = st;
    return ru.ru_maxrss / 1024.0;
}

// CPU time (user + system, all threads) the process has used so far, in ms.
double ProcessCpuMs(pid_t pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    size_t close = text.rfind(')');
    if (close == std::string::npos) return 0;
    std::istringstream rest(text.substr(close + 2));
    std::string field;
    double utime = 0, stime = 0;
    for (int i = 3; rest >> field; ++i) {  // field 3 is the state
        if (i == 14) utime = std::atof(field.c_str());
        if (i == 15) {
            stime = std::atof(field.c_str());
            break;
        }
    }
    return (utime + stime) * 1000.0 / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

// ---------------------------------------------------------------- the data

struct Data {
    Manual manual;
    Catalog catalog;
    std::vector<Instrument> instruments;
    std::string dir;       // the benchmark's folder
    std::string xdg;       // XDG_DATA_HOME for the children and the in-process window state
    std::string national;  // the largest single project
    std::string unitsDir;  // the county's unit files
    int units = 0;
    double generateSeconds = 0;
};

// 290 municipalities and 21 regions (scaled down for --quick), each a county-scale demo.
void GenerateUnits(Data& d, int count) {
    fs::create_directories(d.unitsDir);
    const int regions = std::max(1, count * 21 / 311);
    std::atomic<int> next{0};
    std::atomic<bool> failed{false};
    std::string error;
    auto work = [&] {
        for (int i; (i = next++) < count && !failed;) {
            const bool region = i < regions;
            DemoOptions opt;
            opt.organisation = region ? "Region " + std::to_string(i + 1) : "Kommun " + std::to_string(i + 1 - regions);
            opt.scale = "county";
            opt.anchorDate = "2026-11-01";
            char name[64];
            std::snprintf(name, sizeof name, "/%s-%03d.stegvis", region ? "region" : "kommun", i + 1);
            try {
                CreateDemo(d.unitsDir + name, opt, d.manual, d.catalog, d.instruments);
            } catch (const std::exception& e) {
                if (!failed.exchange(true)) error = e.what();
            }
        }
    };
    const unsigned threads = std::max(1u, std::min(4u, std::thread::hardware_concurrency()));
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < threads; ++t) pool.emplace_back(work);
    for (auto& t : pool) t.join();
    if (failed) throw std::runtime_error("bench: generating the units failed: " + error);
    d.units = count;
}

// ---------------------------------------------------------------- measurements

struct FirstFrame {
    std::vector<double> stegvis, floor;
    std::string renderer;
    std::string problem;
};

double OneStart(const std::vector<std::string>& argv, const Data& d, std::string* renderer, std::string* problem) {
    const double t0 = MonotonicMs();
    Child c = Spawn(argv, d.xdg, d.dir + "/children.log");
    std::string ns = ReadUntil(c, "first-frame-ns ", renderer);
    int status = 0;
    Reap(c, &status);
    if (ns.empty()) {
        *problem = argv[0] + " presented no frame (exit status " + std::to_string(WEXITSTATUS(status)) + ", see " +
                   d.dir + "/children.log)";
        return -1;
    }
    return std::atof(ns.c_str()) / 1e6 - t0;
}

FirstFrame MeasureFirstFrame(const Data& d, const std::string& self, const std::string& floorBin, int runs) {
    FirstFrame r;
    const std::vector<std::string> app = {self, "--db", d.national, "--frames", "2", "--bench-first-frame"};
    const std::vector<std::string> bare = {floorBin};
    std::string dummy;
    // One warm-up of each (the page cache), then alternate which goes first.
    OneStart(bare, d, &dummy, &r.problem);
    OneStart(app, d, &dummy, &r.problem);
    for (int i = 0; i < runs && r.problem.empty(); ++i) {
        for (int k = 0; k < 2; ++k) {
            const bool floorTurn = (i + k) % 2 == 0;
            std::string renderer;
            double ms = OneStart(floorTurn ? bare : app, d, &renderer, &r.problem);
            if (ms < 0) break;
            (floorTurn ? r.floor : r.stegvis).push_back(ms);
            if (!renderer.empty()) r.renderer = renderer;
        }
    }
    return r;
}

// CPU used by the real window over `seconds` while nothing happens, in percent of one core.
double MeasureIdle(const Data& d, const std::string& self, double seconds, std::string* problem) {
    Child c = Spawn({self, "--db", d.national, "--bench-first-frame"}, d.xdg, d.dir + "/children.log");
    std::string renderer;
    if (ReadUntil(c, "first-frame-ns ", &renderer).empty()) {
        ::kill(c.pid, SIGKILL);
        Reap(c);
        *problem = "the window presented no frame";
        return -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));  // the few frames after start settle
    const double cpu0 = ProcessCpuMs(c.pid), t0 = MonotonicMs();
    std::this_thread::sleep_for(std::chrono::milliseconds(static_cast<int>(seconds * 1000)));
    const double cpu1 = ProcessCpuMs(c.pid), t1 = MonotonicMs();
    ::kill(c.pid, SIGTERM);
    Reap(c);
    return 100.0 * (cpu1 - cpu0) / (t1 - t0);
}

// Peak resident memory of the real window with the county overview of every unit open.
std::vector<double> MeasurePeakRss(const Data& d, const std::string& self, int runs, std::string* problem) {
    std::vector<double> mb;
    for (int i = 0; i < runs; ++i) {
        Child c = Spawn({self, "--db", d.national, "--view", "county:" + d.unitsDir, "--frames", "10"}, d.xdg,
                        d.dir + "/children.log");
        int status = 0;
        double rss = Reap(c, &status);
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
            *problem = "the window exited with status " + std::to_string(WEXITSTATUS(status));
            return {};
        }
        mb.push_back(rss);
    }
    return mb;
}

// Every screen drawn headlessly (no window, no GPU): CPU time of one whole frame.
struct ScreenFrames {
    std::string screen;
    std::vector<double> ms;
};

class Headless {
public:
    Headless() {
        ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = ImVec2(1280, 800);
        ui::BuildFonts(17);
        unsigned char* px = nullptr;
        int w = 0, h = 0;
        io.Fonts->GetTexDataAsRGBA32(&px, &w, &h);
    }
    ~Headless() { ImGui::DestroyContext(); }
    Headless(const Headless&) = delete;
    Headless& operator=(const Headless&) = delete;

    double Frame(ui::App& app) {
        const double t0 = ThreadCpuMs();
        if (app.TakeFontChange()) ui::BuildFonts(app.FontSize());
        ImGui::GetIO().DeltaTime = 1.0f / 60.0f;
        ImGui::NewFrame();
        ui::DrawApp(app);
        ImGui::Render();
        app.BetweenFrames();
        return ThreadCpuMs() - t0;
    }
};

const char* const kDuringRollup = "county while a roll-up runs";

std::vector<ScreenFrames> MeasureFrames(const Data& d, int frames) {
    ::setenv("XDG_DATA_HOME", d.xdg.c_str(), 1);
    Headless h;
    ui::App app(d.manual, d.catalog, d.instruments, Settings(d.xdg + "/settings.txt"));
    std::vector<ScreenFrames> out;
    auto measure = [&](const std::string& name) {
        ScreenFrames s{name, {}};
        for (int i = 0; i < 3; ++i) h.Frame(app);  // layout settles, popups open
        for (int i = 0; i < frames; ++i) s.ms.push_back(h.Frame(app));
        out.push_back(std::move(s));
    };
    measure("welcome");
    // A copy: drawing may autosave (a step's notes), and the original feeds the other figures.
    const std::string copy = d.dir + "/frames.stegvis";
    fs::copy_file(d.national, copy, fs::copy_options::overwrite_existing);
    if (!app.OpenProject(copy)) throw std::runtime_error("bench: cannot open " + copy + ": " + app.ui.welcomeError);
    // Steps 12-13 show the longest chart: ten years of weekly points.
    for (const Record* m : Records(app.model, "measure"))
        if (app.model.points.count(m->id) && app.model.points.at(m->id).size() >= 500) {
            app.SelectInitiative(m->initiative);
            app.ui.measure = m->id;
        }
    app.ShowView(ui::View::Project);
    measure("project");
    for (int step = 1; step <= 15; ++step) {
        app.OpenStepTab(step, ui::StepTab::Workspace);
        measure("step " + std::to_string(step));
    }
    app.OpenStepTab(2, ui::StepTab::Guidance);
    measure("guidance (step 2)");
    app.ShowView(ui::View::Catalog);
    measure("catalog");
    app.ShowView(ui::View::Decisions);
    measure("decisions");
    app.ShowView(ui::View::History);
    measure("history");
    app.LoadCounty(d.unitsDir);
    app.ShowView(ui::View::County);
    measure("county (" + std::to_string(app.county ? app.county->units.size() : 0) + " units)");
    {
        // The same roll-up asked for as the county screen's button asks (during a frame): it runs
        // on a worker while the window keeps drawing; every frame until it is done is timed.
        ScreenFrames s{kDuringRollup, {}};
        app.BeginDraw();
        app.LoadCounty(d.unitsDir);
        app.EndDraw();
        if (!app.JobRunning()) throw std::runtime_error("bench: the roll-up did not start on a worker");
        while (app.JobRunning()) s.ms.push_back(h.Frame(app));
        if (!app.county || app.county->units.empty()) throw std::runtime_error("bench: the roll-up on a worker read no units");
        out.push_back(std::move(s));
    }
    app.ui.exportDialogOpen = true;
    measure("export dialog");
    app.RefreshBackups();
    app.ui.backupsOpen = true;
    measure("backups dialog");
    app.CloseProject();
    fs::remove(copy);
    return out;
}

struct EditTimes {
    std::vector<double> commit, floor, screen;
    std::vector<double> commitByKind[3], screenByKind[3];  // NthEdit's kinds: inventory cell, step notes, data point
};

// The edits a user makes most: inventory cells, step notes, a measure's data point. Each one
// changes a value, so each is a real write.
Action NthEdit(const Catalog& catalog, int64_t measure, const std::string& week, int i) {
    const std::string tag = "bench " + std::to_string(i);
    switch (i % 3) {
        case 0: return SetInventoryField{catalog.recommendations[i % catalog.recommendations.size()].id, InvField::Comment, tag};
        case 1: return SetStepNotes{1 + i % 7, tag, 0};
        default: return SetPoint{measure, week, static_cast<double>(10 + i % 50), std::nullopt};
    }
}

EditTimes MeasureEdits(const Data& d, int edits) {
    EditTimes r;
    const std::string copy = d.dir + "/edits.stegvis";
    fs::copy_file(d.national, copy, fs::copy_options::overwrite_existing);
    const std::string floorPath = d.dir + "/floor.sqlite";
    fs::remove(floorPath);
    Db bare(floorPath, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    {
        Stmt wal(bare, "PRAGMA journal_mode = WAL");
        wal.Step();
    }
    bare.Exec("PRAGMA synchronous = FULL");
    bare.Exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)");
    Stmt insert(bare, "INSERT INTO t (v) VALUES (?)");

    // Configured as the window configures it: checkpoints wait for idle time, between blocks.
    Store store = Store::Open(copy);
    store.DeferCheckpoints();
    ProjectModel model = store.Load();
    int64_t measure = 0;
    std::string week;
    for (const Record* m : Records(model, "measure"))
        if (m->Get("period") == "week" && model.points.count(m->id) && !model.points.at(m->id).empty()) {
            measure = m->id;
            week = model.points.at(m->id).rbegin()->first;
        }
    ActionContext ctx{&d.manual, &d.catalog, &d.instruments};
    // Alternate blocks of bare inserts and real edits so both see the same disk weather.
    for (int done = 0; done < edits;) {
        const int block = std::min(50, edits - done);
        for (int i = 0; i < block; ++i) {
            const double t0 = MonotonicMs();
            Transaction tx(bare);
            insert.Reset();
            insert.Bind(1, "row " + std::to_string(done + i)).Run();
            tx.Commit();
            r.floor.push_back(MonotonicMs() - t0);
        }
        for (int i = 0; i < block; ++i) {
            Action a = NthEdit(d.catalog, measure, week, done + i);
            const double t0 = MonotonicMs();
            ApplyResult res = Apply(store, a, "bench", ctx);
            r.commit.push_back(MonotonicMs() - t0);
            r.commitByKind[(done + i) % 3].push_back(r.commit.back());
            if (!res.ok) throw std::runtime_error("bench: an edit was refused: " + res.error.Text());
        }
        store.Checkpoint();  // the window does this while it waits for the next input
        done += block;
    }

    // The same edits through the window's own path: stored, then the screens' model reloaded.
    ::setenv("XDG_DATA_HOME", d.xdg.c_str(), 1);
    ui::App app(d.manual, d.catalog, d.instruments, Settings(d.xdg + "/settings.txt"));
    if (!app.OpenProject(copy)) throw std::runtime_error("bench: cannot open " + copy);
    for (int i = 0; i < std::min(edits, 300); ++i) {
        Action a = NthEdit(d.catalog, measure, week, edits + i);
        // As a screen sends it: queued during the frame, applied when the frame ends, and the
        // model the next frame draws brought up to date.
        bool ok = false;
        const double t0 = MonotonicMs();
        app.BeginDraw();
        app.Dispatch(a, [&ok](ui::App&, const ApplyResult& res) { ok = res.ok; });
        app.EndDraw();
        app.BetweenFrames();
        r.screen.push_back(MonotonicMs() - t0);
        r.screenByKind[(edits + i) % 3].push_back(r.screen.back());
        app.Idle();
        if (!ok) throw std::runtime_error("bench: an edit was refused in the window: " + app.ui.message);
    }
    app.CloseProject();
    fs::remove(copy);
    return r;
}

std::vector<double> MeasureReport(const Data& d, int runs) {
    const std::string tmpl = ResolveTemplate("progress", "html");
    std::vector<double> ms;
    for (int i = 0; i < runs; ++i) {
        const double t0 = MonotonicMs();
        Store store = Store::Open(d.national);
        ProjectModel model = store.Load();
        std::string html = RenderProgress(model, d.catalog, d.manual, d.instruments, TodayIso(), "html", tmpl);
        ms.push_back(MonotonicMs() - t0);
        if (html.size() < 1000) throw std::runtime_error("bench: the HTML report came out empty");
    }
    return ms;
}

// The PDF progress summary of the national-scale project, as report --format pdf makes it: the
// project read, its Markdown typeset, its charts (ten years of weekly points) drawn as vectors.
std::vector<double> MeasurePdf(const Data& d, int runs, int* pages) {
    std::vector<double> ms;
    for (int i = 0; i < runs; ++i) {
        const double t0 = MonotonicMs();
        Store store = Store::Open(d.national);
        ProjectModel model = store.Load();
        const PdfDocument pdf = RenderPdf("progress", model, d.catalog, d.manual, d.instruments, TodayIso());
        ms.push_back(MonotonicMs() - t0);
        if (pdf.pages < 2 || pdf.bytes.size() < 10000) throw std::runtime_error("bench: the PDF came out empty");
        *pages = pdf.pages;
    }
    return ms;
}

// One chart image as stegvis chart writes it (800 px PNG) of the national project's longest
// measure (520 weekly points), from the loaded project.
std::vector<double> MeasureChartPng(const Data& d, int runs) {
    Store store = Store::Open(d.national);
    const ProjectModel model = store.Load();
    int64_t longest = 0;
    size_t most = 0;
    for (const Record* m : Records(model, "measure"))
        if (const size_t n = PointsOf(model, m->id).size(); n > most) most = n, longest = m->id;
    std::vector<double> ms;
    for (int i = 0; i < runs; ++i) {
        const double t0 = MonotonicMs();
        const auto scene = MeasureChartScene(model, longest, ChartImageStyle(800));
        const std::string png = scene ? ChartPng(*scene) : std::string();
        ms.push_back(MonotonicMs() - t0);
        if (png.size() < 1000) throw std::runtime_error("bench: the chart PNG came out empty");
    }
    return ms;
}

std::vector<double> MeasureRollup(const Data& d, int runs, size_t* unitsRead, std::vector<double>* renderMs = nullptr) {
    const std::string tmpl = ResolveTemplate("rollup", "html");
    std::vector<double> ms;
    for (int i = 0; i < runs; ++i) {
        const std::string work = d.dir + "/rollup-work";
        fs::remove_all(work);
        fs::create_directories(work);
        const double t0 = MonotonicMs();
        Rollup r = LoadRollup({d.unitsDir}, work);
        const double t1 = MonotonicMs();
        std::string html = RenderRollup(r, d.catalog, d.manual, TodayIso(), tmpl);
        ms.push_back(MonotonicMs() - t0);
        if (renderMs) renderMs->push_back(MonotonicMs() - t1);
        *unitsRead = r.units.size();
        if (!r.skipped.empty()) throw std::runtime_error("bench: the roll-up skipped " + r.skipped.front().input + ": " + r.skipped.front().why);
        fs::remove_all(work);
    }
    return ms;
}

// ---------------------------------------------------------------- output

std::string MachineLine() {
    utsname u{};
    ::uname(&u);
    std::string cpu;
    std::ifstream in("/proc/cpuinfo");
    for (std::string line; std::getline(in, line);)
        if (StartsWith(line, "model name")) {
            cpu = Trim(line.substr(line.find(':') + 1));
            break;
        }
    long pages = ::sysconf(_SC_PHYS_PAGES), pageSize = ::sysconf(_SC_PAGE_SIZE);
    return cpu + ", " + std::to_string(std::thread::hardware_concurrency()) + " cores, " +
           std::to_string(static_cast<long long>(pages) * pageSize / (1024LL * 1024 * 1024)) + " GiB, " + u.sysname +
           " " + u.release;
}

std::string Json(const std::vector<Figure>& figures, bool quick, int units) {
    std::string j = "{";
    for (const Figure& f : figures) {
        j += "\"" + f.key + "\":";
        j += f.value ? Fixed(*f.value, f.decimals + 1) : "null";
        j += ",";
    }
    j += "\"units\":" + std::to_string(units) + ",\"quick\":" + (quick ? "true" : "false") + "}";
    return j;
}

void PrintTable(std::ostream& out, const std::vector<Figure>& figures, bool markdown) {
    if (markdown) {
        out << "| Figure | Median | Spread (min–max) | Target | Met |\n|---|---:|---|---|---|\n";
    }
    for (const Figure& f : figures) {
        std::string value = f.value ? Fixed(*f.value, f.decimals) : "–";
        std::string met = f.met ? (*f.met ? "yes" : "NO") : "";
        if (markdown) {
            out << "| " << f.label << " (`" << f.key << "`) | " << value << " | " << f.spread << " | " << f.target
                << " | " << met << " |\n";
        } else {
            char line[512];
            std::snprintf(line, sizeof line, "  %-38s %10s   %-28s %-10s %s\n", f.label.c_str(), value.c_str(),
                          f.spread.c_str(), f.target.c_str(), met.c_str());
            out << line;
        }
    }
}

// Replaces what lies between the markers (or writes the whole file when they are missing),
// so the hand-written notes around the figures survive a new run.
void WriteDoc(const std::string& path, const std::string& generated) {
    const std::string begin = "<!-- bench:begin -->", end = "<!-- bench:end -->";
    std::string doc;
    try {
        doc = ReadFile(path);
    } catch (const std::exception&) {
    }
    size_t b = doc.find(begin), e = doc.find(end);
    std::string block = begin + "\n" + generated + end;
    if (b == std::string::npos || e == std::string::npos || e < b)
        doc = "# Benchmarks\n\n" + block + "\n";
    else
        doc = doc.substr(0, b) + block + doc.substr(e + end.size());
    WriteFileAtomic(path, doc);
}

}  // namespace

int RunBench(const BenchOptions& opt) {
    const std::string self = SelfPath();
    const char* display = std::getenv("DISPLAY");
    const char* wayland = std::getenv("WAYLAND_DISPLAY");
    const bool haveDisplay = (display && *display) || (wayland && *wayland);
    std::string displayNote = haveDisplay ? std::string("the session's display") : "";
    // Part of the run (--only): the parts that need no window, a quicker loop while working on one figure.
    auto wanted = [&opt](const char* part) {
        return opt.only.empty() || std::find(opt.only.begin(), opt.only.end(), part) != opt.only.end();
    };
    const bool partial = !opt.only.empty();
    if (!partial && !haveDisplay && !std::getenv("STEGVIS_BENCH_XVFB") && OnPath("xvfb-run")) {
        // The window figures need a display: run again under a private Xvfb.
        ::setenv("STEGVIS_BENCH_XVFB", "1", 1);
        std::vector<std::string> args = {"xvfb-run", "-a", "-s", "-screen 0 1600x1000x24", self, "bench"};
        if (opt.quick) args.push_back("--quick");
        if (!opt.docPath.empty()) args.insert(args.end(), {"--doc", opt.docPath});
        if (!opt.workDir.empty()) args.insert(args.end(), {"--dir", opt.workDir});
        if (opt.keep) args.push_back("--keep");
        if (!opt.server.empty()) args.insert(args.end(), {"--server", opt.server});
        std::vector<char*> argv;
        for (auto& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);
        ::execvp("xvfb-run", argv.data());
        std::cerr << "stegvis bench: could not start xvfb-run: " << std::strerror(errno) << "\n";
    }
    if (std::getenv("STEGVIS_BENCH_XVFB")) displayNote = "Xvfb started by the benchmark";
    const bool window = !partial && (haveDisplay || std::getenv("STEGVIS_BENCH_XVFB"));

    Data d;
    d.manual = LoadManual(PhasesPath());
    d.catalog = LoadCatalog(CatalogPath());
    d.instruments = LoadInstruments(InstrumentsDir());
    if (!opt.workDir.empty()) {
        d.dir = opt.workDir;
        fs::create_directories(d.dir);
    } else {
        // On the disk the user's projects live on, so durability is measured where it matters.
        std::string tmpl = DataDir() + "/bench-XXXXXX";
        if (!::mkdtemp(tmpl.data())) throw std::runtime_error("bench: cannot create a folder in " + DataDir());
        d.dir = tmpl;
    }
    d.xdg = d.dir + "/xdg";
    d.national = d.dir + "/national.stegvis";
    d.unitsDir = d.dir + "/units";
    fs::create_directories(d.xdg);

    const bool quick = opt.quick;
    const int unitCount = quick ? 16 : 311;
    std::string parts;
    for (const std::string& p : opt.only) parts += (parts.empty() ? ", only " : ", ") + p;
    std::cout << "Stegvis benchmark (" << (quick ? "quick" : "full") << parts << ") in " << d.dir << "\n";
    size_t unitFiles = 0;
    std::error_code dirError;
    if (fs::is_directory(d.unitsDir, dirError))
        for (const auto& e : fs::directory_iterator(d.unitsDir, dirError)) unitFiles += e.path().extension() == ".stegvis";
    if (opt.reuse && !opt.workDir.empty() && fs::exists(d.national) && unitFiles == static_cast<size_t>(unitCount)) {
        d.units = unitCount;
        std::cout << "  using the data already in " << d.dir << "\n" << std::flush;
    } else {
        const double g0 = MonotonicMs();
        fs::remove(d.national);
        DemoOptions nat;
        nat.organisation = "Region Exempel";
        nat.scale = "national";
        nat.anchorDate = "2026-11-01";
        CreateDemo(d.national, nat, d.manual, d.catalog, d.instruments);
        fs::remove_all(d.unitsDir);
        GenerateUnits(d, unitCount);
        d.generateSeconds = (MonotonicMs() - g0) / 1000;
        std::cout << "  generated 1 national-scale project and " << unitCount << " unit files in "
                  << Fixed(d.generateSeconds, 1) << " s\n" << std::flush;
    }

    std::vector<Figure> figures;
    const std::string floorBin = (fs::path(self).parent_path() / "stegvis-floor").string();

    FirstFrame ff;
    std::vector<ScreenFrames> screens;
    if (!partial) {
        // Start-up against the floor, alternately.
        if (window && ::access(floorBin.c_str(), X_OK) == 0) ff = MeasureFirstFrame(d, self, floorBin, quick ? 3 : 11);
        else ff.problem = window ? floorBin + " is missing (build the stegvis-floor target)" : "no display and no xvfb-run";
        if (!ff.problem.empty()) std::cerr << "stegvis bench: first frame: " << ff.problem << "\n";
        const bool ffOk = ff.problem.empty() && !ff.stegvis.empty() && !ff.floor.empty();
        std::vector<double> ratios;
        for (size_t i = 0; i < std::min(ff.stegvis.size(), ff.floor.size()); ++i) ratios.push_back(ff.stegvis[i] / ff.floor[i]);
        const double firstMs = Median(ff.stegvis), floorMs = Median(ff.floor);
        figures.push_back({"first_frame_ms", "First frame, national-scale file", ffOk ? std::optional(firstMs) : std::nullopt, 1,
                           ffOk ? Spread(ff.stegvis, 1) : ff.problem, "", std::nullopt});
        figures.push_back({"floor_first_frame_ms", "First frame, bare GLFW window", ffOk ? std::optional(floorMs) : std::nullopt,
                           1, ffOk ? Spread(ff.floor, 1) : ff.problem, "", std::nullopt});
        figures.push_back({"first_frame_ratio", "Ratio to the floor", ffOk ? std::optional(firstMs / floorMs) : std::nullopt, 2,
                           ffOk ? "pairs " + Spread(ratios, 2) : ff.problem, "≤ 1.3", ffOk ? std::optional(firstMs / floorMs <= 1.3) : std::nullopt});
        std::cout << "  first frame measured\n" << std::flush;

        // Frames of every screen.
        screens = MeasureFrames(d, quick ? 30 : 200);
        double worst = 0;
        std::string worstScreen;
        std::vector<double> p95s;
        for (const auto& s : screens) {
            double p = Quantile(s.ms, 0.95);
            p95s.push_back(p);
            if (p >= worst) {
                worst = p;
                worstScreen = s.screen;
            }
        }
        figures.push_back({"frame_cpu_p95_ms", "Frame CPU p95, worst screen", worst, 2,
                           "worst: " + worstScreen + "; screens " + Spread(p95s, 2), "< 2 ms", worst < 2.0});
        std::cout << "  frames measured on " << screens.size() << " screens\n" << std::flush;
        for (const auto& s : screens)
            if (s.screen == kDuringRollup) {
                const double p95 = Quantile(s.ms, 0.95);
                figures.push_back({"frame_during_rollup_p95_ms", "Frame CPU p95 while a roll-up runs", p95, 2,
                                   "median " + Fixed(Median(s.ms), 2) + " (n=" + std::to_string(s.ms.size()) + ")", "< 2 ms",
                                   p95 < 2.0});
            }

        // Idle.
        std::string idleProblem = window ? "" : "no display and no xvfb-run";
        double idle = window ? MeasureIdle(d, self, quick ? 3.0 : 10.0, &idleProblem) : -1;
        const bool idleOk = idle >= 0;
        figures.push_back({"idle_cpu_percent", std::string("Idle CPU over ") + (quick ? "3" : "10") + " s, % of a core",
                           idleOk ? std::optional(idle) : std::nullopt, 2, idleOk ? "one window" : idleProblem, "< 1 %",
                           idleOk ? std::optional(idle < 1.0) : std::nullopt});
    }

    // Edits.
    if (wanted("edits")) {
        EditTimes edits = MeasureEdits(d, quick ? 200 : 1000);
        const double editP99 = Quantile(edits.commit, 0.99), floorP99 = Quantile(edits.floor, 0.99);
        figures.push_back({"edit_commit_p99_ms", "Edit to durable commit, p99", editP99, 2,
                           "median " + Fixed(Median(edits.commit), 2) + ", max " + Fixed(Quantile(edits.commit, 1), 2) +
                               " (n=" + std::to_string(edits.commit.size()) + ")",
                           "< 2 ms", editP99 < 2.0});
        figures.push_back({"edit_commit_floor_p99_ms", "Bare SQLite insert+commit, p99", floorP99, 2,
                           "median " + Fixed(Median(edits.floor), 2) + ", max " + Fixed(Quantile(edits.floor, 1), 2) +
                               " (n=" + std::to_string(edits.floor.size()) + ")",
                           "", std::nullopt});
        const double screenP99 = Quantile(edits.screen, 0.99);
        figures.push_back({"edit_screen_p99_ms", "Edit until the screen has it, p99", screenP99, 2,
                           "median " + Fixed(Median(edits.screen), 2) + " (n=" + std::to_string(edits.screen.size()) + ")",
                           "", std::nullopt});
        // The screen's share of an edit: what it costs beyond storing the edit durably.
        const double screenRatio = editP99 > 0 ? screenP99 / editP99 : 0;
        figures.push_back({"edit_screen_ratio", "Edit until the screen has it / durable commit, p99", screenRatio, 2,
                           Fixed(screenP99, 2) + " ms / " + Fixed(editP99, 2) + " ms", "<= 1.5", screenRatio <= 1.5});
        std::cout << "  edits measured\n" << std::flush;
        if (partial) {
            const char* kinds[3] = {"inventory cell", "step notes", "data point"};
            for (int k = 0; k < 3; ++k)
                std::cout << "    " << kinds[k] << ": commit median " << Fixed(Median(edits.commitByKind[k]), 3) << " p99 "
                          << Fixed(Quantile(edits.commitByKind[k], 0.99), 3) << ", screen median "
                          << Fixed(Median(edits.screenByKind[k]), 3) << " p99 " << Fixed(Quantile(edits.screenByKind[k], 0.99), 3)
                          << " ms\n";
        }
    }

    // Documents.
    if (!partial) {
        std::vector<double> report = MeasureReport(d, quick ? 3 : 15);
        figures.push_back({"report_html_ms", "HTML progress summary", Median(report), 1, Spread(report, 1), "< 100 ms",
                           Median(report) < 100});
    }
    if (wanted("documents")) {
        int pages = 0;
        std::vector<double> pdf = MeasurePdf(d, quick ? 3 : 11, &pages);
        figures.push_back({"report_pdf_ms", "PDF progress summary (" + std::to_string(pages) + " A4 pages)", Median(pdf), 1,
                           Spread(pdf, 1), "< 300 ms", Median(pdf) < 300});
        std::vector<double> png = MeasureChartPng(d, quick ? 5 : 21);
        figures.push_back({"chart_png_ms", "Chart image, 800 px PNG of 520 weekly points", Median(png), 1, Spread(png, 1),
                           "< 50 ms", Median(png) < 50});
    }
    if (wanted("rollup")) {
        size_t unitsRead = 0;
        const int runs = partial && opt.runs > 0 ? opt.runs : quick ? 1 : 3;
        std::vector<double> render;
        std::vector<double> rollup = MeasureRollup(d, runs, &unitsRead, &render);
        if (partial)
            std::cout << "  roll-up runs (ms): " << Spread(rollup, 0) << "; of which the HTML: median " << Fixed(Median(render), 0)
                      << "\n";
        figures.push_back({"rollup_ms", "Roll-up of " + std::to_string(unitsRead) + " unit files", Median(rollup), 0,
                           Spread(rollup, 0), quick ? "(< 3 s at 311)" : "< 3000 ms",
                           quick ? std::nullopt : std::optional(Median(rollup) < 3000)});
    }

    // A project on a server.
    if (wanted("server")) {
        std::string problem, url = opt.server;
        const std::string clusterDir = d.dir + "/server";
        if (url.empty()) url = StartBenchCluster(clusterDir, &problem);
        ServerBench sb;
        if (!url.empty()) {
            try {
                sb = MeasureServer(url, d.national, d.manual, d.catalog, d.instruments, quick);
            } catch (const std::exception& e) {
                problem = e.what();
            }
        }
        if (opt.server.empty() && !url.empty()) StopBenchCluster(clusterDir);
        if (!problem.empty()) std::cerr << "stegvis bench: server: " << problem << "\n";
        const bool ok = problem.empty() && !sb.loadMs.empty();
        auto none = [&](const char* key, const char* label, const char* target) {
            figures.push_back({key, label, std::nullopt, 1, problem, target, std::nullopt});
        };
        if (!ok) {
            none("server_load_ms", "Server: open the national project", "< 300 ms");
            none("server_edit_p99_ms_20", "Server: edit to durable, 20 users, p99", "< 10 ms");
            none("server_shown_ms", "Server: another window shows an edit", "< 1000 ms");
        } else {
            figures.push_back({"server_load_ms", "Server: open the national project", Median(sb.loadMs), 1,
                               Spread(sb.loadMs, 1), "< 300 ms", Median(sb.loadMs) < 300});
            const double floorP99 = Quantile(sb.floorMs, 0.99);
            figures.push_back({"server_floor_p99_ms", "Server: bare INSERT+COMMIT, p99", floorP99, 2,
                               "median " + Fixed(Median(sb.floorMs), 2) + " (n=" + std::to_string(sb.floorMs.size()) + ")",
                               "", std::nullopt});
            const double floorManyP99 = Quantile(sb.floorManyMs, 0.99);
            const std::string many = std::to_string(sb.floorManyUsers);
            figures.push_back({"server_floor_p99_ms_" + many, "Server: the same by " + many + " at once, p99", floorManyP99, 2,
                               "median " + Fixed(Median(sb.floorManyMs), 2) + " (n=" + std::to_string(sb.floorManyMs.size()) + ")",
                               "", std::nullopt});
            for (const auto& [users, ms] : sb.editMs) {
                const double p99 = Quantile(ms, 0.99);
                const std::string n = std::to_string(users);
                // Compared with the floor of as many connections at once, where there is one.
                const bool manyFloor = users == sb.floorManyUsers;
                const double floor = manyFloor ? floorManyP99 : floorP99;
                figures.push_back({"server_edit_p99_ms_" + n, "Server: edit to durable, " + n + (users == 1 ? " user" : " users") + ", p99",
                                   p99, 2,
                                   "median " + Fixed(Median(ms), 2) + ", ratio to the " + (manyFloor ? many + "-connection " : "") +
                                       "floor's p99 " + Fixed(p99 / floor, 1) + " (n=" + std::to_string(ms.size()) + ")",
                                   users == 20 ? "< 10 ms" : "", users == 20 ? std::optional(p99 < 10) : std::nullopt});
            }
            figures.push_back({"server_first_edit_ms", "Server: a connection's first edit (median)",
                               sb.firstEditMs.empty() ? std::nullopt : std::optional(Median(sb.firstEditMs)), 1,
                               "max " + Fixed(Quantile(sb.firstEditMs, 1), 1) + " (n=" + std::to_string(sb.firstEditMs.size()) + ")",
                               "", std::nullopt});
            const bool shown = !sb.shownMs.empty();
            const double p95 = shown ? Quantile(sb.shownMs, 0.95) : 0;
            figures.push_back({"server_shown_ms", "Server: another window shows an edit (median)",
                               shown ? std::optional(Median(sb.shownMs)) : std::nullopt, 0,
                               shown ? "p95 " + Fixed(p95, 0) + ", max " + Fixed(Quantile(sb.shownMs, 1), 0) + " (n=" +
                                           std::to_string(sb.shownMs.size()) + ")"
                                     : std::string("no change seen"),
                               "p95 < 1000 ms", shown ? std::optional(p95 < 1000) : std::optional(false)});
        }
        std::cout << "  server measured" << (sb.where.empty() ? "" : " on " + sb.where) << "\n" << std::flush;
    }

    // Memory.
    if (!partial) {
        std::string rssProblem = window ? "" : "no display and no xvfb-run";
        std::vector<double> rss = window ? MeasurePeakRss(d, self, quick ? 1 : 3, &rssProblem) : std::vector<double>{};
        const bool rssOk = !rss.empty();
        figures.push_back({"peak_rss_mb", "Peak RSS, window with the county open", rssOk ? std::optional(Median(rss)) : std::nullopt,
                           1, rssOk ? Spread(rss, 1) : rssProblem, "< 160 MB", rssOk ? std::optional(Median(rss) < 160) : std::nullopt});
    }

    std::cout << "\n";
    PrintTable(std::cout, figures, false);
    if (!screens.empty()) std::cout << "\n  per screen, frame CPU ms (median / p95 / max):\n";
    for (const auto& s : screens) {
        char line[256];
        std::snprintf(line, sizeof line, "    %-28s %7.3f %7.3f %7.3f\n", s.screen.c_str(), Median(s.ms), Quantile(s.ms, 0.95),
                      Quantile(s.ms, 1));
        std::cout << line;
    }
    if (!partial) std::cout << "  renderer: " << (ff.renderer.empty() ? "unknown" : ff.renderer) << "; display: " << displayNote << "\n";

    if (!quick && !partial) {
        std::ostringstream md;
        md << "Last full run: **" << NowIsoSeconds() << "**, command `" << opt.command << "`.\n\n";
        md << "- Machine: " << MachineLine() << "\n";
        md << "- OpenGL renderer: " << (ff.renderer.empty() ? "unknown" : ff.renderer) << " (" << displayNote << ")\n";
        md << "- Data: one national-scale project (full inventory, five initiatives, ten years of weekly data on one "
              "chart) and "
           << unitCount << " county-scale unit files, generated in " << Fixed(d.generateSeconds, 1) << " s\n\n";
        PrintTable(md, figures, true);
        md << "\nFrame CPU time per screen (ms, " << (screens.empty() ? 0 : screens.front().ms.size())
           << " frames each, drawn headlessly at 1280×800):\n\n| Screen | Median | p95 | Max |\n|---|---:|---:|---:|\n";
        for (const auto& s : screens)
            md << "| " << s.screen << " | " << Fixed(Median(s.ms), 3) << " | " << Fixed(Quantile(s.ms, 0.95), 3) << " | "
               << Fixed(Quantile(s.ms, 1), 3) << " |\n";
        const std::string doc = opt.docPath.empty() ? ResourceDir() + "/docs/BENCHMARKS.md" : opt.docPath;
        WriteDoc(doc, md.str());
        std::cout << "  wrote " << doc << "\n";
    }
    if (!opt.keep && opt.workDir.empty()) {
        std::error_code ec;
        fs::remove_all(d.dir, ec);
    }
    std::cout << Json(figures, quick, unitCount) << std::endl;
    return 0;
}

}  // namespace stegvis
