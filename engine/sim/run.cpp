#include "sim/run.hpp"

#include "scenario/population.hpp"
#include "sim/initial_state.hpp"
#include "sim/recorder.hpp"
#include "sim/step.hpp"

namespace regiesim::sim {

RunPlan plan_replication(std::uint64_t master_seed, std::int64_t replication) {
  return {.run_id = replication,
          .replication = replication,
          .seed = derive_run_seed(master_seed, static_cast<std::uint64_t>(replication))};
}

ReplicationInputs::ReplicationInputs(const scenario::ScenarioSpec& spec,
                                     const network::Network& shared, RunSeed seed)
    : shared_spec_(&spec), shared_network_(&shared) {
  if (scenario::population_per_replication(spec)) {
    own_spec_ = spec;
    scenario::redraw_population(*own_spec_, seed.value);
  }
  const scenario::ScenarioSpec& own = this->spec();
  if (network::per_replication(own.parameters))
    own_network_ =
        network::generate_for_run(own.parameters, own.partner_count(), seed, own.network_ties);
}

record::RunRecord run_drawn_replication(const scenario::ScenarioSpec& spec,
                                        const network::Network& shared, const RunPlan& plan,
                                        const model::ChunkExecutor& executor) {
  const ReplicationInputs drawn(spec, shared, plan.seed);
  return run_replication(drawn.spec(), drawn.network(), plan, {}, executor);
}

record::RunRecord run_replication(const scenario::ScenarioSpec& spec, const network::Network& net,
                                  const RunPlan& plan, const StateHook& after_step,
                                  const model::ChunkExecutor& executor) {
  record::RunRecord record;
  record.run_id = plan.run_id;
  record.point = plan.point;
  record.arm = plan.arm;
  record.replication = plan.replication;
  record.seed = plan.seed;
  model::State state = initial_state(spec, net);
  Recorder recorder(spec, net, record);
  recorder.observe(state);
  for (std::int64_t t = 1; t <= spec.parameters.steps && !recorder.failed(); ++t) {
    step(spec, net, plan.seed, state, recorder.events(), std::nullopt, executor);
    if (after_step) after_step(state);
    recorder.observe(state);
  }
  recorder.finish();
  return record;
}

}  // namespace regiesim::sim
