#pragma once
// What a meeting does to its participants' focus and interest salience, and to the common
// language (C14, C4; docs/ODD.md 7.6): both modes reinforce themselves.
#include "model/parameters.hpp"
#include "model/state.hpp"

namespace regiesim::dynamics {

// For each meeting in meeting order, each participant:
//   co-creating, not a debate: f += focus.co_creation (1 - f); z -= interests.salience_relief z;
//     and once per meeting with at least two disciplines: L += language.learning (1 - L);
//   negotiating: f -= focus.negotiation f; z += interests.salience_gain (1 - z);
//   debate: nothing here (perspectives narrow the bound).
// Writes f_i, z_i and L only.
void meeting_effects(const model::Parameters& p, const model::Meetings& meetings,
                     model::PartnerState& partners, double& language);

}  // namespace regiesim::dynamics
