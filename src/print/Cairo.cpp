#include "print/Cairo.hpp"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <cmath>
#include <cstdlib>
#include <memory>
#include <stdexcept>

#include "base/Text.hpp"

#ifdef _WIN32
#include <fontconfig/fontconfig.h>

#include <mutex>
#include <vector>

#include "base/Files.hpp"
#include "base/Paths.hpp"
#endif

namespace stegvis {

namespace {
using Kind = SceneItem::Kind;
constexpr double kFullCircle = 2 * 3.14159265358979323846;  // radians (M_PI is not standard C++)
}  // namespace

namespace {

// One pango context for measuring, at 72 dpi so that font sizes are points.
PangoContext* MeasureContext() {
    thread_local std::unique_ptr<PangoContext, void (*)(gpointer)> ctx{nullptr, g_object_unref};
    if (!ctx) ctx.reset(NewPrintContext());
    return ctx.get();
}

PangoFontDescription* Font(double size) {
    PangoFontDescription* d = pango_font_description_from_string("DejaVu Sans");
    pango_font_description_set_absolute_size(d, size * PANGO_SCALE);
    return d;
}

void Colour(cairo_t* cr, Rgb c) { cairo_set_source_rgb(cr, c.r / 255.0, c.g / 255.0, c.b / 255.0); }

cairo_status_t Append(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}
}  // namespace

#ifdef _WIN32
namespace {
// Windows has no fontconfig set-up: the fonts are the program's own DejaVu (fonts\ beside
// stegvis.exe, STEGVIS_FONT_DIR as in the window), and a face the folder lacks is made from the
// upright one as Debian's fontconfig does (conf.d/90-synthetic.conf): italics slanted, bold
// emboldened. Nothing is read from or written to the computer's fontconfig folders.
constexpr char kSyntheticFaces[] = R"(<?xml version="1.0"?>
<fontconfig>
  <match target="font">
    <test name="slant"><const>roman</const></test>
    <test target="pattern" name="slant" compare="not_eq"><const>roman</const></test>
    <edit name="matrix" mode="assign"><times><name>matrix</name>
      <matrix><double>1</double><double>0.2</double><double>0</double><double>1</double></matrix>
    </times></edit>
    <edit name="slant" mode="assign"><const>oblique</const></edit>
    <edit name="embeddedbitmap" mode="assign"><bool>false</bool></edit>
  </match>
  <match target="font">
    <test name="weight" compare="less_eq"><const>medium</const></test>
    <test target="pattern" name="weight" compare="more_eq"><const>bold</const></test>
    <edit name="embolden" mode="assign"><bool>true</bool></edit>
    <edit name="weight" mode="assign"><const>bold</const></edit>
  </match>
</fontconfig>
)";

void UseOwnFonts() {
    static std::once_flag once;
    std::call_once(once, [] {  // a throw leaves it undone, to be tried again
        const char* env = std::getenv("STEGVIS_FONT_DIR");
        const std::string dir = env && *env ? std::string(env) : ResourceDir() + platform::kSeparator + "fonts";
        // cairo's locks are Windows critical sections, which its static library sets up when the
        // first surface is made; pango's fonts would take one of them before that.
        cairo_surface_destroy(cairo_image_surface_create(CAIRO_FORMAT_A8, 1, 1));
        FcConfig* config = FcConfigCreate();
        bool ok = config && FcConfigParseAndLoadFromMemory(config, reinterpret_cast<const FcChar8*>(kSyntheticFaces), FcTrue);
        // File by file: a folder would be given a cache, which nothing here is to write.
        std::vector<std::string> files;
        try {
            files = FilesInFolder(dir, {".ttf"});
        } catch (const std::exception&) {  // no folder: said below
        }
        for (const std::string& file : files)
            ok = ok && FcConfigAppFontAddFile(config, reinterpret_cast<const FcChar8*>(file.c_str()));
        FcFontSet* fonts = config ? FcConfigGetFonts(config, FcSetApplication) : nullptr;
        if (!ok || !fonts || fonts->nfont == 0) {
            if (config) FcConfigDestroy(config);
            throw std::runtime_error("Typsnitten saknas eller kan inte läsas: " + dir +
                                     " (DejaVuSans.ttf, DejaVuSans-Bold.ttf). The fonts are missing or unreadable.");
        }
        FcConfigSetCurrent(config);  // fontconfig holds it from here on
        FcConfigDestroy(config);
    });
}
}  // namespace
#endif

PangoContext* NewPrintContext() {
#ifdef _WIN32
    UseOwnFonts();
#endif
    PangoContext* ctx = pango_font_map_create_context(pango_cairo_font_map_get_default());
    pango_cairo_context_set_resolution(ctx, 72);
    cairo_font_options_t* fo = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(ctx, fo);
    cairo_font_options_destroy(fo);
    return ctx;
}

TextWidth PangoTextWidth() {
    return [](const std::string& text, double size) {
        PangoLayout* layout = pango_layout_new(MeasureContext());
        PangoFontDescription* d = Font(size);
        pango_layout_set_font_description(layout, d);
        pango_layout_set_text(layout, text.c_str(), static_cast<int>(text.size()));
        int w = 0, h = 0;
        pango_layout_get_size(layout, &w, &h);
        pango_font_description_free(d);
        g_object_unref(layout);
        return static_cast<double>(w) / PANGO_SCALE;
    };
}

void PaintScene(cairo_t* cr, const ChartScene& s, double ox, double oy) {
    cairo_save(cr);
    cairo_translate(cr, ox, oy);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    // Laid out as PangoTextWidth measured it: 72 dpi, unhinted metrics.
    PangoLayout* layout = pango_layout_new(MeasureContext());
    for (const SceneItem& it : s.items) {
        const double x = it.pts.empty() ? 0 : it.pts[0].x, y = it.pts.empty() ? 0 : it.pts[0].y;
        cairo_set_line_width(cr, it.width);
        switch (it.kind) {
        case Kind::Rect:
            cairo_rectangle(cr, x, y, it.pts[1].x - x, it.pts[1].y - y);
            if (it.filled) {
                Colour(cr, it.fill);
                cairo_fill_preserve(cr);
            }
            Colour(cr, it.colour);
            cairo_set_line_width(cr, 0.8);
            cairo_stroke(cr);
            break;
        case Kind::Line: {
            if (it.pts.size() < 2) break;
            if (it.dashed) {
                const double dash[] = {5, 4};
                cairo_set_dash(cr, dash, 2, 0);
            }
            cairo_move_to(cr, it.pts[0].x, it.pts[0].y);
            for (size_t i = 1; i < it.pts.size(); ++i) cairo_line_to(cr, it.pts[i].x, it.pts[i].y);
            Colour(cr, it.colour);
            cairo_stroke(cr);
            cairo_set_dash(cr, nullptr, 0, 0);
            break;
        }
        case Kind::Text: {
            PangoFontDescription* d = Font(it.size);
            pango_layout_set_font_description(layout, d);
            pango_font_description_free(d);
            pango_layout_set_text(layout, it.text.c_str(), static_cast<int>(it.text.size()));
            int w = 0, h = 0;
            pango_layout_get_size(layout, &w, &h);
            const double width = static_cast<double>(w) / PANGO_SCALE;
            double at = x;
            if (it.align == SceneItem::Align::Centre) at -= width / 2;
            if (it.align == SceneItem::Align::Right) at -= width;
            Colour(cr, it.colour);
            cairo_move_to(cr, at, y);
            pango_cairo_show_layout(cr, layout);
            cairo_new_path(cr);
            break;
        }
        case Kind::Dot: {
            // A dot smaller than a point and a half (ten years of weeks on a page) is a square to
            // the eye, and four numbers instead of a circle's fourteen in the PDF; dots of one
            // colour in a row are one path, filled once.
            cairo_new_sub_path(cr);
            if (it.size < 1.5) cairo_rectangle(cr, x - it.size, y - it.size, 2 * it.size, 2 * it.size);
            else cairo_arc(cr, x, y, it.size, 0, kFullCircle);
            const SceneItem* next = &it + 1 < s.items.data() + s.items.size() ? &it + 1 : nullptr;
            const bool more = next && next->kind == Kind::Dot && next->colour.r == it.colour.r && next->colour.g == it.colour.g &&
                              next->colour.b == it.colour.b;
            if (!more) {
                Colour(cr, it.colour);
                cairo_fill(cr);
            }
            break;
        }
        case Kind::Ring:
            cairo_new_sub_path(cr);
            cairo_arc(cr, x, y, it.size, 0, kFullCircle);
            Colour(cr, it.colour);
            cairo_stroke(cr);
            break;
        case Kind::Square:
            cairo_rectangle(cr, x - it.size, y - it.size, 2 * it.size, 2 * it.size);
            Colour(cr, it.colour);
            cairo_stroke(cr);
            break;
        case Kind::Triangle:
            cairo_move_to(cr, x - it.size, y - it.size);
            cairo_line_to(cr, x + it.size, y - it.size);
            cairo_line_to(cr, x, y + it.size);
            cairo_close_path(cr);
            Colour(cr, it.colour);
            cairo_fill(cr);
            break;
        }
    }
    g_object_unref(layout);
    cairo_restore(cr);
}

std::string ChartPng(const ChartScene& scene) {
    const int w = static_cast<int>(std::ceil(scene.width)), h = static_cast<int>(std::ceil(scene.height));
    cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
    cairo_t* cr = cairo_create(surface);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    PaintScene(cr, scene, 0, 0);
    cairo_destroy(cr);
    std::string bytes;
    const cairo_status_t st = cairo_surface_write_to_png_stream(surface, Append, &bytes);
    cairo_surface_destroy(surface);
    if (st != CAIRO_STATUS_SUCCESS) throw std::runtime_error(std::string("PNG: ") + cairo_status_to_string(st));
    return bytes;
}

void WriteChartImage(const std::string& path, const ChartScene& scene, const std::string& format, IfExists ifExists) {
    std::string bytes;
    if (format == "png") {
        bytes = ChartPng(scene);
    } else if (format == "svg" || format == "pdf") {
        cairo_surface_t* surface = format == "svg" ? cairo_svg_surface_create_for_stream(Append, &bytes, scene.width, scene.height)
                                                   : cairo_pdf_surface_create_for_stream(Append, &bytes, scene.width, scene.height);
        if (format == "pdf") cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Stegvis");
        cairo_t* cr = cairo_create(surface);
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_paint(cr);
        PaintScene(cr, scene, 0, 0);
        cairo_destroy(cr);
        cairo_surface_finish(surface);
        const cairo_status_t st = cairo_surface_status(surface);
        cairo_surface_destroy(surface);
        if (st != CAIRO_STATUS_SUCCESS) throw std::runtime_error(path + ": " + cairo_status_to_string(st));
    } else {
        throw std::runtime_error(path + ": a chart is saved as .png, .svg or .pdf");
    }
    WriteFileAtomic(path, bytes, 0666, ifExists);
}

}  // namespace stegvis
