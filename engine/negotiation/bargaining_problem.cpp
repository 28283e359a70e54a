#include "negotiation/bargaining_problem.hpp"

#include <algorithm>
#include <cmath>

namespace regiesim::negotiation {

namespace {
double curve(double value, double rho) {
  return rho == 1.0 ? value : std::pow(value, rho);
}
}  // namespace

void build_bargaining_problem(const ProblemData& data, const NegotiationSettings& settings,
                              std::span<PartnerUtility> utilities, std::span<double> effort,
                              std::span<double> scratch) {
  const std::size_t n = data.resources.size();
  const std::size_t k_count = data.remaining_work.size();
  const auto work = data.remaining_work;
  auto done = scratch.first(k_count);                     // y_k
  auto interest_sum = scratch.subspan(k_count, k_count);  // sum_j a_jk
  const double rho = settings.utility_exponent;
  const double kappa = settings.effort_cost;

  std::fill(done.begin(), done.end(), 0.0);
  std::fill(interest_sum.begin(), interest_sum.end(), 0.0);
  for (std::size_t i = 0; i < n; ++i) {
    const auto* c = &data.capabilities[i * k_count];
    const auto* a = &data.interests[i * k_count];
    auto* e = &effort[i * k_count];
    double reach = 0.0;
    for (std::size_t k = 0; k < k_count; ++k) reach += c[k] * work[k];
    // Alone: the same spread of its own resources; effort beyond what remains is not spent.
    double alone_value = 0.0;
    double alone_effort = 0.0;
    for (std::size_t k = 0; k < k_count; ++k) {
      e[k] = reach > 0.0 ? data.resources[i] * c[k] * work[k] / reach : 0.0;
      const double output = c[k] * e[k];
      alone_value += a[k] * std::min(work[k], output);
      alone_effort += output > work[k] ? work[k] / c[k] : e[k];
      done[k] += output;  // coverage for now
      interest_sum[k] += a[k];
    }
    utilities[i] = PartnerUtility{
        .common = 0.0,
        .rival = 0.0,
        .exponent = rho,
        .scale = 1.0,
        .offset = 0.0,
        .disagreement = std::max(0.0, curve(alone_value, rho) - kappa * alone_effort)};
  }
  // Scale effort down where the group would do more than remains.
  for (std::size_t k = 0; k < k_count; ++k) {
    if (done[k] <= work[k]) continue;
    const double fit = work[k] / done[k];
    for (std::size_t i = 0; i < n; ++i) effort[i * k_count + k] *= fit;
    done[k] = work[k];
  }
  const double others = n > 1 ? static_cast<double>(n - 1) : 1.0;
  for (std::size_t i = 0; i < n; ++i) {
    const auto* a = &data.interests[i * k_count];
    double common = 0.0;
    double rival = 0.0;
    double allocated = 0.0;
    for (std::size_t k = 0; k < k_count; ++k) {
      const double shared = n > 1 ? (interest_sum[k] - a[k]) / others : a[k];
      common += std::min(a[k], shared) * done[k];
      rival += std::max(0.0, a[k] - shared) * done[k];
      allocated += effort[i * k_count + k];
    }
    utilities[i].common = common;
    utilities[i].rival = rival;
    utilities[i].offset = -kappa * allocated;
  }
}

}  // namespace regiesim::negotiation
