#pragma once
// Commitment follows passion, trust in the others, interests served, ownership and the lived
// goal, scaled by urgency (C13, C1, C2, C16, C3; docs/ODD.md 7.12).
#include "model/chunk_executor.hpp"
#include "model/parameters.hpp"
#include "model/state.hpp"
#include "network/network.hpp"

namespace regiesim::dynamics {

// For each active partner i:
//   target_i = u_i (w_p p_i + w_T tau_i + w_s sigma_i + w_o Ohat_i + w_g C Q) / (sum of weights)
//   m_i     <- m_i + commitment.adaptation (target_i - m_i)
// tau_i the mean trust of i in its active ties. Each partner reads only its own state, its own
// ties and the collaboration's, so the order does not matter.
void update_commitment(const network::Network& net, const model::Parameters& p,
                       const Eigen::ArrayXd& trust, const model::OpgaveState& opgave,
                       const model::RegisseurState& regisseur, model::PartnerState& partners,
                       const model::ChunkExecutor& executor = model::serial_executor());

}  // namespace regiesim::dynamics
