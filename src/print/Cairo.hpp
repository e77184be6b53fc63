// Painting the chart scene with cairo and measuring text with pango: the charts in PDF documents
// and the chart images (PNG, SVG, PDF) a user pastes into a tjänsteskrivelse.
#pragma once
#include <string>

#include "base/Files.hpp"
#include "domain/ChartScene.hpp"

typedef struct _cairo cairo_t;
typedef struct _PangoContext PangoContext;

namespace stegvis {

// A pango context for print: 72 dpi (font sizes are points) and unhinted metrics, so a text
// measures the same in every output. The caller owns it (g_object_unref). On Windows the fonts
// are the program's own (fonts\ beside stegvis.exe), given to fontconfig before the first use.
PangoContext* NewPrintContext();

// Text widths as pango lays out DejaVu Sans, in points (1 scene unit = 1 point = 1 pixel at 72 dpi).
TextWidth PangoTextWidth();

// Paints `scene` with its top-left corner at (x, y) of `cr`'s user space.
void PaintScene(cairo_t* cr, const ChartScene& scene, double x, double y);

// The image formats a chart is saved as; "" for another extension.
std::string ChartFormatOf(const std::string& path);
// Writes `scene` to `path` as png, svg or pdf (ChartFormatOf), whole or not at all; an existing
// file is replaced only with IfExists::Replace. Throws std::runtime_error naming the file.

void WriteChartImage(const std::string& path, const ChartScene& scene, const std::string& format, IfExists ifExists);
// The PNG bytes of `scene` (for the clipboard).
std::string ChartPng(const ChartScene& scene);

}  // namespace stegvis
