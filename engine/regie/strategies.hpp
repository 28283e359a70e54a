#pragma once
// The regisseur's strategies (C11, C5, C14, C16; docs/ODD.md 3.3): choosers over the declared
// arsenal. A strategy sees only the Observation and its own memory, and returns this week's
// interventions; it never applies them (regie/apply does, whatever their source, design decision
// 18), and no process reads which strategy chose an intervention.
#include <cstdint>
#include <span>
#include <vector>

#include "model/parameters.hpp"
#include "model/plan.hpp"
#include "model/state.hpp"
#include "random/random_stream.hpp"
#include "regie/observation.hpp"

namespace regiesim::regie {

// Scratch and memory a chooser may use; memory fields of RegisseurState (low_weeks,
// debate_share, cursor, weeks_since_all) are updated from the Observation only.
struct ChooserContext {
  const model::Parameters& p;
  const Observation& obs;
  random::RunSeed seed;
  model::RegisseurState& memory;
  std::vector<model::Candidate>& candidates;
  std::vector<std::int32_t>& ids;
};

// Appends this week's interventions to `chosen` (cleared first): the chooser of
// regisseur.strategy, or, for `planned`, exactly the plan's entries of this week in file order.
void choose(ChooserContext& context, std::span<const model::PlanEntry> plan,
            std::vector<model::InterventionRequest>& chosen);

// Play mode (the classroom page): a player takes the regisseur's seat and the strategy's chooser
// is not called. The memory is updated from the Observation as for every strategy; the convening
// rhythm (regisseur.convene_interval) runs first, every week, as for every convening strategy;
// then, in choice weeks only (regisseur.choice_interval), the player's span is appended in its
// own order. apply_interventions checks it against the week's capacity and logs each skip with
// its reason, so `chosen` replayed as a `planned` schedule gives the same run.
void choose_for_player(ChooserContext& context, std::span<const model::InterventionRequest> players,
                       std::vector<model::InterventionRequest>& chosen);

// The effort an intervention will cost, as a chooser estimates it from the Observation (apply
// computes the exact cost of a convening from the groups it forms).
double estimated_cost(const model::Parameters& p, const Observation& obs,
                      const model::InterventionRequest& request);

// The observable movable gap Dhat of a candidate (docs/ODD.md 3.3 table), 0..1; and, for
// organise, its intensity (the level aimed at) in `intensity`.
double observable_gap(const model::Parameters& p, const Observation& obs,
                      const model::RegisseurState& memory, model::Intervention kind,
                      std::int32_t target, double& intensity);

}  // namespace regiesim::regie
