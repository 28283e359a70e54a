#include "dynamics/bargaining_seam.hpp"

#include <cmath>

namespace regiesim::dynamics {

void proportional_placeholder(const BargainingProblem& problem, BargainingResult& result) {
  const std::size_t n = problem.benefit.size();
  double total = 0.0;
  for (std::size_t a = 0; a < n; ++a) total += problem.capability[a];
  result.rounds = problem.rounds_before + 1;
  result.agreed = n >= 2;
  result.log_nash_product = 0.0;
  double distance = 0.0;
  for (std::size_t a = 0; a < n; ++a) {
    const double share = total > 0.0 ? problem.capability[a] / total : 1.0 / static_cast<double>(n);
    result.shares[a] = share;
    distance += std::abs(share - 1.0 / static_cast<double>(n));
    const double surplus =
        problem.package * (problem.benefit[a] - problem.cost[a] * share) - problem.disagreement[a];
    if (surplus > 0.0)
      result.log_nash_product += std::log(surplus);
    else
      result.agreed = false;
  }
  if (!result.agreed) result.log_nash_product = 0.0;
  result.fairness = 1.0 - 0.5 * distance;
}

}  // namespace regiesim::dynamics
