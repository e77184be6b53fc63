#include "print/Documents.hpp"

#include <algorithm>

#include "base/Platform.hpp"
#include "base/Text.hpp"
#include "domain/Measures.hpp"
#include "domain/Records.hpp"
#include "output/Report.hpp"
#include "print/Cairo.hpp"

namespace stegvis {

std::string ChartFormatOf(const std::string& path) {
    const auto dot = path.find_last_of('.');
    if (dot == std::string::npos || path.find_first_of(platform::kSeparators, dot) != std::string::npos) return "";
    std::string ext = path.substr(dot + 1);
    for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return ext == "png" || ext == "svg" || ext == "pdf" ? ext : "";
}

std::optional<ChartScene> MeasureChartScene(const ProjectModel& m, int64_t measureId, ChartStyle style, const std::string& today) {
    const Record* measure = FindRecord(m, "measure", measureId);
    if (!measure) return std::nullopt;
    if (style.title == "*") style.title = measure->Get("name");
    const Record* init = FindRecord(m, "initiative", measure->initiative);
    const Chart chart = BuildChart(m, *measure, init ? init->Get("full_scale_from") : "", today);
    if (!style.measure) style.measure = PangoTextWidth();
    return BuildChartScene(chart, *measure, style);
}

namespace {
PdfDocument Typeset(const std::string& md, const ProjectModel& m, const std::string& today);
}

ChartStyle ChartImageStyle(double widthPx) {
    ChartStyle style;
    style.width = widthPx;
    style.height = std::max(200.0, widthPx * 0.42);
    style.fontSize = std::clamp(widthPx / 64.0, 9.0, 22.0);
    style.title = "*";  // the measure's name (MeasureChartScene): an image must say what it shows
    style.height += style.fontSize * 1.6;
    return style;
}

PdfDocument RenderPdf(const std::string& templateNameOrPath, const ProjectModel& m, const Catalog& catalog,
                      const Manual& manual, const std::vector<Instrument>& instruments, const std::string& today) {
    const std::string tmpl = ResolveTemplate(templateNameOrPath, "md");
    // The board summary is one page: its lists are shortened ("och N till") until it fits.
    const bool onePage = tmpl.find("board") != std::string::npos;
    for (int items = 3;; --items) {
        const std::string md = tmpl.find("case-for-change") != std::string::npos
                                   ? RenderCaseForChange(BuildCaseForChange(m, catalog, instruments, today), "md", tmpl)
                                   : RenderData(tmpl, "md", ProgressData(m, catalog, manual, instruments, today, "pdf", items));
        PdfDocument pdf = Typeset(md, m, today);
        if (!onePage || pdf.pages <= 1 || items <= 1) return pdf;
    }
}

namespace {
PdfDocument Typeset(const std::string& md, const ProjectModel& m, const std::string& today) {
    // The document's title is its first heading.
    std::string title;
    for (size_t at = 0; at < md.size();) {
        size_t nl = md.find('\n', at);
        if (nl == std::string::npos) nl = md.size();
        const std::string line = md.substr(at, nl - at);
        if (line.rfind("# ", 0) == 0) {
            title = Trim(line.substr(2));
            break;
        }
        at = nl + 1;
    }
    PdfOptions opt;
    // The heading's Markdown escapes undone for the header and the metadata.
    std::string plain;
    for (size_t i = 0; i < title.size(); ++i) {
        if (title[i] == '\\' && i + 1 < title.size()) ++i;
        plain += title[i];
    }
    for (const char* e : {"&lt;", "&gt;", "&amp;"})
        for (size_t at; (at = plain.find(e)) != std::string::npos;)
            plain.replace(at, std::char_traits<char>::length(e), e[1] == 'l' ? "<" : e[1] == 'g' ? ">" : "&");
    opt.title = plain;
    opt.header = m.project.organisation + " · " + plain;
    opt.date = today;
    ChartSource charts = [&](const std::string& ref, double width, double height) -> std::optional<ChartScene> {
        char* end = nullptr;
        const long long id = std::strtoll(ref.c_str(), &end, 10);
        if (ref.empty() || !end || *end) return std::nullopt;
        ChartStyle style;
        style.width = width;
        style.height = height;
        style.fontSize = height < 120 ? 6.5 : 8;
        style.partTitles = height >= 120;
        style.legend = height >= 120;
        return MeasureChartScene(m, id, style, today);
    };
    return MarkdownToPdf(md, opt, charts);
}
}  // namespace

}  // namespace stegvis
