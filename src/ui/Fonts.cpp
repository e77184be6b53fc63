#include "ui/Fonts.hpp"

#include <imgui.h>

#include <cstdlib>
#include <string>

#include "base/Paths.hpp"

namespace stegvis::ui {

namespace {
ImFont* g_bold = nullptr;
ImFont* g_heading = nullptr;

std::string FontDir() {
    if (const char* d = std::getenv("STEGVIS_FONT_DIR"); d && *d) return d;
    // The Windows folder carries its own copy of the DejaVu fonts (fonts\ beside stegvis.exe).
    if (const std::string own = ResourceDir() + "/fonts"; PathExists(own + "/DejaVuSans.ttf")) return own;
    return "/usr/share/fonts/truetype/dejavu";
}
}  // namespace

bool BuildFonts(float size) {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    // Every face is rasterised before the first frame, so the ranges hold what people write
    // (Latin-1, punctuation, units) and the few symbols the interface draws, not whole blocks.
    static const ImWchar kRanges[] = {
        0x0020, 0x00FF,  // Basic Latin + Latin-1 (å ä ö é ü ×)
        0x03C3, 0x03C3,  // σ (Laney's σz)
        0x2010, 0x2027,  // dashes, quotes, bullet, ellipsis
        0x2030, 0x2032,  // per mille, ′ (P′ and U′ charts)
        0x2039, 0x203A,  // ‹ ›
        0x20AC, 0x20AC,  // €
        0x2190, 0x2193,  // arrows
        0x2212, 0x2212,  // minus
        0x2264, 0x2265,  // ≤ ≥
        0x25CB, 0x25CB,  // ○ status: not started
        0x25CF, 0x25D0,  // ● ◐ status: done, in progress
        0x2713, 0x2717,  // check marks
        0,
    };
    const std::string dir = FontDir();
    const std::string regular = dir + "/DejaVuSans.ttf";
    const std::string bold = dir + "/DejaVuSans-Bold.ttf";
    g_bold = g_heading = nullptr;
    if (!PathExists(regular)) {
        ImFontConfig cfg;
        cfg.SizePixels = size;
        io.Fonts->AddFontDefault(&cfg);
        g_bold = g_heading = io.Fonts->Fonts[0];
        return false;
    }
    // Glyphs snapped to whole pixels need no horizontal oversampling: a third of the atlas to
    // rasterise and upload at start, with text as sharp at these sizes.
    ImFontConfig cfg;
    cfg.OversampleH = 1;
    cfg.OversampleV = 1;
    cfg.PixelSnapH = true;
    ImFont* base = io.Fonts->AddFontFromFileTTF(regular.c_str(), size, &cfg, kRanges);
    const std::string& boldPath = PathExists(bold) ? bold : regular;
    g_bold = io.Fonts->AddFontFromFileTTF(boldPath.c_str(), size, &cfg, kRanges);
    g_heading = io.Fonts->AddFontFromFileTTF(boldPath.c_str(), size * 1.35f, &cfg, kRanges);
    io.FontDefault = base;
    io.Fonts->Build();
    return true;
}

ImFont* BoldFont() { return g_bold; }
ImFont* HeadingFont() { return g_heading; }

}  // namespace stegvis::ui
