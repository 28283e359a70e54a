// The paired statistics of `compare` against textbook values: the Wilcoxon signed-rank table, the
// Hamilton depression example of Hollander & Wolfe (also R's wilcox.test example), and
// brute-force definitions (every Walsh average sorted, every sign assignment enumerated).
#include "comparison/paired_statistics.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

namespace regiesim::comparison {
namespace {

// Hollander & Wolfe (1999), table 3.1: Hamilton depression scale before (x) and after (y).
const std::vector<double> kBefore{1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30};
const std::vector<double> kAfter{0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29};

std::vector<double> after_minus_before() {
  std::vector<double> d;
  for (std::size_t i = 0; i < kBefore.size(); ++i) d.push_back(kAfter[i] - kBefore[i]);
  return d;
}

std::vector<double> sorted_walsh(std::vector<double> d) {
  std::vector<double> w;
  for (std::size_t i = 0; i < d.size(); ++i)
    for (std::size_t j = i; j < d.size(); ++j) w.push_back((d[i] + d[j]) / 2);
  std::sort(w.begin(), w.end());
  return w;
}

// P(T+ >= observed) by enumerating all 2^n sign assignments of the midranks (small n only).
double brute_force_p_greater(const std::vector<double>& d) {
  std::vector<double> nonzero;
  for (double v : d)
    if (v != 0) nonzero.push_back(v);
  const std::size_t n = nonzero.size();
  std::vector<double> rank(n);
  for (std::size_t i = 0; i < n; ++i) {
    double below = 0;
    double equal = 0;
    for (std::size_t j = 0; j < n; ++j) {
      if (std::fabs(nonzero[j]) < std::fabs(nonzero[i])) ++below;
      if (std::fabs(nonzero[j]) == std::fabs(nonzero[i])) ++equal;
    }
    rank[i] = below + (equal + 1) / 2;
  }
  double observed = 0;
  for (std::size_t i = 0; i < n; ++i)
    if (nonzero[i] > 0) observed += rank[i];
  std::size_t at_least = 0;
  for (std::size_t mask = 0; mask < (std::size_t{1} << n); ++mask) {
    double t = 0;
    for (std::size_t i = 0; i < n; ++i)
      if ((mask >> i) & 1u) t += rank[i];
    if (t >= observed - 1e-9) ++at_least;
  }
  return static_cast<double>(at_least) / static_cast<double>(std::size_t{1} << n);
}

TEST(SignedRankDistribution, MatchesTheWilcoxonTable) {
  // n = 10: the one-sided 2.5% critical value is 8, P(T+ <= 8) = 25 / 1024.
  const auto p = signed_rank_distribution(10);
  ASSERT_EQ(p.size(), 56u);
  double cumulative = 0;
  for (int t = 0; t <= 8; ++t) cumulative += p[static_cast<std::size_t>(t)];
  EXPECT_DOUBLE_EQ(cumulative, 25.0 / 1024);
  EXPECT_DOUBLE_EQ(cumulative + p[9], 33.0 / 1024);  // eight subsets of 1..10 sum to 9
  double total = 0;
  for (double v : p) total += v;
  EXPECT_DOUBLE_EQ(total, 1.0);
  // Symmetric about n(n+1)/4.
  for (std::size_t t = 0; t < p.size(); ++t) EXPECT_DOUBLE_EQ(p[t], p[p.size() - 1 - t]);
}

TEST(WilcoxonSignedRank, DepressionExample_GivesTheTextbookStatisticAndExactP) {
  const SignedRankTest test = wilcoxon_signed_rank(after_minus_before());
  EXPECT_EQ(test.n_nonzero, 9);
  EXPECT_DOUBLE_EQ(test.statistic, 5.0);
  EXPECT_TRUE(test.exact);
  EXPECT_DOUBLE_EQ(test.p_less, 10.0 / 512);        // 0.01953, as in Hollander & Wolfe and R
  EXPECT_DOUBLE_EQ(test.p_greater, 1 - 7.0 / 512);  // P(T+ >= 5) = 1 - P(T+ <= 4)
}

TEST(WilcoxonSignedRank, ZerosAreDroppedAndTiesGetMidranks_ExactOverEverySignAssignment) {
  const std::vector<double> d{0.0, 0.3, -0.3, 0.3, 1.2, 0.0, -0.5, 0.8, 0.8, 2.0, -0.1};
  const SignedRankTest test = wilcoxon_signed_rank(d);
  EXPECT_EQ(test.n_nonzero, 9);
  EXPECT_TRUE(test.exact);
  EXPECT_DOUBLE_EQ(test.p_greater, brute_force_p_greater(d));
  std::vector<double> negated;
  for (double v : d) negated.push_back(-v);
  EXPECT_DOUBLE_EQ(test.p_less, brute_force_p_greater(negated));
}

TEST(WilcoxonSignedRank, AllZeroDifferences_GiveNoEvidenceEitherWay) {
  const std::vector<double> d(7, 0.0);
  const SignedRankTest test = wilcoxon_signed_rank(d);
  EXPECT_EQ(test.n_nonzero, 0);
  EXPECT_EQ(test.p_greater, 1.0);
  EXPECT_EQ(test.p_less, 1.0);
}

TEST(WilcoxonSignedRank, AboveFifty_UsesTheNormalApproximationWithTheTieCorrection) {
  // 1..51, every third negative, and the last two tied in absolute value.
  std::vector<double> d;
  for (int i = 1; i <= 51; ++i) d.push_back((i % 3 == 0 ? -1.0 : 1.0) * i);
  d[50] = 50;  // |d| of the last two: 50 and 50, midrank 50.5 each
  const SignedRankTest approx = wilcoxon_signed_rank(d);
  EXPECT_FALSE(approx.exact);
  double t_plus = 0;
  for (int i = 1; i <= 49; ++i)
    if (i % 3 != 0) t_plus += i;
  t_plus += 50.5 + 50.5;  // d[49] = 50 and d[50] = 50 are both positive
  // Mean 51*52/4, variance 51*52*103/24 - (2^3 - 2)/48, no continuity correction.
  const double z = (t_plus - 51.0 * 52 / 4) / std::sqrt(51.0 * 52 * 103 / 24 - 6.0 / 48);
  EXPECT_DOUBLE_EQ(approx.statistic, t_plus);
  EXPECT_NEAR(approx.p_less, 0.5 * std::erfc(-z / std::sqrt(2.0)), 1e-15);
  EXPECT_NEAR(approx.p_greater, 0.5 * std::erfc(z / std::sqrt(2.0)), 1e-15);
  d.pop_back();
  EXPECT_TRUE(wilcoxon_signed_rank(d).exact);  // 50: exact
}

TEST(HodgesLehmann, DepressionExample_GivesTheTextbookEstimateAndInterval) {
  // Hollander & Wolfe: estimate -0.46, interval (-0.786, -0.010) at 96.1%.
  const HodgesLehmann hl = hodges_lehmann(after_minus_before());
  EXPECT_EQ(hl.n, 9);
  EXPECT_NEAR(hl.estimate, -0.46, 1e-12);
  EXPECT_NEAR(hl.ci_low, -0.786, 1e-12);
  EXPECT_NEAR(hl.ci_high, -0.010, 1e-12);
  EXPECT_DOUBLE_EQ(hl.ci_coverage, 1 - 2 * 10.0 / 512);  // 0.9609
  EXPECT_TRUE(hl.exact);
}

TEST(HodgesLehmann, FewerThanSixPairs_TheIntervalIsTheRangeOfTheWalshAverages) {
  const std::vector<double> d{0.4, -0.1, 0.9, 0.2, 0.3};
  const HodgesLehmann hl = hodges_lehmann(d);
  EXPECT_DOUBLE_EQ(hl.ci_low, -0.1);
  EXPECT_DOUBLE_EQ(hl.ci_high, 0.9);
  EXPECT_DOUBLE_EQ(hl.ci_coverage, 1 - 2.0 / 32);
  const auto w = sorted_walsh(d);
  EXPECT_DOUBLE_EQ(hl.estimate, w[w.size() / 2]);  // 15 averages: the 8th
}

TEST(HodgesLehmann, EqualsTheMedianOfEverySortedWalshAverage_WithAndWithoutTies) {
  std::mt19937_64 engine(42);
  std::normal_distribution<double> normal(0.3, 1.0);
  for (int n : {1, 2, 7, 8, 30, 51, 120}) {
    std::vector<double> d;
    for (int i = 0; i < n; ++i) d.push_back(i % 5 == 0 ? 0.0 : std::round(normal(engine) * 4) / 4);
    const auto w = sorted_walsh(d);
    const double median =
        w.size() % 2 == 1 ? w[w.size() / 2] : (w[w.size() / 2 - 1] + w[w.size() / 2]) / 2;
    const HodgesLehmann hl = hodges_lehmann(d);
    EXPECT_DOUBLE_EQ(hl.estimate, median) << "n = " << n;
    std::vector<double> sorted = d;
    std::sort(sorted.begin(), sorted.end());
    for (std::size_t k = 1; k <= w.size(); k += std::max<std::size_t>(1, w.size() / 17))
      EXPECT_EQ(walsh_order_statistic(sorted, static_cast<std::int64_t>(k)), w[k - 1] + 0.0)
          << "n = " << n << ", k = " << k;
    EXPECT_LE(hl.ci_low, hl.estimate);
    EXPECT_GE(hl.ci_high, hl.estimate);
    EXPECT_EQ(hl.exact, n <= 50);
  }
}

TEST(HodgesLehmann, AboveFifty_TheIntervalCoversAboutNinetyFivePercent) {
  std::vector<double> d;
  for (int i = 0; i < 200; ++i) d.push_back(std::sin(i * 1.7) + 0.1);
  const HodgesLehmann hl = hodges_lehmann(d);
  EXPECT_FALSE(hl.exact);
  EXPECT_NEAR(hl.ci_coverage, 0.95, 0.002);
  EXPECT_LT(hl.ci_low, hl.estimate);
  EXPECT_GT(hl.ci_high, hl.estimate);
}

TEST(HodgesLehmann, NoPairs_GiveNaN) {
  const HodgesLehmann hl = hodges_lehmann(std::vector<double>{});
  EXPECT_TRUE(std::isnan(hl.estimate));
  EXPECT_TRUE(std::isnan(hl.ci_low));
}

TEST(ComparePairs, IdenticalArms_GiveZeroDifferencesAndNoEvidence) {
  const std::vector<double> values{0.2, 0.5, 0.1, 0.9, 0.4};
  const PairedComparison c = compare_pairs(values, values);
  EXPECT_EQ(c.n_pairs, 5);
  EXPECT_EQ(c.mean_difference, 0.0);
  EXPECT_EQ(c.hodges_lehmann.estimate, 0.0);
  EXPECT_EQ(c.hodges_lehmann.ci_low, 0.0);
  EXPECT_EQ(c.hodges_lehmann.ci_high, 0.0);
  EXPECT_EQ(c.wilcoxon.p_greater, 1.0);
  EXPECT_DOUBLE_EQ(c.mean_arm0, 2.1 / 5);
}

TEST(ComparePairs, TheSignIsArmOneMinusArmZero) {
  const PairedComparison c = compare_pairs(kBefore, kAfter);  // arm 1 = after: lower
  EXPECT_LT(c.hodges_lehmann.estimate, 0);
  EXPECT_LT(c.mean_difference, 0);
  EXPECT_LT(c.wilcoxon.p_less, 0.05);
  EXPECT_GT(c.wilcoxon.p_greater, 0.5);
}

Curves curves(std::vector<std::vector<double>> c) {
  return c;
}

TEST(CrossingWeek, IsTheLastSignChangeOfTheMeanCurves_SkippingWeeksOfEquality) {
  // mean differences (arm 1 - arm 0): 0, -1, 0, +1, +1, -1, 0, -1
  const Curves arm0 = curves({{0, 1, 0, 0, 0, 1, 0, 1}});
  const Curves arm1 = curves({{0, 0, 0, 1, 1, 0, 0, 0}});
  EXPECT_EQ(crossing_week(arm0, arm1), 5);
  const Curves late = curves({{0, 0, 0, 0, 0, 0, 0, 2}});
  EXPECT_EQ(crossing_week(arm0, late), 7);  // -1 at weeks 1 and 5, +1 at week 7
  EXPECT_EQ(crossing_week(arm0, arm0), std::nullopt);
  const Curves above = curves({{1, 2, 1, 1, 1, 2, 1, 2}});
  EXPECT_EQ(crossing_week(arm0, above), std::nullopt);
}

TEST(PartingWeek, IsTheFirstWeekOfTheSignificantRunThatReachesTheEnd) {
  // Eight pairs; arm 1 exceeds arm 0 in every pair from week 3 on (p = 1/256 < 0.05), except week
  // 1, where it is also higher in every pair but followed by a week without difference.
  const int pairs = 8;
  const int weeks = 7;
  Curves arm0(pairs, std::vector<double>(weeks, 0.0));
  Curves arm1 = arm0;
  for (int i = 0; i < pairs; ++i) {
    arm1[i][1] = 0.1 + 0.01 * i;
    for (int t = 3; t < weeks; ++t) arm1[i][t] = 0.05 * t + 0.001 * i;
  }
  EXPECT_EQ(parting_week(arm0, arm1), 3);
  EXPECT_EQ(parting_week(arm1, arm0), 3);  // the other direction: p_less
  // A last week without a difference: no parting.
  for (int i = 0; i < pairs; ++i) arm1[i][weeks - 1] = 0.0;
  EXPECT_EQ(parting_week(arm0, arm1), std::nullopt);
  // Significant in both directions in turn: the run that reaches the end counts.
  for (int i = 0; i < pairs; ++i) {
    arm1[i][weeks - 1] = -0.5 - 0.01 * i;
    arm1[i][weeks - 2] = -0.4 - 0.01 * i;
  }
  EXPECT_EQ(parting_week(arm0, arm1), weeks - 2);
}

TEST(PartingWeek, FewPairs_CanNeverPart) {
  // Four pairs: the smallest one-sided p is 1/16 > 0.05.
  Curves arm0(4, std::vector<double>(3, 0.0));
  Curves arm1(4, std::vector<double>{0.0, 1.0, 2.0});
  EXPECT_EQ(parting_week(arm0, arm1), std::nullopt);
}

}  // namespace
}  // namespace regiesim::comparison
