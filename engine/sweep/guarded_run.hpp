#pragma once
// One run of a sweep that cannot stop the sweep (design decision 11): an exception from the model
// becomes a failed record carrying the reason, with the run's id, point, replication and seed, so
// the file says which run failed and why, and the other runs go on.
#include <cstdint>
#include <functional>

#include "design/run_plan_list.hpp"
#include "record/run_record.hpp"

namespace regiesim::sweep {

// `body()` computes the run's record; if it throws, the result is a failed record of `run` with
// `steps` and the reason "exception: <what>". A record that body() returns (ok or failed by the
// model's own checks) passes through unchanged.
record::RunRecord guarded_run(const design::SweepRun& run, std::int32_t steps,
                              const std::function<record::RunRecord()>& body);

}  // namespace regiesim::sweep
