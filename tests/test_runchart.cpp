#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <sstream>
#include <stdexcept>

#include "domain/RunChart.hpp"
#include "base/Text.hpp"

using namespace stegvis;

namespace {
constexpr std::nullopt_t kNA = std::nullopt;

std::string Json(const std::string& input, std::optional<int> baseline = std::nullopt) {
    std::istringstream in(input);
    return RunChartJson(in, baseline);
}

DataError JsonError(const std::string& input, std::optional<int> baseline = std::nullopt) {
    try {
        Json(input, baseline);
    } catch (const DataError& e) {
        return e;
    }
    FAIL("expected a DataError for input:\n" << input);
    throw std::logic_error("unreachable");
}

// Systolic blood pressure (mm Hg) of one patient on 26 consecutive mornings (Mohammed et al. 2008), as
// analysed in Anhøj & Mohammed's book "Statistical Process Control for Health Care" (github.com/anhoej/spc4hc,
// chapter "Your First SPC Charts With Base R").
const Series kSystolic = {169, 172, 175, 174, 161, 142, 174, 171, 168, 174, 180, 194, 161,
                          181, 175, 176, 186, 166, 157, 183, 177, 171, 185, 176, 181, 174};

// 12 baseline points alternating around their median 5.5, then 10 points that all lie above it.
const Series kShift = {4, 7, 3, 8, 5, 6, 2, 9, 4.5, 6.5, 3.5, 7.5, 8, 9, 10, 8.5, 9.5, 11, 8, 9, 10, 12};

// The brute-force reference for qbinom(0.05, n - 1, 0.5): builds Pascal's triangle of Binomial(m, 0.5)
// probabilities row by row (each entry the mean of the two above it) and takes the first cumulative sum that
// reaches 0.05. Deliberately unlike CrossingsLimit's scaled running product.
std::vector<int> PascalCrossingsLimits(int maxN) {
    std::vector<int> limits(static_cast<size_t>(maxN) + 1, -1);
    std::vector<double> row = {1.0};  // Binomial(0, 0.5)
    for (int n = 1; n <= maxN; ++n) {
        if (n > 1) {
            std::vector<double> next(row.size() + 1, 0.0);
            for (size_t k = 0; k < next.size(); ++k)
                next[k] = 0.5 * ((k > 0 ? row[k - 1] : 0.0) + (k < row.size() ? row[k] : 0.0));
            row.swap(next);
        }
        double cdf = 0;
        for (size_t c = 0; c < row.size(); ++c) {
            cdf += row[c];
            if (cdf >= 0.05) {
                limits[static_cast<size_t>(n)] = static_cast<int>(c);
                break;
            }
        }
    }
    return limits;
}
}  // namespace

// ---- limits ----

TEST_CASE("Run chart limits for n = 10..100 match the published table", "[runchart]") {
    // "Critical values for longest run and number of crossings", n = 10..100: qicharts2 vignette, Appendix 2
    // (anhoej/qicharts2), repeated in the pbcharts README (anhoej/pbcharts). Column 2: a longest run *longer*
    // than this signals; column 3: *fewer* crossings than this signal.
    const int kLongest[91] = {
        6,  6,  7,  7,  7,  7,  7,  7,  7,  7,  7,  7,  7,  8,  8,  8,  8,  8,  8,  8,  8,  8,  8,   // n = 10..32
        8,  8,  8,  8,  8,  8,  8,  8,  8,  8,  8,  8,  8,  9,  9,  9,  9,  9,  9,  9,  9,  9,  9,   // n = 33..55
        9,  9,  9,  9,  9,  9,  9,  9,  9,  9,  9,  9,  9,  9,  9,  9,  9,  9,  9,  9,  9,  9,  9,   // n = 56..78
        9,  9,  9,  9,  9,  9,  9,  9,  9,  9,  9,  9,  10, 10, 10, 10, 10, 10, 10, 10, 10, 10};    // n = 79..100
    const int kCrossings[91] = {
        2,  2,  3,  3,  4,  4,  4,  5,  5,  6,  6,  6,  7,  7,  8,  8,  8,  9,  9,  10, 10, 11, 11,  // n = 10..32
        11, 12, 12, 13, 13, 14, 14, 14, 15, 15, 16, 16, 17, 17, 17, 18, 18, 19, 19, 20, 20, 21, 21,  // n = 33..55
        21, 22, 22, 23, 23, 24, 24, 25, 25, 25, 26, 26, 27, 27, 28, 28, 29, 29, 29, 30, 30, 31, 31,  // n = 56..78
        32, 32, 33, 33, 34, 34, 34, 35, 35, 36, 36, 37, 37, 38, 38, 39, 39, 39, 40, 40, 41, 41};     // n = 79..100
    for (int n = 10; n <= 100; ++n) {
        INFO("n = " << n);
        CHECK(LongestRunLimit(n) == kLongest[n - 10]);
        CHECK(CrossingsLimit(n) == kCrossings[n - 10]);
    }
    // The rows quoted in the text of the vignette and of Anhøj's book (24 points: more than 8 / fewer than 8)
    // and the ones the brief gives.
    CHECK(LongestRunLimit(24) == 8);
    CHECK(CrossingsLimit(24) == 8);
    CHECK(LongestRunLimit(10) == 6);
    CHECK(CrossingsLimit(10) == 2);
    CHECK(LongestRunLimit(20) == 7);
    CHECK(CrossingsLimit(20) == 6);
    CHECK(LongestRunLimit(30) == 8);
    CHECK(CrossingsLimit(30) == 10);
}

TEST_CASE("Crossings limit agrees with a brute-force binomial for n = 1..1200", "[runchart]") {
    const std::vector<int> expected = PascalCrossingsLimits(1200);
    for (int n = 1; n <= 1200; ++n) {
        INFO("n = " << n);
        REQUIRE(CrossingsLimit(n) == expected[static_cast<size_t>(n)]);
    }
}

TEST_CASE("Limits for small and large n", "[runchart]") {
    // qbinom(0.05, n - 1, 0.5) for n = 1..9, with m = n - 1 trials: P(X = 0) = 2^-m is at least 0.05 up to
    // m = 4 (1/16), so the limit is 0. For m = 5, 6, 7, P(X = 0) < 0.05 but P(X <= 1) = 6/32, 7/64, 8/128 is
    // not: 1. For m = 8, P(X <= 1) = 9/256 < 0.05 and P(X <= 2) = 37/256: 2.
    const int kSmall[9] = {0, 0, 0, 0, 0, 1, 1, 1, 2};
    for (int n = 1; n <= 9; ++n) {
        INFO("n = " << n);
        CHECK(CrossingsLimit(n) == kSmall[n - 1]);
    }
    // round(log2(n)) + 3: log2 1 = 0, log2 2 = 1, log2 3 = 1.58, log2 5 = 2.32, log2 6 = 2.58, log2 11 = 3.46,
    // log2 12 = 3.58; powers of two are exact.
    CHECK(LongestRunLimit(1) == 3);
    CHECK(LongestRunLimit(2) == 4);
    CHECK(LongestRunLimit(3) == 5);
    CHECK(LongestRunLimit(5) == 5);
    CHECK(LongestRunLimit(6) == 6);
    CHECK(LongestRunLimit(11) == 6);
    CHECK(LongestRunLimit(12) == 7);
    CHECK(LongestRunLimit(64) == 9);
    CHECK(LongestRunLimit(1024) == 13);
    // Beyond the published table (weekly data for ten years and more): values computed exactly with big
    // integers (smallest c with 20 * sum_{k<=c} C(n-1, k) >= 2^(n-1)).
    CHECK(CrossingsLimit(101) == 42);
    CHECK(CrossingsLimit(365) == 166);
    CHECK(CrossingsLimit(520) == 241);
    CHECK(LongestRunLimit(520) == 12);
    CHECK(CrossingsLimit(1000) == 474);
    CHECK(CrossingsLimit(2000) == 963);
    CHECK(CrossingsLimit(5000) == 2441);
    CHECK(LongestRunLimit(5000) == 15);
    CHECK(CrossingsLimit(10000) == 4917);

    CHECK_THROWS_AS(LongestRunLimit(0), std::invalid_argument);
    CHECK_THROWS_AS(CrossingsLimit(0), std::invalid_argument);
    CHECK_THROWS_AS(CrossingsLimit(-3), std::invalid_argument);
}

// ---- median ----

TEST_CASE("Median of the non-missing values", "[runchart]") {
    CHECK(Median({5, 1, 3}) == 3);                        // odd count: the middle of 1 3 5
    CHECK(Median({1, 3, kNA, 10, 4}) == 3.5);             // even: 1 3 4 10 -> (3 + 4) / 2
    CHECK(Median({-2, kNA, kNA}) == -2);                  // missing values are ignored, not zeros
    CHECK(Median({2, 1}) == 1.5);                         // the mean of the two middle values
    CHECK(Median({1e308, 1.7e308}) == Approx(1.35e308));  // their sum would overflow a double
    CHECK(Median({2, 2, 2, 9}) == 2);
    CHECK_THROWS_AS(Median({}), std::invalid_argument);
    CHECK_THROWS_AS(Median({kNA, kNA}), std::invalid_argument);
}

// ---- analysis ----

TEST_CASE("Published example: systolic blood pressure, no signal", "[runchart]") {
    // Anhøj & Mohammed: the median is 174; four points (#4, #7, #10, #26) lie on it, leaving 22 useful points;
    // the longest run has 4 points and the curve crosses the centre line 9 times; both limits are 7 for 22
    // useful points, so there is no sign of a persistent shift.
    const double centre = Median(kSystolic);
    CHECK(centre == 174);
    const RunAnalysis r = AnalyseRuns(kSystolic, centre);
    CHECK(r.centre == 174);
    CHECK(r.nUseful == 22);
    CHECK(r.longestRun == 4);
    CHECK(r.crossings == 9);
    CHECK(r.longestRunMax == 7);
    CHECK(r.crossingsMin == 7);
    CHECK_FALSE(r.runsSignal);
    CHECK_FALSE(r.crossingsSignal);
    CHECK_FALSE(r.signal);
    // Sides: - - + 0 - - 0 - - 0 + + - + + + + - - + + - + + + 0
    const std::vector<int> side = {-1, -1, 1, 0, -1, -1, 0, -1, -1, 0,  1, 1, -1,
                                   1,  1,  1, 1, -1, -1, 1, 1,  -1, 1, 1, 1,  0};
    CHECK(r.side == side);
    // Two runs have 4 points: the book names #14-#17, but the first is #5 #6 #8 #9 (the point on the centre line
    // at #7 does not break it), and that is the one reported.
    CHECK(r.longestRunPoints == std::vector<int>{4, 5, 7, 8});
}

TEST_CASE("Published example: pbc(1:11) signals by too few crossings", "[runchart]") {
    // The pbcharts README shows 1..11 as its example of a runs signal. The centre is 6 (mean and median), which
    // drops point 6: 10 useful points in one run of 5 below and one of 5 above. Longest run 5 <= 6, but one
    // crossing < 2.
    Series y;
    for (int i = 1; i <= 11; ++i) y.push_back(i);
    const RunAnalysis r = AnalyseRuns(y, Median(y));
    CHECK(r.centre == 6);
    CHECK(r.nUseful == 10);
    CHECK(r.longestRun == 5);
    CHECK(r.longestRunMax == 6);
    CHECK(r.crossings == 1);
    CHECK(r.crossingsMin == 2);
    CHECK_FALSE(r.runsSignal);
    CHECK(r.crossingsSignal);
    CHECK(r.signal);
    CHECK(r.longestRunPoints == std::vector<int>{0, 1, 2, 3, 4});
}

TEST_CASE("Ties on the centre line are dropped and reduce n", "[runchart]") {
    // 1 2 2 2 3 around 2: three points on the line; useful: 1 (below), 3 (above) -> n = 2, two runs of 1,
    // one crossing. Limits for n = 2: round(log2 2) + 3 = 4; qbinom(0.05, 1, 0.5) = 0. No signal.
    const RunAnalysis r = AnalyseRuns({1, 2, 2, 2, 3}, 2);
    CHECK(r.nUseful == 2);
    CHECK(r.side == std::vector<int>{-1, 0, 0, 0, 1});
    CHECK(r.longestRun == 1);
    CHECK(r.crossings == 1);
    CHECK(r.longestRunMax == 4);
    CHECK(r.crossingsMin == 0);
    CHECK_FALSE(r.signal);
    CHECK(r.longestRunPoints == std::vector<int>{0});
}

TEST_CASE("Missing points are skipped and do not break a run", "[runchart]") {
    // Centre 4: 5 NA 6 7 NA 1 2 -> above, gap, above, above, gap, below, below. Useful n = 5 in two runs:
    // {5, 6, 7} at indices 0 2 3 and {1, 2} at 5 6 -> longest 3, one crossing.
    const RunAnalysis r = AnalyseRuns({5, kNA, 6, 7, kNA, 1, 2}, 4);
    CHECK(r.nUseful == 5);
    CHECK(r.side == std::vector<int>{1, 0, 1, 1, 0, -1, -1});
    CHECK(r.longestRun == 3);
    CHECK(r.crossings == 1);
    CHECK(r.longestRunPoints == std::vector<int>{0, 2, 3});
    CHECK(r.longestRunMax == 5);  // round(log2 5 = 2.32) + 3
    CHECK(r.crossingsMin == 0);   // P(X = 0) = 1/16 >= 0.05 for Binomial(4, 0.5)
    CHECK_FALSE(r.signal);

    // A NaN counts as missing, as sign(NaN) is NA in R.
    const RunAnalysis n = AnalyseRuns({5, std::numeric_limits<double>::quiet_NaN(), 6}, 4);
    CHECK(n.nUseful == 2);
    CHECK(n.longestRun == 2);
    CHECK(n.side == std::vector<int>{1, 0, 1});
}

TEST_CASE("A single point", "[runchart]") {
    // Its own median: on the centre line, nothing useful.
    const RunAnalysis own = AnalyseRuns({3}, Median({3}));
    CHECK(own.nUseful == 0);
    CHECK_FALSE(own.longestRunMax.has_value());
    CHECK_FALSE(own.signal);
    // Against another centre: one run of one, no crossing; limits 3 and qbinom(0.05, 0, 0.5) = 0.
    const RunAnalysis r = AnalyseRuns({3}, 1);
    CHECK(r.nUseful == 1);
    CHECK(r.longestRun == 1);
    CHECK(r.crossings == 0);
    CHECK(r.longestRunMax == 3);
    CHECK(r.crossingsMin == 0);
    CHECK_FALSE(r.signal);
    CHECK(r.longestRunPoints == std::vector<int>{0});
}

TEST_CASE("All points on the centre line: no useful points, limits undefined", "[runchart]") {
    const RunAnalysis r = AnalyseRuns({4, 4, kNA, 4, 4}, 4);
    CHECK(r.centre == 4);
    CHECK(r.nUseful == 0);
    CHECK(r.longestRun == 0);
    CHECK(r.crossings == 0);
    CHECK_FALSE(r.longestRunMax.has_value());
    CHECK_FALSE(r.crossingsMin.has_value());
    CHECK_FALSE(r.runsSignal);
    CHECK_FALSE(r.crossingsSignal);
    CHECK_FALSE(r.signal);
    CHECK(r.side == std::vector<int>{0, 0, 0, 0, 0});
    CHECK(r.longestRunPoints.empty());

    const RunAnalysis empty = AnalyseRuns({}, 0);
    CHECK(empty.nUseful == 0);
    CHECK(empty.side.empty());
    CHECK_THROWS_AS(AnalyseRuns({1, 2}, std::numeric_limits<double>::quiet_NaN()), std::invalid_argument);
}

TEST_CASE("An even-length median as centre", "[runchart]") {
    // 1 3 NA 10 4: non-missing sorted 1 3 4 10 -> (3 + 4) / 2 = 3.5. Sides - - . + + -> runs {1,3}, {10,4}.
    const Series y = {1, 3, kNA, 10, 4};
    const RunAnalysis r = AnalyseRuns(y, Median(y));
    CHECK(r.centre == 3.5);
    CHECK(r.nUseful == 4);
    CHECK(r.side == std::vector<int>{-1, -1, 0, 1, 1});
    CHECK(r.longestRun == 2);
    CHECK(r.crossings == 1);
    CHECK(r.longestRunPoints == std::vector<int>{0, 1});
}

TEST_CASE("A shift after a 12-point baseline signals by the longest run", "[runchart]") {
    // Baseline 4 7 3 8 5 6 2 9 4.5 6.5 3.5 7.5, sorted 2 3 3.5 4 4.5 5 | 6 6.5 7 7.5 8 9 -> median (5 + 6) / 2
    // = 5.5. The baseline alternates - + - + ... ending above (7.5), so it holds 12 runs of one point. The 10
    // pilot points (8..12) are all above 5.5 and extend the last baseline run: 1 + 10 = 11 points.
    // n = 22: longest run 11 > 7 signals; 12 runs give 11 crossings, not fewer than 7.
    const Series baseline(kShift.begin(), kShift.begin() + 12);
    const double centre = Median(baseline);
    CHECK(centre == 5.5);
    const RunAnalysis r = AnalyseRuns(kShift, centre);
    CHECK(r.nUseful == 22);
    CHECK(r.longestRun == 11);
    CHECK(r.longestRunMax == 7);
    CHECK(r.crossings == 11);
    CHECK(r.crossingsMin == 7);
    CHECK(r.runsSignal);
    CHECK_FALSE(r.crossingsSignal);
    CHECK(r.signal);
    CHECK(r.longestRunPoints == std::vector<int>{11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21});
}

TEST_CASE("Too few crossings signal without a long run", "[runchart]") {
    // Blocks of five: 1 2 1 2 1 | 9 8 9 8 9 | 1 2 1 2 1 | 9 8 9 8 9. Sorted, the 10th and 11th values are 2 and
    // 8 -> median 5. Four runs of 5: longest 5 <= 7 (n = 20), but 3 crossings < 6.
    const Series y = {1, 2, 1, 2, 1, 9, 8, 9, 8, 9, 1, 2, 1, 2, 1, 9, 8, 9, 8, 9};
    const RunAnalysis r = AnalyseRuns(y, Median(y));
    CHECK(r.centre == 5);
    CHECK(r.nUseful == 20);
    CHECK(r.longestRun == 5);
    CHECK(r.longestRunMax == 7);
    CHECK(r.crossings == 3);
    CHECK(r.crossingsMin == 6);
    CHECK_FALSE(r.runsSignal);
    CHECK(r.crossingsSignal);
    CHECK(r.signal);
    CHECK(r.longestRunPoints == std::vector<int>{0, 1, 2, 3, 4});
}

TEST_CASE("A random-looking series gives no signal", "[runchart]") {
    // The first 20 decimals of pi: 3 1 4 1 5 9 2 6 5 3 5 8 9 7 9 3 2 3 8 4. Sorted, the 10th and 11th values are
    // 4 and 5 -> median 4.5, no ties. Sides: ---- ++ - ++ - +++++ --- + - -> 9 runs of 4 2 1 2 1 5 3 1 1:
    // longest 5 <= 7 and 8 crossings >= 6.
    const Series y = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3, 2, 3, 8, 4};
    const RunAnalysis r = AnalyseRuns(y, Median(y));
    CHECK(r.centre == 4.5);
    CHECK(r.nUseful == 20);
    CHECK(r.longestRun == 5);
    CHECK(r.crossings == 8);
    CHECK(r.longestRunMax == 7);
    CHECK(r.crossingsMin == 6);
    CHECK_FALSE(r.signal);
    CHECK(r.side == std::vector<int>{-1, -1, -1, -1, 1, 1, -1, 1, 1, -1, 1, 1, 1, 1, 1, -1, -1, -1, 1, -1});
    CHECK(r.longestRunPoints == std::vector<int>{10, 11, 12, 13, 14});
}

TEST_CASE("Ten years of weekly points", "[runchart]") {
    // 520 points alternating around 0: 520 runs of one, 519 crossings; limits 12 and 241.
    Series y;
    for (int i = 0; i < 520; ++i) y.push_back(i % 2 ? 1.0 : -1.0);
    const RunAnalysis r = AnalyseRuns(y, 0);
    CHECK(r.nUseful == 520);
    CHECK(r.longestRun == 1);
    CHECK(r.crossings == 519);
    CHECK(r.longestRunMax == 12);
    CHECK(r.crossingsMin == 241);
    CHECK_FALSE(r.signal);
}

// ---- the `stegvis runchart` contract ----

TEST_CASE("RunChartJson prints one JSON line in the contract's key order", "[runchart]") {
    // 1..5: median 3 drops the middle point; - - + + -> n 4, longest 2, 1 crossing; limits round(log2 4) + 3 = 5
    // and qbinom(0.05, 3, 0.5) = 0 (P(X = 0) = 1/8).
    CHECK(Json("1\n2\n3\n4\n5\n") ==
          "{\"n_useful\":4,\"longest_run\":2,\"longest_run_max\":5,\"crossings\":1,\"crossings_min\":0,"
          "\"centre\":3,\"signal\":false}\n");
    // No final newline, Windows line ends: same result.
    CHECK(Json("1\r\n2\r\n3\r\n4\r\n5") == Json("1\n2\n3\n4\n5\n"));

    std::string systolic;
    for (const auto& v : kSystolic) systolic += std::to_string(static_cast<int>(*v)) + "\n";
    CHECK(Json(systolic) ==
          "{\"n_useful\":22,\"longest_run\":4,\"longest_run_max\":7,\"crossings\":9,\"crossings_min\":7,"
          "\"centre\":174,\"signal\":false}\n");
}

TEST_CASE("RunChartJson with --baseline freezes the centre on the first K lines", "[runchart]") {
    const std::string input =
        "4\n7\n3\n8\n5\n6\n2\n9\n4.5\n6.5\n3.5\n7.5\n8\n9\n10\n8.5\n9.5\n11\n8\n9\n10\n12\n";
    // As in the shift test above: centre 5.5 from the 12 baseline lines, the run of 11 signals.
    CHECK(Json(input, 12) ==
          "{\"n_useful\":22,\"longest_run\":11,\"longest_run_max\":7,\"crossings\":11,\"crossings_min\":7,"
          "\"centre\":5.5,\"signal\":true}\n");
    // Without a baseline the median of all 22 values, sorted ... 7.5 8 | 8 8 8.5 ..., is 8; the three 8s are
    // dropped (n 19). Sides: --- . --- + ---- . +++++ . +++ -> runs 3+3, 1, 4, 5+3 = 8: longest 8 > 7;
    // 3 crossings < 6. Both rules signal.
    CHECK(Json(input) ==
          "{\"n_useful\":19,\"longest_run\":8,\"longest_run_max\":7,\"crossings\":3,\"crossings_min\":6,"
          "\"centre\":8,\"signal\":true}\n");
    // K equal to the number of lines is the same as no baseline.
    CHECK(Json(input, 22) == Json(input));
    // K = 1: the centre is the first value, 4, which drops that point. Only 3, 2 and 3.5 lie below it:
    // + - +++ - +++ - then 7.5 and the 10 pilot points -> runs 1 1 3 1 3 1 11: n 21, longest 11 > 7 signals;
    // 6 crossings are not fewer than qbinom(0.05, 20, 0.5) = 6.
    CHECK(Json(input, 1) ==
          "{\"n_useful\":21,\"longest_run\":11,\"longest_run_max\":7,\"crossings\":6,\"crossings_min\":6,"
          "\"centre\":4,\"signal\":true}\n");
}

TEST_CASE("RunChartJson reads NA, blank lines, whitespace and decimal commas", "[runchart]") {
    // Values 3.5 (decimal comma), 1, 4, 2.25; the rest missing. Median of 1 2.25 3.5 4 = (2.25 + 3.5) / 2 = 2.875.
    // Sides + - + - -> 4 runs of one, 3 crossings; limits for n 4: 5 and 0.
    const std::string input = "3,5\nNA\n\n   \n  1 \t\nna\n4\n2,25\n";
    CHECK(Json(input) ==
          "{\"n_useful\":4,\"longest_run\":1,\"longest_run_max\":5,\"crossings\":3,\"crossings_min\":0,"
          "\"centre\":2.875,\"signal\":false}\n");
    // A baseline of K lines counts the missing lines too: the first 4 lines hold only 3.5, which is then on the
    // centre line; 1 - 4 + 2.25 - are 3 useful points in 3 runs. With 5 lines (3.5 and 1) the centre is 2.25.
    CHECK(Json(input, 5).find("\"centre\":2.25,") != std::string::npos);
    CHECK(Json(input, 4) ==
          "{\"n_useful\":3,\"longest_run\":1,\"longest_run_max\":5,\"crossings\":2,\"crossings_min\":0,"
          "\"centre\":3.5,\"signal\":false}\n");
    // Up to 15 significant digits, no trailing zeros: (0.1 + 0.2) / 2 is 0.15000000000000002 in binary.
    CHECK(Json("0,1\n0,2\n").find("\"centre\":0.15,") != std::string::npos);
    CHECK(Json("0.333333333333333333\n").find("\"centre\":0.333333333333333,") != std::string::npos);
    CHECK(Json("-2.5\n+1e3\n-7\n").find("\"centre\":-2.5,") != std::string::npos);
    // A UTF-8 byte order mark before the first value is ignored.
    CHECK(Json("\xEF\xBB\xBF" "2\n") == Json("2\n"));
}

TEST_CASE("RunChartJson prints null limits when no point is useful", "[runchart]") {
    CHECK(Json("2\n2\nNA\n2\n") ==
          "{\"n_useful\":0,\"longest_run\":0,\"longest_run_max\":null,\"crossings\":0,\"crossings_min\":null,"
          "\"centre\":2,\"signal\":false}\n");
}

TEST_CASE("RunChartJson rejects bad input with the line and a clear reason", "[runchart]") {
    DataError e = JsonError("1\n2\n3\nabc\n5\n");
    CHECK(e.File() == "stdin");
    CHECK(e.Line() == 4);
    CHECK(std::string(e.what()) == "stdin:4: 'abc' is not a number (use NA for a missing value)");

    e = JsonError("1\ninf\n");
    CHECK(e.Line() == 2);
    CHECK(e.Why() == "'inf' is not a finite number (use NA for a missing value)");
    e = JsonError("1\n2\n-Infinity\n");
    CHECK(e.Line() == 3);
    CHECK_THAT(e.Why(), Catch::Contains("not a finite number"));
    e = JsonError("nan\n");
    CHECK(e.Line() == 1);
    CHECK_THAT(e.Why(), Catch::Contains("not a finite number"));
    e = JsonError("1\n1e999\n");
    CHECK(e.Line() == 2);
    CHECK_THAT(e.Why(), Catch::Contains("'1e999' is too large or too small"));
    // Thousands separators and stray text are not guessed at.
    e = JsonError("1\n2\n1,234.5\n");
    CHECK(e.Line() == 3);
    CHECK(e.Why() == "'1,234.5' is not a number (use NA for a missing value)");
    CHECK(JsonError("1,2,3\n").Line() == 1);
    CHECK(JsonError("5 %\n").Line() == 1);
    CHECK(JsonError("1\n\n3 4\n").Line() == 3);

    e = JsonError("");
    CHECK(e.Line() == 0);
    CHECK(std::string(e.what()) == "stdin: no input: expected one value per line");

    e = JsonError("1\n2\n", 0);
    CHECK(std::string(e.what()) == "stdin: --baseline must be at least 1, got 0");
    CHECK_THAT(JsonError("1\n2\n", -3).Why(), Catch::Contains("at least 1, got -3"));

    e = JsonError("1\n2\n3\n", 4);
    CHECK(std::string(e.what()) == "stdin: --baseline 4 is larger than the number of lines (3)");

    e = JsonError("NA\n\n5\n", 2);
    CHECK(e.Line() == 0);
    CHECK(e.Why() == "no value in the first 2 lines, only missing ones: the centre line cannot be computed");
    e = JsonError("NA\n\n");
    CHECK(e.Why() == "no value in the input, only missing ones: the centre line cannot be computed");
}
