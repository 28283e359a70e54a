#pragma once
// Negotiating meetings decide who does and gets what (C14; docs/ODD.md 7.5). Builds each
// meeting's bargaining problem, asks the Bargainer (the seam to engine/negotiation) for a round,
// and on agreement settles the parties on their allocations: from then on they execute only their
// share, without co-creation's synergy (7.9), until a refocus supersedes the decision.
#include <cstdint>

#include "dynamics/bargaining_seam.hpp"
#include "model/parameters.hpp"
#include "model/state.hpp"
#include "sim/event_log.hpp"

namespace regiesim::dynamics {

// For each negotiating meeting in meeting order, with E its unsettled participants (|E| >= 2):
//   X = negotiation.scope C mean_E(sigma) (1 - R), b_i = u_i sigma_i, k_i = 1 / (1 + cbar_i),
//   d_i = X b_i min_k c_ik / (c_ik + S), disc_i = 1 - negotiation.impatience u_i;
// on agreement settled_i <- 1, q_i <- share_i X, and the meeting's `fairness` is set (read by
// trust, 7.8). `first_meeting_id` is the run-level id of this week's first meeting in the log.
// Returns the number of agreements.
std::int64_t settle_negotiations(const model::Parameters& p, const model::OpgaveState& opgave,
                                 double realisation, Bargainer bargain, std::int32_t step,
                                 std::int32_t first_meeting_id, model::PartnerState& partners,
                                 model::Meetings& meetings, model::BargainScratch& scratch,
                                 sim::EventLog& log);

}  // namespace regiesim::dynamics
