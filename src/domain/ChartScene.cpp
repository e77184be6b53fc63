#include "domain/ChartScene.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

#include "base/Text.hpp"

namespace stegvis {

namespace {
using Kind = SceneItem::Kind;
using Align = SceneItem::Align;

size_t CodePoints(const std::string& s) {
    size_t n = 0;
    for (unsigned char ch : s)
        if ((ch & 0xC0) != 0x80) ++n;
    return n;
}

// The longest prefix of whole characters, with "…", that is at most `room` wide.
std::string Ellipsise(const std::string& text, double size, double room, const TextWidth& tw) {
    if (tw(text, size) <= room) return text;
    std::string s = text;
    while (!s.empty()) {
        s.pop_back();
        while (!s.empty() && (static_cast<unsigned char>(s.back()) & 0xC0) == 0x80) s.pop_back();
        if (!s.empty() && static_cast<unsigned char>(s.back()) >= 0xC0) s.pop_back();
        std::string t = Trim(s) + "…";
        if (tw(t, size) <= room) return t;
    }
    return "";
}

struct Builder {
    ChartScene& s;
    void Text(double x, double y, const std::string& text, Rgb colour, double size, Align align, const std::string& title = "") {
        SceneItem it;
        it.kind = Kind::Text;
        it.pts = {{x, y}};
        it.text = text;
        it.colour = colour;
        it.size = size;
        it.align = align;
        it.title = title;
        s.items.push_back(std::move(it));
    }
    void Line(std::vector<ScenePoint> pts, Rgb colour, double width, bool dashed = false, const std::string& title = "") {
        SceneItem it;
        it.kind = Kind::Line;
        it.pts = std::move(pts);
        it.colour = colour;
        it.width = width;
        it.dashed = dashed;
        it.title = title;
        s.items.push_back(std::move(it));
    }
    void Mark(Kind kind, double x, double y, double size, Rgb colour, double width = 1, const std::string& title = "") {
        SceneItem it;
        it.kind = kind;
        it.pts = {{x, y}};
        it.size = size;
        it.colour = colour;
        it.width = width;
        it.title = title;
        s.items.push_back(std::move(it));
    }
    void Rect(double x0, double y0, double x1, double y1, Rgb stroke, bool filled, Rgb fill = {255, 255, 255}) {
        SceneItem it;
        it.kind = Kind::Rect;
        it.pts = {{x0, y0}, {x1, y1}};
        it.colour = stroke;
        it.filled = filled;
        it.fill = fill;
        s.items.push_back(std::move(it));
    }
};

std::string Shown(double v, bool english) {
    char b[48];
    std::snprintf(b, sizeof b, "%.1f", v);
    std::string t = b;
    if (t.size() > 2 && t.compare(t.size() - 2, 2, ".0") == 0) t.resize(t.size() - 2);
    if (t == "-0") t = "0";
    if (!english) std::replace(t.begin(), t.end(), '.', ',');
    return t;
}

struct LegendEntry {
    Kind sample;  // Line (solid or dashed), or a mark
    bool dashed = false;
    Rgb colour;
    std::string label;
};
}  // namespace

double ApproxTextWidth(const std::string& text, double fontSize) {
    return static_cast<double>(CodePoints(text)) * fontSize * 0.6;
}

std::vector<double> NiceTicks(double lo, double hi, int wanted) {
    if (!(hi > lo) || !std::isfinite(lo) || !std::isfinite(hi)) return {lo};
    wanted = std::max(1, wanted);
    const double raw = (hi - lo) / wanted;
    const double mag = std::pow(10.0, std::floor(std::log10(raw)));
    double step = 10 * mag;
    for (double m : {1.0, 2.0, 2.5, 5.0, 10.0})
        if (m * mag >= raw) {
            step = m * mag;
            break;
        }
    std::vector<double> out;
    const double first = std::floor(lo / step + 1e-9) * step;
    for (int i = 0; i < 64; ++i) {
        double v = first + step * i;
        if (std::fabs(v) < step * 1e-9) v = 0;
        out.push_back(v);
        if (v >= hi - step * 1e-9) break;
    }
    return out;
}

std::string TickText(double v, double step, bool english) {
    int decimals = 0;
    while (decimals < 6) {
        const double scaled = step * std::pow(10.0, decimals);
        if (std::fabs(scaled - std::round(scaled)) < 1e-6 * std::max(1.0, std::fabs(scaled))) break;
        ++decimals;
    }
    char b[64];
    std::snprintf(b, sizeof b, "%.*f", decimals, v);
    std::string t = b;
    if (t.find_first_not_of("-0.,") == std::string::npos && t[0] == '-') t.erase(0, 1);  // no "-0"
    if (!english) std::replace(t.begin(), t.end(), '.', ',');
    return t;
}

ChartScene BuildChartScene(const Chart& c, const Record& measure, const ChartStyle& st) {
    ChartScene s;
    s.width = st.width;
    s.height = st.height;
    Builder b{s};
    const TextWidth tw = st.measure ? st.measure : TextWidth(ApproxTextWidth);
    const bool en = st.english;
    const double fs = st.fontSize, small = fs * 0.9;
    const std::string unit = Trim(measure.Get("unit"));
    const bool unitOnTicks = !unit.empty() && CodePoints(unit) <= 3;

    if (c.periods.empty()) {
        s.plotLeft = fs, s.plotTop = fs, s.plotRight = st.width - fs, s.plotBottom = st.height - fs;
        b.Rect(s.plotLeft, s.plotTop, s.plotRight, s.plotBottom, kChartFrame, true);
        b.Text(st.width / 2, st.height / 2 - fs * 0.6, en ? "No values yet" : "Inga mätvärden", kChartText, fs, Align::Centre);
        return s;
    }
    const size_t n = c.periods.size();

    // ---- what is drawn decides the legend ----
    const ControlChart* cc = c.control ? &*c.control : nullptr;
    const std::optional<double> centre = cc ? std::optional<double>(cc->centre) : c.centre;
    std::optional<double> target;
    {
        const std::string t = Trim(measure.Get("target"));
        if (!t.empty()) {
            std::string dot = t;
            std::replace(dot.begin(), dot.end(), ',', '.');
            char* end = nullptr;
            const double v = std::strtod(dot.c_str(), &end);
            if (end && *end == '\0' && std::isfinite(v)) target = v;
        }
    }
    std::vector<int> verdict(n, 0);
    std::vector<bool> inRun(n, false);
    for (const ChartPart& p : c.parts) {
        for (size_t i = p.first; i <= p.last && i < n; ++i) verdict[i] = p.verdict;
        if (p.analysed && p.analysis.runsSignal)
            for (int idx : p.analysis.longestRunPoints)
                if (p.first + static_cast<size_t>(idx) < n) inRun[p.first + static_cast<size_t>(idx)] = true;
    }
    bool anyBetter = false, anyWorse = false, anyRun = false, anySigma = false, anyNote = false;
    for (size_t i = 0; i < n; ++i) {
        if (!c.values[i]) continue;
        anyBetter |= verdict[i] > 0;
        anyWorse |= verdict[i] < 0;
        anyRun |= inRun[i];
        anySigma |= cc && i < cc->sigmaSignal.size() && cc->sigmaSignal[i];
        anyNote |= i < c.notes.size() && !c.notes[i].empty();
    }
    std::vector<LegendEntry> legend;
    if (st.legend) {
        legend.push_back({Kind::Line, false, kChartData, (en ? "Value" : "Värde") + (unit.empty() ? "" : " (" + unit + ")")});
        if (centre)
            legend.push_back({Kind::Line, false, kChartCentre,
                              std::string(cc ? (en ? "Baseline mean " : "Baslinjens medelvärde ") : (en ? "Baseline median " : "Baslinjens median ")) +
                                  Shown(*centre, en)});
        if (target) legend.push_back({Kind::Line, true, kChartBetter, (en ? "Target " : "Mål ") + Shown(*target, en)});
        if (cc) legend.push_back({Kind::Line, false, kChartLimit, en ? "Control limits" : "Styrgränser"});
        if (anyBetter) legend.push_back({Kind::Dot, false, kChartBetter, en ? "Improvement" : "Förbättring"});
        if (anyWorse) legend.push_back({Kind::Dot, false, kChartWorse, en ? "Deterioration" : "Försämring"});
        if (anyRun) legend.push_back({Kind::Ring, false, kChartRun, en ? "Long run" : "Lång serie"});
        if (anySigma) legend.push_back({Kind::Square, false, kChartWorse, en ? "Outside the limits" : "Utanför styrgränserna"});
        if (anyNote) legend.push_back({Kind::Triangle, false, kChartNote, en ? "Note" : "Anteckning"});
    }
    // Legend rows from the bottom up: each entry a sample and its words, wrapped at the width.
    const double sampleW = fs * 1.6, rowH = fs * 1.35, margin = fs * 0.4;
    std::vector<std::vector<std::pair<double, const LegendEntry*>>> rows;
    {
        double x = margin;
        for (const LegendEntry& e : legend) {
            const double w = sampleW + fs * 0.35 + tw(e.label, small);
            if (rows.empty() || (x + w > st.width - margin && x > margin)) rows.emplace_back(), x = margin;
            rows.back().push_back({x, &e});
            x += w + fs * 1.1;
        }
    }
    const double legendH = rows.empty() ? 0 : rows.size() * rowH + fs * 0.2;

    // ---- the value axis ----
    double lo = std::numeric_limits<double>::max(), hi = -lo;
    for (const auto& v : c.values)
        if (v) lo = std::min(lo, *v), hi = std::max(hi, *v);
    for (auto e : {centre, target})
        if (e) lo = std::min(lo, *e), hi = std::max(hi, *e);
    // Counts and shares: the axis does not go below 0, even where an I chart's lower limit does
    // (that limit is then left out: no value can fall below it).
    const bool nonNegative = lo >= 0;
    if (cc)
        for (size_t i = 0; i < cc->lcl.size(); ++i) {
            if (cc->lcl[i]) lo = std::min(lo, *cc->lcl[i]);
            if (cc->ucl[i]) hi = std::max(hi, *cc->ucl[i]);
        }
    if (hi - lo < 1e-9) lo -= 1, hi += 1;
    const double pad = (hi - lo) * 0.05;
    lo -= pad, hi += pad;
    if (nonNegative) lo = std::max(lo, 0.0);

    const double titleRowH = fs * 1.25;
    // The heading, when there is one, takes a row above the part titles.
    const double headH = st.title.empty() ? 0 : fs * 1.6;
    if (!st.title.empty()) b.Text(fs * 0.4, fs * 0.2, Ellipsise(st.title, fs * 1.05, st.width - fs * 0.8, tw), kChartText, fs * 1.05, Align::Left, st.title);
    const double top = headH + (st.partTitles ? titleRowH * 2 + fs * 0.3 : fs * 0.7);
    const double xLabelsH = small * 1.6;
    const double bottom = st.height - legendH - xLabelsH - fs * 0.2;
    const int wanted = std::clamp(static_cast<int>((bottom - top) / (fs * 2.4)), 2, 8);
    const std::vector<double> ticks = NiceTicks(lo, hi, wanted);
    const double step = ticks.size() > 1 ? ticks[1] - ticks[0] : 1;
    if (ticks.size() > 1) lo = ticks.front(), hi = ticks.back();
    if (nonNegative && lo < 0) lo = 0;
    std::vector<std::string> tickText;
    double tickW = 0;
    for (double v : ticks) {
        tickText.push_back(TickText(v, step, en) + (unitOnTicks ? " " + unit : ""));
        tickW = std::max(tickW, tw(tickText.back(), small));
    }
    const double left = tickW + fs * 0.9, right = st.width - fs * 0.9;
    s.plotLeft = left, s.plotTop = top, s.plotRight = right, s.plotBottom = bottom;
    // Half a period (at most a font's width) of room at each end, so the end points are whole.
    const double inset = n > 1 ? std::min(fs * 0.6, (right - left) / static_cast<double>(n - 1) / 2) : 0;
    auto X = [&](size_t i) {
        return n == 1 ? (left + right) / 2
                      : left + inset + (right - left - 2 * inset) * static_cast<double>(i) / static_cast<double>(n - 1);
    };
    auto Y = [&](double v) { return bottom - (bottom - top) * (v - lo) / (hi - lo); };
    const double dx = n > 1 ? X(1) - X(0) : (right - left);

    b.Rect(left, top, right, bottom, kChartFrame, true);
    for (size_t k = 0; k < ticks.size(); ++k) {
        const double y = Y(ticks[k]);
        if (k > 0 && k + 1 < ticks.size()) b.Line({{left, y}, {right, y}}, kChartGrid, 0.8);
        b.Line({{left - fs * 0.3, y}, {left, y}}, kChartFrame, 1);
        b.Text(left - fs * 0.45, y - small * 0.6, tickText[k], kChartText, small, Align::Right);
    }

    // ---- the time axis: a label every k-th period, k a calendar-friendly stride ----
    const bool weekly = measure.Get("period") == "week";
    auto dateText = [&](size_t i) { return weekly ? c.periods[i] : c.periods[i].substr(0, 7); };
    const double labelW = tw(dateText(0), small) + fs * 1.0;
    const std::vector<size_t> strides = weekly ? std::vector<size_t>{1, 2, 4, 8, 13, 26, 52, 104, 260, 520}
                                               : std::vector<size_t>{1, 2, 3, 4, 6, 12, 24, 60, 120};
    size_t stride = strides.back();
    for (size_t k : strides)
        if (dx * static_cast<double>(k) >= labelW) {
            stride = k;
            break;
        }
    // Monthly labels fall on a quarter's or a year's first month when the stride allows.
    size_t start = 0;
    if (!weekly && (stride == 3 || stride == 6 || stride % 12 == 0))
        for (size_t i = 0; i < n && i < stride; ++i) {
            const int month = std::atoi(c.periods[i].substr(5, 2).c_str());
            if ((month - 1) % static_cast<int>(std::min<size_t>(stride, 12)) == 0) {
                start = i;
                break;
            }
        }
    if (dx >= 4)
        for (size_t i = 0; i < n; ++i) b.Line({{X(i), bottom}, {X(i), bottom + fs * 0.2}}, kChartFrame, 0.8);
    for (size_t i = start; i < n; i += stride) {
        b.Line({{X(i), bottom}, {X(i), bottom + fs * 0.4}}, kChartCentre, 1);
        const double w = tw(dateText(i), small);
        const double x = std::clamp(X(i), w / 2 + 1, st.width - w / 2 - 1);
        b.Text(x, bottom + fs * 0.45, dateText(i), kChartText, small, Align::Centre);
    }

    // ---- parts: separators, and titles on two rows so that each is shown whole where it fits ----
    // Each title starts where its part starts, on the first of two rows with room for it whole;
    // where neither has room it is shortened ("…", the full title in its tooltip). A separator
    // runs from the title down through the plot, so a title is never struck through by the next.
    double rowEnd[2] = {-1e9, -1e9};
    for (const ChartPart& p : c.parts) {
        if (p.first >= n) continue;
        const double sx = p.first > 0 ? X(p.first) - dx / 2 : left;
        if (!st.partTitles) {
            if (p.first > 0) b.Line({{sx, top}, {sx, bottom}}, {120, 120, 120}, 1.2);
            continue;
        }
        const std::string full = PartLabel(p, en);
        const Rgb col = p.verdict > 0 ? kChartBetter : p.verdict < 0 ? kChartWorse : kChartText;
        const double gap = fs * 0.6, w = tw(full, small);
        const double x0 = sx + fs * 0.25;
        int row = -1;
        for (int r = 0; r < 2 && row < 0; ++r)
            if (x0 >= rowEnd[r] + gap && x0 + w <= st.width - 1) row = r;
        std::string shown = full;
        if (row < 0) {
            // The row whose last title ends first; a title still in the way is left as it is.
            row = rowEnd[0] <= rowEnd[1] ? 0 : 1;
            if (x0 < rowEnd[row] + gap) {
                if (p.first > 0) b.Line({{sx, top - fs * 0.3}, {sx, bottom}}, {120, 120, 120}, 1.2);
                continue;
            }
            shown = Ellipsise(full, small, st.width - 1 - x0, tw);
        }
        const double ty = headH + fs * 0.2 + titleRowH * row;
        if (p.first > 0) b.Line({{sx, ty}, {sx, bottom}}, {120, 120, 120}, 1.2);
        if (shown.empty()) continue;
        b.Text(x0, ty, shown, col, small, Align::Left, full);
        rowEnd[row] = x0 + tw(shown, small);
        // A title on the first row crosses the second: nothing may start under it there.
        if (row == 0) rowEnd[1] = std::max(rowEnd[1], sx);
    }

    // ---- centre, limits, target ----
    if (centre) b.Line({{left, Y(*centre)}, {right, Y(*centre)}}, kChartCentre, 1.5, false, legend.size() > 1 ? legend[1].label : "");
    if (cc) {
        const double half = n > 1 ? dx / 2 : fs;
        for (const auto* limit : {&cc->ucl, &cc->lcl}) {
            std::vector<ScenePoint> run;
            auto flush = [&] {
                if (!run.empty()) b.Line(run, kChartLimit, 1.2, false, limit == &cc->ucl ? (en ? "upper control limit" : "övre styrgräns")
                                                                                          : (en ? "lower control limit" : "nedre styrgräns"));
                run.clear();
            };
            for (size_t i = 0; i < n; ++i) {
                if (i >= limit->size() || !(*limit)[i] || (nonNegative && *(*limit)[i] < 0)) {
                    flush();
                    continue;
                }
                const double y = Y(*(*limit)[i]);
                run.push_back({std::max(left, X(i) - half), y});
                run.push_back({std::min(right, X(i) + half), y});
            }
            flush();
        }
    }
    if (target) b.Line({{left, Y(*target)}, {right, Y(*target)}}, kChartBetter, 1.5, true, (en ? "target " : "mål ") + Shown(*target, en));

    // ---- the values: a line broken at gaps, then the points ----
    {
        std::vector<ScenePoint> run;
        for (size_t i = 0; i <= n; ++i) {
            if (i == n || !c.values[i]) {
                if (run.size() > 1) b.Line(run, kChartData, 1.5);
                run.clear();
                continue;
            }
            run.push_back({X(i), Y(*c.values[i])});
        }
    }
    const double r = std::clamp(dx * 0.3, 1.2, fs * 0.32);
    s.points.assign(n, {0, std::numeric_limits<double>::quiet_NaN()});
    for (size_t i = 0; i < n; ++i) {
        s.points[i].x = X(i);
        if (!c.values[i]) continue;
        const double x = X(i), y = Y(*c.values[i]);
        s.points[i].y = y;
        const bool outside = cc && i < cc->sigmaSignal.size() && cc->sigmaSignal[i];
        const Rgb col = verdict[i] > 0 ? kChartBetter : verdict[i] < 0 ? kChartWorse : kChartData;
        std::string title = c.periods[i] + ": " + Shown(*c.values[i], en) + (unit.empty() ? "" : " " + unit);
        if (outside) title += en ? " (outside the control limits)" : " (utanför styrgränserna)";
        if (i < c.notes.size() && !c.notes[i].empty()) title += " – " + c.notes[i];
        b.Mark(Kind::Dot, x, y, r, col, 1, title);
        if (inRun[i]) b.Mark(Kind::Ring, x, y, r + fs * 0.25, kChartRun, 1.6);
        if (outside) b.Mark(Kind::Square, x, y, r + fs * 0.25, kChartWorse, 1.6);
        if (i < c.notes.size() && !c.notes[i].empty()) b.Mark(Kind::Triangle, x, y - r - fs * 0.55, fs * 0.32, kChartNote);
    }

    // ---- the legend ----
    for (size_t row = 0; row < rows.size(); ++row) {
        const double y = st.height - legendH + fs * 0.1 + rowH * static_cast<double>(row);
        const double mid = y + small * 0.6;
        for (const auto& [x, e] : rows[row]) {
            if (e->sample == Kind::Line) b.Line({{x, mid}, {x + sampleW, mid}}, e->colour, 1.5, e->dashed);
            else b.Mark(e->sample, x + sampleW / 2, mid, e->sample == Kind::Dot ? fs * 0.3 : fs * 0.38, e->colour, 1.6);
            b.Text(x + sampleW + fs * 0.35, y, e->label, kChartText, small, Align::Left);
        }
    }
    return s;
}

namespace {
std::string Num(double v) {
    char b[32];
    std::snprintf(b, sizeof b, "%.2f", v);
    return b;
}
std::string Hex(Rgb c) {
    char b[8];
    std::snprintf(b, sizeof b, "#%02x%02x%02x", c.r, c.g, c.b);
    return b;
}
}  // namespace

std::string SceneSvg(const ChartScene& s, const std::string& label) {
    const std::string w = std::to_string(static_cast<int>(std::lround(s.width)));
    const std::string h = std::to_string(static_cast<int>(std::lround(s.height)));
    std::string out = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + w + "\" height=\"" + h + "\" viewBox=\"0 0 " + w + " " +
                      h + "\" role=\"img\" aria-label=\"" + HtmlEscape(label) + "\" font-family=\"DejaVu Sans, Arial, sans-serif\">";
    auto title = [](const std::string& t) { return t.empty() ? std::string() : "<title>" + HtmlEscape(t) + "</title>"; };
    for (const SceneItem& it : s.items) {
        const double x = it.pts.empty() ? 0 : it.pts[0].x, y = it.pts.empty() ? 0 : it.pts[0].y;
        switch (it.kind) {
        case Kind::Rect:
            out += "<rect x=\"" + Num(x) + "\" y=\"" + Num(y) + "\" width=\"" + Num(it.pts[1].x - x) + "\" height=\"" +
                   Num(it.pts[1].y - y) + "\" fill=\"" + (it.filled ? Hex(it.fill) : "none") + "\" stroke=\"" + Hex(it.colour) + "\"/>";
            break;
        case Kind::Line: {
            std::string pts;
            for (const ScenePoint& p : it.pts) pts += (pts.empty() ? "" : " ") + Num(p.x) + "," + Num(p.y);
            out += "<polyline fill=\"none\" stroke=\"" + Hex(it.colour) + "\" stroke-width=\"" + Num(it.width) + "\"" +
                   (it.dashed ? " stroke-dasharray=\"5,4\"" : "") + " points=\"" + pts + "\">" + title(it.title) + "</polyline>";
            break;
        }
        case Kind::Text: {
            const char* anchor = it.align == Align::Left ? "start" : it.align == Align::Centre ? "middle" : "end";
            out += "<text x=\"" + Num(x) + "\" y=\"" + Num(y + it.size * 0.8) + "\" font-size=\"" + Num(it.size) + "\" fill=\"" +
                   Hex(it.colour) + "\" text-anchor=\"" + anchor + "\">" + title(it.title) + HtmlEscape(it.text) + "</text>";
            break;
        }
        case Kind::Dot:
            out += "<circle cx=\"" + Num(x) + "\" cy=\"" + Num(y) + "\" r=\"" + Num(it.size) + "\" fill=\"" + Hex(it.colour) + "\">" +
                   title(it.title) + "</circle>";
            break;
        case Kind::Ring:
            out += "<circle cx=\"" + Num(x) + "\" cy=\"" + Num(y) + "\" r=\"" + Num(it.size) + "\" fill=\"none\" stroke=\"" +
                   Hex(it.colour) + "\" stroke-width=\"" + Num(it.width) + "\"/>";
            break;
        case Kind::Square:
            out += "<rect x=\"" + Num(x - it.size) + "\" y=\"" + Num(y - it.size) + "\" width=\"" + Num(2 * it.size) + "\" height=\"" +
                   Num(2 * it.size) + "\" fill=\"none\" stroke=\"" + Hex(it.colour) + "\" stroke-width=\"" + Num(it.width) + "\"/>";
            break;
        case Kind::Triangle:
            out += "<polygon points=\"" + Num(x - it.size) + "," + Num(y - it.size) + " " + Num(x + it.size) + "," + Num(y - it.size) +
                   " " + Num(x) + "," + Num(y + it.size) + "\" fill=\"" + Hex(it.colour) + "\"/>";
            break;
        }
    }
    return out + "</svg>";
}

}  // namespace stegvis
