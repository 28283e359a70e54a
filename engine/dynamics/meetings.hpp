#pragma once
// Who meets whom this week (C1): the regisseur's plenary meetings and partners' own meetings.
#include <cstdint>

#include "model/parameters.hpp"
#include "model/state.hpp"
#include "network/network.hpp"
#include "sim/event_log.hpp"
#include "sim/random_stream.hpp"

namespace regiesim::dynamics {

// C1: the regisseur brings all active partners together every regisseur.convene_interval weeks.
// Returns whether a plenary meeting takes place this step; logs it and adds its cost to `effort`.
bool convene(const model::Parameters& p, const model::Flags& active, std::int32_t step,
             sim::EventLog& log, double& effort);

// Marks in `met` (per directed edge, both directions alike) the ties between active partners that
// meet this step: all of them in a plenary week, otherwise each with meetings.probability, drawn
// from the stream (step, Purpose::meeting, i, j) with i < j. Returns the number of ties that met.
std::int64_t meet(const network::Network& net, const model::Parameters& p,
                  const model::Flags& active, bool plenary, sim::RunSeed seed, std::int32_t step,
                  model::Flags& met);

}  // namespace regiesim::dynamics
