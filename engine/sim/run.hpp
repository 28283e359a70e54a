#pragma once
// One replication of a scenario, from initial state to the last step: a pure function of
// (scenario, network, run seed). The same arguments give a bit-identical record on any thread.
#include <cstdint>
#include <functional>
#include <optional>

#include "model/chunk_executor.hpp"
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

// A replication's own scenario and network (ODD section 9): a population drawn per replication
// (scenario::population_per_replication) and a network drawn per replication
// (network.per_replication) come from the run's seed, so that a run redone alone, in a sweep, in
// `compare` or in the classroom page has the same partners and ties; otherwise the shared ones.
class ReplicationInputs {
 public:
  ReplicationInputs(const scenario::ScenarioSpec& spec, const network::Network& shared,
                    RunSeed seed);
  const scenario::ScenarioSpec& spec() const { return own_spec_ ? *own_spec_ : *shared_spec_; }
  const network::Network& network() const {
    return own_network_ ? *own_network_ : *shared_network_;
  }

 private:
  const scenario::ScenarioSpec* shared_spec_;
  const network::Network* shared_network_;
  std::optional<scenario::ScenarioSpec> own_spec_;
  std::optional<network::Network> own_network_;
};

// Called with the state after each step, before it is recorded. For tests only: a test corrupts
// the state through it to check that a NaN or infinity ends its run as failed (issue 17).
using StateHook = std::function<void(model::State&)>;

// A run whose state turns NaN or infinite stops at that step and comes back with status failed
// and a reason naming the step and the variable; the caller goes on with the other runs.
record::RunRecord run_replication(const scenario::ScenarioSpec& spec,
                                  const network::Network& network, const RunPlan& plan,
                                  const StateHook& after_step = {},
                                  const model::ChunkExecutor& executor = model::serial_executor());

// One replication of a file's scenario as every command runs it: on its ReplicationInputs.
// `executor` runs the chunks of a week's independent loops (sim::step); the record is the same
// to the last bit with any executor.
record::RunRecord run_drawn_replication(
    const scenario::ScenarioSpec& spec, const network::Network& shared, const RunPlan& plan,
    const model::ChunkExecutor& executor = model::serial_executor());

}  // namespace regiesim::sim
