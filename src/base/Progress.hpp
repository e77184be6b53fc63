// How far a long job (the county roll-up, an export, a backup, a restore) has come, and whether
// the user asked it to stop. Shared by the worker doing the job and the window drawing its progress bar.
#pragma once
#include <atomic>
#include <cstddef>
#include <functional>
#include <stdexcept>

namespace stegvis {

// Thrown by a job that saw the user's Avbryt; nothing it was making is kept.
struct Cancelled : std::runtime_error {
    Cancelled() : std::runtime_error("avbrutet") {}
};

struct TaskProgress {
    std::atomic<size_t> done{0};
    std::atomic<size_t> total{0};  // 0 while unknown
    std::atomic<bool> cancelled{false};
    // False once the job is past the point where stopping would leave things half done (a
    // restore whose new contents are being committed): Avbryt is then refused.
    std::atomic<bool> cancellable{true};
    // Called after each step from the worker (the window wakes to draw the bar); may be empty.
    // Set before the job starts, never while it runs.
    std::function<void()> wake;

    void Step() {
        done.fetch_add(1);
        if (wake) wake();
    }
    // Moves the count to `now` (e.g. pages copied so far) and wakes the window.
    void Report(size_t now) {
        done.store(now);
        if (wake) wake();
    }
    void ThrowIfCancelled() const {
        if (cancelled.load() && cancellable.load()) throw Cancelled();
    }
    // From here on the job runs to its end: a last look at Avbryt, then no more.
    void PointOfNoReturn() {
        if (!cancellable.exchange(false)) return;  // passed already
        if (cancelled.load()) {  // asked for before this point: honoured
            cancellable.store(true);
            throw Cancelled();
        }
    }
};

}  // namespace stegvis
