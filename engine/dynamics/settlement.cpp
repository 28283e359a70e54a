#include "dynamics/settlement.hpp"

#include <algorithm>

#include "dynamics/derived.hpp"

namespace regiesim::dynamics {

std::int64_t settle_negotiations(const model::Parameters& p, const model::OpgaveState& opgave,
                                 double realisation, Bargainer bargain, std::int32_t step,
                                 std::int32_t first_meeting_id, model::PartnerState& partners,
                                 model::Meetings& meetings, model::BargainScratch& scratch,
                                 sim::EventLog& log) {
  const Eigen::Index k = partners.capabilities.cols();
  std::int64_t agreements = 0;
  for (std::size_t mi = 0; mi < meetings.list.size(); ++mi) {
    model::Meeting& m = meetings.list[mi];
    m.fairness = -1.0;
    if (!m.negotiate) continue;
    std::size_t n = 0;
    double mean_served = 0.0;
    for (std::int32_t a = 0; a < m.size; ++a) {
      const std::int32_t i = meetings.participants[static_cast<std::size_t>(m.first + a)];
      if (partners.settled[i] != 0) continue;  // a settled partner's decision stands
      scratch.parties[n] = i;
      scratch.served[static_cast<Eigen::Index>(n)] =
          interests_served(opgave.goal, partners.interests, i);
      mean_served += scratch.served[static_cast<Eigen::Index>(n)];
      ++n;
    }
    if (n < 2) continue;  // no round; the meeting still counts as negotiating
    mean_served /= static_cast<double>(n);
    const double package =
        p.negotiation_scope * opgave.concreteness * mean_served * (1.0 - realisation);
    for (std::size_t a = 0; a < n; ++a) {
      const auto e = static_cast<Eigen::Index>(a);
      const std::int32_t i = scratch.parties[a];
      double mean_capability = 0.0;
      double alone = 1.0;
      for (Eigen::Index d = 0; d < k; ++d) {
        const double c = partners.capabilities(i, d);
        mean_capability += c;
        alone = std::min(alone, c / (c + p.opgave_saturation));
      }
      mean_capability /= static_cast<double>(k);
      scratch.benefit[e] = partners.urgency[i] * scratch.served[e];
      scratch.cost[e] = 1.0 / (1.0 + mean_capability);
      scratch.disagreement[e] = package * scratch.benefit[e] * alone;
      scratch.discount[e] = 1.0 - p.negotiation_impatience * partners.urgency[i];
      scratch.capability[e] = mean_capability;
    }
    const BargainingProblem problem{.package = package,
                                    .benefit = {scratch.benefit.data(), n},
                                    .cost = {scratch.cost.data(), n},
                                    .disagreement = {scratch.disagreement.data(), n},
                                    .discount = {scratch.discount.data(), n},
                                    .capability = {scratch.capability.data(), n},
                                    .rounds_before = 0};
    BargainingResult result{.shares = {scratch.shares.data(), n}};
    bargain(problem, result);
    log.add_negotiation(step, first_meeting_id + static_cast<std::int32_t>(mi), result.rounds,
                        result.agreed, result.log_nash_product, result.fairness,
                        {scratch.parties.data(), n}, {scratch.shares.data(), n});
    if (!result.agreed) continue;
    ++agreements;
    m.fairness = result.fairness;
    for (std::size_t a = 0; a < n; ++a) {
      const std::int32_t i = scratch.parties[a];
      partners.settled[i] = 1;
      partners.allocation[i] = scratch.shares[static_cast<Eigen::Index>(a)] * package;
    }
  }
  return agreements;
}

}  // namespace regiesim::dynamics
