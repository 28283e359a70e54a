#pragma once
// The meeting's switch between co-creation and negotiation (C14, design decision 15;
// docs/ODD.md 3.5 and 7.4), and whether a co-creating meeting turns into a who-is-right debate
// (C10).
#include <cstdint>

#include "model/chunk_executor.hpp"
#include "model/parameters.hpp"
#include "model/state.hpp"
#include "random/random_stream.hpp"

namespace regiesim::dynamics {

// Unreconciled divergence of interests D_G of a meeting's participants, 0..1:
//   d_ij = (1 / 2K) sum_k |theta_ik - theta_jk|,  rho_i = 1 - kappa_i sigma_i,
//   Dbase = mean over pairs of d_ij (rho_i + rho_j) / 2,  D_G = Dbase (1 + mean z_i) / 2.
// `served` holds sigma_i of every partner.
double interest_divergence(const model::PartnerState& partners, const Eigen::ArrayXd& served,
                           const model::Meetings& meetings, const model::Meeting& m);

// The one switch: P(negotiate) = logistic(meetings.switch_steepness (D_G - F_G)), F_G the mean
// focus; u = first uniform of (step, Purpose::meeting_mode, key). A co-creating meeting whose
// perspectives span more than eps becomes a debate if the first uniform of (step,
// Purpose::debate, key) is below perspectives.debate_propensity (1 - A_P). All values are read at
// the start of the process (modes do not depend on meeting order). Writes only the meetings'
// mode and debate flags; `served` is scratch (sized to the partners).
void decide_modes(const model::Parameters& p, const model::PartnerState& partners,
                  const model::OpgaveState& opgave, random::RunSeed seed, std::int32_t step,
                  Eigen::ArrayXd& served, model::Meetings& meetings,
                  const model::ChunkExecutor& executor = model::serial_executor());

}  // namespace regiesim::dynamics
