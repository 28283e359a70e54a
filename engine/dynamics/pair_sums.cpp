#include "dynamics/pair_sums.hpp"

namespace regiesim::dynamics {

PairScratch& pair_scratch() {
  thread_local PairScratch scratch;
  return scratch;
}

void reserve_pair_scratch(std::size_t partners) {
  auto& s = pair_scratch();
  s.order.reserve(partners);
  s.prefix.reserve(partners + 1);
}

double pair_distance_sum(std::span<const std::int32_t> members, const Eigen::ArrayXd& x) {
  const auto order = sorted_by(members, [&](std::int32_t i) { return x[i]; });
  double total = 0.0;
  double before = 0.0;
  for (std::size_t p = 0; p < order.size(); ++p) {
    const double xp = x[order[p]];
    total += static_cast<double>(p) * xp - before;
    before += xp;
  }
  return total;
}

void add_within_confidence(std::span<const std::int32_t> members, const Eigen::ArrayXd& x,
                           double eps, Eigen::ArrayXd& sum, Eigen::ArrayXd& count) {
  if (!(eps > 0.0) || members.size() < 2) return;
  const auto order = sorted_by(members, [&](std::int32_t i) { return x[i]; });
  const std::size_t n = order.size();
  auto& prefix = pair_scratch().prefix;
  prefix.resize(n + 1);
  prefix[0] = 0.0;
  for (std::size_t q = 0; q < n; ++q) prefix[q + 1] = prefix[q] + x[order[q]];
  std::size_t lo = 0;
  std::size_t hi = 0;
  for (std::size_t p = 0; p < n; ++p) {
    const std::int32_t i = order[p];
    const double y = x[i];
    // |x_j - x_i| < eps, as the pairwise test computes it: below p the difference is y - y_lo,
    // above it y_hi - y (the negation of a difference is exact).
    while (!(y - x[order[lo]] < eps)) ++lo;
    if (hi < p + 1) hi = p + 1;
    while (hi < n && x[order[hi]] - y < eps) ++hi;
    sum[i] += (prefix[hi] - prefix[lo]) - y;
    count[i] += static_cast<double>(hi - lo - 1);
  }
}

}  // namespace regiesim::dynamics
