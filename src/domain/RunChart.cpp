#include "domain/RunChart.hpp"

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
const char* const kUseNa = " (use NA for a missing value)";


std::string JsonNumber(double v) {
    char buf[64];
    auto res = std::to_chars(buf, buf + sizeof buf, v + 0.0, std::chars_format::general, 15);  // +0.0: no "-0"
    return std::string(buf, res.ptr);
}

std::string JsonLimit(const std::optional<int>& v) { return v ? std::to_string(*v) : "null"; }
}  // namespace

std::optional<double> ParseSeriesValue(const std::string& raw, int lineNo) {
    std::string t = Trim(raw);
    if (t.empty() || ToLowerAscii(t) == "na") return std::nullopt;
    std::string number = t;
    // A decimal comma is what Excel gives Swedish users; with a dot as well it would be a thousands separator,
    // which is ambiguous, so that stays an error.
    if (std::count(number.begin(), number.end(), ',') == 1 && number.find('.') == std::string::npos)
        number[number.find(',')] = '.';
    const char* first = number.data();
    const char* last = first + number.size();
    if (first != last && *first == '+' && last - first > 1 && first[1] != '-' && first[1] != '+') ++first;
    double value = 0;
    // from_chars, unlike strtod, does not follow the locale the GUI may have set.
    auto [end, ec] = std::from_chars(first, last, value);
    if (ec == std::errc::result_out_of_range)
        throw DataError(kStdin, lineNo, "", "", "'" + t + "' is too large or too small to be used");
    if (ec != std::errc() || end != last)
        throw DataError(kStdin, lineNo, "", "", "'" + t + "' is not a number" + kUseNa);
    if (!std::isfinite(value))
        throw DataError(kStdin, lineNo, "", "", "'" + t + "' is not a finite number" + kUseNa);
    return value;
}

double Median(const Series& values) {
    std::vector<double> v;
    v.reserve(values.size());
    for (const auto& x : values)
        if (x && !std::isnan(*x)) v.push_back(*x);
    if (v.empty()) throw std::invalid_argument("the median of a series without values is not defined");
    std::sort(v.begin(), v.end());
    const size_t half = v.size() / 2;
    if (v.size() % 2) return v[half];
    // Long double as in R's mean(), so the two middle values cannot overflow when added.
    return static_cast<double>((static_cast<long double>(v[half - 1]) + v[half]) / 2);
}

int LongestRunLimit(int nUseful) {
    if (nUseful < 1) throw std::invalid_argument("LongestRunLimit needs at least one useful point");
    // log2 of an integer is never exactly x.5, so R's round-half-to-even and lround agree.
    return static_cast<int>(std::lround(std::log2(static_cast<double>(nUseful)))) + 3;
}

int CrossingsLimit(int nUseful) {
    if (nUseful < 1) throw std::invalid_argument("CrossingsLimit needs at least one useful point");
    const int m = nUseful - 1;
    // P(X <= k) = sum_{j<=k} C(m, j) / 2^m. C(m, j) passes the double range for m > 1023, so the running
    // term and sum share a power-of-two scale (values = stored * 2^scale); rescaling by 2^k is exact.
    // The products lose about 2 ulp a step, far below how close any tail sum comes to 0.05.
    double term = 1.0;  // C(m, 0)
    double sum = 0.0;
    int scale = 0;
    for (int k = 0; k < m; ++k) {
        sum += term;
        if (std::ldexp(sum, scale - m) >= 0.05) return k;
        term = term * (m - k) / (k + 1);
        if (term > 0x1p900) {
            term = std::ldexp(term, -900);
            sum = std::ldexp(sum, -900);
            scale += 900;
        }
    }
    return m;  // P(X <= m) = 1
}

RunAnalysis AnalyseRuns(const Series& values, double centre) {
    if (std::isnan(centre)) throw std::invalid_argument("the centre line is not a number");
    RunAnalysis r;
    r.centre = centre;
    r.side.assign(values.size(), 0);

    std::vector<int> useful;  // input indices of the useful points, in order
    int runs = 0;
    int runSide = 0;
    size_t runStart = 0;  // index into `useful`
    int runLength = 0;
    size_t bestStart = 0;
    for (size_t i = 0; i < values.size(); ++i) {
        const auto& v = values[i];
        if (!v || std::isnan(*v) || *v == centre) continue;
        const int s = *v > centre ? 1 : -1;
        r.side[i] = s;
        useful.push_back(static_cast<int>(i));
        if (s == runSide) {
            ++runLength;
        } else {
            ++runs;
            runSide = s;
            runStart = useful.size() - 1;
            runLength = 1;
        }
        if (runLength > r.longestRun) {  // strictly longer: the first longest run is kept
            r.longestRun = runLength;
            bestStart = runStart;
        }
    }
    r.nUseful = static_cast<int>(useful.size());
    if (r.nUseful == 0) return r;

    r.longestRunPoints.assign(useful.begin() + static_cast<std::ptrdiff_t>(bestStart),
                              useful.begin() + static_cast<std::ptrdiff_t>(bestStart) + r.longestRun);
    r.crossings = runs - 1;
    r.longestRunMax = LongestRunLimit(r.nUseful);
    r.crossingsMin = CrossingsLimit(r.nUseful);
    r.runsSignal = r.longestRun > *r.longestRunMax;
    r.crossingsSignal = r.crossings < *r.crossingsMin;
    r.signal = r.runsSignal || r.crossingsSignal;
    return r;
}

std::string RunChartJson(std::istream& in, std::optional<int> baseline) {
    if (baseline && *baseline < 1)
        throw DataError(kStdin, 0, "", "", "--baseline must be at least 1, got " + std::to_string(*baseline));

    Series values;
    std::string line;
    while (std::getline(in, line)) {
        // A UTF-8 byte order mark is what Notepad puts before the first value.
        if (values.empty() && StartsWith(line, "\xEF\xBB\xBF")) line.erase(0, 3);
        values.push_back(ParseSeriesValue(line, static_cast<int>(values.size()) + 1));
    }
    if (values.empty()) throw DataError(kStdin, 0, "", "", "no input: expected one value per line");

    const int lines = static_cast<int>(values.size());
    const int k = baseline.value_or(lines);
    if (k > lines)
        throw DataError(kStdin, 0, "", "", "--baseline " + std::to_string(k) + " is larger than the number of lines (" +
                                               std::to_string(lines) + ")");
    const Series base(values.begin(), values.begin() + k);
    if (std::none_of(base.begin(), base.end(), [](const auto& v) { return v.has_value(); })) {
        const std::string where = baseline ? "the first " + std::to_string(k) + " lines" : "the input";
        throw DataError(kStdin, 0, "", "",
                        "no value in " + where + ", only missing ones: the centre line cannot be computed");
    }

    const RunAnalysis r = AnalyseRuns(values, Median(base));
    std::ostringstream out;
    out << "{\"n_useful\":" << r.nUseful << ",\"longest_run\":" << r.longestRun
        << ",\"longest_run_max\":" << JsonLimit(r.longestRunMax) << ",\"crossings\":" << r.crossings
        << ",\"crossings_min\":" << JsonLimit(r.crossingsMin) << ",\"centre\":" << JsonNumber(r.centre)
        << ",\"signal\":" << (r.signal ? "true" : "false") << "}\n";
    return out.str();
}

}  // namespace stegvis
