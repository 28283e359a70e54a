#pragma once
// Perspectives move by bounded confidence within the week's co-creating contacts; debates about
// who is right narrow the confidence bound (C10, P13; docs/ODD.md 7.7, after Deffuant et al. 2000
// and Hegselmann and Krause 2002).
#include "model/parameters.hpp"
#include "model/state.hpp"

namespace regiesim::dynamics {

// 1. For each active i, N_i = the partners j sharing a co-creating, non-debate meeting with i
//    this week (once per such meeting) with |x_j - x_i| < eps; if N_i is not empty,
//    x_i += perspectives.convergence (mean over N_i of x_j - x_i). Synchronous: every partner
//    reads the start-of-process perspectives (`sum` and `count` are scratch sized to the partners).
// 2. Each debate meeting: eps -= perspectives.debate_narrowing (eps - eps_min).
// Writes x_i and eps only.
void update_perspectives(const model::Parameters& p, const model::Meetings& meetings,
                         Eigen::ArrayXd& sum, Eigen::ArrayXd& count, model::PartnerState& partners,
                         double& confidence);

}  // namespace regiesim::dynamics
