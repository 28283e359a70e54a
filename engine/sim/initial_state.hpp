#pragma once
// The state at step 0, from the scenario's partners and parameters (ODD 5, initialisation).
#include "model/state.hpp"
#include "network/network.hpp"
#include "scenario/scenario_spec.hpp"

namespace regiesim::sim {

// Every partner active with its declared passion, commitment, urgency and capabilities; trust
// trust.initial on every tie; nothing realised. Also sizes the step loop's scratch buffers.
model::State initial_state(const scenario::ScenarioSpec& spec, const network::Network& net);

}  // namespace regiesim::sim
