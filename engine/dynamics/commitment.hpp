#pragma once
// Commitment follows passion, trust in the others and the urgency of the opgave (C13, C16).
#include "model/parameters.hpp"
#include "model/state.hpp"
#include "network/network.hpp"

namespace regiesim::dynamics {

// For each active partner i:
//   target_i = urgency_i * (passion_weight * p_i + (1 - passion_weight) * trust_given_i)
//   m_i     <- m_i + adaptation * (target_i - m_i)
// Each partner reads only its own state and its own ties, so the order does not matter.
void update_commitment(const network::Network& net, const model::Parameters& p,
                       const Eigen::ArrayXd& trust, model::PartnerState& partners);

}  // namespace regiesim::dynamics
