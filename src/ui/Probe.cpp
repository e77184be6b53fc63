#include "ui/Probe.hpp"

#include <imgui.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace stegvis::ui {

namespace {

using Rect = ProbeRect;

std::map<std::string, Rect> g_shown, g_frame;
bool g_capture = false;

bool Printing() {
    static const bool on = [] {
        const char* v = std::getenv("STEGVIS_PROBE");
        return v && *v && *v != '0';
    }();
    return on;
}

}  // namespace

bool ProbeEnabled() { return g_capture || Printing(); }

void ProbeCapture(bool on) {
    g_capture = on;
    g_shown.clear();
    g_frame.clear();
}

const std::map<std::string, ProbeRect>& ProbeShown() { return g_shown; }

void ProbeItem(const std::string& name) {
    if (!ProbeEnabled() || !ImGui::IsItemVisible()) return;
    ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    // Only the visible part: a cell half hidden under a table's frozen header is clicked there.
    ImVec2 ca = ImGui::GetWindowDrawList()->GetClipRectMin(), cb = ImGui::GetWindowDrawList()->GetClipRectMax();
    a.x = std::fmax(a.x, ca.x), a.y = std::fmax(a.y, ca.y), b.x = std::fmin(b.x, cb.x), b.y = std::fmin(b.y, cb.y);
    if (b.x <= a.x || b.y <= a.y) return;
    g_frame[name] = Rect{static_cast<int>(a.x), static_cast<int>(a.y), static_cast<int>(b.x), static_cast<int>(b.y)};
}

void ProbeWindow(const std::string& name) {
    if (!ProbeEnabled()) return;
    ImVec2 a = ImGui::GetWindowPos(), sz = ImGui::GetWindowSize();
    g_frame[name] = Rect{static_cast<int>(a.x), static_cast<int>(a.y), static_cast<int>(a.x + sz.x), static_cast<int>(a.y + sz.y)};
}

void ProbeEndFrame() {
    if (!ProbeEnabled()) return;
    if (g_capture) {
        g_shown.swap(g_frame);
        g_frame.clear();
        return;
    }
    for (const auto& [name, r] : g_frame) {
        auto it = g_shown.find(name);
        if (it == g_shown.end() || !(it->second == r))
            std::printf("rect %s %d %d %d %d\n", name.c_str(), r.x0, r.y0, r.x1, r.y1);
    }
    for (const auto& [name, r] : g_shown)
        if (!g_frame.count(name)) std::printf("gone %s\n", name.c_str());
    g_shown.swap(g_frame);
    g_frame.clear();
    std::fflush(stdout);
}

void ProbeIdle(long frame, long keys, long clicks) {
    if (!Printing()) return;
    std::printf("idle %ld %ld %ld\n", frame, keys, clicks);
    std::fflush(stdout);
}

void ProbeLine(const std::string& line) {
    if (!Printing()) return;
    std::printf("%s\n", line.c_str());
    std::fflush(stdout);
}

}  // namespace stegvis::ui
