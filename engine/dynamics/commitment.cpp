#include "dynamics/commitment.hpp"

#include "dynamics/derived.hpp"
#include "dynamics/trust.hpp"
#include "model/work.hpp"

namespace regiesim::dynamics {

void update_commitment(const network::Network& net, const model::Parameters& p,
                       const Eigen::ArrayXd& trust, const model::OpgaveState& opgave,
                       const model::RegisseurState& regisseur, model::PartnerState& partners,
                       const model::ChunkExecutor& executor) {
  const double weights = p.commitment_passion_weight + p.commitment_trust_weight +
                         p.commitment_interest_weight + p.commitment_ownership_weight +
                         p.commitment_goal_weight;
  const double lived_goal = opgave.concreteness * opgave.clarity;
  // The ledgers, the active partners and the goal do not change in this loop: their totals and the
  // goal's weights are computed once.
  const LedgerTotals totals = ledger_totals(partners, regisseur);
  const GoalWeights goal(opgave.goal);
  model::count_partners(net.partners);
  // Each partner writes only its own commitment, and nothing it reads is written here: chunks of
  // partners are independent.
  model::for_each_chunk(executor, net.partners, [&](std::int64_t first, std::int64_t last) {
    for (auto i = static_cast<std::int32_t>(first); i < last; ++i) {
      if (partners.active[i] == 0) continue;
      const double owned = felt_ownership(p, totals, partners, regisseur, i);
      // C3, C16: a goal is lived by a partner only as far as it owns it; a goal handed down is
      // not owned, however clear (nu = commitment.lived_ownership; 0 counts every clear goal as
      // lived).
      const double lived = p.commitment_lived_ownership > 0.0
                               ? lived_goal * (1.0 - p.commitment_lived_ownership +
                                               p.commitment_lived_ownership * owned)
                               : lived_goal;
      const double weighted =
          p.commitment_passion_weight * partners.passion[i] +
          p.commitment_trust_weight * trust_given(net, trust, partners.active, i) +
          p.commitment_interest_weight * interests_served(goal, partners.interests, i) +
          p.commitment_ownership_weight * owned + p.commitment_goal_weight * lived;
      const double target = partners.urgency[i] * weighted / weights;
      partners.commitment[i] += p.commitment_adaptation * (target - partners.commitment[i]);
    }
  });
}

}  // namespace regiesim::dynamics
