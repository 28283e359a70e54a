#pragma once
// Negotiating meetings decide who does and gets what (C14, design decision 9; docs/ODD.md 7.5). For
// each negotiating meeting this process builds the bargaining problem of its unsettled
// participants from their interests, capabilities, invested resources and urgency, holds one
// bargaining round through engine/negotiation's `negotiate` with the scenario's protocol, keeps a
// Zeuthen negotiation that has not agreed open for the same parties' next negotiating meeting, and
// on agreement settles the parties on their allocations: from then on they execute only their
// allocated work, without co-creation's synergy (7.9), until a refocus supersedes the decision.
#include <cstdint>

#include "model/parameters.hpp"
#include "model/state.hpp"
#include "record/event_log.hpp"

namespace regiesim::dynamics {

// Sizes the open negotiations (min(ties + partners, max(64, 2^20 / largest_meeting)) slots) and
// the round's scratch to the largest meeting (`largest_meeting` participants) and `dimensions`,
// so that the step loop allocates nothing.
void prepare_negotiations(std::int32_t partners, std::int64_t ties, std::int32_t largest_meeting,
                          std::int32_t dimensions, model::OpenNegotiations& open,
                          model::NegotiationScratch& scratch);

// For each negotiating meeting in meeting order, with E its unsettled participants in ascending
// id (no round if |E| < 2):
//   the open negotiation whose parties are exactly E is continued (its standing demands and
//   rounds carried); if there is none and negotiation.continue_contained is true, the open
//   negotiation waiting longest (oldest last round, lowest id among equals) whose parties all sit
//   in E is continued, its parties bargaining and E's others not; if there is none a new one is
//   opened (in a free slot, or in the slot of the open negotiation with the oldest last round,
//   which is dropped);
//   W_k = negotiation.scope C (1 - R_k); a_ik = max(0, theta_ik); c_ik;
//   r_i = negotiation.execution_rate negotiation.horizon m_i r_i (resources); u_i (urgency);
//   one round of negotiate(); on agreement settled_i <- 1 and q_i <- (1/K) sum_k c_ik e_ik for
//   i in E (with negotiation.execute_as_planned, eta_i <- q_i / E_i, the plan's realisation per
//   unit of effort, E_i = sum_k e_ik), the meeting's fairness phi = 1 - (distance of the shares
//   from the Nash shares) and its parties are set (read by trust, 7.8), and the negotiation closes;
//   a breakdown closes it too; an ongoing (Zeuthen) negotiation keeps its demands.
// Then open negotiations without a round for negotiation.patience weeks are dropped.
// Every round is a row of /negotiations. `first_meeting_id` is the run-level id of this week's
// first meeting in the log. Returns the number of agreements.
std::int64_t settle_negotiations(const model::Parameters& p, const model::OpgaveState& opgave,
                                 std::int32_t step, std::int32_t first_meeting_id,
                                 model::PartnerState& partners, model::Meetings& meetings,
                                 model::OpenNegotiations& open, model::NegotiationScratch& scratch,
                                 record::EventLog& log);

}  // namespace regiesim::dynamics
