#pragma once
// Goal co-creation (C3, C8, C16, C2; docs/ODD.md 7.7): the goal moves toward the voice-weighted
// preferred emphases of a group, its clarity grows unless perspectives diverge too far for its
// concreteness, and each member's influence on the goal grows by its voice.
#include <cstdint>
#include <span>

#include "model/parameters.hpp"
#include "model/state.hpp"

namespace regiesim::dynamics {

// Goal co-creation over the partners listed in `members` with weight a in [0, 1]:
//   pi_i = (kappa0 + kappa_i) / sum_H (kappa0 + kappa_j)   (1/|H| if the sum is 0)
//   h_i  = 1 - lambda_K (1 - kappa_i)   (the known share of i's interests; ownership.voice_known)
//   g_k += a (sum_i pi_i (h_i max(0, theta_ik) + (1 - h_i) g_k) - g_k)
//   (an unknown interest keeps the current goal, C2; lambda_K = 0 is the sum of pi_i gstar_ik)
//   Q   += a (1 - min(1, C dbar_x / eps)) (1 - Q),   dbar_x the mean pairwise |x_i - x_j| in H
//   Lambda_i += a pi_i
//   t_agree <- step the first time Q >= agreement_clarity(C).
// Writes g, Q, Lambda_i of the members and t_agree only.
void co_create_goal(const model::Parameters& p, std::span<const std::int32_t> members, double a,
                    std::int32_t step, model::PartnerState& partners, model::OpgaveState& opgave);

// Clarity at which a goal of concreteness C counts as agreed (C3):
// opgave.agreed_clarity (1 - opgave.abstract_consent (1 - C)).
double agreement_clarity(const model::Parameters& p, double concreteness);

// t_agree <- step if it is unset and Q has reached agreement_clarity(C).
void check_agreed(const model::Parameters& p, std::int32_t step, model::OpgaveState& opgave);

// Goal work of the week's meetings: every convened, co-creating, non-debate meeting co-creates the
// goal over its participants with weight opgave.meeting_clarification (spontaneous pairs do not
// shape the shared goal).
void goal_in_meetings(const model::Parameters& p, std::int32_t step,
                      const model::Meetings& meetings, model::PartnerState& partners,
                      model::OpgaveState& opgave);

}  // namespace regiesim::dynamics
