#pragma once
// Applies interventions from any source -- a strategy, the plan, the classroom page -- in span
// order (design decision 18; docs/ODD.md 3.4 and 7.2). Each intervention changes only the state its
// row of the intervention table names (docs/ODD.md 2.1); its effect size is
//   a = eta iota tf,  tf = 1 - psi + psi V_i (partner) or 1 - psi + psi Vbar (group),
// with tf = 1 for direct acts (control's own work, release, commission_goal's decree).
#include <cstdint>
#include <span>

#include "model/parameters.hpp"
#include "model/state.hpp"
#include "network/network.hpp"
#include "record/event_log.hpp"

namespace regiesim::regie {

// Before each intervention: skipped (event skipped_target_left / skipped_disabled /
// skipped_over_capacity, value = its kind) if a partner target has left, if it is not enabled in
// the arsenal, or if its cost plus what was spent this week exceeds regisseur.capacity. Applied
// ones log an event (kind = intervention, source -1, target, cost, value = a) and add their cost
// to the week's effort. `convene` appends convened meetings to state.meetings. Marks the
// partners each applied intervention named (state.named) and who sat in a convened meeting
// (state.in_convened).
void apply_interventions(const network::Network& net, const model::Parameters& p,
                         std::span<const model::InterventionRequest> requests, std::int32_t step,
                         model::State& state, record::EventLog& log);

}  // namespace regiesim::regie
