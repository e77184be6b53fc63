#include "domain/Measures.hpp"

#include <algorithm>
#include <clocale>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>

#include "domain/Records.hpp"
#include "base/Files.hpp"
#include "base/Text.hpp"

namespace stegvis {


std::string PartLabel(const ChartPart& part, bool english) {
    if (!english) return part.label;
    switch (part.kind) {
        case PartKind::Baseline: return "Baseline";
        case PartKind::AfterBaseline: return "After the baseline";
        case PartKind::FullScale: return "Full scale";
        case PartKind::Unfrozen: return "All points (the baseline is not frozen)";
        case PartKind::Cycle: break;
    }
    return part.label;  // the cycle's own words
}

std::string PeriodStart(const std::string& iso, const std::string& period) {
    if (period == "month") return iso.substr(0, 8) + "01";
    // 1970-01-01 was a Thursday: days since then, shifted so Monday is 0.
    int days = DaysSinceEpoch(iso);
    int weekday = ((days % 7) + 7 + 3) % 7;  // 0 = Monday
    return AddDays(iso, -weekday);
}

std::string NextPeriod(const std::string& start, const std::string& period) {
    if (period == "month") return AddDays(start, 32).substr(0, 8) + "01";
    return AddDays(start, 7);
}

std::optional<double> MeasurePoint::Value() const {
    if (!denominator) return numerator;
    if (*denominator <= 0) return std::nullopt;
    return 100.0 * numerator / *denominator;
}

std::vector<MeasurePoint> PointsOf(const ProjectModel& m, int64_t measure) {
    std::vector<MeasurePoint> out;
    auto it = m.points.find(measure);
    if (it == m.points.end()) return out;
    for (const auto& [period, row] : it->second) {
        if (!row.numerator) continue;
        out.push_back({period, *row.numerator, row.denominator, row.note});
    }
    return out;
}

namespace {

// A number as people paste it: decimal comma or point, spaces as thousands separators.
std::optional<double> ParseNumber(std::string s) {
    s = Trim(s);
    s.erase(std::remove(s.begin(), s.end(), ' '), s.end());
    std::replace(s.begin(), s.end(), ',', '.');
    if (s.empty()) return std::nullopt;
    char* end = nullptr;
    double v = std::strtod(s.c_str(), &end);
    if (*end != '\0' || !std::isfinite(v)) return std::nullopt;
    return v;
}

}  // namespace

std::vector<PastedLine> ParsePasted(const std::string& text, bool ratio, const std::string& period,
                                    const std::string& todayOrEmpty) {
    const std::string today = todayOrEmpty.empty() ? TodayIso() : todayOrEmpty;
    std::vector<PastedLine> out;
    std::map<std::string, size_t> seen;
    int lineNo = 0;
    for (std::string line : Split(text, '\n')) {
        ++lineNo;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (Trim(line).empty()) continue;
        char sep = line.find('\t') != std::string::npos ? '\t' : line.find(';') != std::string::npos ? ';' : ',';
        auto f = Split(line, sep);
        for (auto& x : f) x = Trim(x);
        PastedLine p;
        p.line = lineNo;
        const size_t want = ratio ? 3 : 2;
        std::string date = f[0];
        if (period == "month" && date.size() == 7) date += "-01";
        if (!IsIsoDate(date)) {
            // A first line without a date is a header.
            if (out.empty() && lineNo == 1 && f.size() >= 2 && !ParseNumber(f[1])) continue;
            p.why = {Msg::PasteNotDate, {f[0]}};
            out.push_back(p);
            continue;
        }
        if (PeriodStart(date, period) > today) {
            p.why = {Msg::PasteFuture, {f[0]}};
            out.push_back(p);
            continue;
        }
        if (f.size() != want) {
            p.why = {ratio ? Msg::PasteFieldsRatio : Msg::PasteFieldsCount, {std::to_string(f.size())}};
            out.push_back(p);
            continue;
        }
        auto a = ParseNumber(f[1]);
        if (!a || *a < 0) {
            p.why = {Msg::PasteNotNumber, {f[1]}};
            out.push_back(p);
            continue;
        }
        p.numerator = *a;
        if (ratio) {
            auto b = ParseNumber(f[2]);
            if (!b || *b <= 0) {
                p.why = {Msg::PasteDenominator, {f[2]}};
                out.push_back(p);
                continue;
            }
            if (*a > *b) {
                p.why = {Msg::PasteNumeratorAbove, {f[1], f[2]}};
                out.push_back(p);
                continue;
            }
            p.denominator = *b;
        }
        p.period = PeriodStart(date, period);
        p.accepted = true;
        auto prev = seen.find(p.period);
        if (prev != seen.end()) {
            out[prev->second].accepted = false;
            out[prev->second].why = {Msg::PasteReplaced, {std::to_string(lineNo), p.period}};
        }
        seen[p.period] = out.size();
        out.push_back(p);
    }
    return out;
}

std::vector<SigmaPoint> SigmaPoints(const Chart& c) {
    std::vector<SigmaPoint> out;
    if (!c.control) return out;
    const ControlChart& cc = *c.control;
    for (size_t i = 0; i < c.values.size() && i < cc.sigmaSignal.size(); ++i) {
        if (!cc.sigmaSignal[i] || !c.values[i]) continue;
        const bool above = cc.ucl[i] && *c.values[i] > *cc.ucl[i];
        const std::optional<double>& limit = above ? cc.ucl[i] : cc.lcl[i];
        if (limit) out.push_back({i, above, *c.values[i], *limit});
    }
    return out;
}

ChartKind ChartKindOf(const Record& measure) { return ParseChartKind(measure.Get("chart")).value_or(ChartKind::Run); }

namespace {
double Mean(const Series& values) {
    double sum = 0;
    int n = 0;
    for (const auto& v : values)
        if (v) sum += *v, ++n;
    return n ? sum / n : 0;
}
}  // namespace

Chart BuildChart(const ProjectModel& m, const Record& measure, const std::string& fullScaleFrom, const std::string& today) {
    Chart c;
    const std::string period = measure.Get("period").empty() ? "month" : measure.Get("period");
    auto pts = PointsOf(m, measure.id);
    // A value stored for a period that has not begun (an older file, an import) is never drawn
    // or counted in a signal.
    const std::string now = today.empty() ? TodayIso() : today;
    pts.erase(std::remove_if(pts.begin(), pts.end(), [&](const MeasurePoint& p) { return p.period > now; }), pts.end());
    {
        const bool ratio = measure.Get("definition") == "ratio";
        std::vector<SpcInput> in;
        in.reserve(pts.size());
        for (const MeasurePoint& p : pts) in.push_back(ratio ? SpcInput{p.numerator, p.denominator} : SpcInput{p.numerator, std::nullopt});
        c.suggestion = SuggestChart(ratio, in);
    }
    if (pts.empty()) return c;
    // The points are in period order, each period once (a map's keys): found by binary search
    // rather than through a map of their own.
    auto pointAt = [&pts](const std::string& p) -> const MeasurePoint* {
        auto it = std::lower_bound(pts.begin(), pts.end(), p, [](const MeasurePoint& a, const std::string& b) { return a.period < b; });
        return it != pts.end() && it->period == p ? &*it : nullptr;
    };
    const std::string lastPeriod = pts.back().period;
    for (std::string p = pts.front().period; p <= lastPeriod; p = NextPeriod(p, period)) {
        c.periods.push_back(p);
        const MeasurePoint* at = pointAt(p);
        c.values.push_back(at ? at->Value() : std::nullopt);
        c.notes.push_back(at ? at->note : std::string());
        if (c.periods.size() > 20000) break;  // guard against a runaway range
    }
    const std::string from = measure.Get("baseline_from"), to = measure.Get("baseline_to");
    const bool frozen = IsIsoDate(from) && IsIsoDate(to);
    Series baseline;
    for (size_t i = 0; i < c.periods.size(); ++i)
        if (frozen ? (c.periods[i] >= from && c.periods[i] <= to) : true) baseline.push_back(c.values[i]);
    const bool any = std::any_of(baseline.begin(), baseline.end(), [](const auto& v) { return v.has_value(); });
    if (!any) return c;
    c.centre = Median(baseline);
    c.baselinePoints = static_cast<int>(std::count_if(baseline.begin(), baseline.end(), [](const auto& v) { return v.has_value(); }));

    const ChartKind kind = ChartKindOf(measure);
    const bool ratio = measure.Get("definition") == "ratio";
    if (kind != ChartKind::Run && NeedsDenominator(kind) && !ratio) c.controlNeedsRatio = true;
    if (kind != ChartKind::Run && !c.controlNeedsRatio) {
        // P, P', U and U' read a share's numerator and denominator (their values are proportions,
        // shown here in per cent); I and C the value.
        std::vector<SpcInput> in(c.periods.size());
        for (size_t i = 0; i < c.periods.size(); ++i) {
            const MeasurePoint* at = pointAt(c.periods[i]);
            if (!at) continue;
            if (NeedsDenominator(kind)) {
                in[i].y = at->numerator;
                in[i].n = at->denominator;
            } else {
                in[i].y = at->Value();  // a share's I chart is of its per cent
            }
        }
        // The baseline is the periods from its first to its last; before it nothing is computed.
        size_t first = 0, last = c.periods.size() - 1;
        if (frozen) {
            first = static_cast<size_t>(std::lower_bound(c.periods.begin(), c.periods.end(), from) - c.periods.begin());
            last = static_cast<size_t>(std::upper_bound(c.periods.begin(), c.periods.end(), to) - c.periods.begin()) - 1;
        }
        try {
            // Periods before the baseline get no limits: the chart is computed from its first.
            ControlChart cc = ComputeControlChart(kind, std::vector<SpcInput>(in.begin() + static_cast<std::ptrdiff_t>(first), in.end()),
                                                  last + 1 - first);
            for (auto* v : {&cc.value, &cc.lcl, &cc.ucl}) v->insert(v->begin(), first, std::nullopt);
            cc.sigmaSignal.insert(cc.sigmaSignal.begin(), first, false);
            for (size_t i = 0; i < first; ++i)
                if (in[i].y && (!NeedsDenominator(kind) || in[i].n)) cc.value[i] = NeedsDenominator(kind) ? *in[i].y / *in[i].n : *in[i].y;
            if (ratio && NeedsDenominator(kind)) {
                cc.centre *= 100;
                for (auto* v : {&cc.value, &cc.lcl, &cc.ucl})
                    for (auto& x : *v)
                        if (x) *x *= 100;
            }
            c.control = std::move(cc);
        } catch (const std::invalid_argument&) {
            // Data a control chart cannot take (an edit never stores it): the run chart stands.
        }
    }

    // Where the parts begin: after the baseline, at each PDSA cycle's start, and at full scale.
    struct Start {
        std::string first;  // first period
        std::string label;
        PartKind kind;
    };
    std::vector<Start> starts;
    if (frozen) {
        starts.push_back({c.periods.front(), "Baslinje", PartKind::Baseline});
        for (const Record* cycle : Records(m, "pdsa", measure.initiative))
            if (IsIsoDate(cycle->Get("started_on")))
                starts.push_back({PeriodStart(cycle->Get("started_on"), period), cycle->Get("change"), PartKind::Cycle});
        if (IsIsoDate(fullScaleFrom)) starts.push_back({PeriodStart(fullScaleFrom, period), "Full skala", PartKind::FullScale});
        // A part cannot begin inside the baseline; the first period after it opens "Efter baslinjen"
        // when no cycle starts right there.
        std::string afterBaseline = NextPeriod(PeriodStart(to, period), period);
        for (auto& s : starts)
            if (s.kind != PartKind::Baseline && s.first < afterBaseline) s.first = afterBaseline;
        bool opened = std::any_of(starts.begin(), starts.end(), [&](const auto& s) { return s.first == afterBaseline; });
        if (!opened && afterBaseline <= c.periods.back()) starts.push_back({afterBaseline, "Efter baslinjen", PartKind::AfterBaseline});
        std::stable_sort(starts.begin(), starts.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
        // Two parts on the same period: the later-listed (a cycle over "after baseline") wins.
        std::vector<Start> unique;
        for (const auto& s : starts) {
            if (!unique.empty() && unique.back().first == s.first) unique.back() = s;
            else unique.push_back(s);
        }
        starts = unique;
    } else {
        starts.push_back({c.periods.front(), "Alla punkter (baslinjen är inte fryst)", PartKind::Unfrozen});
    }
    const std::string direction = measure.Get("direction");
    for (size_t k = 0; k < starts.size(); ++k) {
        ChartPart part;
        part.label = starts[k].label;
        part.kind = starts[k].kind;
        part.from = starts[k].first;
        auto first = std::lower_bound(c.periods.begin(), c.periods.end(), starts[k].first);
        auto last = k + 1 < starts.size() ? std::lower_bound(c.periods.begin(), c.periods.end(), starts[k + 1].first)
                                          : c.periods.end();
        if (first >= last) continue;
        part.first = static_cast<size_t>(first - c.periods.begin());
        part.last = static_cast<size_t>(last - c.periods.begin()) - 1;
        Series values(c.values.begin() + static_cast<long>(part.first), c.values.begin() + static_cast<long>(part.last) + 1);
        if (std::any_of(values.begin(), values.end(), [](const auto& v) { return v.has_value(); })) {
            // A control chart's parts are read around its mean, and a point outside the limits
            // is a signal of its own.
            const double centre = c.control ? c.control->centre : *c.centre;
            part.analysis = AnalyseRuns(values, centre);
            part.analysed = true;
            int sigmaSide = 0;
            if (c.control)
                for (size_t i = part.first; i <= part.last; ++i)
                    if (c.control->sigmaSignal[i] && c.values[i] && sigmaSide == 0) sigmaSide = *c.values[i] > centre ? 1 : -1;
            part.sigmaSignal = sigmaSide != 0;
            if ((part.analysis.signal || part.sigmaSignal) && k > 0 && direction != "neutral" && !direction.empty()) {
                const bool higher = part.analysis.signal ? (c.control ? Mean(values) : Median(values)) > centre : sigmaSide > 0;
                part.verdict = (higher == (direction == "up")) ? 1 : -1;
            }
        }
        c.parts.push_back(std::move(part));
    }
    return c;
}

std::vector<SuggestedMeasure> LoadSuggestedMeasures(const std::string& path) {
    std::string text;
    text = ReadFile(path);  // a regular file within its size limit, or an error naming it and why
    std::vector<SuggestedMeasure> out;
    int lineNo = 0;
    bool header = false;
    for (std::string line : Split(text, '\n')) {
        ++lineNo;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (Trim(line).empty() || line[0] == '#') continue;
        auto f = Split(line, '\t');
        if (!header) {
            if (f.size() != 7 || f[0] != "rec_ids")
                throw DataError(path, lineNo, "header", "", "expected rec_ids, name, definition, unit, direction, period, source");
            header = true;
            continue;
        }
        std::string entry = "row " + std::to_string(lineNo);
        if (f.size() != 7) throw DataError(path, lineNo, entry, "", "expected 7 tab-separated fields, got " + std::to_string(f.size()));
        SuggestedMeasure s{f[0], f[1], f[2], f[3], f[4], f[5], f[6]};
        if (Trim(s.name).empty()) throw DataError(path, lineNo, entry, "name", "must not be empty");
        if (!FindOption(MeasureDefinitions(), s.definition)) throw DataError(path, lineNo, entry, "definition", "is not count or ratio");
        if (!FindOption(Directions(), s.direction)) throw DataError(path, lineNo, entry, "direction", "is not up, down or neutral");
        if (!FindOption(Periods(), s.period)) throw DataError(path, lineNo, entry, "period", "is not week or month");
        out.push_back(std::move(s));
    }
    return out;
}

}  // namespace stegvis

namespace stegvis {

namespace {
std::string F(double v) {
    char b[32];
    std::snprintf(b, sizeof b, "%.1f", v);
    return b;
}
// A number a reader sees: Swedish decimal comma (F is for coordinates, which need the point).
std::string Shown(double v) {
    std::string s = F(v);
    std::replace(s.begin(), s.end(), '.', ',');
    return s;
}
}  // namespace

std::string ChartSvg(const Chart& c, const Record& measure, int width, int height) {
    std::string out = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + std::to_string(width) + "\" height=\"" +
                      std::to_string(height) + "\" viewBox=\"0 0 " + std::to_string(width) + " " + std::to_string(height) +
                      "\" role=\"img\" aria-label=\"" + HtmlEscape(measure.Get("name")) + "\" font-family=\"DejaVu Sans, Arial\" font-size=\"10\">";
    if (c.periods.empty()) return out + "<text x=\"10\" y=\"20\">Inga mätvärden</text></svg>";
    const double left = 38, right = width - 8.0, top = 18, bottom = height - 20.0;
    double lo = 1e300, hi = -1e300;
    for (const auto& v : c.values)
        if (v) lo = std::min(lo, *v), hi = std::max(hi, *v);
    std::optional<double> target;
    if (!measure.Get("target").empty()) target = std::strtod(measure.Get("target").c_str(), nullptr);
    // A control chart is drawn around its mean, with its limits; a run chart around the median.
    const ControlChart* cc = c.control ? &*c.control : nullptr;
    const std::optional<double> centre = cc ? std::optional<double>(cc->centre) : c.centre;
    for (auto e : {centre, target})
        if (e) lo = std::min(lo, *e), hi = std::max(hi, *e);
    if (cc)
        for (size_t i = 0; i < cc->lcl.size(); ++i) {
            if (cc->lcl[i]) lo = std::min(lo, *cc->lcl[i]);
            if (cc->ucl[i]) hi = std::max(hi, *cc->ucl[i]);
        }
    if (hi - lo < 1e-9) lo -= 1, hi += 1;
    const double pad = (hi - lo) * 0.08;
    lo -= pad;
    hi += pad;
    const size_t n = c.periods.size();
    auto X = [&](size_t i) { return n == 1 ? (left + right) / 2 : left + (right - left) * static_cast<double>(i) / static_cast<double>(n - 1); };
    auto Y = [&](double v) { return bottom - (bottom - top) * (v - lo) / (hi - lo); };
    out += "<rect x=\"" + F(left) + "\" y=\"" + F(top) + "\" width=\"" + F(right - left) + "\" height=\"" + F(bottom - top) +
           "\" fill=\"#fff\" stroke=\"#bbb\"/>";
    out += "<text x=\"2\" y=\"" + F(Y(hi - pad) + 4) + "\">" + Shown(hi - pad) + "</text>";
    out += "<text x=\"2\" y=\"" + F(Y(lo + pad) + 4) + "\">" + Shown(lo + pad) + "</text>";
    out += "<text x=\"" + F(left) + "\" y=\"" + std::to_string(height - 5) + "\">" + HtmlEscape(c.periods.front()) + "</text>";
    out += "<text x=\"" + F(right) + "\" y=\"" + std::to_string(height - 5) + "\" text-anchor=\"end\">" + HtmlEscape(c.periods.back()) + "</text>";
    std::vector<int> verdict(n, 0);
    for (const ChartPart& p : c.parts) {
        for (size_t i = p.first; i <= p.last && i < n; ++i) verdict[i] = p.verdict;
        if (p.first > 0) {
            double x = X(p.first) - (X(1) - X(0)) / 2;
            out += "<line x1=\"" + F(x) + "\" y1=\"" + F(top - 6) + "\" x2=\"" + F(x) + "\" y2=\"" + F(bottom) + "\" stroke=\"#777\"/>";
        }
        const char* col = p.verdict > 0 ? "#2a7a33" : p.verdict < 0 ? "#b3261e" : "#444";
        // As many characters as the part is wide (about 6 px each), so labels never overlap.
        const double partWidth = (p.last + 1 < n ? X(p.last + 1) : right) - X(p.first);
        size_t room = static_cast<size_t>(std::max(0.0, partWidth / 6.0 - 1));
        std::string label = p.label;
        if (label.size() > room) {
            label = room > 1 ? label.substr(0, room - 1) : "";
            while (!label.empty() && (static_cast<unsigned char>(label.back()) & 0xC0) == 0x80) label.pop_back();  // whole UTF-8 characters
            if (!label.empty() && static_cast<unsigned char>(label.back()) >= 0xC0) label.pop_back();
            if (!label.empty()) label += "…";
        }
        out += "<text x=\"" + F(X(p.first) + 2) + "\" y=\"12\" fill=\"" + col + "\"><title>" + HtmlEscape(p.label) + "</title>" +
               HtmlEscape(label) + "</text>";
    }
    if (centre)
        out += "<line x1=\"" + F(left) + "\" y1=\"" + F(Y(*centre)) + "\" x2=\"" + F(right) + "\" y2=\"" + F(Y(*centre)) +
               "\" stroke=\"#666\" stroke-width=\"1.5\"><title>" + (cc ? "medel " : "median ") + Shown(*centre) + "</title></line>";
    if (cc) {
        // The limits as steps, one per period (they vary with a share's denominator).
        const double half = n > 1 ? (X(1) - X(0)) / 2 : 10;
        for (const auto* limit : {&cc->ucl, &cc->lcl}) {
            std::string d;
            for (size_t i = 0; i < n && i < limit->size(); ++i) {
                if (!(*limit)[i]) continue;
                const bool joined = i > 0 && (*limit)[i - 1];
                d += (joined ? " L" : " M") + F(std::max(left, X(i) - half)) + " " + F(Y(*(*limit)[i])) + " L" +
                     F(std::min(right, X(i) + half)) + " " + F(Y(*(*limit)[i]));
            }
            if (!d.empty())
                out += "<path d=\"" + d.substr(1) + "\" fill=\"none\" stroke=\"#c8463c\" stroke-width=\"1.2\"><title>" +
                       (limit == &cc->ucl ? "övre styrgräns" : "nedre styrgräns") + "</title></path>";
        }
    }
    if (target)
        out += "<line x1=\"" + F(left) + "\" y1=\"" + F(Y(*target)) + "\" x2=\"" + F(right) + "\" y2=\"" + F(Y(*target)) +
               "\" stroke=\"#2a7a33\" stroke-dasharray=\"5,4\"><title>mål " + Shown(*target) + "</title></line>";
    // Lines break at gaps: one polyline per unbroken stretch.
    std::string pts;
    auto flush = [&] {
        if (!pts.empty()) out += "<polyline fill=\"none\" stroke=\"#4670aa\" stroke-width=\"1.3\" points=\"" + pts + "\"/>";
        pts.clear();
    };
    for (size_t i = 0; i < n; ++i) {
        if (!c.values[i]) {
            flush();
            continue;
        }
        pts += (pts.empty() ? "" : " ") + F(X(i)) + "," + F(Y(*c.values[i]));
    }
    flush();
    for (size_t i = 0; i < n; ++i) {
        if (!c.values[i]) continue;
        const char* col = verdict[i] > 0 ? "#2a7a33" : verdict[i] < 0 ? "#b3261e" : "#4670aa";
        const bool outside = cc && i < cc->sigmaSignal.size() && cc->sigmaSignal[i];
        if (outside)
            out += "<rect x=\"" + F(X(i) - 5) + "\" y=\"" + F(Y(*c.values[i]) - 5) +
                   "\" width=\"10\" height=\"10\" fill=\"none\" stroke=\"#c8281e\" stroke-width=\"1.8\"/>";
        out += "<circle cx=\"" + F(X(i)) + "\" cy=\"" + F(Y(*c.values[i])) + "\" r=\"2.5\" fill=\"" + col + "\"><title>" +
               HtmlEscape(c.periods[i]) + ": " + Shown(*c.values[i]) + (outside ? " (utanför styrgränserna)" : "") +
               (c.notes[i].empty() ? "" : " – " + HtmlEscape(c.notes[i])) + "</title></circle>";
    }
    return out + "</svg>";
}

}  // namespace stegvis
