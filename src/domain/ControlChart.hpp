// Shewhart control charts beside the run chart: I, C, P, P' (Laney), U and U' (Laney), computed as
// the R package qicharts2 (0.8.1) computes them, so a team's chart here agrees with the one their
// region draws in R. The runs analysis (Anhøj rules, RunChart.hpp) is applied around the centre line.
#pragma once
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/Message.hpp"
#include "domain/RunChart.hpp"

namespace stegvis {

// The chart a measure is drawn as (kChartKinds in Vocabulary.hpp): its key, stored and the CLI's --chart.
const char* ChartKindKey(ChartKind kind);
std::optional<ChartKind> ParseChartKind(std::string_view key);
// P, P', U and U' read a numerator and a denominator per period; I and C one value.
bool NeedsDenominator(ChartKind kind);

// One period: `y` the value (I), the count (C) or the numerator (P, P', U, U'); `n` the
// denominator (P, P', U, U' only). A missing `y` (or, where one is needed, `n`) is a gap.
struct SpcInput {
    std::optional<double> y;
    std::optional<double> n;
};

struct ControlChart {
    ChartKind kind = ChartKind::I;
    double centre = 0;  // the mean (I, C) or sum(y)/sum(n) (P, P', U, U') of the baseline points
    // Per input period, the same length as the input. `value` is y for I and C, y/n for the others
    // (a proportion or rate, not a percentage); all three are nullopt at a gap.
    std::vector<std::optional<double>> value, lcl, ucl;
    std::vector<bool> sigmaSignal;  // strictly outside its limits
    std::optional<double> sigmaZ;   // P' and U': Laney's sigma of the z-scores
    RunAnalysis runs;               // around `centre`, over all periods
    size_t baselinePeriods = 0;     // how many leading periods the centre and sigma come from
};

// Computes the chart; the centre line and sigma come from the first `baseline` periods (all when
// nullopt or longer than the data), which is how a frozen baseline fixes them; later periods get
// limits from them. Sigma: I, the mean moving range between neighbouring baseline points (none
// across a gap) / 1.128, after Nelson's screening (ranges of 3.267 × the mean or more dropped);
// C √CL; P √(CL(1−CL)/n); U √(CL/n); P′ and U′ that times σz, the same moving-range sigma of the
// baseline's z-scores. Limits CL ± 3 sigma, in [0, 1] for P and P′ and at least 0 for C, U and U′;
// none where sigma cannot be estimated (an I or Laney baseline with no moving range left).
// Throws std::invalid_argument with a plain English reason when the baseline has no point, when a
// P or P' numerator exceeds its denominator, when a count (C, P, U) or denominator is negative, a
// value is not finite, or when a denominator is 0. An I chart's values may be negative.
ControlChart ComputeControlChart(ChartKind kind, const std::vector<SpcInput>& points, std::optional<size_t> baseline);

// The `stegvis spc --chart KIND [--baseline K]` contract: one period per line on `in` (a value for i
// and c, "numerator;denominator" for p, pp, u and up; "NA" or empty is a gap; a decimal comma is
// accepted), one JSON object out:
// {"chart":"p","centre":CL,"points":[{"value":Y,"lcl":L,"ucl":U,"signal":BOOL},...],
//  "n_useful":N,"longest_run":R,"longest_run_max":RMAX,"crossings":C,"crossings_min":CMIN,
//  "runs_signal":BOOL}
// Gaps print "value":null,"lcl":null,"ucl":null; the runs fields are null when no point is useful.
// Throws DataError naming the line on bad input (line 0 for a bad --baseline or no input).
std::string SpcJson(std::istream& in, ChartKind kind, std::optional<int> baseline);

// The chart a measure's data suggests, and why in one line, e.g. "P′-diagram föreslås: nämnarna
// är stora". Fewer than 20 useful points: a run chart. A ratio: P (U if a numerator exceeds its
// denominator), the Laney version when the mean denominator is 1000 or more. Otherwise C when every
// value is a whole number of 0 or more, else I.
struct ChartSuggestion {
    ChartKind kind = ChartKind::Run;
    Message reason;
};
// `ratio`: the measure has a numerator and a denominator. `points`: its data so far.
ChartSuggestion SuggestChart(bool ratio, const std::vector<SpcInput>& points);

}  // namespace stegvis
