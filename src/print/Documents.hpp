// The documents as PDF and the measures' charts as images: the report templates' Markdown typeset
// (print/Pdf), and a measure's chart laid out (domain/ChartScene) and painted (print/Cairo).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/ChartScene.hpp"
#include "domain/Model.hpp"
#include "print/Pdf.hpp"
#include "reference/Catalog.hpp"
#include "reference/Instruments.hpp"
#include "reference/Phases.hpp"

namespace stegvis {

// The chart of measure `measureId` as the window and the reports draw it (its initiative's full
// scale date applied); nullopt when the project has no such measure. A style's title "*" is
// the measure's name.
std::optional<ChartScene> MeasureChartScene(const ProjectModel& m, int64_t measureId, ChartStyle style,
                                            const std::string& today = "");

// How a chart image of `widthPx` is laid out: the height and font follow the width, and the
// measure's name is its heading.
ChartStyle ChartImageStyle(double widthPx);

// A document as an A4 PDF: `templateNameOrPath` is a template name (progress, case-for-change,
// plan, local-agreement, board) or a path to a Markdown template; its Markdown is typeset with
// the unit and the document's title in the running header. Throws DataError for a broken template.
PdfDocument RenderPdf(const std::string& templateNameOrPath, const ProjectModel& m, const Catalog& catalog,
                      const Manual& manual, const std::vector<Instrument>& instruments, const std::string& today);

}  // namespace stegvis
