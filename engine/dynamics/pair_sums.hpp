#pragma once
// Sums over the pairs of a meeting's participants in O(n log n) instead of O(n^2): the
// participants are sorted by the value the pairs compare (ascending, ties by ascending partner
// id) and the pairs are summed from running sums along that order. docs/ODD.md 7.4 and 7.7 state
// the exact summation order; the draw-for-draw port follows it. A plenary of every partner of a
// region then costs a sort, not every pair.
#include <Eigen/Core>
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "model/work.hpp"

namespace regiesim::dynamics {

// This thread's room for one meeting's sorted order and prefix sums. reserve_pair_scratch sizes it
// for meetings of up to `partners` participants at initialisation so that the step loop does not
// allocate; it only grows.
struct PairScratch {
  std::vector<std::int32_t> order;
  std::vector<double> prefix;
};
PairScratch& pair_scratch();
void reserve_pair_scratch(std::size_t partners);

// The members sorted by value(i) ascending, ties by ascending id, in this thread's scratch (valid
// until the next call). Counts the sort's comparisons and one visit per member as pair work.
template <class Value>
std::span<const std::int32_t> sorted_by(std::span<const std::int32_t> members, Value value) {
  auto& order = pair_scratch().order;
  if (members.size() == 2) {
    // A pair, nearly every meeting of a large sparse network, is ordered by the one comparison
    // std::sort's insertion pass makes first (the second member before the first?), and with the
    // same outcome; its call and set-up cost more than the meeting's sums (perf, 10^6 partners:
    // interest_divergence 13% of the week). The scratch holds room for every partner.
    const std::int32_t a = members[0];
    const std::int32_t b = members[1];
    const double va = value(a);
    const double vb = value(b);
    const bool swap = vb < va || (vb == va && b < a);
    order.resize(2);
    order[0] = swap ? b : a;
    order[1] = swap ? a : b;
    model::count_pairs(1 + 2);
    return order;
  }
  order.assign(members.begin(), members.end());
  std::int64_t comparisons = 0;
  std::sort(order.begin(), order.end(), [&](std::int32_t a, std::int32_t b) {
    ++comparisons;
    const double va = value(a);
    const double vb = value(b);
    return va < vb || (va == vb && a < b);
  });
  model::count_pairs(comparisons + static_cast<std::int64_t>(members.size()));
  return order;
}

// sum over pairs {i, j} of the members of |v_i - v_j| (w_i + w_j). From the members sorted by v
// (ascending, ties by id), p = 0..n-1: with A, W and AW the sums of v, w and v w over the members
// before p (each from 0.0, added to in that order after p is visited), the sum starts at 0.0 and
// adds v_p (p w_p + W) - (w_p A + AW). Exact: each pair contributes (v_p - v_q)(w_p + w_q), q < p.
template <class Value, class Weight>
double weighted_pair_distance_sum(std::span<const std::int32_t> members, Value v, Weight w) {
  const auto order = sorted_by(members, v);
  double total = 0.0;
  double a_sum = 0.0;
  double w_sum = 0.0;
  double aw_sum = 0.0;
  for (std::size_t p = 0; p < order.size(); ++p) {
    const double vp = v(order[p]);
    const double wp = w(order[p]);
    total += vp * (static_cast<double>(p) * wp + w_sum) - (wp * a_sum + aw_sum);
    a_sum += vp;
    w_sum += wp;
    aw_sum += vp * wp;
  }
  return total;
}

// sum over pairs {i, j} of the members of |x_i - x_j|. From the members sorted by x, p = 0..n-1:
// with S the sum of the values before p (from 0.0), the sum starts at 0.0 and adds p x_p - S,
// then S += x_p.
double pair_distance_sum(std::span<const std::int32_t> members, const Eigen::ArrayXd& x);

// Bounded confidence within one meeting (docs/ODD.md 7.7): for each member i, adds to sum[i] the
// values x_j, and to count[i] the number, of the other members j with |x_j - x_i| < eps. From the
// members sorted by x as y_0..y_{n-1} with prefix sums P_0 = 0.0, P_{q+1} = P_q + y_q: the members
// within the bound of position p form a window [lo, hi) around p (two pointers; it holds exactly
// the j the pairwise test admits, because a floating-point difference is monotone in either
// operand), and sum[i] += (P_hi - P_lo) - y_p, count[i] += (hi - lo - 1). At eps <= 0 no pair is
// within the bound and nothing is added.
void add_within_confidence(std::span<const std::int32_t> members, const Eigen::ArrayXd& x,
                           double eps, Eigen::ArrayXd& sum, Eigen::ArrayXd& count);

}  // namespace regiesim::dynamics
