#pragma once
// One week of the model: the one place where the order of processes is decided (ODD 3).
#include "model/state.hpp"
#include "network/network.hpp"
#include "random/random_stream.hpp"
#include "record/event_log.hpp"
#include "scenario/scenario_spec.hpp"

namespace regiesim::sim {

// Advances `state` by one step. Reads the scenario, the network and the run seed; writes only the
// state and the log. Allocates nothing.
void step(const scenario::ScenarioSpec& spec, const network::Network& net, RunSeed seed,
          model::State& state, record::EventLog& log);

}  // namespace regiesim::sim
