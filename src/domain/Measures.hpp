// Steps 12-15: measures, their data by period, pasted data, and the run chart split into parts
// (baseline, one per PDSA cycle, full scale), each analysed against the frozen baseline median.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "domain/Message.hpp"
#include "domain/Model.hpp"
#include "domain/Inventory.hpp"
#include "domain/ControlChart.hpp"
#include "domain/RunChart.hpp"

namespace stegvis {

// The period a date falls in: the Monday of its week, or the first of its month.
std::string PeriodStart(const std::string& isoDate, const std::string& period);
std::string NextPeriod(const std::string& periodStart, const std::string& period);

// One point of a measure. Ratio measures keep numerator and denominator; the value is
// 100 * numerator / denominator (a percentage).
struct MeasurePoint {
    std::string period;  // period start, YYYY-MM-DD
    double numerator = 0;
    std::optional<double> denominator;
    std::string note;
    std::optional<double> Value() const;
};
std::vector<MeasurePoint> PointsOf(const ProjectModel& m, int64_t measure);

// ---- pasted text from a case system ----
struct PastedLine {
    int line = 0;
    bool accepted = false;
    std::string period;  // normalised period start
    double numerator = 0;
    std::optional<double> denominator;
    std::optional<Message> why;  // when rejected
};
// "date;value" or "date;numerator;denominator" per line, separated by ; or tab (or , when
// values use a decimal point); dates YYYY-MM-DD (or YYYY-MM for months); decimal comma
// accepted. A header line is recognised and skipped. Later lines for the same period replace
// earlier ones (reported).
// Lines dated in a period that begins after `today` (default: the real today) are refused.
std::vector<PastedLine> ParsePasted(const std::string& text, bool ratio, const std::string& period,
                                    const std::string& today = "");

// ---- the run chart ----
enum class PartKind { Baseline, AfterBaseline, Cycle, FullScale, Unfrozen };
struct ChartPart {
    std::string label;      // "Baslinje", the PDSA cycle's title, "Full skala" (Swedish, for reports)
    PartKind kind = PartKind::Cycle;
    std::string from;       // first period of the part
    size_t first = 0, last = 0;  // index range into Chart::periods (inclusive)
    RunAnalysis analysis;   // against the frozen baseline median (a control chart's mean)
    bool sigmaSignal = false;  // a control chart's point of this part lies outside its limits
    bool analysed = false;  // false when the part has no points
    // +1 the signal points the improving way, -1 the wrong way, 0 no signal or neutral measure
    int verdict = 0;
};
struct Chart {
    std::vector<std::string> periods;           // every period from the first point to the last, gaps included
    Series values;                              // same length; nullopt = a gap
    std::vector<std::string> notes;             // same length
    std::optional<double> centre;               // median of the frozen baseline; nullopt until frozen
    int baselinePoints = 0;
    std::vector<ChartPart> parts;
    // The control chart, when the measure is drawn as one (its `chart` field) and its baseline has
    // points: on this chart's scale (a share in per cent), the centre the baseline's mean, limits
    // per period. The parts are then analysed around that mean. Unset for a run chart.
    std::optional<ControlChart> control;
    // The chosen chart needs a numerator and a denominator, and the measure is a count: drawn as
    // a run chart instead.
    bool controlNeedsRatio = false;
    // The chart the data suggests (step 12 offers it), worked out with the chart.
    ChartSuggestion suggestion;
};
// The part's name in the interface's language (a cycle keeps its own words).
std::string PartLabel(const ChartPart& part, bool english);
// The points of a control chart that lie outside their limits, in period order.
struct SigmaPoint {
    size_t index = 0;  // into Chart::periods
    bool above = false;
    double value = 0, limit = 0;
};
std::vector<SigmaPoint> SigmaPoints(const Chart& chart);

// The chart kind a measure is drawn as (an empty or unknown `chart` is a run chart).
ChartKind ChartKindOf(const Record& measure);
// Parts start at the baseline, at each PDSA cycle's start date, and at `fullScaleFrom`.
// Points of periods that begin after `today` (default: the real today) are left out.
Chart BuildChart(const ProjectModel& m, const Record& measure, const std::string& fullScaleFrom,
                 const std::string& today = "");

// The chart as a self-contained SVG element (for HTML reports): points and lines with gaps,
// the baseline median, the target, the parts, and colours by verdict. All text is escaped.
std::string ChartSvg(const Chart& chart, const Record& measure, int width = 640, int height = 260);


// Suggested measures for common interventions (data/measures.tsv): rec id prefix, name, ...
struct SuggestedMeasure {
    std::string recIds;  // comma-separated catalog ids it suits, or "*"
    std::string name, definition, unit, direction, period, source;
};
std::vector<SuggestedMeasure> LoadSuggestedMeasures(const std::string& path);  // throws DataError

}  // namespace stegvis
