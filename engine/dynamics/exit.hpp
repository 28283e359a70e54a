#pragma once
// A partner whose commitment stays low leaves, and its capabilities leave with it.
#include <cstdint>

#include "model/parameters.hpp"
#include "model/state.hpp"
#include "record/event_log.hpp"

namespace regiesim::dynamics {

// Counts, per active partner, the weeks in a row with commitment below exit.threshold; at
// exit.patience weeks the partner leaves (flagged inactive, never removed) and an exit event is
// logged. Returns the number of partners who left this step.
int leave(const model::Parameters& p, std::int32_t step, model::PartnerState& partners,
          record::EventLog& log);

}  // namespace regiesim::dynamics
