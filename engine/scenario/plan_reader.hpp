#pragma once
// Reads the `[[regisseur.plan]]` array of tables (a `planned` regisseur's schedule) and checks it
// against the rest of the scenario. Kept apart from load_scenario.cpp, which reads the declared
// parameters; a bad entry is an InputError at its own line.
#include <toml++/toml.h>

#include <string>
#include <vector>

#include "model/plan.hpp"
#include "scenario/read_value.hpp"
#include "scenario/scenario_spec.hpp"

namespace regiesim::scenario {

// Appends the entries of `node` (an array of tables with week, intervention, target and optional
// intensity) to `plan`. Targets are names here; check_plan resolves them.
void read_plan(const toml::node& node, const std::string& origin,
               std::vector<model::PlanEntry>& plan);

// Resolves targets to partner ids and checks: weeks in 1..run.steps, targets exist, a group
// intervention targets "all", strategy "planned" has a plan and a plan has strategy "planned".
// `strategy` is where regisseur.strategy was set (a file's line, or the --set that set it), the
// place a missing schedule is reported at.
void check_plan(ScenarioSpec& spec, const detail::Place& strategy);

}  // namespace regiesim::scenario
