#include "comparison/paired_statistics.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

namespace regiesim::comparison {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// z with Phi(z) = 1 - (1 - kConfidence) / 2 = 0.975.
constexpr double kZ975 = 1.959963984540054;

double normal_cdf(double z) {
  return 0.5 * std::erfc(-z / std::sqrt(2.0));
}

// Counts of the sums of every subset of `weights` (non-negative integers): counts[s] is how many
// of the 2^n sign assignments give T = s. Up to n = 50 every count and every partial sum of counts
// is an integer below 2^53, so they are exact in doubles.
std::vector<double> subset_sum_counts(std::span<const std::int64_t> weights) {
  const std::int64_t total = std::accumulate(weights.begin(), weights.end(), std::int64_t{0});
  std::vector<double> counts(static_cast<std::size_t>(total) + 1, 0.0);
  counts[0] = 1;
  std::int64_t reach = 0;
  for (const std::int64_t w : weights) {
    for (std::int64_t s = reach; s >= 0; --s)
      counts[static_cast<std::size_t>(s + w)] += counts[static_cast<std::size_t>(s)];
    reach += w;
  }
  return counts;
}

// Doubled midranks of |d| (integers: the midrank of ranks a..b is (a + b) / 2) of the non-zero
// differences, in the order of `nonzero`.
std::vector<std::int64_t> doubled_midranks(std::span<const double> nonzero) {
  const std::size_t n = nonzero.size();
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return std::fabs(nonzero[a]) < std::fabs(nonzero[b]);
  });
  std::vector<std::int64_t> ranks(n);
  for (std::size_t first = 0; first < n;) {
    std::size_t last = first;
    while (last + 1 < n && std::fabs(nonzero[order[last + 1]]) == std::fabs(nonzero[order[first]]))
      ++last;
    const auto doubled = static_cast<std::int64_t>(first + 1 + last + 1);
    for (std::size_t i = first; i <= last; ++i) ranks[order[i]] = doubled;
    first = last + 1;
  }
  return ranks;
}

// A double's position in the order of doubles, as an unsigned integer (so that bisection on it
// visits every double between two bounds).
std::uint64_t order_key(double x) {
  const auto bits = std::bit_cast<std::uint64_t>(x);
  return (bits >> 63) != 0 ? ~bits : bits | (std::uint64_t{1} << 63);
}

double from_order_key(std::uint64_t key) {
  const std::uint64_t bits = (key >> 63) != 0 ? key & ~(std::uint64_t{1} << 63) : ~key;
  return std::bit_cast<double>(bits);
}

// How many Walsh averages (sorted[i] + sorted[j]) / 2, i <= j, are <= x. As i grows the largest
// such j can only shrink (rounding is monotone), so one pass suffices.
std::int64_t walsh_count_at_most(std::span<const double> sorted, double x) {
  const auto n = static_cast<std::int64_t>(sorted.size());
  std::int64_t count = 0;
  std::int64_t j = n - 1;
  for (std::int64_t i = 0; i < n; ++i) {
    while (j >= i &&
           (sorted[static_cast<std::size_t>(i)] + sorted[static_cast<std::size_t>(j)]) / 2 > x)
      --j;
    if (j < i) break;
    count += j - i + 1;
  }
  return count;
}

}  // namespace

std::vector<double> signed_rank_distribution(std::int64_t n) {
  if (n < 0 || n > kExactLimit)
    throw std::invalid_argument("signed_rank_distribution: n must be 0..50");
  std::vector<std::int64_t> ranks(static_cast<std::size_t>(n));
  std::iota(ranks.begin(), ranks.end(), std::int64_t{1});
  std::vector<double> p = subset_sum_counts(ranks);
  const double all = std::ldexp(1.0, static_cast<int>(n));
  for (double& v : p) v /= all;
  return p;
}

SignedRankTest wilcoxon_signed_rank(std::span<const double> differences) {
  std::vector<double> nonzero;
  for (const double d : differences)
    if (d != 0) nonzero.push_back(d);
  SignedRankTest test;
  test.n_nonzero = static_cast<std::int64_t>(nonzero.size());
  if (nonzero.empty()) return test;  // no evidence either way: both p = 1

  const std::vector<std::int64_t> ranks = doubled_midranks(nonzero);
  std::int64_t doubled_statistic = 0;
  for (std::size_t i = 0; i < nonzero.size(); ++i)
    if (nonzero[i] > 0) doubled_statistic += ranks[i];
  test.statistic = static_cast<double>(doubled_statistic) / 2;

  const std::int64_t n = test.n_nonzero;
  if (n <= kExactLimit) {
    // Exact, conditionally on the ranks: every sign assignment of the doubled midranks.
    const std::vector<double> counts = subset_sum_counts(ranks);
    double at_least = 0;
    double at_most = 0;
    for (std::size_t s = 0; s < counts.size(); ++s) {
      if (static_cast<std::int64_t>(s) >= doubled_statistic) at_least += counts[s];
      if (static_cast<std::int64_t>(s) <= doubled_statistic) at_most += counts[s];
    }
    const double all = std::ldexp(1.0, static_cast<int>(n));
    test.p_greater = at_least / all;
    test.p_less = at_most / all;
    test.exact = true;
    return test;
  }
  // Normal approximation, variance corrected for ties: n(n+1)(2n+1)/24 - sum(t^3 - t)/48.
  const auto nd = static_cast<double>(n);
  double variance = nd * (nd + 1) * (2 * nd + 1) / 24;
  std::vector<std::int64_t> sorted_ranks = ranks;
  std::sort(sorted_ranks.begin(), sorted_ranks.end());
  for (std::size_t first = 0; first < sorted_ranks.size();) {
    std::size_t last = first;
    while (last + 1 < sorted_ranks.size() && sorted_ranks[last + 1] == sorted_ranks[first]) ++last;
    const auto t = static_cast<double>(last - first + 1);
    variance -= (t * t * t - t) / 48;
    first = last + 1;
  }
  const double z = (test.statistic - nd * (nd + 1) / 4) / std::sqrt(variance);
  test.p_greater = normal_cdf(-z);
  test.p_less = normal_cdf(z);
  test.exact = false;
  return test;
}

double walsh_order_statistic(std::span<const double> sorted, std::int64_t k) {
  const auto n = static_cast<std::int64_t>(sorted.size());
  if (n == 0 || k < 1 || k > n * (n + 1) / 2)
    throw std::invalid_argument("walsh_order_statistic: k out of range");
  // The smallest x among the doubles in [min, max] with at least k averages <= x is an average.
  std::uint64_t low = order_key(sorted.front());
  std::uint64_t high = order_key(sorted.back());
  while (low < high) {
    const std::uint64_t middle = low + (high - low) / 2;
    if (walsh_count_at_most(sorted, from_order_key(middle)) >= k)
      high = middle;
    else
      low = middle + 1;
  }
  return from_order_key(low) + 0.0;  // + 0.0: -0 reads as 0
}

HodgesLehmann hodges_lehmann(std::span<const double> differences) {
  HodgesLehmann hl;
  hl.n = static_cast<std::int64_t>(differences.size());
  if (hl.n == 0) {
    hl.estimate = hl.ci_low = hl.ci_high = hl.ci_coverage = kNaN;
    return hl;
  }
  std::vector<double> sorted(differences.begin(), differences.end());
  std::sort(sorted.begin(), sorted.end());
  const std::int64_t n = hl.n;
  const std::int64_t walsh = n * (n + 1) / 2;
  const std::int64_t middle = (walsh + 1) / 2;
  hl.estimate =
      walsh % 2 == 1
          ? walsh_order_statistic(sorted, middle)
          : (walsh_order_statistic(sorted, middle) + walsh_order_statistic(sorted, middle + 1)) / 2;

  const double tail = (1 - kConfidence) / 2;
  std::int64_t k = 0;
  if (n <= kExactLimit) {
    const std::vector<double> p = signed_rank_distribution(n);
    double cumulative = 0;
    for (k = 0; k < static_cast<std::int64_t>(p.size()); ++k) {
      cumulative += p[static_cast<std::size_t>(k)];
      if (cumulative >= tail) break;
    }
    k = std::max<std::int64_t>(k, 1);
    double below = 0;  // P(T+ <= k - 1)
    for (std::int64_t t = 0; t < k; ++t) below += p[static_cast<std::size_t>(t)];
    hl.ci_coverage = 1 - 2 * below;
    hl.exact = true;
  } else {
    const auto nd = static_cast<double>(n);
    const double mu = nd * (nd + 1) / 4;
    const double sigma = std::sqrt(nd * (nd + 1) * (2 * nd + 1) / 24);
    k = std::max<std::int64_t>(static_cast<std::int64_t>(std::ceil(mu - 0.5 - kZ975 * sigma)), 1);
    hl.ci_coverage = 1 - 2 * normal_cdf((static_cast<double>(k) - 0.5 - mu) / sigma);
    hl.exact = false;
  }
  hl.ci_low = walsh_order_statistic(sorted, k);
  hl.ci_high = walsh_order_statistic(sorted, walsh + 1 - k);
  return hl;
}

PairedComparison compare_pairs(std::span<const double> arm0, std::span<const double> arm1) {
  if (arm0.size() != arm1.size())
    throw std::invalid_argument("compare_pairs: the arms have different numbers of values");
  PairedComparison c;
  c.n_pairs = static_cast<std::int64_t>(arm0.size());
  std::vector<double> differences(arm0.size());
  double sum0 = 0;
  double sum1 = 0;
  double sum_difference = 0;
  for (std::size_t i = 0; i < arm0.size(); ++i) {
    differences[i] = arm1[i] - arm0[i];
    sum0 += arm0[i];
    sum1 += arm1[i];
    sum_difference += differences[i];
  }
  const auto n = static_cast<double>(c.n_pairs);
  c.mean_arm0 = c.n_pairs > 0 ? sum0 / n : kNaN;
  c.mean_arm1 = c.n_pairs > 0 ? sum1 / n : kNaN;
  c.mean_difference = c.n_pairs > 0 ? sum_difference / n : kNaN;
  c.hodges_lehmann = hodges_lehmann(differences);
  c.wilcoxon = wilcoxon_signed_rank(differences);
  return c;
}

std::vector<double> mean_curve(const Curves& curves) {
  if (curves.empty()) return {};
  std::vector<double> mean(curves.front().size(), 0.0);
  for (const std::vector<double>& curve : curves) {
    if (curve.size() != mean.size())
      throw std::invalid_argument("mean_curve: curves of different lengths");
    for (std::size_t t = 0; t < mean.size(); ++t) mean[t] += curve[t];
  }
  for (double& v : mean) v /= static_cast<double>(curves.size());
  return mean;
}

std::optional<std::int32_t> parting_week(const Curves& arm0, const Curves& arm1) {
  if (arm0.size() != arm1.size())
    throw std::invalid_argument("parting_week: the arms have different numbers of curves");
  if (arm0.empty()) return std::nullopt;
  const std::size_t weeks = arm0.front().size();
  std::vector<double> differences(arm0.size());
  std::optional<std::int32_t> parting;
  int direction = 0;  // +1: arm 1 higher, -1: lower, in every week from `parting` on
  // From the last week back: the run of significant weeks in one direction that reaches the end.
  for (std::size_t t = weeks; t-- > 0;) {
    for (std::size_t i = 0; i < arm0.size(); ++i) {
      if (arm0[i].size() != weeks || arm1[i].size() != weeks)
        throw std::invalid_argument("parting_week: curves of different lengths");
      differences[i] = arm1[i][t] - arm0[i][t];
    }
    const SignedRankTest test = wilcoxon_signed_rank(differences);
    const int sign = test.p_greater < kParting ? 1 : (test.p_less < kParting ? -1 : 0);
    if (sign == 0 || (direction != 0 && sign != direction)) break;
    direction = sign;
    parting = static_cast<std::int32_t>(t);
  }
  return parting;
}

std::optional<std::int32_t> crossing_week(const Curves& arm0, const Curves& arm1) {
  const std::vector<double> mean0 = mean_curve(arm0);
  const std::vector<double> mean1 = mean_curve(arm1);
  if (mean0.size() != mean1.size())
    throw std::invalid_argument("crossing_week: curves of different lengths");
  std::optional<std::int32_t> crossing;
  int last_sign = 0;
  for (std::size_t t = 0; t < mean0.size(); ++t) {
    const double d = mean1[t] - mean0[t];
    const int sign = d > 0 ? 1 : (d < 0 ? -1 : 0);
    if (sign == 0) continue;
    if (last_sign != 0 && sign != last_sign) crossing = static_cast<std::int32_t>(t);
    last_sign = sign;
  }
  return crossing;
}

}  // namespace regiesim::comparison
