// What the last headless frame showed, read back after ImGui::Render(): the texts painted in each
// window, the windows drawn, and the named items the screens report (ui/Probe.hpp: the harness
// turns on ui::ProbeCapture and calls ui::ProbeEndFrame after each frame).
//
// Texts are decoded from the draw data itself (each glyph quad is looked up in the font atlas by
// its texture coordinates), so only what is really painted counts: text clipped away, scrolled
// out of view, in a closed tab or a hidden window does not.
#pragma once
#include <imgui.h>

#include <map>
#include <utility>
#include <string>
#include <vector>

#include "ui/Probe.hpp"

namespace stegvis::test {

// One line of text as painted: consecutive glyphs on one baseline, with the spaces between them.
struct ShownText {
    std::string window;  // the ImGui window or child it was painted in, e.g. "###main/sidebar_1A2B3C4D"
    std::string text;
    ImVec2 min, max;
    ImU32 color = 0;  // of its first glyph
};

class Screen {
public:
    // Reads the frame just rendered in the current ImGui context, and the items of the probes
    // captured for it.
    static Screen Capture();

    // The part of the screen painted in windows whose name contains `window` ("sidebar",
    // "###export", "content"); the named items stay those of the whole screen.
    Screen In(const std::string& window) const;
    // True when `text` is painted: within one line, or across the lines a paragraph wrapped to
    // (in one window, in painting order).
    bool Shows(const std::string& text) const { return Count(text) > 0; }
    // How many times `text` is painted.
    int Count(const std::string& text) const;
    // The lines containing `text`.
    std::vector<ShownText> LinesWith(const std::string& text) const;
    const std::vector<ShownText>& Lines() const& { return m_lines; }
    // On a temporary (s.In("x").Lines()) the lines are moved out: a reference into it would dangle.
    std::vector<ShownText> Lines() && { return std::move(m_lines); }
    // Everything painted, window by window, line by line (for failure messages).
    std::string Dump() const;

    // A named item (ui/Probe.hpp) was drawn and visible.
    bool Has(const std::string& item) const { return m_items.count(item) > 0; }
    // The items drawn whose names start with `prefix`.
    std::vector<std::string> Items(const std::string& prefix) const;
    ui::ProbeRect Item(const std::string& item) const { return m_items.at(item); }

    // The names of the windows drawn and visible this frame (popups and children included).
    const std::vector<std::string>& Windows() const { return m_windows; }
    // A window whose name contains `window` was drawn and visible (a dialog is open).
    bool HasWindow(const std::string& window) const;

private:
    std::vector<ShownText> m_lines;
    std::map<std::string, std::string> m_flow;  // window -> its lines in painting order, joined by '\n'
    std::map<std::string, ui::ProbeRect> m_items;
    std::vector<std::string> m_windows;
};

}  // namespace stegvis::test
