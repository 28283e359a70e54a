#pragma once
// The order in which partners update within a step (ODD 3). It matters only for processes in
// which a partner reads others' state that the same process also updates (passion contagion).
#include <cstdint>
#include <vector>

#include "model/parameters.hpp"
#include "random/random_stream.hpp"

namespace regiesim::sim {

// Fills `order` (already sized to the number of partners) with this step's order: ascending ids
// for `fixed` and `synchronous`, a uniform random permutation drawn from the stream (step,
// Purpose::activation) for `random_sequential` (Fisher-Yates with Boost.Random's uniform_int).
void draw_activation_order(model::Activation activation, RunSeed seed, std::int32_t step,
                           std::vector<std::int32_t>& order);

}  // namespace regiesim::sim
