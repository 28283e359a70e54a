#pragma once
// One replication of a scenario, from initial state to the last step: a pure function of
// (scenario, network, run seed). The same arguments give a bit-identical record on any thread.
#include <cstdint>
#include <functional>

#include "model/state.hpp"

#include "network/network.hpp"
#include "record/run_record.hpp"
#include "scenario/scenario_spec.hpp"

namespace regiesim::sim {

struct RunPlan {
  std::int64_t run_id = 0;
  std::int64_t point = 0;  // design point (sweeps)
  std::int32_t arm = 0;    // arm (compare)
  std::int64_t replication = 0;
  RunSeed seed;
};

// The plans of a file's runs: replication r has id r and the seed derive_run_seed(master, r).
RunPlan plan_replication(std::uint64_t master_seed, std::int64_t replication);

// Called with the state after each step, before it is recorded. For tests only: a test corrupts
// the state through it to check that a NaN or infinity ends its run as failed (issue 17).
using StateHook = std::function<void(model::State&)>;

// A run whose state turns NaN or infinite stops at that step and comes back with status failed
// and a reason naming the step and the variable; the caller goes on with the other runs.
record::RunRecord run_replication(const scenario::ScenarioSpec& spec,
                                  const network::Network& network, const RunPlan& plan,
                                  const StateHook& after_step = {});

}  // namespace regiesim::sim
