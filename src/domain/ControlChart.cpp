#include "domain/ControlChart.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <istream>
#include <sstream>
#include <stdexcept>
#include <system_error>

#include "base/Text.hpp"

namespace stegvis {

namespace {
const char* const kStdin = "stdin";

// d2 for moving ranges of two (Montgomery 6.33) and Nelson's (1982) screening limit for moving
// ranges, D4 for n = 2: the constants qicharts2 uses.
constexpr double kD2 = 1.128;
constexpr double kScreen = 3.267;


bool IsProportion(ChartKind kind) {
    return kind == ChartKind::P || kind == ChartKind::PPrime;
}
bool IsLaney(ChartKind kind) {
    return kind == ChartKind::PPrime || kind == ChartKind::UPrime;
}

double Mean(const std::vector<double>& v) {
    long double sum = 0;  // long double as R's mean()
    for (double x : v) sum += x;
    return static_cast<double>(sum / static_cast<long double>(v.size()));
}

// Mean of the moving ranges between neighbouring values that are both present (none across a
// gap), after Nelson's screening: ranges of kScreen times the mean or more are dropped and the
// mean taken again, as qicharts2 does with its default option qic.screenedmr = TRUE. Nullopt when
// no range is left, e.g. with one value, or when every range is 0 (0 is not below 3.267 × 0).
std::optional<double> ScreenedMeanMovingRange(const std::vector<std::optional<double>>& x) {
    std::vector<double> ranges;
    for (size_t i = 1; i < x.size(); ++i)
        if (x[i] && x[i - 1]) ranges.push_back(std::fabs(*x[i] - *x[i - 1]));
    if (ranges.empty()) return std::nullopt;
    const double limit = kScreen * Mean(ranges);
    ranges.erase(std::remove_if(ranges.begin(), ranges.end(), [limit](double r) { return !(r < limit); }),
                 ranges.end());
    if (ranges.empty()) return std::nullopt;
    return Mean(ranges);
}

std::string Fmt(double v) {
    char buf[64];
    auto res = std::to_chars(buf, buf + sizeof buf, v + 0.0, std::chars_format::general, 15);  // +0.0: no "-0"
    return std::string(buf, res.ptr);
}

void Validate(ChartKind kind, const SpcInput& p, size_t index) {
    const std::string where = "period " + std::to_string(index + 1) + ": ";
    if (p.y && !std::isfinite(*p.y)) throw std::invalid_argument(where + "the value is not a finite number");
    if (p.y && kind != ChartKind::I && *p.y < 0) throw std::invalid_argument(where + "a count cannot be negative");
    if (!NeedsDenominator(kind)) return;
    if (p.n && !std::isfinite(*p.n)) throw std::invalid_argument(where + "the denominator is not a finite number");
    if (p.n && *p.n < 0) throw std::invalid_argument(where + "the denominator cannot be negative");
    if (p.n && *p.n == 0) throw std::invalid_argument(where + "the denominator is 0");
    if (p.y && p.n && IsProportion(kind) && *p.y > *p.n)
        throw std::invalid_argument(where + "the numerator is greater than the denominator");
}
}  // namespace

const char* ChartKindKey(ChartKind kind) { return KeyOf(kChartKinds, kind); }

std::optional<ChartKind> ParseChartKind(std::string_view key) {
    ChartKind kind = ChartKind::Run;
    if (!ParseKey(kChartKinds, ToLowerAscii(key), &kind)) return std::nullopt;
    return kind;
}

bool NeedsDenominator(ChartKind kind) {
    return kind == ChartKind::P || kind == ChartKind::PPrime || kind == ChartKind::U || kind == ChartKind::UPrime;
}

ControlChart ComputeControlChart(ChartKind kind, const std::vector<SpcInput>& points, std::optional<size_t> baseline) {
    if (kind == ChartKind::Run) throw std::invalid_argument("a run chart has no control limits");
    for (size_t i = 0; i < points.size(); ++i) Validate(kind, points[i], i);

    const size_t count = points.size();
    const bool ratio = NeedsDenominator(kind);
    ControlChart c;
    c.kind = kind;
    c.value.assign(count, std::nullopt);
    c.lcl.assign(count, std::nullopt);
    c.ucl.assign(count, std::nullopt);
    c.sigmaSignal.assign(count, false);
    for (size_t i = 0; i < count; ++i) {
        const SpcInput& p = points[i];
        if (p.y && (!ratio || p.n)) c.value[i] = ratio ? *p.y / *p.n : *p.y;
    }

    // A baseline longer than the data is all of it, as qicharts2's freeze.
    c.baselinePeriods = baseline ? std::min(*baseline, count) : count;
    const size_t k = c.baselinePeriods;
    long double sumY = 0, sumN = 0;
    size_t baselinePoints = 0;
    for (size_t i = 0; i < k; ++i) {
        if (!c.value[i]) continue;
        ++baselinePoints;
        sumY += *points[i].y;
        sumN += ratio ? *points[i].n : 1;
    }
    if (baselinePoints == 0)
        throw std::invalid_argument("the baseline has no point: the centre line cannot be computed");
    c.centre = static_cast<double>(sumY / sumN);
    const double cl = c.centre;

    // Each point's sigma; nullopt at a gap or where sigma cannot be estimated.
    std::vector<std::optional<double>> sigma(count);
    switch (kind) {
        case ChartKind::I: {
            const std::vector<std::optional<double>> base(c.value.begin(),
                                                          c.value.begin() + static_cast<std::ptrdiff_t>(k));
            if (auto amr = ScreenedMeanMovingRange(base))
                for (size_t i = 0; i < count; ++i)
                    if (c.value[i]) sigma[i] = *amr / kD2;
            break;
        }
        case ChartKind::C:
            for (size_t i = 0; i < count; ++i)
                if (c.value[i]) sigma[i] = std::sqrt(cl);
            break;
        case ChartKind::P:
        case ChartKind::PPrime:
        case ChartKind::U:
        case ChartKind::UPrime:
            for (size_t i = 0; i < count; ++i)
                if (c.value[i]) sigma[i] = std::sqrt((IsProportion(kind) ? cl * (1 - cl) : cl) / *points[i].n);
            break;
        case ChartKind::Run:
            break;
    }
    if (IsLaney(kind)) {
        // Laney (2002): the spread of the z-scores over the baseline, from their moving ranges as
        // for an I chart, widens the limits by what varies between periods. A z-score is undefined
        // where sigma is 0 (a centre of 0 or 1), as in R.
        std::vector<std::optional<double>> z(k);
        for (size_t i = 0; i < k; ++i)
            if (c.value[i] && *sigma[i] > 0) z[i] = (*c.value[i] - cl) / *sigma[i];
        if (auto amr = ScreenedMeanMovingRange(z)) c.sigmaZ = *amr / kD2;
        for (auto& s : sigma)
            if (s) s = c.sigmaZ ? std::optional<double>(*s * *c.sigmaZ) : std::nullopt;
    }

    for (size_t i = 0; i < count; ++i) {
        if (!sigma[i]) continue;
        double lower = cl - 3 * *sigma[i];
        double upper = cl + 3 * *sigma[i];
        if (kind != ChartKind::I) lower = std::max(lower, 0.0);
        if (IsProportion(kind)) upper = std::min(upper, 1.0);
        c.lcl[i] = lower;
        c.ucl[i] = upper;
        c.sigmaSignal[i] = *c.value[i] > upper || *c.value[i] < lower;
    }
    c.runs = AnalyseRuns(c.value, cl);
    return c;
}

namespace {

SpcInput ParseSpcLine(const std::string& raw, int lineNo, ChartKind kind) {
    const std::string t = Trim(raw);
    const std::string key = ChartKindKey(kind);
    const size_t semi = t.find(';');
    SpcInput p;
    if (!NeedsDenominator(kind)) {
        if (semi != std::string::npos)
            throw DataError(kStdin, lineNo, "", "", "'" + t + "': the " + key + " chart takes one value a line");
        p.y = ParseSeriesValue(t, lineNo);
        if (p.y && kind == ChartKind::C && *p.y < 0)
            throw DataError(kStdin, lineNo, "", "", "'" + t + "' is negative: a count is 0 or more");
        return p;
    }
    if (t.empty() || ToLowerAscii(t) == "na") return p;
    if (semi == std::string::npos)
        throw DataError(kStdin, lineNo, "", "",
                        "'" + t + "' has no denominator: write numerator;denominator, e.g. 5;40");
    if (t.find(';', semi + 1) != std::string::npos)
        throw DataError(kStdin, lineNo, "", "", "'" + t + "': expected numerator;denominator, two fields");
    p.y = ParseSeriesValue(t.substr(0, semi), lineNo);
    p.n = ParseSeriesValue(t.substr(semi + 1), lineNo);
    if (p.y && !p.n)
        throw DataError(kStdin, lineNo, "", "",
                        "'" + t + "' has no denominator: write numerator;denominator, e.g. 5;40");
    if (p.y && *p.y < 0) throw DataError(kStdin, lineNo, "", "", "the numerator in '" + t + "' is negative");
    if (p.n && *p.n <= 0)
        throw DataError(kStdin, lineNo, "", "", "the denominator in '" + t + "' must be greater than 0");
    if (p.y && p.n && IsProportion(kind) && *p.y > *p.n)
        throw DataError(kStdin, lineNo, "", "",
                        "the numerator in '" + t + "' is greater than the denominator: a proportion is at most 1");
    if (!p.y) p.n.reset();  // a denominator alone is still a gap
    return p;
}

std::string JsonOpt(const std::optional<double>& v) {
    return v ? Fmt(*v) : "null";
}
}  // namespace

std::string SpcJson(std::istream& in, ChartKind kind, std::optional<int> baseline) {
    if (kind == ChartKind::Run)
        throw DataError(kStdin, 0, "", "", "run is not a control chart: use stegvis runchart for a run chart");
    if (baseline && *baseline < 1)
        throw DataError(kStdin, 0, "", "", "--baseline must be at least 1, got " + std::to_string(*baseline));

    std::vector<SpcInput> points;
    std::string line;
    while (std::getline(in, line)) {
        // A UTF-8 byte order mark is what Notepad puts before the first value.
        if (points.empty() && StartsWith(line, "\xEF\xBB\xBF")) line.erase(0, 3);
        points.push_back(ParseSpcLine(line, static_cast<int>(points.size()) + 1, kind));
    }
    const char* expected = NeedsDenominator(kind) ? "numerator;denominator" : "one value";
    if (points.empty()) throw DataError(kStdin, 0, "", "", std::string("no input: expected ") + expected + " per line");
    const int lines = static_cast<int>(points.size());
    const int k = baseline.value_or(lines);
    if (k > lines)
        throw DataError(
            kStdin, 0, "", "",
            "--baseline " + std::to_string(k) + " is larger than the number of lines (" + std::to_string(lines) + ")");
    const bool anyPoint =
        std::any_of(points.begin(), points.begin() + k, [](const SpcInput& p) { return p.y.has_value(); });
    if (!anyPoint) {
        const std::string where = baseline ? "the first " + std::to_string(k) + " lines" : "the input";
        throw DataError(kStdin, 0, "", "",
                        "no value in " + where + ", only missing ones: the centre line cannot be computed");
    }

    const ControlChart c = ComputeControlChart(kind, points, static_cast<size_t>(k));
    std::ostringstream out;
    out << "{\"chart\":\"" << ChartKindKey(kind) << "\",\"centre\":" << Fmt(c.centre) << ",\"points\":[";
    for (size_t i = 0; i < points.size(); ++i) {
        if (i) out << ",";
        out << "{\"value\":" << JsonOpt(c.value[i]) << ",\"lcl\":" << JsonOpt(c.lcl[i])
            << ",\"ucl\":" << JsonOpt(c.ucl[i]) << ",\"signal\":" << (c.sigmaSignal[i] ? "true" : "false") << "}";
    }
    const RunAnalysis& r = c.runs;
    const bool runs = r.nUseful > 0;
    auto num = [runs](int v) { return runs ? std::to_string(v) : std::string("null"); };
    out << "],\"n_useful\":" << r.nUseful << ",\"longest_run\":" << num(r.longestRun)
        << ",\"longest_run_max\":" << (runs ? num(*r.longestRunMax) : "null") << ",\"crossings\":" << num(r.crossings)
        << ",\"crossings_min\":" << (runs ? num(*r.crossingsMin) : "null")
        << ",\"runs_signal\":" << (runs ? (r.signal ? "true" : "false") : "null") << "}\n";
    return out.str();
}

ChartSuggestion SuggestChart(bool ratio, const std::vector<SpcInput>& points) {
    constexpr size_t kMinPoints = 20;
    constexpr double kLargeDenominator = 1000;
    std::vector<const SpcInput*> useful;
    for (const SpcInput& p : points)
        if (p.y && std::isfinite(*p.y) && (!ratio || (p.n && std::isfinite(*p.n) && *p.n > 0))) useful.push_back(&p);
    if (useful.size() < kMinPoints)
        return {ChartKind::Run, Message(Msg::SuggestRunFewPoints, {std::to_string(useful.size())})};
    if (ratio) {
        long double sumN = 0;
        bool aboveOne = false;
        for (const SpcInput* p : useful) {
            sumN += *p->n;
            aboveOne = aboveOne || *p->y > *p->n;
        }
        const double meanN = static_cast<double>(sumN / static_cast<long double>(useful.size()));
        const bool large = meanN >= kLargeDenominator;
        const std::string shown = std::to_string(std::llround(meanN));
        // Counts per exposure (events per 1 000 care days) can pass 1; proportions cannot.
        if (aboveOne)
            return large ? ChartSuggestion{ChartKind::UPrime, Message(Msg::SuggestUPrimeLarge, {shown})}
                         : ChartSuggestion{ChartKind::U, Message(Msg::SuggestURate)};
        return large ? ChartSuggestion{ChartKind::PPrime, Message(Msg::SuggestPPrimeLarge, {shown})}
                     : ChartSuggestion{ChartKind::P, Message(Msg::SuggestPProportion)};
    }
    const bool counts = std::all_of(useful.begin(), useful.end(),
                                    [](const SpcInput* p) { return *p->y >= 0 && std::floor(*p->y) == *p->y; });
    return counts ? ChartSuggestion{ChartKind::C, Message(Msg::SuggestCCounts)}
                  : ChartSuggestion{ChartKind::I, Message(Msg::SuggestIMeasurements)};
}

}  // namespace stegvis
