#pragma once
// A design point's scenario: the base scenario with the sweep's seed and replications and the
// point's parameter values applied through the same assignments as --set (so the same checks
// apply), each at the place in the sweep file where its parameter was written. Its
// scenario::resolved_toml() is the text the manifest keeps, from which `regiesim run` redoes any
// of the point's runs alone.
#include <cstdint>
#include <vector>

#include "design/design.hpp"
#include "design/sweep_spec.hpp"
#include "scenario/load_scenario.hpp"

namespace regiesim::design {

// run.seed and run.replications from the sweep, then one assignment per swept parameter.
std::vector<scenario::Assignment> point_assignments(const SweepSpec& sweep, const Design& design,
                                                    std::int64_t point);

// The point's validated scenario. A rule the combination breaks is an InputError at the
// parameter's place, prefixed with the point and its values.
scenario::ScenarioSpec point_scenario(const SweepSpec& sweep, const Design& design,
                                      std::int64_t point);

}  // namespace regiesim::design
