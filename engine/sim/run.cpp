#include "sim/run.hpp"

#include "sim/initial_state.hpp"
#include "sim/recorder.hpp"
#include "sim/step.hpp"

namespace regiesim::sim {

RunPlan plan_replication(std::uint64_t master_seed, std::int64_t replication) {
  return {.run_id = replication,
          .replication = replication,
          .seed = derive_run_seed(master_seed, static_cast<std::uint64_t>(replication))};
}

record::RunRecord run_replication(const scenario::ScenarioSpec& spec, const network::Network& net,
                                  const RunPlan& plan, const StateHook& after_step) {
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
    step(spec, net, plan.seed, state, recorder.events());
    if (after_step) after_step(state);
    recorder.observe(state);
  }
  recorder.finish();
  return record;
}

}  // namespace regiesim::sim
