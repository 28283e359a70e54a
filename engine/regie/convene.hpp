#pragma once
// The regisseur's convening (C1): the foundation's plenary meeting, now in the regisseur's folder
// (issue 14 item 10) because convening is a regie choice, not a partner process.
#include <cstdint>

#include "model/parameters.hpp"
#include "model/state.hpp"
#include "sim/event_log.hpp"

namespace regiesim::regie {

// C1: the regisseur brings all active partners together every regisseur.convene_interval weeks.
// Returns whether a plenary meeting takes place this step; logs it and adds its cost to `effort`.
bool convene(const model::Parameters& p, const model::Flags& active, std::int32_t step,
             sim::EventLog& log, double& effort);

}  // namespace regiesim::regie
