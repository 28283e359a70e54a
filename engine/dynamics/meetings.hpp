#pragma once
// Who meets whom this week (C1, design decision 10; docs/ODD.md 7.3): the meetings the regisseur
// convened (already in `meetings`, created by regie/apply), then spontaneous meetings of ties.
#include <cstdint>

#include "model/chunk_executor.hpp"
#include "model/parameters.hpp"
#include "model/state.hpp"
#include "network/network.hpp"
#include "random/random_stream.hpp"

namespace regiesim::dynamics {

// 1. every tie inside a convened meeting meets; 2. for each tie {i, j}, i < j, both active, in
// edge order, u = first uniform of (step, Purpose::meeting, i, j), drawn every week: if u <
// meetings.probability and the tie did not meet in a convened meeting, the pair becomes a
// spontaneous meeting with key (i, j); 3. `met` (both directions alike) marks the ties that met.
// Returns the number of ties that met. The draws run in chunks of edges through `executor`: the
// same meetings in the same order at any thread count.
std::int64_t form_meetings(const network::Network& net, const model::Parameters& p,
                           const model::Flags& active, random::RunSeed seed, std::int32_t step,
                           model::Meetings& meetings, model::Flags& met,
                           const model::ChunkExecutor& executor = model::serial_executor());

}  // namespace regiesim::dynamics
