#include "UiQuery.hpp"

#include <imgui_internal.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <sstream>
#include <unordered_map>

namespace stegvis::test {

namespace {

struct AtlasGlyph {
    const ImFont* font;
    const ImFontGlyph* glyph;
};

uint64_t UvKey(ImVec2 uv) {
    uint32_t u, v;
    std::memcpy(&u, &uv.x, sizeof u);
    std::memcpy(&v, &uv.y, sizeof v);
    return (static_cast<uint64_t>(u) << 32) | v;
}

// Every glyph of every font in the atlas, by the texture coordinates of its top left corner and of
// its bottom right one (each glyph has its own place in the atlas).
struct AtlasGlyphs {
    std::unordered_map<uint64_t, AtlasGlyph> byTopLeft, byBottomRight;
    AtlasGlyphs() {
        for (const ImFont* font : ImGui::GetIO().Fonts->Fonts)
            for (const ImFontGlyph& g : font->Glyphs)
                if (g.Visible) {
                    byTopLeft.emplace(UvKey(ImVec2(g.U0, g.V0)), AtlasGlyph{font, &g});
                    byBottomRight.emplace(UvKey(ImVec2(g.U1, g.V1)), AtlasGlyph{font, &g});
                }
    }
};

void AppendUtf8(std::string& s, unsigned int c) {
    if (c < 0x80) {
        s += static_cast<char>(c);
    } else if (c < 0x800) {
        s += static_cast<char>(0xC0 | (c >> 6));
        s += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        s += static_cast<char>(0xE0 | (c >> 12));
        s += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        s += static_cast<char>(0x80 | (c & 0x3F));
    }
}

// Glyphs as painted, in painting order, gathered into lines: a glyph continues the line when
// it sits on the same baseline where the pen stopped, or a whole number of spaces after it.
class LineBuilder {
public:
    LineBuilder(std::string window, std::vector<ShownText>& out) : m_window(std::move(window)), m_out(out) {}
    ~LineBuilder() { Flush(); }

    // `pen` and `top`: where the glyph's line starts, as ImFont::RenderText placed it.
    void Add(const AtlasGlyph& ag, float scale, float pen, float top, ImVec2 a, ImVec2 b, ImU32 color) {
        const ImFontGlyph& g = *ag.glyph;
        bool same = m_open && std::fabs(top - m_top) < 0.5f && pen > m_pen - 0.5f;
        int spaces = 0;
        if (same) {
            const ImFontGlyph* space = ag.font->FindGlyphNoFallback(' ');
            const float w = space ? space->AdvanceX * scale : 0.0f;
            const float gap = pen - m_pen;
            spaces = w > 0 ? static_cast<int>(std::lround(gap / w)) : 0;
            same = std::fabs(gap - spaces * w) < 0.5f && spaces <= 4;
        }
        if (!same) {
            Flush();
            m_open = true;
            m_line = ShownText{m_window, "", a, b, color};
            m_top = top;
        }
        m_line.text.append(static_cast<size_t>(spaces), ' ');
        AppendUtf8(m_line.text, g.Codepoint);
        m_line.min = ImVec2(std::fmin(m_line.min.x, a.x), std::fmin(m_line.min.y, a.y));
        m_line.max = ImVec2(std::fmax(m_line.max.x, b.x), std::fmax(m_line.max.y, b.y));
        m_pen = pen + g.AdvanceX * scale;
    }

private:
    void Flush() {
        if (m_open) m_out.push_back(std::move(m_line));
        m_open = false;
    }

    std::string m_window;
    std::vector<ShownText>& m_out;
    ShownText m_line;
    bool m_open = false;
    float m_top = 0, m_pen = 0;
};

// Reads the glyph quads out of one window's draw list. ImFont::RenderText writes a glyph as four
// vertices (top left, top right, bottom right, bottom left) and the indices 0 1 2 0 2 3; every
// other shape either uses the atlas' white pixel or comes in triangles that do not match. A glyph
// cut by a clip rectangle (a descender at the bottom of a table cell) keeps the texture
// coordinates of the corner that was not cut.
void ReadDrawList(const ImDrawList& list, const AtlasGlyphs& glyphs, std::vector<ShownText>& out) {
    LineBuilder lines(list._OwnerName ? list._OwnerName : "", out);
    const ImTextureID atlas = ImGui::GetIO().Fonts->TexID;
    for (const ImDrawCmd& cmd : list.CmdBuffer) {
        if (cmd.UserCallback || cmd.TextureId != atlas) continue;
        const ImVec4& clip = cmd.ClipRect;
        const unsigned end = cmd.IdxOffset + cmd.ElemCount;
        for (unsigned i = cmd.IdxOffset; i + 3 <= end;) {
            const ImDrawIdx* ix = &list.IdxBuffer[static_cast<int>(i)];
            const bool quad = i + 6 <= end && ix[1] == ix[0] + 1 && ix[2] == ix[0] + 2 && ix[3] == ix[0] &&
                              ix[4] == ix[0] + 2 && ix[5] == ix[0] + 3;
            if (!quad) {
                i += 3;
                continue;
            }
            i += 6;
            const ImDrawVert* v = &list.VtxBuffer[static_cast<int>(cmd.VtxOffset + ix[0])];
            if (v[0].uv.x == v[2].uv.x || v[0].uv.y == v[2].uv.y) continue;  // a filled shape
            if (((v[0].col >> IM_COL32_A_SHIFT) & 0xFF) == 0) continue;       // transparent
            const ImVec2 a = v[0].pos, b = v[2].pos;
            const ImVec2 c((a.x + b.x) / 2, (a.y + b.y) / 2);
            if (c.x < clip.x || c.x > clip.z || c.y < clip.y || c.y > clip.w) continue;  // scissored away
            const AtlasGlyph* ag = nullptr;
            bool fromTopLeft = true;
            if (auto it = glyphs.byTopLeft.find(UvKey(v[0].uv)); it != glyphs.byTopLeft.end()) {
                ag = &it->second;
            } else if (auto jt = glyphs.byBottomRight.find(UvKey(v[2].uv)); jt != glyphs.byBottomRight.end()) {
                ag = &jt->second;
                fromTopLeft = false;
            }
            if (!ag) continue;
            const ImFontGlyph& g = *ag->glyph;
            // The glyph's size on screen: the part drawn, over the part of the atlas it took.
            const float scale = (b.x - a.x) / (g.X1 - g.X0) * (g.U1 - g.U0) / (v[2].uv.x - v[0].uv.x);
            const float pen = fromTopLeft ? a.x - g.X0 * scale : b.x - g.X1 * scale;
            const float top = fromTopLeft ? a.y - g.Y0 * scale : b.y - g.Y1 * scale;
            lines.Add(*ag, scale, pen, top, a, b, v[0].col);
        }
    }
}

bool Blank(char c) { return c == ' ' || c == '\n'; }

// The length of `needle` found at flow[pos] (a window's lines joined by '\n'), or 0. A space (or
// line break) in the needle matches any run of spaces and line breaks, where a paragraph wrapped;
// a line break in the flow is also passed over within a word, which ImGui may wrap after a dot
// or a comma.
size_t MatchAt(const std::string& flow, size_t pos, const std::string& needle) {
    size_t i = pos, j = 0;
    while (j < needle.size()) {
        if (Blank(needle[j])) {
            while (j < needle.size() && Blank(needle[j])) ++j;
            if (i >= flow.size() || !Blank(flow[i])) return 0;
            while (i < flow.size() && Blank(flow[i])) ++i;
            continue;
        }
        if (j > 0 && i < flow.size() && flow[i] == '\n') {
            ++i;
            continue;
        }
        if (i >= flow.size() || flow[i] != needle[j]) return 0;
        ++i, ++j;
    }
    return i - pos;
}

size_t CountIn(const std::string& flow, const std::string& needle) {
    if (needle.empty()) return 0;
    size_t n = 0;
    for (size_t pos = 0; pos < flow.size();) {
        const size_t len = MatchAt(flow, pos, needle);
        if (len > 0) ++n;
        pos += len > 0 ? len : 1;
    }
    return n;
}

}  // namespace

Screen Screen::Capture() {
    Screen s;
    if (const ImDrawData* dd = ImGui::GetDrawData(); dd && dd->Valid) {
        const AtlasGlyphs glyphs;
        for (int i = 0; i < dd->CmdListsCount; ++i) ReadDrawList(*dd->CmdLists[i], glyphs, s.m_lines);
    }
    for (const ShownText& line : s.m_lines) {
        std::string& flow = s.m_flow[line.window];
        if (!flow.empty()) flow += '\n';
        flow += line.text;
    }
    s.m_items = ui::ProbeShown();
    for (const ImGuiWindow* w : ImGui::GetCurrentContext()->Windows)
        if (w->Active && !w->Hidden) s.m_windows.push_back(w->Name);
    return s;
}

Screen Screen::In(const std::string& window) const {
    Screen s;
    for (const ShownText& line : m_lines)
        if (line.window.find(window) != std::string::npos) s.m_lines.push_back(line);
    for (const auto& [name, flow] : m_flow)
        if (name.find(window) != std::string::npos) s.m_flow[name] = flow;
    s.m_items = m_items;
    for (const std::string& w : m_windows)
        if (w.find(window) != std::string::npos) s.m_windows.push_back(w);
    return s;
}

int Screen::Count(const std::string& text) const {
    size_t n = 0;
    for (const auto& [name, flow] : m_flow) n += CountIn(flow, text);
    return static_cast<int>(n);
}

std::vector<ShownText> Screen::LinesWith(const std::string& text) const {
    std::vector<ShownText> out;
    for (const ShownText& line : m_lines)
        if (line.text.find(text) != std::string::npos) out.push_back(line);
    return out;
}

std::string Screen::Dump() const {
    std::ostringstream os;
    std::string window;
    bool first = true;
    for (const ShownText& line : m_lines) {
        if (first || line.window != window) os << "[" << line.window << "]\n";
        first = false;
        window = line.window;
        os << "  " << line.text << "\n";
    }
    if (!m_items.empty()) {
        os << "items:";
        for (const auto& [name, r] : m_items) os << " " << name;
        os << "\n";
    }
    return os.str();
}

std::vector<std::string> Screen::Items(const std::string& prefix) const {
    std::vector<std::string> out;
    for (const auto& [name, r] : m_items)
        if (name.compare(0, prefix.size(), prefix) == 0) out.push_back(name);
    return out;
}

bool Screen::HasWindow(const std::string& window) const {
    for (const std::string& w : m_windows)
        if (w.find(window) != std::string::npos) return true;
    return false;
}

}  // namespace stegvis::test
