#include "app/BenchServer.hpp"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <ctime>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <random>
#include <thread>

#include "base/Files.hpp"
#include "base/Text.hpp"
#include "edit/Actions.hpp"
#include "server/Pg.hpp"
#include "server/Server.hpp"
#include "store/Store.hpp"

namespace stegvis {

namespace {

double NowMs() {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

std::string ClusterScript() { return std::string(STEGVIS_SOURCE_DIR) + "/tests/server/cluster.sh"; }

}  // namespace

std::string StartBenchCluster(const std::string& folder, std::string* problem) {
    if (::access(ClusterScript().c_str(), X_OK) != 0) {
        *problem = "no --server given, and no tests/server/cluster.sh to start a private one";
        return "";
    }
    const std::string cmd = "'" + ClusterScript() + "' start '" + folder + "' >/dev/null 2>&1";
    const int rc = std::system(cmd.c_str());
    if (rc != 0) {
        *problem = "no --server given, and a private PostgreSQL cluster could not be started (./stegvis install "
                   "postgresql)";
        return "";
    }
    std::string url = ReadFile(folder + "/url");
    while (!url.empty() && (url.back() == '\n' || url.back() == ' ')) url.pop_back();
    return url;
}

void StopBenchCluster(const std::string& folder) {
    const std::string cmd = "'" + ClusterScript() + "' stop '" + folder + "' >/dev/null 2>&1";
    if (std::system(cmd.c_str()) != 0) {
        // Left behind in the temporary folder; nothing else depends on it.
    }
}

ServerBench MeasureServer(const std::string& adminUrl, const std::string& nationalFile, const Manual& manual,
                          const Catalog& catalog, const std::vector<Instrument>& instruments, bool quick) {
    // How many users edit at once in turn; the floor is also measured with the most of them.
    const std::vector<int> kUsers = {1, 5, 20};
    ServerBench out;
    out.floorManyUsers = kUsers.back();
    const ServerAddress admin = ParseServerAddress(adminUrl);
    out.where = admin.shown;
    InitServer(admin);
    const std::string project = "bench-" + std::to_string(::getpid()) + "-" + std::to_string(std::time(nullptr));
    ServerAddress at = ParseServerAddress(adminUrl + (adminUrl.find('?') == std::string::npos ? "?" : "&") +
                                          "project=" + project);
    PushProject(nationalFile, at);
    ActionContext ctx{&manual, &catalog, &instruments};

    // Loading: what opening the project in a window costs before its first frame.
    for (int i = 0; i < (quick ? 3 : 7); ++i) {
        const double t0 = NowMs();
        Store s = OpenServerProject(at);
        out.loadMs.push_back(NowMs() - t0);
    }

    // The floor: a bare insert and commit on the same server, as durable (synchronous_commit on).
    // Alone, and by as many connections at once as the most users below, paced as they are:
    // what this machine's server and disk give any program with that many at once.
    {
        pg::Connection c(at.conninfo);
        c.Exec("CREATE TABLE IF NOT EXISTS public.stegvis_bench_floor(id bigserial PRIMARY KEY, v text NOT NULL)");
        for (int i = 0; i < (quick ? 100 : 500); ++i) {
            const double t0 = NowMs();
            c.Query("INSERT INTO public.stegvis_bench_floor(v) VALUES ($1)", {"row " + std::to_string(i)});
            out.floorMs.push_back(NowMs() - t0);
        }
        std::vector<std::unique_ptr<pg::Connection>> many;
        for (int u = 0; u < out.floorManyUsers; ++u) many.push_back(std::make_unique<pg::Connection>(at.conninfo));
        std::mutex m;
        std::vector<std::thread> threads;
        for (int u = 0; u < out.floorManyUsers; ++u)
            threads.emplace_back([&, u] {
                std::mt19937 rng(static_cast<unsigned>(1000 + u));
                std::vector<double> mine;
                for (int j = 0; j < (quick ? 20 : 100); ++j) {
                    std::this_thread::sleep_for(std::chrono::milliseconds(100 + rng() % 400));
                    const double t0 = NowMs();
                    many[static_cast<size_t>(u)]->Query("INSERT INTO public.stegvis_bench_floor(v) VALUES ($1)",
                                                        {"many " + std::to_string(u)});
                    mine.push_back(NowMs() - t0);
                }
                std::lock_guard<std::mutex> lock(m);
                out.floorManyMs.insert(out.floorManyMs.end(), mine.begin(), mine.end());
            });
        for (auto& t : threads) t.join();
        c.Exec("DROP TABLE public.stegvis_bench_floor");
    }

    // Users editing at once, each in a window of their own (its own connection and working copy),
    // each on fields of their own (nothing refused), with a pause between edits as a person
    // makes: 100 to 500 ms, several edits a second each, far more than a team makes in life.
    const size_t recs = catalog.recommendations.size();
    for (int users : kUsers) {
        std::vector<std::unique_ptr<Store>> stores;
        for (int u = 0; u < users; ++u) stores.push_back(std::make_unique<Store>(OpenServerProject(at)));
        const int edits = quick ? 20 : 100;
        std::mutex m;
        std::vector<double>& times = out.editMs[users];
        std::vector<std::string> errors;
        std::vector<std::thread> threads;
        for (int u = 0; u < users; ++u)
            threads.emplace_back([&, u] {
                std::mt19937 rng(static_cast<unsigned>(u + 1));
                std::vector<double> mine, first;
                for (int j = 0; j < edits; ++j) {
                    std::this_thread::sleep_for(std::chrono::milliseconds(100 + rng() % 400));
                    const size_t rec = (static_cast<size_t>(u) + static_cast<size_t>(users) * (j % (recs / users))) % recs;
                    const Action a = SetInventoryField{catalog.recommendations[rec].id, InvField::Comment,
                                                       "bench " + std::to_string(users) + "/" + std::to_string(u) + "/" +
                                                           std::to_string(j)};
                    const double t0 = NowMs();
                    ApplyResult r = Apply(*stores[static_cast<size_t>(u)], a, "bench", ctx);
                    // A connection's first edit also has the server load the tables' rules
                    // and compile the trigger functions for it: counted apart.
                    (j == 0 ? first : mine).push_back(NowMs() - t0);
                    stores[static_cast<size_t>(u)]->MarkSeen();
                    if (!r.ok) {
                        std::lock_guard<std::mutex> lock(m);
                        errors.push_back(r.error.Text());
                        return;
                    }
                }
                std::lock_guard<std::mutex> lock(m);
                times.insert(times.end(), mine.begin(), mine.end());
                out.firstEditMs.insert(out.firstEditMs.end(), first.begin(), first.end());
            });
        for (auto& t : threads) t.join();
        if (!errors.empty()) throw std::runtime_error("bench: an edit on the server was refused: " + errors.front());
    }

    // Another window: it looks for others' commits as the window does (every 0.25 s, then reads
    // what changed and reloads its model); the time from an edit's commit to that model.
    {
        Store writer = OpenServerProject(at);
        Store reader = OpenServerProject(at);
        std::atomic<double> committedAt{0};
        std::atomic<bool> done{false};
        std::vector<double> shown;
        std::thread watcher([&] {
            while (!done) {
                if (reader.ChangedSinceLastCheck()) {
                    ProjectModel model = reader.Load();
                    reader.MarkSeen();
                    // One sample per commit; a change seen before its writer noted the time is not counted.
                    const double c = committedAt.exchange(0);
                    if (c > 0 && !model.steps.empty()) shown.push_back(NowMs() - c);
                }
                std::this_thread::sleep_for(std::chrono::milliseconds(250));
            }
        });
        std::mt19937 rng(7);
        for (int i = 0; i < (quick ? 8 : 30); ++i) {
            std::this_thread::sleep_for(std::chrono::milliseconds(300 + rng() % 400));
            committedAt = 0;
            ApplyResult r = Apply(writer, SetStepNotes{1 + i % 7, "shown " + std::to_string(i), 0}, "bench", ctx);
            if (!r.ok) throw std::runtime_error("bench: an edit on the server was refused: " + r.error.Text());
            committedAt = NowMs();
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(600));
        done = true;
        watcher.join();
        out.shownMs = shown;
    }
    return out;
}

}  // namespace stegvis
