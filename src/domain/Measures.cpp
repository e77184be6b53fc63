#include "domain/Measures.hpp"
#include "domain/ChartScene.hpp"

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

std::string ChartSvg(const Chart& c, const Record& measure, int width, int height) {
    ChartStyle style;
    style.width = width;
    style.height = height;
    style.fontSize = height < 150 ? 8 : 11;
    // A small chart (the board summary's) has no room for part titles and a legend.
    style.partTitles = style.legend = height >= 150;
    return SceneSvg(BuildChartScene(c, measure, style), measure.Get("name"));
}

}  // namespace stegvis
