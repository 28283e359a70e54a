#include "dynamics/commitment.hpp"

#include "dynamics/trust.hpp"

namespace regiesim::dynamics {

void update_commitment(const network::Network& net, const model::Parameters& p,
                       const Eigen::ArrayXd& trust, model::PartnerState& partners) {
  for (std::int32_t i = 0; i < net.partners; ++i) {
    if (partners.active[i] == 0) continue;
    const double target = partners.urgency[i] * (p.commitment_passion_weight * partners.passion[i] +
                                                 (1.0 - p.commitment_passion_weight) *
                                                     trust_given(net, trust, partners.active, i));
    partners.commitment[i] += p.commitment_adaptation * (target - partners.commitment[i]);
  }
}

}  // namespace regiesim::dynamics
