#pragma once
// The statistics of a paired comparison of two arms run on common random numbers: replication r
// of arm 0 and replication r of arm 1 share every random draw, so they form a pair and the paired
// difference d_r = arm 1 - arm 0 carries the effect of what differs, not the noise.
//
// Conventions (docs/output.md, /comparison):
// - Differences are arm 1 minus arm 0 (for a pitfall folder: twin - trap). A positive
//   Hodges-Lehmann estimate means arm 1 is higher.
// - Hodges-Lehmann estimate (Hodges & Lehmann 1963): the median of the n(n+1)/2 Walsh averages
//   (d_i + d_j) / 2, i <= j, of all n paired differences, zeros included. Its 95% interval is
//   [W_(k), W_(M+1-k)] of the sorted Walsh averages W, M = n(n+1)/2, with k the smallest integer
//   such that P(T+ <= k) >= 0.025 under the tie-free signed-rank null distribution of n (and k = 1
//   if that is 0, so for n < 6 the interval is the whole range and covers 1 - 2^(1-n)); exact for
//   n <= 50, above by the continuity-corrected normal approximation of the same rule
//   (Hollander, Wolfe & Chicken 2014, sections 3.2-3.3; R's wilcox.test with conf.int).
// - Wilcoxon signed-rank test (Wilcoxon 1945): zero differences are dropped (scipy's default
//   zero_method="wilcox"); ties among |d| get midranks; T+ = the sum of the ranks of the positive
//   differences. With n' <= 50 non-zero differences the p-values are exact, from the distribution
//   of T+ over all 2^n' sign assignments of the (mid)ranks, so with ties they are exact
//   conditionally on the tie pattern and without ties equal scipy's method="exact". Above 50, the
//   normal approximation with the tie-corrected variance and no continuity correction (scipy's
//   method="approx", correction=False). Both one-sided p-values are given: p_greater tests
//   "arm 1 is higher" (P(T+ >= observed)), p_less "arm 1 is lower" (P(T+ <= observed)). With no
//   non-zero difference there is no evidence either way: both are 1.
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace regiesim::comparison {

// Up to this many observations the signed-rank distribution is computed exactly.
inline constexpr std::int64_t kExactLimit = 50;
// The level of the Hodges-Lehmann interval and the threshold of the parting week.
inline constexpr double kConfidence = 0.95;
inline constexpr double kParting = 0.05;

// P(T+ = t), t = 0..n(n+1)/2, for n tie-free non-zero observations under the null hypothesis
// (every sign equally likely): the coefficients of prod_i (1 + x^i) / 2^n.
std::vector<double> signed_rank_distribution(std::int64_t n);

struct SignedRankTest {
  std::int64_t n_nonzero = 0;  // the non-zero differences the test uses
  double statistic = 0;        // T+, midranks for ties
  double p_greater = 1;        // one-sided: arm 1 higher
  double p_less = 1;           // one-sided: arm 1 lower
  bool exact = true;           // false: the normal approximation
};

SignedRankTest wilcoxon_signed_rank(std::span<const double> differences);

struct HodgesLehmann {
  std::int64_t n = 0;      // paired differences (zeros included)
  double estimate = 0;     // NaN when n = 0
  double ci_low = 0;       // NaN when n = 0
  double ci_high = 0;      // NaN when n = 0
  double ci_coverage = 0;  // the interval's actual coverage under the null distribution
  bool exact = true;       // false: the interval's rank by the normal approximation
};

HodgesLehmann hodges_lehmann(std::span<const double> differences);

// The k-th smallest (1-based) Walsh average (d_i + d_j) / 2, i <= j, of `sorted` (ascending), in
// O(n) memory: bisection on the value, counting the averages below it with two pointers.
double walsh_order_statistic(std::span<const double> sorted, std::int64_t k);

// Everything compare reports on one summary metric, from the values of the pairs in replication
// order (arm0[i] and arm1[i] are replication i's two runs).
struct PairedComparison {
  std::int64_t n_pairs = 0;
  double mean_arm0 = 0;
  double mean_arm1 = 0;
  double mean_difference = 0;  // mean of arm1[i] - arm0[i]
  HodgesLehmann hodges_lehmann;
  SignedRankTest wilcoxon;
};

PairedComparison compare_pairs(std::span<const double> arm0, std::span<const double> arm1);

// curves[i][t]: pair i's value at week t, per arm; every curve has the same length.
using Curves = std::vector<std::vector<double>>;

// The parting week: the first week t from which, at every week to the last, the one-sided
// Wilcoxon test of the paired differences at that week gives p < kParting in one and the same
// direction (all p_greater < 0.05, or all p_less < 0.05). Nothing if the last week is not
// significant.
std::optional<std::int32_t> parting_week(const Curves& arm0, const Curves& arm1);

// The crossing week: the last week at which the difference of the mean curves (arm 1 - arm 0)
// takes a sign opposite to its last non-zero sign before (weeks where it is zero are skipped).
// Nothing if the sign never changes.
std::optional<std::int32_t> crossing_week(const Curves& arm0, const Curves& arm1);

// Mean over pairs at each week, summed in pair order.
std::vector<double> mean_curve(const Curves& curves);

}  // namespace regiesim::comparison
