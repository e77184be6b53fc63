// Control charts (domain/ControlChart): published examples with their stated limits, then the
// rules one by one, then the `stegvis spc` contract through the real binary.
#include <catch2/catch.hpp>

#include <rapidjson/document.h>

#include <cmath>
#include <sstream>
#include <stdexcept>

#include "TestUtil.hpp"
#include "base/Text.hpp"
#include "domain/ControlChart.hpp"

using namespace stegvis;
using stegvis::test::RunStegvis;

namespace {
constexpr std::nullopt_t kNA = std::nullopt;

std::vector<SpcInput> Values(const std::vector<std::optional<double>>& ys) {
    std::vector<SpcInput> out;
    for (const auto& y : ys) out.push_back({y, std::nullopt});
    return out;
}

std::vector<SpcInput> Ratios(const std::vector<double>& ys, const std::vector<double>& ns) {
    REQUIRE(ys.size() == ns.size());
    std::vector<SpcInput> out;
    for (size_t i = 0; i < ys.size(); ++i) out.push_back({ys[i], ns[i]});
    return out;
}

std::vector<double> Constant(size_t count, double n) {
    return std::vector<double>(count, n);
}

// The indices (1-based, as the books number samples) of the points outside their limits.
std::vector<int> Signals(const ControlChart& c) {
    std::vector<int> out;
    for (size_t i = 0; i < c.sigmaSignal.size(); ++i)
        if (c.sigmaSignal[i]) out.push_back(static_cast<int>(i) + 1);
    return out;
}

// Mean moving range / 1.128 after Nelson's screening, written out again for the tests.
double ScreenedSigma(const std::vector<double>& x) {
    std::vector<double> mr;
    for (size_t i = 1; i < x.size(); ++i) mr.push_back(std::fabs(x[i] - x[i - 1]));
    double mean = 0;
    for (double r : mr) mean += r / static_cast<double>(mr.size());
    double kept = 0;
    int n = 0;
    for (double r : mr)
        if (r < 3.267 * mean) kept += r, ++n;
    return kept / n / 1.128;
}

std::string Spc(const std::string& input, ChartKind kind, std::optional<int> baseline = std::nullopt) {
    std::istringstream in(input);
    return SpcJson(in, kind, baseline);
}

DataError SpcError(const std::string& input, ChartKind kind, std::optional<int> baseline = std::nullopt) {
    try {
        Spc(input, kind, baseline);
    } catch (const DataError& e) {
        return e;
    }
    FAIL("expected a DataError for input:\n" << input);
    throw std::logic_error("unreachable");
}
}  // namespace

// ---- published examples ----

TEST_CASE("controlchart: Montgomery's orange-juice cans on a p chart", "[controlchart][published]") {
    // Montgomery, Introduction to Statistical Quality Control, Example 7.1: nonconforming
    // orange-juice cans in 30 samples of n = 50 (qicharts2's tbl_07.03, first 30 rows).
    // Printed: p̄ = 0.2313, UCL = 0.4102, LCL = 0.0524; samples 15 and 23 are out of control.
    const std::vector<double> d = {12, 15, 8, 10, 4,  7,  16, 9,  14, 10, 5,  6, 17, 12, 22,
                                   8,  10, 5, 13, 11, 20, 18, 24, 15, 9,  12, 7, 13, 9,  6};
    const ControlChart c = ComputeControlChart(ChartKind::P, Ratios(d, Constant(30, 50)), std::nullopt);
    CHECK(c.centre == Approx(0.2313).margin(0.00005));
    CHECK(*c.ucl[0] == Approx(0.4102).margin(0.00005));
    CHECK(*c.lcl[0] == Approx(0.0524).margin(0.00005));
    CHECK(*c.ucl[29] == *c.ucl[0]);  // one n, one pair of limits
    CHECK(Signals(c) == std::vector<int>{15, 23});
}

TEST_CASE("controlchart: Montgomery's printed-circuit boards on a c chart", "[controlchart][published]") {
    // Montgomery, Introduction to Statistical Quality Control, Example 7.3: nonconformities in 26
    // samples of 100 printed-circuit boards (qicharts2's tbl_07.08, first 26 rows).
    // Printed: c̄ = 19.85, UCL = 33.22, LCL = 6.48; samples 6 and 20 are out of control. Montgomery
    // rounds c̄ to 19.85 before taking the root, which moves the UCL by 0.01: 19.846 + 3√19.846 =
    // 33.211 (as qicharts2 computes it), hence the margin of 0.01 there.
    const std::vector<std::optional<double>> c26 = {21, 24, 16, 12, 15, 5,  28, 20, 31, 25, 20, 24, 16,
                                                    19, 10, 17, 13, 22, 18, 39, 30, 24, 16, 19, 17, 15};
    const ControlChart c = ComputeControlChart(ChartKind::C, Values(c26), std::nullopt);
    CHECK(c.centre == Approx(19.85).margin(0.005));
    CHECK(*c.ucl[0] == Approx(33.22).margin(0.01));
    CHECK(*c.lcl[0] == Approx(6.48).margin(0.005));
    CHECK(*c.ucl[0] == Approx(516.0 / 26 + 3 * std::sqrt(516.0 / 26)).epsilon(1e-12));
    CHECK(Signals(c) == std::vector<int>{6, 20});

    // The 20 further samples qicharts2's tbl_07.08 holds, against the first 26's limits (a frozen
    // baseline of 26; Montgomery revises his limits without samples 6 and 20 first, which the
    // program leaves to the user).
    std::vector<std::optional<double>> c46 = c26;
    for (double v : {16, 18, 12, 15, 24, 21, 28, 20, 25, 19, 18, 21, 16, 22, 19, 12, 14, 9, 16, 21}) c46.push_back(v);
    const ControlChart frozen = ComputeControlChart(ChartKind::C, Values(c46), size_t{26});
    CHECK(frozen.centre == c.centre);
    CHECK(*frozen.ucl[45] == *c.ucl[0]);
    CHECK(*frozen.lcl[45] == *c.lcl[0]);
    CHECK(Signals(frozen) == std::vector<int>{6, 20});
}

TEST_CASE("controlchart: Montgomery's loan-processing costs on an I chart, as qicharts2 gives them",
          "[controlchart][published]") {
    // Montgomery, Introduction to Statistical Quality Control, Example 6.5: weekly average cost of
    // processing mortgage loans, 20 weeks, then 20 more against the same limits (qicharts2's
    // tbl_06.07). Printed: x̄ = 300.5, MR̄ = 7.79, UCL = 321.22,
    // LCL = 279.78; weeks 39 and 40 are above the UCL. qicharts2 0.8.1's own test of this example
    // (tests/testthat/ex_6.5_3.rds: qic(weeks, cost, chart = 'i', freeze = 20)) stores
    // LCL = 279.7833147, UCL = 321.2166853, longest run 6 and 20 crossings, no runs signal.
    const std::vector<std::optional<double>> cost = {
        310, 288, 297, 298, 307, 303, 294, 297, 308, 306, 294, 299, 297, 299, 314, 295, 293, 306, 301, 304,
        305, 282, 305, 296, 314, 295, 287, 301, 298, 311, 310, 292, 305, 299, 304, 310, 304, 305, 333, 328};
    const ControlChart c = ComputeControlChart(ChartKind::I, Values(cost), size_t{20});
    CHECK(c.centre == Approx(300.5).margin(1e-9));
    CHECK(*c.ucl[0] == Approx(321.22).margin(0.005));
    CHECK(*c.lcl[0] == Approx(279.78).margin(0.005));
    CHECK(*c.ucl[39] == Approx(321.2166853).margin(1e-7));
    CHECK(*c.lcl[39] == Approx(279.7833147).margin(1e-7));
    CHECK(Signals(c) == std::vector<int>{39, 40});
    CHECK(c.runs.longestRun == 6);
    CHECK(c.runs.crossings == 20);
    CHECK_FALSE(c.runs.signal);
}

TEST_CASE("controlchart: Montgomery's p chart with varying sample sizes, as qicharts2 gives it",
          "[controlchart][published]") {
    // Montgomery, Introduction to Statistical Quality Control, Table 7.4: nonconforming units in 25
    // samples of 80 to 120, p̄ = 234/2450 = 0.096; as qicharts2 0.8.1 stores it (R/sysdata.rda
    // tbl_07.04) with its test reference (tests/testthat/tbl_7.4_1.rds): CL = 0.09551020408;
    // n = 100: 0.007334694728 to 0.1836857134; n = 80: 0 (clamped) to 0.1940934205; sample 11 above
    // its UCL; longest run 5, 10 crossings.
    const std::vector<double> d = {12, 8, 6, 9, 10, 12, 11, 16, 10, 6, 20, 15, 9, 8, 6, 8, 10, 7, 5, 8, 5, 8, 10, 6, 9};
    const std::vector<double> n = {100, 80,  80, 100, 110, 110, 100, 100, 90,  90,  110, 120, 120,
                                   120, 110, 80, 80,  80,  90,  100, 100, 100, 100, 90,  90};
    const ControlChart c = ComputeControlChart(ChartKind::P, Ratios(d, n), std::nullopt);
    CHECK(c.centre == Approx(0.096).margin(0.0005));
    CHECK(c.centre == Approx(0.09551020408).margin(1e-11));
    CHECK(*c.ucl[0] == Approx(0.1836857134).margin(1e-10));
    CHECK(*c.lcl[0] == Approx(0.007334694728).margin(1e-12));
    CHECK(*c.ucl[1] == Approx(0.1940934205).margin(1e-10));
    CHECK(*c.lcl[1] == 0);
    CHECK(Signals(c) == std::vector<int>{11});
    CHECK(c.runs.longestRun == 5);
    CHECK(c.runs.crossings == 10);
}

TEST_CASE("controlchart: qicharts2's u chart examples", "[controlchart][published]") {
    SECTION("Montgomery's u chart data as qicharts2 stores it") {
        // qicharts2 0.8.1: R/sysdata.rda tbl_07.10 (20 samples of 50 units) and its test reference
        // tests/testthat/ex_7.4_1.rds: CL = 0.074, UCL = 0.1894123044, LCL = 0 (clamped), no signal.
        const std::vector<double> d = {2, 3, 8, 1, 1, 4, 1, 4, 5, 1, 8, 2, 4, 3, 4, 1, 8, 3, 7, 4};
        const ControlChart c = ComputeControlChart(ChartKind::U, Ratios(d, Constant(20, 50)), std::nullopt);
        CHECK(c.centre == Approx(0.074).margin(1e-12));
        CHECK(*c.ucl[0] == Approx(0.1894123044).margin(1e-10));
        CHECK(*c.lcl[0] == 0);
        CHECK(Signals(c).empty());
        CHECK(c.runs.longestRun == 2);
        CHECK(c.runs.crossings == 15);
    }
    SECTION("hospital infections per month") {
        // qicharts2 0.8.1's data set hospital_infections summed by month (24 months), and its test
        // reference tests/testthat/hai_1.rds, summary(qic(month, n, days, chart = 'u')):
        // CL = 0.001823575165, mean LCL 0.001581489772, mean UCL 0.002065660559, longest run 4,
        // 12 crossings, no signal of either kind.
        const std::vector<double> n = {575, 521, 585, 528, 507, 519, 457, 505, 494, 512, 543, 506,
                                       509, 521, 549, 531, 509, 528, 419, 512, 495, 513, 454, 490};
        const std::vector<double> days = {
            310466.833333293, 282346.791666717, 309089.708333303, 287977.333333168, 297743.375000029, 286988.25000001,
            261120.33333337,  268720.750000045, 284437.875000129, 290449.49999994,  288104.458333309, 279961.374999952,
            289803.958333351, 275950.583333319, 290824.458333332, 285495.750000041, 282515.208333298, 273927.875000019,
            253085.624999983, 262410.708333383, 275529.250000012, 282405.083333365, 259530.791666656, 256235.458333308};
        const ControlChart c = ComputeControlChart(ChartKind::U, Ratios(n, days), std::nullopt);
        double meanL = 0, meanU = 0;
        for (size_t i = 0; i < n.size(); ++i) meanL += *c.lcl[i] / 24, meanU += *c.ucl[i] / 24;
        CHECK(c.centre == Approx(0.001823575165).margin(1e-12));
        CHECK(meanL == Approx(0.001581489772).margin(1e-12));
        CHECK(meanU == Approx(0.002065660559).margin(1e-12));
        CHECK(Signals(c).empty());
        CHECK(c.runs.longestRun == 4);
        CHECK(c.runs.crossings == 12);
        CHECK_FALSE(c.runs.signal);
    }
}

TEST_CASE("controlchart: the NHS four-hour waits need a P' chart", "[controlchart][published]") {
    // Mohammed MA, Panesar JS, Laney DB, Wilson R. BMJ Qual Saf 2013;22:362-368, as the data set
    // nhs_accidents in qicharts2 0.8.1 (20 weeks of attendances seen within 4 hours, n > 260 000).
    // The paper and qicharts2's vignette (Case 5) show a P chart whose limits are far too narrow and
    // a P' chart with every week inside. The figures are qicharts2 0.8.1's qic.pp() (with its
    // default screening of moving ranges): CL = 0.952899711344191; week 1: 0.940129644177514 to
    // 0.965669778510868; week 17: 0.939787661736249 to 0.966011760952133; longest run 5 (max 7),
    // 9 crossings (min 6).
    const std::vector<double> r = {266501, 264225, 276532, 281461, 269071, 261215, 270409, 279778, 270483, 270320,
                                   267923, 271478, 255353, 256820, 261835, 259144, 255910, 260863, 264465, 260989};
    const std::vector<double> n = {280443, 276823, 291681, 296155, 282343, 275888, 283867, 295251, 284468, 282529,
                                   279618, 283932, 266629, 268091, 276803, 271578, 266005, 273520, 278574, 273772};
    const ControlChart pp = ComputeControlChart(ChartKind::PPrime, Ratios(r, n), std::nullopt);
    CHECK(pp.centre == Approx(0.952899711344191).margin(1e-14));
    CHECK(*pp.lcl[0] == Approx(0.940129644177514).margin(1e-12));
    CHECK(*pp.ucl[0] == Approx(0.965669778510868).margin(1e-12));
    CHECK(*pp.lcl[16] == Approx(0.939787661736249).margin(1e-12));
    CHECK(*pp.ucl[16] == Approx(0.966011760952133).margin(1e-12));
    CHECK(Signals(pp).empty());
    CHECK(pp.runs.longestRun == 5);
    CHECK(*pp.runs.longestRunMax == 7);
    CHECK(pp.runs.crossings == 9);
    CHECK(*pp.runs.crossingsMin == 6);

    const ControlChart p = ComputeControlChart(ChartKind::P, Ratios(r, n), std::nullopt);
    CHECK(*p.lcl[0] == Approx(0.951699564646015).margin(1e-12));  // qic.p() of the same data
    CHECK(*p.ucl[0] == Approx(0.954099858042367).margin(1e-12));
    CHECK(Signals(p).size() >= 15);  // the over-dispersion the P' chart takes in
}

// ---- the rules one by one ----

TEST_CASE("controlchart: one huge jump in the baseline is screened out of the I chart's sigma", "[controlchart]") {
    // Moving ranges 1,1,2,1,1,1,29,29,1: mean 7.33, so 29 >= 3.267 × 7.33 goes; sigma = (8/7)/1.128.
    const std::vector<std::optional<double>> y = {10, 11, 10, 12, 11, 10, 11, 40, 11, 10};
    const ControlChart c = ComputeControlChart(ChartKind::I, Values(y), std::nullopt);
    CHECK(c.centre == Approx(13.6).epsilon(1e-14));
    const double screened = (8.0 / 7.0) / 1.128;
    const double unscreened = (66.0 / 9.0) / 1.128;
    CHECK(*c.ucl[0] == Approx(13.6 + 3 * screened).epsilon(1e-14));
    CHECK(*c.lcl[0] == Approx(13.6 - 3 * screened).epsilon(1e-14));
    CHECK(*c.ucl[0] != Approx(13.6 + 3 * unscreened));
    CHECK(c.sigmaSignal[7]);  // the jump itself, and the 10s the jump's share of the mean lifts above
    CHECK(Signals(c) == std::vector<int>{1, 3, 6, 8, 10});
    // Without the jump there is nothing to screen: every range counts.
    const std::vector<std::optional<double>> calm = {10, 11, 10, 12, 11, 10, 11, 13, 11, 10};
    const ControlChart d = ComputeControlChart(ChartKind::I, Values(calm), std::nullopt);
    CHECK(*d.ucl[0] == Approx(d.centre + 3 * (12.0 / 9.0) / 1.128).epsilon(1e-14));
}

TEST_CASE("controlchart: no moving range is taken across a gap", "[controlchart]") {
    // Ranges 10 (10→20) and 2 (50→52); 20→50 spans the gap and is not one.
    const ControlChart c = ComputeControlChart(ChartKind::I, Values({10, 20, kNA, 50, 52}), std::nullopt);
    CHECK(c.centre == 33);
    CHECK(*c.ucl[0] == Approx(33 + 3 * 6.0 / 1.128).epsilon(1e-14));
    CHECK_FALSE(c.value[2]);
    CHECK_FALSE(c.lcl[2]);
    CHECK_FALSE(c.ucl[2]);
    CHECK_FALSE(c.sigmaSignal[2]);
    CHECK(*c.lcl[4] == *c.lcl[0]);
    // Points only separated by gaps leave no range: no limits, but the points and centre stay.
    const ControlChart lone = ComputeControlChart(ChartKind::I, Values({10, kNA, 20}), std::nullopt);
    CHECK(lone.centre == 15);
    CHECK(*lone.value[2] == 20);
    CHECK_FALSE(lone.ucl[0]);
    CHECK(Signals(lone).empty());
}

TEST_CASE("controlchart: a frozen baseline fixes centre and sigma, later points still get limits", "[controlchart]") {
    const std::vector<std::optional<double>> base = {10, 12, 11, 13, 12, 11, 10, 12};
    std::vector<std::optional<double>> more = base;
    for (double v : {30, 31, 29, 35}) more.push_back(v);
    const ControlChart b = ComputeControlChart(ChartKind::I, Values(base), std::nullopt);
    const ControlChart f = ComputeControlChart(ChartKind::I, Values(more), size_t{8});
    const ControlChart all = ComputeControlChart(ChartKind::I, Values(more), std::nullopt);
    CHECK(f.baselinePeriods == 8);
    CHECK(f.centre == b.centre);
    CHECK(*f.ucl[11] == *b.ucl[0]);
    CHECK(*f.lcl[11] == *b.lcl[0]);
    CHECK(Signals(f) == std::vector<int>{9, 10, 11, 12});
    CHECK(all.centre == 18);  // the shift moves both centre and spread
    CHECK(*all.ucl[0] != *f.ucl[0]);
    // A baseline longer than the data is all of it.
    CHECK(ComputeControlChart(ChartKind::I, Values(base), size_t{50}).centre == b.centre);

    // P: the baseline fixes the centre; each later point's limits follow its own denominator.
    const auto pts = Ratios({10, 12, 8, 10, 40}, {100, 100, 100, 100, 400});
    const ControlChart p = ComputeControlChart(ChartKind::P, pts, size_t{4});
    CHECK(p.centre == Approx(0.1).epsilon(1e-15));
    CHECK(*p.ucl[4] == Approx(0.1 + 3 * std::sqrt(0.1 * 0.9 / 400)).epsilon(1e-14));
    CHECK(*p.ucl[0] == Approx(0.1 + 3 * std::sqrt(0.1 * 0.9 / 100)).epsilon(1e-14));
}

TEST_CASE("controlchart: P limits stay in [0, 1], C and U limits at 0 or above, I limits as they fall",
          "[controlchart]") {
    // CL 0.5 with n = 2: 0.5 ± 1.06.
    const ControlChart p = ComputeControlChart(ChartKind::P, Ratios({1, 2, 0, 1}, {2, 2, 2, 2}), std::nullopt);
    CHECK(*p.lcl[0] == 0);
    CHECK(*p.ucl[0] == 1);
    CHECK(Signals(p).empty());  // 1 and 0 lie on the limits, not outside
    const ControlChart pp = ComputeControlChart(ChartKind::PPrime, Ratios({1, 2, 0, 1}, {2, 2, 2, 2}), std::nullopt);
    CHECK(*pp.lcl[0] >= 0);
    CHECK(*pp.ucl[0] <= 1);

    const ControlChart c = ComputeControlChart(ChartKind::C, Values({1, 0, 2, 1}), std::nullopt);
    CHECK(c.centre == 1);
    CHECK(*c.lcl[0] == 0);
    CHECK(*c.ucl[0] == 4);
    const ControlChart u = ComputeControlChart(ChartKind::U, Ratios({1, 0, 2, 1}, {10, 10, 10, 10}), std::nullopt);
    CHECK(*u.lcl[0] == 0);
    CHECK(*u.ucl[0] == Approx(0.1 + 3 * std::sqrt(0.01)).epsilon(1e-14));
    const ControlChart up =
        ComputeControlChart(ChartKind::UPrime, Ratios({1, 0, 3, 1}, {10, 10, 10, 10}), std::nullopt);
    CHECK(*up.lcl[0] == 0);

    const ControlChart i = ComputeControlChart(ChartKind::I, Values({1, 0, 2, 1}), std::nullopt);
    CHECK(*i.lcl[0] < 0);
}

TEST_CASE("controlchart: a point strictly outside is a signal, one on the limit is not", "[controlchart]") {
    // The first four fix CL = 4, sigma 2: limits 0 (clamped from -2) and 10.
    const ControlChart c = ComputeControlChart(ChartKind::C, Values({2, 6, 4, 4, 10, 11, 0, 9}), size_t{4});
    CHECK(c.centre == 4);
    CHECK(*c.ucl[4] == 10);
    CHECK(*c.lcl[6] == 0);
    CHECK(Signals(c) == std::vector<int>{6});
}

TEST_CASE("controlchart: P' sigma is the P sigma times sigma z", "[controlchart]") {
    // Montgomery's orange-juice cans again (Example 7.1): z-scores of the 30 proportions.
    const std::vector<double> d = {12, 15, 8, 10, 4,  7,  16, 9,  14, 10, 5,  6, 17, 12, 22,
                                   8,  10, 5, 13, 11, 20, 18, 24, 15, 9,  12, 7, 13, 9,  6};
    const auto pts = Ratios(d, Constant(30, 50));
    const ControlChart p = ComputeControlChart(ChartKind::P, pts, std::nullopt);
    const ControlChart pp = ComputeControlChart(ChartKind::PPrime, pts, std::nullopt);
    const double cl = 347.0 / 1500;
    const double sigmaP = std::sqrt(cl * (1 - cl) / 50);
    std::vector<double> z;
    for (double x : d) z.push_back((x / 50 - cl) / sigmaP);
    REQUIRE(pp.sigmaZ);
    CHECK(*pp.sigmaZ == Approx(ScreenedSigma(z)).epsilon(1e-12));
    CHECK(*pp.sigmaZ > 1);  // these samples vary more than the binomial says
    CHECK(pp.centre == p.centre);
    CHECK(*pp.ucl[0] == Approx(cl + 3 * sigmaP * *pp.sigmaZ).epsilon(1e-12));
    CHECK(cl - 3 * sigmaP * *pp.sigmaZ < 0);
    CHECK(*pp.lcl[0] == 0);
    CHECK(*p.lcl[0] > 0);
    CHECK_FALSE(p.sigmaZ);
    // qicharts2 0.8.1's qic.pp() with the first 20 as baseline: CL 0.214, LCL 0, UCL 0.51915117581187.
    const ControlChart frozen = ComputeControlChart(ChartKind::PPrime, pts, size_t{20});
    CHECK(frozen.centre == Approx(0.214).epsilon(1e-14));
    CHECK(*frozen.lcl[29] == 0);
    CHECK(*frozen.ucl[29] == Approx(0.51915117581187).margin(1e-13));
}

TEST_CASE("controlchart: the runs analysis is around the mean, over all periods", "[controlchart]") {
    // Mean 2.8, median 1: around the median eight points would lie on the centre line.
    const ControlChart c = ComputeControlChart(ChartKind::I, Values({1, 1, 1, 1, 1, 1, 1, 1, 10, 10}), std::nullopt);
    CHECK(c.runs.centre == c.centre);
    CHECK(c.runs.nUseful == 10);
    CHECK(c.runs.longestRun == 8);
    CHECK(c.runs.crossings == 1);
    // Periods after a frozen baseline count too.
    const ControlChart f = ComputeControlChart(ChartKind::C, Values({4, 6, 5, 5, 9, 9, 9}), size_t{4});
    CHECK(f.centre == 5);
    CHECK(f.runs.nUseful == 5);
    CHECK(f.runs.longestRun == 4);
}

TEST_CASE("controlchart: impossible data is refused with a reason", "[controlchart]") {
    auto reason = [](ChartKind kind, const std::vector<SpcInput>& pts, std::optional<size_t> k = std::nullopt) {
        try {
            ComputeControlChart(kind, pts, k);
        } catch (const std::invalid_argument& e) {
            return std::string(e.what());
        }
        return std::string("accepted");
    };
    CHECK(reason(ChartKind::I, Values({kNA, kNA, 3})).find("accepted") != std::string::npos);
    CHECK(reason(ChartKind::I, Values({kNA, kNA, 3}), size_t{2}).find("baseline has no point") != std::string::npos);
    CHECK(reason(ChartKind::P, Ratios({6}, {5})).find("greater than the denominator") != std::string::npos);
    CHECK(reason(ChartKind::U, Ratios({6}, {5})) == "accepted");
    CHECK(reason(ChartKind::U, Ratios({1}, {0})).find("denominator is 0") != std::string::npos);
    CHECK(reason(ChartKind::C, Values({-1, 2})).find("negative") != std::string::npos);
    CHECK(reason(ChartKind::I, Values({-1, 2})) == "accepted");
    CHECK(reason(ChartKind::Run, Values({1, 2})) != "accepted");
}

TEST_CASE("controlchart: kinds have stable keys", "[controlchart]") {
    for (ChartKind k : {ChartKind::Run, ChartKind::I, ChartKind::C, ChartKind::P, ChartKind::PPrime, ChartKind::U,
                        ChartKind::UPrime}) {
        REQUIRE(ParseChartKind(ChartKindKey(k)));
        CHECK(*ParseChartKind(ChartKindKey(k)) == k);
    }
    CHECK(std::string(ChartKindKey(ChartKind::PPrime)) == "pp");
    CHECK(std::string(ChartKindKey(ChartKind::UPrime)) == "up");
    CHECK_FALSE(ParseChartKind("xbar"));
    CHECK(NeedsDenominator(ChartKind::PPrime));
    CHECK_FALSE(NeedsDenominator(ChartKind::C));
}

TEST_CASE("controlchart: the suggested chart and its reason", "[controlchart][i18n]") {
    std::vector<SpcInput> few = Values(std::vector<std::optional<double>>(19, 3.0));
    few.push_back({kNA, kNA});
    ChartSuggestion s = SuggestChart(false, few);
    CHECK(s.kind == ChartKind::Run);
    CHECK(Render(s.reason) == "Körschema föreslås: 19 punkter, ett styrdiagram behöver minst 20.");
    CHECK(Render(s.reason, true) == "Run chart suggested: 19 points, a control chart needs at least 20.");

    const auto counts = Values(std::vector<std::optional<double>>(20, 3.0));
    CHECK(SuggestChart(false, counts).kind == ChartKind::C);
    auto measured = counts;
    measured[5].y = 2.5;
    CHECK(SuggestChart(false, measured).kind == ChartKind::I);

    s = SuggestChart(true, Ratios(Constant(20, 10), Constant(20, 1000)));
    CHECK(s.kind == ChartKind::PPrime);
    CHECK(Render(s.reason) == "P′-diagram föreslås: nämnarna är stora (i snitt 1000).");
    CHECK(SuggestChart(true, Ratios(Constant(20, 10), Constant(20, 999))).kind == ChartKind::P);
    auto rates = Ratios(Constant(20, 10), Constant(20, 8));
    CHECK(SuggestChart(true, rates).kind == ChartKind::U);
    // A ratio without its denominator is no useful point.
    auto missing = Ratios(Constant(20, 10), Constant(20, 50));
    missing[0].n.reset();
    CHECK(SuggestChart(true, missing).kind == ChartKind::Run);
}

// ---- SpcJson, in process ----

TEST_CASE("controlchart: SpcJson names the line of bad input", "[controlchart]") {
    CHECK(SpcError("3\nabc\n", ChartKind::I).Line() == 2);
    CHECK(SpcError("1;2\n5;0\n", ChartKind::P).Line() == 2);
    CHECK(SpcError("6;5\n", ChartKind::P).Line() == 1);
    CHECK(SpcError("1;4\n5\n", ChartKind::U).Line() == 2);
    CHECK(SpcError("1;4\n5;NA\n", ChartKind::PPrime).Line() == 2);
    CHECK(SpcError("1;4\n2;4;4\n", ChartKind::P).Line() == 2);
    CHECK(SpcError("1\n2;4\n", ChartKind::C).Line() == 2);
    CHECK(SpcError("1\n-2\n", ChartKind::C).Line() == 2);
    CHECK(SpcError("", ChartKind::C).Line() == 0);
    CHECK(SpcError("NA\n1\n", ChartKind::C, 1).Why().find("no value in the first 1 lines") != std::string::npos);
    CHECK(SpcError("1\n2\n", ChartKind::C, 3).Why().find("larger than the number of lines") != std::string::npos);
    CHECK(SpcError("1\n", ChartKind::C, 0).Line() == 0);
    CHECK(SpcError("2;1\n", ChartKind::P).File() == "stdin");
    // A gap may carry its denominator; U takes a numerator above it.
    CHECK_NOTHROW(Spc("NA;40\n1;2\n", ChartKind::P));
    CHECK_NOTHROW(Spc("6;5\n", ChartKind::U));
    CHECK(Spc("\xEF\xBB\xBF"
              "4\n",
              ChartKind::C)
              .find("\"centre\":4,") != std::string::npos);
}

// ---- the real binary ----

TEST_CASE("controlchart cli: stegvis spc prints one JSON object, null at gaps", "[controlchart][cli]") {
    auto r = RunStegvis("spc --chart c", "4\nNA\n2\n6\n");
    REQUIRE(r.status == 0);
    CHECK(r.out ==
          "{\"chart\":\"c\",\"centre\":4,\"points\":["
          "{\"value\":4,\"lcl\":0,\"ucl\":10,\"signal\":false},"
          "{\"value\":null,\"lcl\":null,\"ucl\":null,\"signal\":false},"
          "{\"value\":2,\"lcl\":0,\"ucl\":10,\"signal\":false},"
          "{\"value\":6,\"lcl\":0,\"ucl\":10,\"signal\":false}],"
          "\"n_useful\":2,\"longest_run\":1,\"longest_run_max\":4,\"crossings\":1,\"crossings_min\":0,"
          "\"runs_signal\":false}\n");

    // A decimal comma; every point on the centre leaves no useful point, so the runs fields are null.
    auto p = RunStegvis("spc --chart p", "1,5;3\n\n1;2\n");
    REQUIRE(p.status == 0);
    CHECK(p.out ==
          "{\"chart\":\"p\",\"centre\":0.5,\"points\":["
          "{\"value\":0.5,\"lcl\":0,\"ucl\":1,\"signal\":false},"
          "{\"value\":null,\"lcl\":null,\"ucl\":null,\"signal\":false},"
          "{\"value\":0.5,\"lcl\":0,\"ucl\":1,\"signal\":false}],"
          "\"n_useful\":0,\"longest_run\":null,\"longest_run_max\":null,\"crossings\":null,\"crossings_min\":null,"
          "\"runs_signal\":null}\n");

    // Montgomery's loan costs with a frozen baseline of 20 (see the I chart test above).
    auto i = RunStegvis("spc --chart i --baseline 20",
                        "310\n288\n297\n298\n307\n303\n294\n297\n308\n306\n294\n299\n297\n299\n314\n295\n293\n306\n"
                        "301\n304\n305\n282\n305\n296\n314\n295\n287\n301\n298\n311\n310\n292\n305\n299\n304\n310\n"
                        "304\n305\n333\n328\n");
    REQUIRE(i.status == 0);
    rapidjson::Document doc;
    doc.Parse(i.out.c_str());
    REQUIRE_FALSE(doc.HasParseError());
    CHECK(std::string(doc["chart"].GetString()) == "i");
    CHECK(doc["centre"].GetDouble() == Approx(300.5));
    REQUIRE(doc["points"].Size() == 40);
    CHECK(doc["points"][39]["ucl"].GetDouble() == Approx(321.2166853).margin(1e-7));
    CHECK(doc["points"][39]["signal"].GetBool());
    CHECK_FALSE(doc["points"][37]["signal"].GetBool());
    CHECK(doc["longest_run"].GetInt() == 6);
    CHECK(doc["runs_signal"].IsFalse());
}

TEST_CASE("controlchart cli: stegvis spc names the bad line and exits 2", "[controlchart][cli]") {
    struct Case {
        const char* args;
        const char* input;
        const char* where;
    };
    for (const Case& c :
         {Case{"spc --chart i", "1\n2\nabc\n", "stdin:3"}, Case{"spc --chart p", "1;4\n5;0\n", "stdin:2"},
          Case{"spc --chart p", "6;5\n", "stdin:1"}, Case{"spc --chart pp", "1;4\n2;4\n5\n", "stdin:3"},
          Case{"spc --chart u", "1;4\n5;\n", "stdin:2"}}) {
        INFO(c.args << " with " << c.input);
        auto r = RunStegvis(c.args, c.input);
        CHECK(r.status == 2);
        CHECK(r.out.empty());
        CHECK(r.err.find(c.where) != std::string::npos);
    }
    CHECK(RunStegvis("spc --chart u", "6;5\n").status == 0);  // a rate may pass 1
    auto kind = RunStegvis("spc --chart xbar", "1\n");
    CHECK(kind.status == 2);
    CHECK(kind.err.find("--chart") != std::string::npos);
    CHECK(RunStegvis("spc --chart run", "1\n").status == 2);
    CHECK(RunStegvis("spc --chart c --baseline 5", "1\n2\n").status == 2);
    CHECK(RunStegvis("spc --help").out.find("--baseline") != std::string::npos);
}

TEST_CASE("The chart kinds a measure may be drawn as are the ones the engine knows, key for key", "[controlchart]") {
    std::vector<std::string> options, engine;
    for (const Option& o : ChartKinds()) options.push_back(o.key);
    for (const auto& k : kChartKinds) engine.push_back(k.key);
    CHECK(options == engine);
    for (const auto& k : kChartKinds) {
        REQUIRE(ParseChartKind(k.key));
        CHECK(*ParseChartKind(k.key) == k.value);
        CHECK(std::string(ChartKindKey(k.value)) == k.key);
    }
    CHECK(ParseChartKind("PP") == ChartKind::PPrime);  // the command line takes either case
    CHECK_FALSE(ParseChartKind("xbar"));
}
