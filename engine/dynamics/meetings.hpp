#pragma once
// Who meets whom this week (C1): everyone in a plenary week (regie/convene), otherwise partners'
// own meetings on their ties.
#include <cstdint>

#include "model/parameters.hpp"
#include "model/state.hpp"
#include "network/network.hpp"
#include "random/random_stream.hpp"

namespace regiesim::dynamics {

// Marks in `met` (per directed edge, both directions alike) the ties between active partners that
// meet this step: all of them in a plenary week, otherwise each with meetings.probability, drawn
// from the stream (step, Purpose::meeting, i, j) with i < j. Returns the number of ties that met.
std::int64_t meet(const network::Network& net, const model::Parameters& p,
                  const model::Flags& active, bool plenary, sim::RunSeed seed, std::int32_t step,
                  model::Flags& met);

}  // namespace regiesim::dynamics
