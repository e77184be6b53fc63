// The print room where cairo and pango are not built (Windows, for now): charts are still laid
// out (a run chart's scene needs no cairo), but a PDF, PNG or SVG file is refused in words that
// say what to choose instead. The window does not offer them (kCanPrint).
#include <stdexcept>

#include "print/Cairo.hpp"
#include "print/Pdf.hpp"

namespace stegvis {

const char* const kNoPrintMessage =
    "PDF, PNG och SVG kan inte göras i den här versionen av Stegvis för Windows ännu. Välj Word (docx), "
    "HTML eller Excel (xlsx) i stället; HTML-filen kan skrivas ut som PDF från webbläsaren. (PDF, PNG and SVG "
    "are not made by the Windows version yet: choose docx, html or xlsx.)";

namespace {
[[noreturn]] void Refuse() { throw std::runtime_error(kNoPrintMessage); }
}  // namespace

PangoContext* NewPrintContext() { return nullptr; }
TextWidth PangoTextWidth() { return ApproxTextWidth; }
void PaintScene(cairo_t*, const ChartScene&, double, double) { Refuse(); }
void WriteChartImage(const std::string&, const ChartScene&, const std::string&, IfExists) { Refuse(); }
std::string ChartPng(const ChartScene&) { Refuse(); }
PdfDocument MarkdownToPdf(const std::string&, const PdfOptions&, const ChartSource&) { Refuse(); }

}  // namespace stegvis
