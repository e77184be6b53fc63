// Runs analysis of a run chart with the Anhøj rules, computed exactly as the R package qicharts2 does it
// (runs.analysis() in qicharts2/R/helper.functions.R), so a team's chart here agrees with the one their
// region draws in R.
#pragma once
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace stegvis {

// One value per period; std::nullopt is a period without data (a gap, never 0).
using Series = std::vector<std::optional<double>>;

// Median of the non-missing values (the mean of the two middle values for an even count).
// Throws std::invalid_argument if there are none.
double Median(const Series& values);

// Upper limit for the longest run: round(log2(n)) + 3 (Schilling 2012). Requires n >= 1.
int LongestRunLimit(int nUseful);

// Lower limit for the number of crossings: qbinom(0.05, n - 1, 0.5) (Chen 2010), the smallest c with
// P(X <= c) >= 0.05 for X ~ Binomial(n - 1, 0.5). Requires n >= 1.
int CrossingsLimit(int nUseful);

struct RunAnalysis {
    double centre = 0;
    int nUseful = 0;  // points neither missing nor exactly on the centre line
    int longestRun = 0;
    std::optional<int> longestRunMax;  // nullopt when nUseful == 0
    int crossings = 0;
    std::optional<int> crossingsMin;  // nullopt when nUseful == 0
    bool runsSignal = false;          // longestRun > longestRunMax
    bool crossingsSignal = false;     // crossings < crossingsMin
    bool signal = false;
    std::vector<int> side;              // per input point: +1 above, -1 below, 0 on the centre line or missing
    std::vector<int> longestRunPoints;  // input indices of the points forming the (first) longest run
};

// Missing points and points on the centre line are skipped: they neither break nor extend a run.
// A NaN value counts as missing (as in R); a NaN centre throws std::invalid_argument.
RunAnalysis AnalyseRuns(const Series& values, double centre);

// One value as the command line reads it (stdin, line `lineNo`): "NA" or blank is missing,
// whitespace around it is ignored, a decimal comma is read as a point, and the C locale is used
// whatever the window set. Throws DataError (file "stdin", the line) when it is not a finite number.
std::optional<double> ParseSeriesValue(const std::string& raw, int lineNo);

// The `stegvis runchart [--baseline K]` contract. Reads one value per line from `in`: "NA" or a blank line
// is a missing value, surrounding whitespace is ignored and a decimal comma ("3,5") is read as 3.5. The centre
// is the median of the non-missing values among the first K lines (all lines when baseline is nullopt); the
// analysis covers all lines. Returns one JSON object on one line, ending in "\n":
//   {"n_useful":22,"longest_run":4,"longest_run_max":7,"crossings":9,"crossings_min":7,"centre":174,"signal":false}
// Limits that are not defined print as null; the centre has up to 15 significant digits.
// Throws DataError (file "stdin", 1-based line, or 0 where no single line is at fault) on bad input.
std::string RunChartJson(std::istream& in, std::optional<int> baseline);

}  // namespace stegvis
